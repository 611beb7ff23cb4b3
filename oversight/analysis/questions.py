"""The Panel's questions: when an answer is due, where a question stands, and whether it is late.

A question's answer is due a number of working days after the day it was asked (the setting
``OVERSIGHT_QUESTION_WORKING_DAYS``, 15 by default), counted with the reporting cycle's
working-day calendar: no weekends, no bank holidays of England and Wales, no closure days. The
day of asking is day 0, so a question asked on a Saturday counts from the Monday after, and one
answered on its due date is answered in time. A question is overdue from the day after its due
date until its answer is released to the Panel.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from oversight.analysis.cycle import WorkingCalendar

DEFAULT_WORKING_DAYS = 15


class Stage(StrEnum):
    """Where a question stands, worked out from what has been done to it (never stored)."""

    RECEIVED = "received"
    ASSIGNED = "assigned"
    DRAFTED = "drafted"
    ANSWERED = "answered"


STAGE_LABELS: dict[Stage, str] = {
    Stage.RECEIVED: "Received, awaiting assignment",
    Stage.ASSIGNED: "Assigned, being answered",
    Stage.DRAFTED: "Answer drafted, awaiting release",
    Stage.ANSWERED: "Answered",
}


def due_date(asked_on: date, working_days: int, calendar: WorkingCalendar) -> date:
    """Return the day an answer is due: `working_days` working days after `asked_on`."""
    if working_days < 1:
        raise ValueError(f"An answer is due at least one working day on, not {working_days}.")
    return calendar.working_days_after(asked_on, working_days)


def stage(*, assigned: bool, drafted: bool, released: bool) -> Stage:
    """Return the stage of a question from whether it is assigned, drafted and released."""
    if released:
        return Stage.ANSWERED
    if drafted:
        return Stage.DRAFTED
    if assigned:
        return Stage.ASSIGNED
    return Stage.RECEIVED


def is_overdue(due: date, today: date, released_on: date | None) -> bool:
    """Return True if the answer is not released and its due date has passed."""
    return released_on is None and today > due


def days_late(due: date, on: date) -> int:
    """Return how many calendar days after its due date `on` is (0 when on or before it)."""
    return max((on - due).days, 0)


def answered_in_time(due: date, released_on: date | None) -> bool | None:
    """Return whether the answer was released by its due date; None while it is not released."""
    if released_on is None:
        return None
    return released_on <= due
