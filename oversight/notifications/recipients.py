"""Who receives a notification: people by permission, by role or by organisation."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import ROLE_PERMISSIONS, Permission


def with_permission(permission: Permission, *, exclude: User | None = None) -> QuerySet[User]:
    """Return the active users whose role grants `permission`, less `exclude`."""
    roles = [role for role, granted in ROLE_PERMISSIONS.items() if permission in granted]
    return of_roles(roles, exclude=exclude)


def of_roles(roles: Iterable[str], *, exclude: User | None = None) -> QuerySet[User]:
    """Return the active users who hold one of `roles`, less `exclude`."""
    users = User.objects.filter(is_active=True, role__in=list(roles))
    if exclude is not None and exclude.pk:
        users = users.exclude(pk=exclude.pk)
    return users.order_by("pk")


def of_organisation(organisation: Organisation | None) -> QuerySet[User]:
    """Return the active users who belong to `organisation` (none for no organisation)."""
    if organisation is None:
        return User.objects.none()
    return User.objects.filter(is_active=True, organisation=organisation).order_by("pk")
