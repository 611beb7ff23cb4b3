"""The roadmap, its balance charts and the planning catalogues in Chromium: axe finds no WCAG
2.2 AA violations, they work by keyboard, print cleanly and read in order unstyled."""

from __future__ import annotations

from io import StringIO

import pytest

from oversight.roadmap.demo import load
from tests.functional.accessibility import all_problems, report

pytestmark = pytest.mark.browser


@pytest.fixture
def roadmap(transactional_db):
    from oversight.plans.catalogue import parse
    from oversight.plans.services import load_catalogue
    from tests.conftest import EXAMPLE_PLAN

    plan, _ = load_catalogue(catalogue=parse(EXAMPLE_PLAN.read_text()), by=None)
    load(stdout=StringIO())
    return plan


def test_the_roadmap_with_its_balance_passes_the_checks(signed_in_page, live_server, roadmap, opcc):
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/roadmap/")
    # The charts are drawn by vega-embed over their server-rendered fallback.
    page.wait_for_selector("[data-chart='balance-1-spec'] svg")
    assert page.locator("text=Balance across the plan's years").count() == 1
    assert page.locator(".rm-balance-table td.rm-empty").count() == 4
    assert report(all_problems(page)) == ""


@pytest.mark.parametrize(
    "path",
    [
        "/roadmap/catalogues/",
        "/roadmap/catalogues/mtfp/",
        "/roadmap/catalogues/partner-plans/PP-WB/",
        "/roadmap/catalogues/mtfp/MTFP-03/",
        "/roadmap/catalogues/import/",
        "/roadmap/board/",
    ],
)
def test_the_catalogue_pages_pass_the_checks(signed_in_page, live_server, roadmap, opcc, path):
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}{path}")
    assert report(all_problems(page)) == ""
