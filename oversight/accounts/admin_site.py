"""The Django admin is for administrators only, whatever a user's staff flag says."""

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from oversight.accounts.permissions import Permission


def guard_admin(site: AdminSite) -> None:
    """Let only users whose role grants ADMINISTER into the admin site."""

    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_authenticated and user.can(Permission.ADMINISTER))

    site.has_permission = has_permission  # type: ignore[method-assign]
