"""Writes to the Compstat concerns register and the follow-ups agreed with partners [8]."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Permission, Role
from oversight.meetings.models import Meeting
from oversight.notifications.models import Kind
from oversight.notifications.recipients import of_organisation
from oversight.notifications.services import notify
from oversight.plans.models import Bcu
from oversight.themes.access import can_update_follow_up
from oversight.themes.lifecycle import LifecycleError
from oversight.themes.models import Concern, FollowUp, FollowUpUpdate, ThematicReview
from oversight.themes.services.reviews import propose_review

CS = Concern.Status
CONCERN_FIELDS = (
    "raised_by_name",
    "raised_by_role",
    "bcu_id",
    "service",
    "concern",
    "barrier",
    "partner_id",
    "owner_id",
    "status",
    "raised_at_id",
    "raised_on",
    "resolved_on",
)
FOLLOW_UP_FIELDS = ("concern_id", "organisation_id", "action", "due_date", "status")
CONCERN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    CS.OPEN: (CS.FOLLOWING_UP, CS.RESOLVED, CS.CLOSED),
    CS.FOLLOWING_UP: (CS.OPEN, CS.RESOLVED, CS.CLOSED),
    CS.RESOLVED: (CS.FOLLOWING_UP, CS.CLOSED),
    CS.CLOSED: (),
}


def _require(by: User | None, permission: Permission) -> None:
    if by is not None and not by.can(permission):
        raise PermissionDenied(f"Your role does not allow this ({permission.value}).")


@transaction.atomic
def raise_concern(
    *,
    raised_by_name: str,
    raised_by_role: str,
    concern: str,
    partner: Organisation,
    by: User | None,
    bcu: Bcu | None = None,
    service: str = "",
    barrier: str = "",
    owner: User | None = None,
    raised_at: Meeting | None = None,
    raised_on: dt.date | None = None,
) -> Concern:
    """Record a concern raised by a BCU commander or head of service (audited)."""
    _require(by, Permission.MANAGE_CONCERNS)
    if not raised_by_name.strip():
        raise ValueError("Name who raised the concern.")
    if raised_by_role not in Concern.RaisedByRole.values:
        raise ValueError("A concern is raised by a BCU commander or a head of service.")
    if bcu is None and not service.strip():
        raise ValueError("Say which BCU or service the concern is about.")
    if not concern.strip():
        raise ValueError("Describe the concern.")
    if owner is not None and owner.role != Role.COMMISSIONERS_TEAM:
        raise ValueError("The follow-up is owned by someone in the Commissioner's team.")
    if raised_at is not None and raised_at.kind != Meeting.Kind.FORCE_COMPSTAT:
        raise ValueError(f"{raised_at} is not a Force Compstat meeting.")
    if raised_on is None:
        raised_on = raised_at.date if raised_at is not None else timezone.localdate()
    item = Concern.objects.create(
        raised_by_name=raised_by_name.strip(),
        raised_by_role=raised_by_role,
        bcu=bcu,
        service=service.strip(),
        concern=concern.strip(),
        barrier=barrier.strip(),
        partner=partner,
        owner=owner,
        raised_at=raised_at,
        raised_on=raised_on,
        created_by=by if by is not None and by.pk else None,
    )
    audit.record(
        by=by, action="concern.raised", obj=item, after=audit.state_of(item, CONCERN_FIELDS)
    )
    return item


@transaction.atomic
def set_concern_status(
    *, concern: Concern, status: str, by: User | None, note: str = ""
) -> Concern:
    """Move a concern on (following up, resolved, closed), saying why when it ends (audited)."""
    _require(by, Permission.MANAGE_CONCERNS)
    concern.status = Concern.objects.select_for_update().get(pk=concern.pk).status
    if status not in CONCERN_TRANSITIONS.get(concern.status, ()):
        raise LifecycleError(
            f"A concern cannot go from {CS(concern.status).label.lower()} to "
            f"{CS(status).label.lower() if status in CS.values else repr(status)}."
        )
    if status in (CS.RESOLVED, CS.CLOSED) and not note.strip():
        raise ValueError("Say how the concern was resolved, or why it is closed.")
    before = audit.state_of(concern, CONCERN_FIELDS)
    concern.status = status
    if status == CS.RESOLVED:
        concern.resolved_on = timezone.localdate()
    elif status in (CS.OPEN, CS.FOLLOWING_UP):
        concern.resolved_on = None
    concern.save()
    audit.record(
        by=by,
        action=f"concern.{status}",
        obj=concern,
        before=before,
        after=audit.state_of(concern, CONCERN_FIELDS),
        note=note.strip(),
    )
    return concern


@transaction.atomic
def add_follow_up(
    *,
    concern: Concern,
    action: str,
    due_date: dt.date,
    by: User | None,
    organisation: Organisation | None = None,
) -> FollowUp:
    """Record an action agreed with a partner on a concern; an open concern is then followed up."""
    _require(by, Permission.MANAGE_CONCERNS)
    if concern.status == CS.CLOSED:
        raise LifecycleError("The concern is closed.")
    if not action.strip():
        raise ValueError("Say what was agreed with the partner.")
    follow_up = FollowUp.objects.create(
        concern=concern,
        organisation=organisation or concern.partner,
        action=action.strip(),
        due_date=due_date,
        created_by=by if by is not None and by.pk else None,
    )
    audit.record(
        by=by,
        action="follow_up.added",
        obj=follow_up,
        after=audit.state_of(follow_up, FOLLOW_UP_FIELDS),
    )
    notify(
        users=of_organisation(follow_up.organisation),
        kind=Kind.FOLLOW_UP_ASSIGNED,
        subject=f"A follow-up for {follow_up.organisation}, due {due_date.day} {due_date:%B %Y}",
        body=f"{follow_up.action}\n\nOn the concern: {concern.summary} ({concern.where}).",
        url=reverse("themes:follow_up", args=[follow_up.pk]),
    )
    if concern.status == CS.OPEN:
        set_concern_status(concern=concern, status=CS.FOLLOWING_UP, by=by)
    return follow_up


@transaction.atomic
def update_follow_up(
    *, follow_up: FollowUp, text: str, status: str, by: User | None
) -> FollowUpUpdate:
    """Add a progress note and status to a follow-up; partners only for their organisation."""
    if not can_update_follow_up(by, follow_up):
        raise PermissionDenied("You may update only your organisation's follow-ups.")
    if status not in FollowUp.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    if not text.strip():
        raise ValueError("Say what has happened.")
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    before = audit.state_of(follow_up, FOLLOW_UP_FIELDS)
    update = FollowUpUpdate.objects.create(
        follow_up=follow_up,
        text=text.strip(),
        status=status,
        by=by if by is not None and by.pk else None,
    )
    follow_up.status = status
    follow_up.save()
    audit.record(
        by=by,
        action="follow_up.updated",
        obj=follow_up,
        before=before,
        after=audit.state_of(follow_up, FOLLOW_UP_FIELDS),
        note=text.strip(),
    )
    return update


@transaction.atomic
def propose_as_theme(
    *, concern: Concern, by: User | None, title: str = "", rationale: str = ""
) -> ThematicReview:
    """Propose a thematic review from a concern, keeping the link back to it (audited)."""
    _require(by, Permission.MANAGE_THEMES)
    existing = concern.reviews.exclude(status=ThematicReview.Status.CLOSED).first()
    if existing is not None:
        raise LifecycleError(f"The concern is already proposed as the review “{existing}”.")
    review = propose_review(
        title=title.strip() or f"Partnership barrier: {concern.summary}",
        origin=ThematicReview.Origin.COMPSTAT_CONCERN,
        description=concern.concern,
        rationale=rationale.strip()
        or f"Raised at Force Compstat by {concern.raised_by_name} "
        f"({concern.get_raised_by_role_display()}, {concern.where}). Barrier: "
        f"{concern.barrier or 'not stated'}",
        raised_by_concern=concern,
        by=by,
    )
    audit.record(
        by=by, action="concern.proposed_as_theme", obj=concern, after={"review": review.pk}
    )
    return review
