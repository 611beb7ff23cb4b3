"""What the footer of every public page says of the site as a whole, read fresh each request.

The month a page's data runs to is its publication's (a publication page has it in its content);
a page of no one publication (the archive, the accessibility statement) gives the latest
publication's. When the next publication is due comes from the meetings calendar, which changes
whenever a Board is planned or moved, and with the day: so it is part of the key of every kept
public page (``oversight.core.caching.add_site_state``), not frozen into one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Subquery
from django.utils import timezone

from oversight.analysis.publication_due import NextDue, next_due
from oversight.meetings.models import Meeting
from oversight.publishing.models import Publication


@dataclass(frozen=True)
class Schedule:
    """The latest publication's month, if any, and when the next publication is due."""

    latest_period: str | None
    due: NextDue | None


def schedule(today: dt.date | None = None) -> Schedule:
    """Return the latest published month and when the next publication is due.

    One query once something is published (the next Board is read beside the latest
    publication), as it runs for every kept public page served.
    """
    today = today or timezone.localdate()
    boards = Meeting.objects.filter(kind=Meeting.Kind.CSB, date__gte=today).order_by("date")
    latest = (
        Publication.objects.published()
        .order_by("-number")
        .annotate(next_board=Subquery(boards.values("date")[:1]))
        .values_list("period", "decided_at", "next_board")
        .first()
    )
    if latest is None:
        period, last = None, None
        board = boards.values_list("date", flat=True).first()
    else:
        period, decided_at, board = latest
        last = timezone.localdate(decided_at) if decided_at is not None else None
    return Schedule(period, next_due(today=today, next_board=board, last_published=last))


def page_state() -> tuple:
    """Return what, beyond its publication, a kept public page shows: the footer and the brand."""
    found = schedule()
    due = found.due
    return (
        found.latest_period,
        (due.date.isoformat(), due.basis, due.overdue) if due else None,
        settings.COMMISSIONER_NAME,
        settings.COMMISSIONER_NAME_CY,
        settings.COMMISSIONER_LOGO,
        settings.BRAND_COLOUR,
    )
