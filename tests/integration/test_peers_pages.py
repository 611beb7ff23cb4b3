"""The How we compare page: who may see it, what it says without peers' data, and with them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Population
from oversight.peers.counts import store_counts
from tests.factories.peer_files import street_file
from tests.integration.test_peers_command import MONTHS, POPULATIONS, WORLD

pytestmark = pytest.mark.django_db
URL = "/peers/"


@pytest.fixture
def world(tmp_path, settings, demo_plan):
    """The small world of test_peers_command, counted, with the demo plan (Gwent)."""
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
    return demo_plan


def test_the_url_is_named():
    assert reverse("peers:compare") == URL


def test_it_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["panel", "partner"])
def test_it_refuses_roles_without_the_performance_pages(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_without_other_forces_it_says_peers_need_their_files(client, opcc, demo_plan):
    client.force_login(opcc)
    page = client.get(URL).content.decode()
    assert "Peer comparison needs other forces' police.uk files" in page
    assert "oversight import police-uk PATH..." in page


def test_it_shows_the_group_the_funnel_and_its_data_table(client, force, world):
    client.force_login(force)
    response = client.get(URL, {"period": "2024-03", "measure": "PUK01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "How we compare: Gwent Police" in page
    assert "Peers of Gwent Police and why each was chosen" in page
    assert "most similar of 4" in page
    # The funnel plot: its spec, its server-drawn SVG, its text alternative and data table.
    assert 'data-chart="chart-funnel-spec"' in page and "<svg" in page
    assert "Data table for this chart" in page
    assert "Gwent Police 0.15 per 1,000, within the 95 % limits" in page
    # Latest month: Gwent 90 rows over 600,000 residents.
    assert "Latest month (Mar 2024): Gwent Police 0.15 per 1,000 residents" in page
    # Marked, never zero: the missing month, no population, excluded.
    three = client.get(URL, {"period": "2024-03", "measure": "PUK01", "window": "3-months"})
    text = three.content.decode()
    assert "no street file for 2024-02" in text
    assert "no population loaded: counts only" in text
    assert "it has no resident population" in text
    assert "PUK13 Charge rate" in text and "a proportion, not a rate per resident" in text


def test_an_unknown_month_shows_the_choice_without_a_comparison(client, opcc, world):
    client.force_login(opcc)
    page = client.get(URL, {"period": "1999-01"}).content.decode()
    assert "The peer group" not in page
    assert "No force's street file is counted for 1999-01." in page
    assert '<a href="?period=2024-03">2024-03</a>' in page


def test_the_kept_page_is_drawn_again_when_a_population_changes(client, force, world):
    client.force_login(force)
    query = {"period": "2024-03", "measure": "PUK01"}
    assert "Gwent Police 0.15 per 1,000 residents" in client.get(URL, query).content.decode()
    Population.objects.filter(area="force").update(population=900_000)
    assert "Gwent Police 0.10 per 1,000 residents" in client.get(URL, query).content.decode()
