"""The home page in Chromium, for the force with work waiting and for a partner: axe finds no
WCAG 2.2 AA violations, it works by keyboard, prints cleanly and reads in order unstyled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oversight.analysis.cycle import WorkingCalendar
from oversight.data.models import Finding, FindingKind
from oversight.meetings import services as meetings
from oversight.notifications.models import Kind
from oversight.notifications.services import notify
from oversight.performance.services import mark_presented
from tests.functional.accessibility import all_problems, report

pytestmark = pytest.mark.browser


def _next_thursday() -> dt.date:
    calendar, day = WorkingCalendar(), timezone.localdate() + dt.timedelta(days=8)
    while day.weekday() != 3 or not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def test_the_forces_home_page_passes_the_checks(signed_in_page, live_server, board_snapshot, force):
    mark_presented(snapshot=board_snapshot, by=force)
    meetings.create_cycles(csb_dates=[_next_thursday()], calendar=WorkingCalendar(), by=None)
    Finding.objects.create(
        kind=FindingKind.BREAK, force="gwent", dataset="street", period="2024-10",
        summary="Burglary 100 → 300 a month (+200%)", categories=["Burglary"],
    )  # fmt: skip
    meetings.create_action(
        title="Explain the rise in burglary", owner=force, owner_name="",
        due_date=timezone.localdate() - dt.timedelta(days=3), origin="theme",
        origin_label="Burglary", by=None,
    )  # fmt: skip
    notify(users=[force], kind=Kind.ACTION_OVERDUE, subject="Overdue by 3 days", url="/home/")

    page = signed_in_page(force)
    page.goto(f"{live_server.url}/home/")
    assert page.locator("h1").inner_text() == "This month"
    assert page.locator("#group-commentary + ul li").count() > 0
    assert page.locator("#group-findings + ul li").count() == 1

    assert report(all_problems(page)) == ""


def test_a_partners_home_page_passes_the_checks(signed_in_page, live_server, partner):
    notify(users=[partner], kind=Kind.FOLLOW_UP_ASSIGNED, subject="A follow-up", url="/home/")

    page = signed_in_page(partner)
    page.goto(f"{live_server.url}/home/")

    assert page.locator("ol.notifications li.unread").count() == 1
    assert report(all_problems(page)) == ""
