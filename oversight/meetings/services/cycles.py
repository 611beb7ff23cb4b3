"""Writes to reporting cycles, their steps and the meetings they hold, each audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Role
from oversight.analysis.cycle import (
    CHIEF_CONSTABLES_TEAM,
    COMMISSIONERS_TEAM,
    WorkingCalendar,
    plan_cycles,
)
from oversight.meetings.models import (
    AgendaItem,
    Attendee,
    CycleStep,
    Meeting,
    OwnerRole,
    ReportingCycle,
)
from oversight.meetings.presets import ATTENDEES, MEETING_STEPS, PURPOSES, START_TIMES

_OWNER_ROLES = {
    COMMISSIONERS_TEAM: OwnerRole.COMMISSIONERS_TEAM,
    CHIEF_CONSTABLES_TEAM: OwnerRole.CHIEF_CONSTABLES_TEAM,
}
STEP_FIELDS = ("planned_date", "status", "completed_at", "completed_by_id")
SCHEDULE_FIELDS = ("title", "date", "start_time", "location")


def users_by_job_title() -> dict[str, User]:
    """Return the internal users whose job title only one person holds, keyed by title."""
    seen: dict[str, list[User]] = {}
    internal = (Role.COMMISSIONERS_TEAM, Role.CHIEF_CONSTABLES_TEAM)
    for user in User.objects.filter(is_active=True, role__in=internal).exclude(job_title=""):
        seen.setdefault(user.job_title.strip().lower(), []).append(user)
    return {title: users[0] for title, users in seen.items() if len(users) == 1}


@transaction.atomic
def create_meeting(
    *,
    kind: str,
    date: dt.date,
    by: User | None,
    cycle: ReportingCycle | None = None,
    title: str = "",
    start_time: dt.time | None = None,
    location: str = "",
    users_by_title: Mapping[str, User] | None = None,
    with_presets: bool = True,
) -> Meeting:
    """Create a meeting with its kind's preset attendees and standing agenda (audited).

    `with_presets=False` leaves the attendees to the caller: the Joint Planning Board invites
    its recorded members rather than the paper's job titles.
    """
    if kind not in Meeting.Kind.values:
        raise ValueError(f"Unknown kind of meeting {kind!r}")
    label = Meeting.Kind(kind).label
    meeting = Meeting.objects.create(
        kind=kind,
        cycle=cycle,
        title=title or label,
        date=date,
        start_time=start_time if start_time is not None else START_TIMES.get(kind),
        location=location,
    )
    users = users_by_title if users_by_title is not None else users_by_job_title()
    presets = ATTENDEES.get(kind, ()) if with_presets else ()
    for order, preset in enumerate(presets, start=1):
        user = users.get(preset.job_title.lower())
        Attendee.objects.create(
            meeting=meeting,
            name=user.display_name if user else preset.name,
            job_title=preset.job_title,
            team=preset.team,
            user=user,
            order=order,
        )
    for order, purpose in enumerate(PURPOSES.get(kind, ()), start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title=purpose.title,
            purpose=purpose.purpose,
            origin=AgendaItem.Origin.PURPOSE,
        )
    audit.record(by=by, action="meeting.created", obj=meeting, after=audit.state_of(meeting))
    return meeting


@transaction.atomic
def reschedule_meeting(
    *,
    meeting: Meeting,
    title: str,
    date: dt.date,
    start_time: dt.time | None,
    location: str,
    by: User | None,
) -> bool:
    """Change a meeting's title, date, time or place; return whether anything changed (audited).

    A meeting of a reporting cycle moves with its step (`redate_step`), so that the cycle's
    plan and its warnings stay true; only a meeting outside a cycle is rescheduled here.
    """
    if meeting.cycle_id is not None:
        raise ValueError(
            "A meeting of the reporting cycle moves with its step: change the step's date on "
            "the cycle's page."
        )
    if not title.strip():
        raise ValueError("A meeting needs a title.")
    before = audit.state_of(meeting, SCHEDULE_FIELDS)
    meeting.title = title.strip()
    meeting.date = date
    meeting.start_time = start_time
    meeting.location = location.strip()
    after = audit.state_of(meeting, SCHEDULE_FIELDS)
    if before == after:
        return False
    meeting.save(update_fields=list(SCHEDULE_FIELDS))
    audit.record(by=by, action="meeting.rescheduled", obj=meeting, before=before, after=after)
    return True


@transaction.atomic
def create_cycles(
    *,
    csb_dates: Iterable[dt.date],
    calendar: WorkingCalendar,
    by: User | None,
    offsets: Mapping[str, int] | None = None,
) -> list[ReportingCycle]:
    """Return a cycle per Board date, creating missing ones with their steps and meetings.

    A Board that already has a cycle keeps it unchanged, so running this twice is harmless.
    """
    planned = plan_cycles(csb_dates, calendar=calendar, offsets=offsets)
    existing = {
        c.csb_date: c for c in ReportingCycle.objects.filter(csb_date__in=[p.csb for p in planned])
    }
    users = users_by_job_title()
    result: list[ReportingCycle] = []
    for plan in planned:
        if plan.csb in existing:
            result.append(existing[plan.csb])
            continue
        cycle = ReportingCycle.objects.create(
            csb_date=plan.csb, conflicts=list(plan.conflicts), notes=list(plan.notes)
        )
        for order, step in enumerate(plan.steps, start=1):
            CycleStep.objects.create(
                cycle=cycle,
                key=step.key,
                order=order,
                title=step.title,
                planned_date=step.date,
                owner_role=_OWNER_ROLES.get(step.owner, OwnerRole.JOINT),
                named_owners=", ".join(step.named_owners),
            )
            if step.key in MEETING_STEPS and step.date is not None:
                create_meeting(
                    kind=step.key, date=step.date, cycle=cycle, by=by, users_by_title=users
                )
        audit.record(
            by=by,
            action="cycle.created",
            obj=cycle,
            after={
                **audit.state_of(cycle),
                "steps": {s.key: s.date.isoformat() if s.date else None for s in plan.steps},
            },
        )
        result.append(cycle)
    return result


def _refresh_cycle_status(cycle: ReportingCycle) -> None:
    """Set the cycle's status from its steps: complete when none is left planned."""
    statuses = list(cycle.steps.values_list("status", flat=True))
    if statuses and all(s != CycleStep.Status.PLANNED for s in statuses):
        status = ReportingCycle.Status.COMPLETE
    elif any(s == CycleStep.Status.DONE for s in statuses):
        status = ReportingCycle.Status.IN_PROGRESS
    else:
        status = ReportingCycle.Status.PLANNED
    if status != cycle.status:
        ReportingCycle.objects.filter(pk=cycle.pk).update(status=status)
        cycle.status = status


