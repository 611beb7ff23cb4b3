"""When the next publication is due, as every public page says.

A publication follows the Commissioner's Strategic Board that agrees its overview (paper,
paragraph 10), so the next one is due at the next Board meeting on the calendar. With no Board
meeting ahead, it is due a month after the latest publication, the cycle being monthly. Pure: no
Django, no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

AT_BOARD = "board"
MONTH_AFTER = "month_after"


@dataclass(frozen=True)
class NextDue:
    """The day the next publication is due, and whether a Board meeting or the cycle sets it."""

    date: dt.date
    basis: str
    # A month after a publication that no Board meeting has followed can be a day gone by.
    overdue: bool = False


def month_after(day: dt.date) -> dt.date:
    """Return the same day of the next month, or that month's last day if it is shorter."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(
    *, today: dt.date, next_board: dt.date | None, last_published: dt.date | None
) -> NextDue | None:
    """Return when the next publication is due: the next Board, else a month after the last.

    ``next_board`` is the date of the next Commissioner's Strategic Board (today or later), and
    ``last_published`` the day the latest publication was approved; None when neither is known.
    """
    if next_board is not None:
        return NextDue(next_board, AT_BOARD)
    if last_published is not None:
        due = month_after(last_published)
        return NextDue(due, MONTH_AFTER, overdue=due < today)
    return None
