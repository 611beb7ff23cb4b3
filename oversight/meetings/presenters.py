"""Shaping cycles, meetings and actions for the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings.models import Action, CycleStep, Escalation, Meeting, ReportingCycle


@dataclass
class StepRow:
    """A step with its warnings and, for a meeting step, the meeting."""

    step: CycleStep
    warnings: list[str]
    meeting: Meeting | None = None


@dataclass
class CycleRow:
    """A cycle with its nine step rows, and whether it is the one in progress."""

    cycle: ReportingCycle
    steps: list[StepRow] = field(default_factory=list)
    current: bool = False

    @property
    def warning_count(self) -> int:
        return sum(len(s.warnings) for s in self.steps)


def cycles_with_steps(cycles: QuerySet[ReportingCycle]) -> QuerySet[ReportingCycle]:
    """Return the cycles with their steps and meetings loaded in three queries."""
    return cycles.prefetch_related(
        Prefetch(
            "steps", queryset=CycleStep.objects.select_related("completed_by").order_by("order")
        ),
        "meetings",
    )


def cycle_rows(
    cycles: Iterable[ReportingCycle], *, today: dt.date, calendar: WorkingCalendar
) -> list[CycleRow]:
    """Return a row per cycle; the first whose Board is today or later is the current one."""
    rows: list[CycleRow] = []
    current_found = False
    for cycle in cycles:
        meetings = {m.kind: m for m in cycle.meetings.all()}
        row = CycleRow(cycle)
        for step in cycle.steps.all():
            step.cycle = cycle  # already loaded; spares a query per warning
            row.steps.append(StepRow(step, step.warnings(calendar), meetings.get(step.key)))
        if not current_found and cycle.csb_date >= today:
            row.current = current_found = True
        rows.append(row)
    return rows


@dataclass
class EscalationGroups:
    """A JPMG's escalations by status, for the meeting page."""

    proposed: list[Escalation]
    accepted: list[Escalation]
    rejected: list[Escalation]


def escalation_groups(escalations: Iterable[Escalation]) -> EscalationGroups:
    """Return the escalations split into proposed, accepted and rejected."""
    items = list(escalations)
    S = Escalation.Status
    return EscalationGroups(
        proposed=[e for e in items if e.status == S.PROPOSED],
        accepted=[e for e in items if e.status == S.ACCEPTED],
        rejected=[e for e in items if e.status == S.REJECTED],
    )


def filter_actions(
    actions: QuerySet[Action],
    *,
    owner: object | None,
    status: str,
    overdue: bool,
    today: dt.date,
) -> QuerySet[Action]:
    """Return the actions matching the register's filters."""
    if owner is not None:
        actions = actions.filter(owner=owner)
    if status == "live":
        actions = actions.filter(status__in=Action.OPEN_STATUSES)
    elif status:
        actions = actions.filter(status=status)
    if overdue:
        actions = actions.filter(status__in=Action.OPEN_STATUSES, due_date__lt=today)
    return actions
