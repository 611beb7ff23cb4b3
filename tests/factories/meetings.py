"""Meetings as the pages leave them: a Strategic Board of its cycle, a Joint Planning Board."""

from __future__ import annotations

import datetime as dt

from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services
from oversight.meetings.models import Meeting
from oversight.roadmap.services import schedule_board_meeting


def held(meeting: Meeting, minutes: str = "Held.") -> Meeting:
    """Return the meeting with its minutes saved and marked as held."""
    return services.record_minutes(meeting=meeting, minutes=minutes, held=True, by=None)


def strategic_board(day: dt.date, *, is_held: bool = True) -> Meeting:
    """Return the Commissioner's Strategic Board of a cycle planned for `day`."""
    cycle = services.create_cycles(csb_dates=[day], calendar=WorkingCalendar(), by=None)[0]
    board = cycle.meetings.get(kind=Meeting.Kind.CSB)
    return held(board) if is_held else board


def planning_board(day: dt.date, *, is_held: bool = True) -> Meeting:
    """Return a Joint Planning Board meeting on `day`, outside any cycle."""
    meeting = schedule_board_meeting(date=day, by=None)
    return held(meeting) if is_held else meeting
