"""The Welsh texts page in Chromium as the Commissioner's team uses it: find a text missing its
Welsh, write it, come back to what is still missing; every page passes the accessibility checks
(axe WCAG 2.2 AA, keyboard, print, reading order)."""

from __future__ import annotations

import pytest

from oversight.plans.models import Measure, Priority
from tests.functional.accessibility import all_problems, report

pytestmark = pytest.mark.browser

NAME_CY = "Digwyddiadau ymddygiad gwrthgymdeithasol"


@pytest.fixture
def missing(demo_plan):
    Measure.objects.filter(code="PUK08").update(name_cy="")
    Priority.objects.filter(code="P2").update(description_cy="")
    return demo_plan


def test_the_team_adds_a_missing_welsh_text_from_the_filtered_list(
    signed_in_page, live_server, opcc, missing
):
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/plan/welsh/")
    assert page.locator("td[lang=cy]").count() > 90
    page.select_option("#show", "missing")
    page.click("button:has-text('Filter')")
    page.wait_for_load_state()
    assert "2 of" in page.locator(".panel strong").first.inner_text()
    assert page.locator("tbody tr").count() == 2
    assert report(all_problems(page)) == ""

    page.goto(f"{live_server.url}/plan/welsh/?show=missing")
    page.click("a:has-text('Add the Welsh') >> nth=1")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Welsh texts of Measure PUK08"
    field = page.get_by_label("Name in Welsh")
    assert field.get_attribute("lang") == "cy"
    field.fill("x" * 201)
    page.click("button:has-text('Save the Welsh')")
    page.wait_for_load_state()
    assert "longer than 200 characters (it has 201)" in page.locator("[role=alert]").inner_text()
    assert report(all_problems(page)) == ""

    page.goto(f"{live_server.url}/plan/welsh/measure/PUK08/?show=missing")
    page.get_by_label("Name in Welsh").fill(NAME_CY)
    page.click("button:has-text('Save the Welsh')")
    page.wait_for_load_state()
    assert page.url.endswith("/plan/welsh/?show=missing#measure-PUK08")
    assert "The Welsh of Measure PUK08 is saved." in page.locator(".messages").inner_text()
    assert page.locator("tbody tr").count() == 1
    assert Measure.objects.get(code="PUK08").name_cy == NAME_CY


def test_every_text_shown_at_once_passes_the_checks(signed_in_page, live_server, force, missing):
    page = signed_in_page(force)
    page.goto(f"{live_server.url}/plan/welsh/")
    assert page.locator("text=No Welsh yet").count() == 2
    assert page.locator("a:has-text('Add the Welsh')").count() == 0
    assert report(all_problems(page)) == ""