@transaction.atomic
def set_step_status(*, step: CycleStep, status: str, by: User | None, note: str = "") -> CycleStep:
    """Mark a step done, skipped or planned again; a meeting step done means the meeting held."""
    if status not in CycleStep.Status.values:
        raise ValueError(f"Unknown step status {status!r}")
    if status == CycleStep.Status.SKIPPED and not note.strip():
        raise ValueError("Say why the step is skipped.")
    before = audit.state_of(step, STEP_FIELDS)
    step.status = status
    if status == CycleStep.Status.DONE:
        step.completed_at = timezone.now()
        step.completed_by = by if by is not None and by.pk else None
    else:
        step.completed_at = None
        step.completed_by = None
    step.save(update_fields=["status", "completed_at", "completed_by"])
    if status == CycleStep.Status.DONE:
        Meeting.objects.filter(cycle=step.cycle, kind=step.key).update(status=Meeting.Status.HELD)
    _refresh_cycle_status(step.cycle)
    audit.record(
        by=by,
        action=f"cycle_step.{status}",
        obj=step,
        before=before,
        after=audit.state_of(step, STEP_FIELDS),
        note=note,
    )
    return step


@transaction.atomic
def redate_step(
    *, step: CycleStep, planned_date: dt.date, reason: str, by: User | None
) -> CycleStep:
    """Move a step to another date, with the reason; its meeting moves with it.

    The new date is not checked against the rules: the step then carries the warnings
    (out of the JPMG window, not a working day) that the cycle pages show.
    """
    if not reason.strip():
        raise ValueError("Say why the step moves.")
    if planned_date > step.cycle.csb_date and step.key != "csb":
        raise ValueError("A step cannot fall after its Board.")
    before = audit.state_of(step, STEP_FIELDS)
    step.planned_date = planned_date
    step.save(update_fields=["planned_date"])
    if step.key in MEETING_STEPS:
        Meeting.objects.filter(cycle=step.cycle, kind=step.key).update(date=planned_date)
    audit.record(
        by=by,
        action="cycle_step.redated",
        obj=step,
        before=before,
        after=audit.state_of(step, STEP_FIELDS),
        note=reason,
    )
    return step
