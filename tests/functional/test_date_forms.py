"""Edit forms with a date keep it: saved unchanged in a real browser, the change goes through.

A date input accepts only YYYY-MM-DD; a form that rendered "23/11/2026" showed an empty date,
and closing an overdue action or moving a cycle step failed unless the date was typed again.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser]


@pytest.fixture
def cycle_and_action(transactional_db, opcc):
    from oversight.analysis.cycle import WorkingCalendar
    from oversight.meetings import services
    from oversight.meetings.models import Meeting

    (cycle,) = services.create_cycles(
        csb_dates=[dt.date(2026, 12, 3)], calendar=WorkingCalendar(), by=opcc
    )
    jpmg = cycle.meetings.get(kind=Meeting.Kind.JPMG)
    action = services.create_action(
        title="Report on the burglary series", owner=opcc, owner_name="", origin="meeting",
        origin_meeting=jpmg, due_date=dt.date(2026, 11, 23), by=opcc,
    )  # fmt: skip
    return cycle, action


def test_an_action_saved_unchanged_keeps_its_due_date(
    signed_in_page, live_server, cycle_and_action, opcc
):
    _, action = cycle_and_action
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/meetings/actions/{action.pk}/")
    assert page.input_value("input[type=date][name=due_date]") == "2026-11-23"
    page.select_option("select[name=status]", "done")
    page.click("button[type=submit]:has-text('Save action')")
    page.wait_for_load_state()
    assert "This field is required" not in page.content()
    action.refresh_from_db()
    assert action.status == "done" and action.due_date == dt.date(2026, 11, 23)


def test_a_step_moved_with_its_date_as_shown_saves(
    signed_in_page, live_server, cycle_and_action, opcc
):
    cycle, _ = cycle_and_action
    step = cycle.steps.get(key="briefing")
    planned = step.planned_date
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/meetings/cycles/{cycle.csb_date:%Y-%m-%d}/")
    form = page.locator(f"form[action='/meetings/steps/{step.pk}/date/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    assert form.locator("input[type=date]").input_value() == f"{planned:%Y-%m-%d}"
    form.locator("input[name=reason]").fill("Kept on its day; reason recorded")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "This field is required" not in page.content()
    step.refresh_from_db()
    assert step.planned_date == planned
