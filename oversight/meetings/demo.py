"""The demo's reporting cycles: a year of Boards, past ones complete, the current one under way.

Safe to run again: cycles, records, actions and reviews already present are left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import User
from oversight.analysis.cycle import WorkingCalendar, csb_dates_from_rule
from oversight.meetings import services
from oversight.meetings.models import (
    Action,
    Attendee,
    CycleStep,
    Escalation,
    MeasureReview,
    Meeting,
    ReportingCycle,
)

RULE = "first Thursday"

MINUTES = {
    Meeting.Kind.FORCE_COMPSTAT: "BCU commanders and heads of service presented performance. "
    "Partnership barriers noted for the Commissioner's team.",
    Meeting.Kind.COMPSTAT_DEBRIEF: "Compstat findings shared with the Planning and Performance "
    "Manager.",
    Meeting.Kind.BRIEFING: "Overview, proposed escalations and measures for review agreed.",
    Meeting.Kind.JPMG: "Performance reviewed against the Plan's outcomes. Escalations decided "
    "and measures reviewed as recorded below.",
    Meeting.Kind.CHIEF_CONSTABLES_GOLD: "Gold products approved.",
    Meeting.Kind.CSB: "The Board received the high-level overview and the thematic presentation.",
}

DECISIONS = {
    Meeting.Kind.JPMG: "Recommend anti-social behaviour for the thematic programme.",
    Meeting.Kind.CSB: "The overview and thematic presentation were noted.",
}


def _month_start(day: dt.date, months: int) -> dt.date:
    """Return the first day of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _person(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _complete(meeting: Meeting, by: User | None) -> None:
    """Record a past meeting: attendance, minutes and its decision, once."""
    attendees = list(meeting.attendees.all())
    if attendees and all(a.attended == Attendee.Attended.UNKNOWN for a in attendees):
        # Everyone came, except that the last on the list sent apologies.
        record = {a.pk: (Attendee.Attended.YES, False) for a in attendees}
        record[attendees[-1].pk] = (Attendee.Attended.NO, True)
        services.record_attendance(meeting=meeting, attendance=record, by=by)
    if not meeting.minutes:
        services.record_minutes(
            meeting=meeting, minutes=MINUTES.get(meeting.kind, "Held."), held=True, by=by
        )
    text = DECISIONS.get(meeting.kind)
    if text and not meeting.decisions.exists():
        services.add_decision(meeting=meeting, text=text, by=by)


def _actions(jpmg: Meeting, today: dt.date, by: User | None) -> int:
    """Add the demo's actions from one past JPMG (one of them overdue), once."""
    if Action.objects.filter(origin_meeting=jpmg).exists():
        return 0
    force, opcc = _person("force"), _person("opcc")
    rows = [
        ("Explain the rise in residential burglary", force, today - dt.timedelta(days=9),
         Action.Status.IN_PROGRESS),
        ("Share the hate crime problem profile with partners", opcc, today + dt.timedelta(days=12),
         Action.Status.OPEN),
        ("Confirm the victim satisfaction survey sample", force, jpmg.date + dt.timedelta(days=14),
         Action.Status.DONE),
    ]  # fmt: skip
    for title, owner, due, status in rows:
        action = services.create_action(
            title=title,
            owner=owner,
            owner_name="" if owner else "Deputy Chief Constable",
            due_date=due,
            origin=Action.Origin.MEETING,
            origin_meeting=jpmg,
            by=by,
        )
        if status != Action.Status.OPEN:
            services.update_action(action=action, changes={"status": status}, by=by)
    return len(rows)


def _past_escalation_and_review(jpmg: Meeting, by: User | None) -> None:
    """Give one past JPMG an escalation the Board answered and a measure review, once."""
    if not jpmg.escalations.exists():
        escalation = services.raise_escalation(
            jpmg=jpmg,
            area="Anti-social behaviour",
            reason="Calls up for the third month running in two BCUs.",
            by=by,
        )
        services.decide_escalation(
            escalation=escalation,
            accept=True,
            reason="Sustained rise; partners' response needs the Board's attention.",
            by=by,
        )
        if escalation.csb is not None:
            services.record_csb_response(
                escalation=escalation,
                response="Board asked for ASB as the next thematic review.",
                by=by,
            )
    if not MeasureReview.objects.filter(jpmg=jpmg).exists():
        from oversight.plans.models import Measure, MeasureStatus

        measure = Measure.objects.filter(status=MeasureStatus.ACTIVE).first()
        if measure is not None:
            services.review_measure(
                jpmg=jpmg,
                measure=measure,
                decision="keep",
                reason="Still evidences its outcome; the data are timely and complete.",
                effective_from=None,
                changes=None,
                by=by,
            )


def _decide_current(jpmg: Meeting, by: User | None) -> None:
    """Have the current cycle's JPMG, already held, accept three of its measures' proposals."""
    proposed = jpmg.escalations.filter(
        status=Escalation.Status.PROPOSED, measure__isnull=False
    ).order_by("pk")
    for escalation in proposed[:3]:
        services.decide_escalation(
            escalation=escalation,
            accept=True,
            reason="The JPMG agreed the Board should hear the force's plan for this measure.",
            by=by,
        )


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    """Load a year of reporting cycles with their records (safe to run again)."""
    today = timezone.localdate()
    by = _person("opcc")
    calendar = WorkingCalendar()
    start = _month_start(today, -11)
    end = _month_start(today, 2) - dt.timedelta(days=1)
    dates = csb_dates_from_rule(RULE, start, end, calendar)
    cycles = services.create_cycles(csb_dates=dates, calendar=calendar, by=by)
    services.link_attendees_by_job_title(by=by)

    past = [c for c in cycles if c.csb_date < today]
    current = next((c for c in cycles if c.csb_date >= today), None)
    actions = 0
    for cycle in cycles:
        for step in cycle.steps.filter(status=CycleStep.Status.PLANNED, planned_date__lt=today):
            services.set_step_status(step=step, status=CycleStep.Status.DONE, by=by)
        for meeting in cycle.meetings.filter(date__lt=today):
            _complete(meeting, by)
    for cycle in past[-3:]:
        jpmg = cycle.meetings.filter(kind=Meeting.Kind.JPMG).first()
        if jpmg is not None:
            actions += _actions(jpmg, today, by) if cycle is past[-1] else 0
            _past_escalation_and_review(jpmg, by)

    proposed = 0
    if current is not None:
        from oversight.performance.models import Snapshot

        snapshot = Snapshot.objects.order_by("-created_at", "-id").first()
        jpmg = current.meetings.filter(kind=Meeting.Kind.JPMG).first()
        if snapshot is not None and jpmg is not None:
            proposed = len(services.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=by))
            if jpmg.date < today:
                _decide_current(jpmg, by)
    stdout.write(
        f"Reporting cycle: {ReportingCycle.objects.count()} cycles "
        f"({len(past)} past, current Board "
        f"{current.csb_date.isoformat() if current else 'none'}); {actions} new actions, "
        f"{proposed} escalations proposed, "
        f"{Escalation.objects.count()} escalations in all."
    )
