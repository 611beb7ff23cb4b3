"""The reporting cycle page opens at the current cycle; the others are folded away."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services

pytestmark = pytest.mark.django_db


def _thursdays(*weeks: int) -> list[dt.date]:
    """Return the working Thursdays nearest after today plus each number of weeks."""
    calendar, today, out = WorkingCalendar(), timezone.localdate(), []
    for n in weeks:
        day = today + dt.timedelta(weeks=n)
        while day.weekday() != 3 or not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        out.append(day)
    return out


def test_the_current_cycle_comes_first_and_open_and_the_rest_folded(client, opcc):
    older, old, current, later = _thursdays(-12, -6, 1, 6)
    services.create_cycles(
        csb_dates=[older, old, current, later], calendar=WorkingCalendar(), by=None
    )
    client.force_login(opcc)

    page = client.get(reverse("meetings:cycles")).content.decode()

    def at(day: dt.date) -> int:
        return page.index(f"Board on {day:%A} {day.day} {day:%B %Y}")

    assert at(current) < page.index("Later Boards") < at(later)
    assert page.index("Earlier Boards") < at(old) < at(older)  # the nearest first
    assert page.count("<table>") == 4  # the current cycle's, and one in each folded Board
    assert page.count('<details class="cycle">') == 3
    current_section = page[: page.index("Later Boards")]
    assert "Current cycle" in current_section and "<details" not in current_section
    assert re.search(r"Board on [^<]*: planned", page)


def test_with_no_board_ahead_the_past_ones_are_folded(client, opcc):
    (old,) = _thursdays(-6)
    services.create_cycles(csb_dates=[old], calendar=WorkingCalendar(), by=None)
    client.force_login(opcc)

    page = client.get(reverse("meetings:cycles")).content.decode()

    assert "No Board is planned from today on." in page
    assert "Earlier Boards" in page and "Current cycle" not in page
