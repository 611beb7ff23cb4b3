"""Who may see and update which follow-ups: partners only their own organisation's."""

from __future__ import annotations

from django.db.models import QuerySet

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission, Role
from oversight.themes.models import FollowUp


def visible_follow_ups(user: User) -> QuerySet[FollowUp]:
    """Return the follow-ups `user` may see: all for internal roles, a partner's own org's."""
    follow_ups = FollowUp.objects.select_related("concern", "organisation")
    if user.role == Role.PARTNER:
        if not user.can(Permission.UPDATE_FOLLOWUPS) or user.organisation_id is None:
            return follow_ups.none()
        return follow_ups.filter(organisation_id=user.organisation_id)
    if user.can(Permission.VIEW_CONCERNS) or user.can(Permission.UPDATE_FOLLOWUPS):
        return follow_ups
    return follow_ups.none()


def can_update_follow_up(user: User | None, follow_up: FollowUp) -> bool:
    """Return whether `user` may add an update to the follow-up; None (the system) may."""
    if user is None:
        return True
    if not user.can(Permission.UPDATE_FOLLOWUPS):
        return False
    if user.role == Role.PARTNER:
        return (
            user.organisation_id is not None and user.organisation_id == follow_up.organisation_id
        )
    return True
