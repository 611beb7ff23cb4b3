"""Writes to a meeting's record: attendees and attendance, agenda, minutes, decisions."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.meetings.models import AgendaItem, Attendee, Decision, Meeting

ATTENDANCE_FIELDS = ("attended", "apologies")


@transaction.atomic
def add_attendee(
    *,
    meeting: Meeting,
    job_title: str,
    team: str,
    by: User | None,
    name: str = "",
    user: User | None = None,
) -> Attendee:
    """Add someone to a meeting's attendees (audited)."""
    if not job_title.strip():
        raise ValueError("An attendee needs a job title or role.")
    if team not in Attendee.Team.values:
        raise ValueError(f"Unknown team {team!r}")
    order = (meeting.attendees.aggregate(m=Max("order"))["m"] or 0) + 1
    attendee = Attendee.objects.create(
        meeting=meeting,
        name=name.strip() or (user.display_name if user else ""),
        job_title=job_title.strip(),
        team=team,
        user=user,
        order=order,
    )
    audit.record(by=by, action="attendee.added", obj=attendee, after=audit.state_of(attendee))
    return attendee


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, attendance: Mapping[int, tuple[str, bool]], by: User | None
) -> int:
    """Record who attended and who sent apologies; return how many attendees changed.

    `attendance` maps an attendee's id to (attended, apologies).
    """
    changed = 0
    for attendee in meeting.attendees.filter(pk__in=list(attendance)):
        attended, apologies = attendance[attendee.pk]
        if attended not in Attendee.Attended.values:
            raise ValueError(f"Unknown attendance {attended!r}")
        before = audit.state_of(attendee, ATTENDANCE_FIELDS)
        attendee.attended = attended
        attendee.apologies = apologies
        after = audit.state_of(attendee, ATTENDANCE_FIELDS)
        if before == after:
            continue
        attendee.save(update_fields=list(ATTENDANCE_FIELDS))
        audit.record(by=by, action="attendee.attendance", obj=attendee, before=before, after=after)
        changed += 1
    return changed


@transaction.atomic
def record_minutes(
    *, meeting: Meeting, minutes: str, by: User | None, held: bool | None = None
) -> Meeting:
    """Save the meeting's minutes, and whether it was held (audited)."""
    fields = ("minutes", "status")
    before = audit.state_of(meeting, fields)
    meeting.minutes = minutes
    if held is not None:
        meeting.status = Meeting.Status.HELD if held else Meeting.Status.PLANNED
    meeting.save(update_fields=list(fields))
    audit.record(
        by=by, action="meeting.minutes", obj=meeting, before=before,
        after=audit.state_of(meeting, fields),
    )  # fmt: skip
    return meeting


@transaction.atomic
def add_decision(*, meeting: Meeting, text: str, by: User | None) -> Decision:
    """Record a decision of the meeting (audited)."""
    if not text.strip():
        raise ValueError("A decision needs its text.")
    decision = Decision.objects.create(meeting=meeting, text=text.strip())
    audit.record(by=by, action="decision.created", obj=decision, after=audit.state_of(decision))
    return decision


@transaction.atomic
def add_agenda_item(
    *,
    meeting: Meeting,
    title: str,
    purpose: str,
    by: User | None,
    origin: str = AgendaItem.Origin.MANUAL,
    escalation: object | None = None,
) -> AgendaItem:
    """Add an item to the end of the meeting's agenda (audited)."""
    if not title.strip():
        raise ValueError("An agenda item needs a title.")
    order = (meeting.agenda.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=title.strip(),
        purpose=purpose.strip(),
        origin=origin,
        escalation=escalation,
    )
    audit.record(by=by, action="agenda_item.created", obj=item, after=audit.state_of(item))
    return item


@transaction.atomic
def link_attendees_by_job_title(*, by: User | None) -> int:
    """Link unlinked attendees to the one active user holding their job title; return how many.

    Meetings planned before their attendees had logins pick them up this way, so the
    attendees' calendar feeds carry the meetings.
    """
    from oversight.meetings.services.cycles import users_by_job_title

    users = users_by_job_title()
    linked = 0
    for attendee in Attendee.objects.filter(user__isnull=True).select_related("meeting"):
        user = users.get(attendee.job_title.strip().lower())
        if user is None:
            continue
        before = audit.state_of(attendee, ("user_id", "name"))
        attendee.user = user
        attendee.name = user.display_name
        attendee.save(update_fields=["user", "name"])
        audit.record(
            by=by, action="attendee.linked", obj=attendee, before=before,
            after=audit.state_of(attendee, ("user_id", "name")),
        )  # fmt: skip
        linked += 1
    return linked
