"""The How we compare page in Chromium: the funnel plot draws, its data table opens, and the
page passes the accessibility checks (axe, keyboard, charts, print, reading order)."""

from __future__ import annotations

import pytest

from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Population
from oversight.peers.counts import store_counts
from tests.factories.peer_files import street_file
from tests.functional.accessibility import all_problems, report
from tests.integration.test_peers_command import MONTHS, POPULATIONS, WORLD

pytestmark = pytest.mark.browser


@pytest.fixture
def world(tmp_path, settings, transactional_db):
    from oversight.plans.catalogue import parse
    from oversight.plans.services import load_catalogue
    from tests.conftest import EXAMPLE_PLAN

    load_catalogue(catalogue=parse(EXAMPLE_PLAN.read_text()), by=None)
    folder = tmp_path / "files"
    for force, counts in WORLD.items():
        for month in MONTHS:
            if not (force == "north-wales" and month == "2024-02"):
                street_file(folder, force, month, counts)
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    assert import_police_uk([folder], warehouse_path=settings.WAREHOUSE_PATH, quiet=True).ok
    store_counts(warehouse_path=settings.WAREHOUSE_PATH)
    for force, population in POPULATIONS.items():
        area = "force" if force == "gwent" else force
        Population.objects.create(area=area, year=2019, population=population, source="test")


def test_comparison_page_draws_the_funnel_and_passes_the_checks(
    signed_in_page, live_server, world, opcc
):
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/peers/?period=2024-03&measure=PUK01")
    assert page.locator("h1").inner_text() == "How we compare: Gwent Police"
    page.wait_for_selector("[data-chart='chart-funnel-spec'] .vega-embed svg", timeout=15000)
    page.click("text=Data table for this chart")
    assert page.locator("figure table.data-table").is_visible()
    assert "Gwent Police" in page.locator("figure table.data-table").inner_text()
    found = all_problems(page)
    assert found == {}, report(found)


def test_three_month_window_marks_the_missing_month(signed_in_page, live_server, world, force):
    page = signed_in_page(force)
    page.goto(f"{live_server.url}/peers/?period=2024-03&measure=PUK02&window=3-months")
    assert "no street file for 2024-02" in page.locator("main").inner_text()
    found = all_problems(page)
    assert found == {}, report(found)


def test_public_comparison_page_passes_the_checks(anonymous_page, live_server, world):
    from oversight.performance.services import create_snapshot
    from oversight.plans.models import Plan
    from tests.factories.board import PERIOD, add_observations
    from tests.factories.publications import publish

    add_observations(Plan.objects.get())
    publication = publish(create_snapshot(period=PERIOD, by=None))
    page = anonymous_page
    page.goto(f"{live_server.url}/public/publications/{publication.number}/compare/")
    assert page.locator("h1").inner_text() == "How we compare: Gwent Police"
    found = all_problems(page)
    assert found == {}, report(found)
