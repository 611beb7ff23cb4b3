"""Who may see and change which roadmap activities; services enforce these, views only echo them.

Partners change only their own organisation's (partner-perspective) activities; the Chief
Constable's team only force activities; the Commissioner's team only Commissioner activities.
The Panel and the public read public activities only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission, Role
from oversight.roadmap.models import Activity, Perspective

# The one perspective each internal team may change.
TEAM_PERSPECTIVE = {
    Role.CHIEF_CONSTABLES_TEAM: Perspective.FORCE,
    Role.COMMISSIONERS_TEAM: Perspective.COMMISSIONER,
}


def may_edit(user: User | None, *, perspective: str, partner_id: int | None) -> bool:
    """Return whether `user` may change an activity of this perspective (None: the system)."""
    if user is None:
        return True
    if not user.is_authenticated or not user.can(Permission.EDIT_ROADMAP):
        return False
    if user.role == Role.PARTNER:
        return (
            perspective == Perspective.PARTNER
            and partner_id is not None
            and partner_id == user.organisation_id
        )
    return TEAM_PERSPECTIVE.get(user.role) == perspective


def refusal(user: User | None, *, perspective: str, partner_id: int | None) -> str | None:
    """Return why `user` may not change such an activity, or None if they may."""
    if may_edit(user, perspective=perspective, partner_id=partner_id):
        return None
    assert user is not None
    if not user.is_authenticated or not user.can(Permission.EDIT_ROADMAP):
        return "your role cannot change the roadmap"
    if user.role == Role.PARTNER:
        return "partners may change only their own organisation's partner activities"
    own = TEAM_PERSPECTIVE.get(user.role)
    if own is None:
        return "your role cannot change the roadmap"
    return f"your team may change only {own.label.lower()} activities"


def check_may_edit(user: User | None, *, perspective: str, partner_id: int | None) -> None:
    """Raise PermissionDenied unless `user` may change an activity of this perspective."""
    reason = refusal(user, perspective=perspective, partner_id=partner_id)
    if reason:
        raise PermissionDenied(reason[0].upper() + reason[1:] + ".")


def may_edit_activity(user: User | None, activity: Activity) -> bool:
    return may_edit(user, perspective=activity.perspective, partner_id=activity.partner_id)


def sees_internal(user: User | None) -> bool:
    """Return whether the user reads the whole roadmap, not only what is public."""
    return bool(user is not None and user.is_authenticated and user.can(Permission.VIEW_ROADMAP))


def visible(user: User | None, activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Return the activities this user may read: all for internal roles, else public ones."""
    return activities if sees_internal(user) else activities.filter(public=True)


def sees_funding(user: User | None, activity: Activity) -> bool:
    """Return whether the user may see what an activity is to spend.

    The two internal teams see all of the roadmap's money; a partner sees only its own
    organisation's activities' funding; the Panel and the public see none.
    """
    if user is None or not user.is_authenticated or not user.can(Permission.VIEW_ROADMAP):
        return False
    if user.role == Role.PARTNER:
        return activity.partner_id is not None and activity.partner_id == user.organisation_id
    return user.role in TEAM_PERSPECTIVE


def sees_all_funding(user: User | None) -> bool:
    """Return whether the user may see the whole roadmap's money (the two internal teams)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.can(Permission.VIEW_ROADMAP)
        and user.role in TEAM_PERSPECTIVE
    )
