"""The Board pack's optional "How we compare" section: frozen with the snapshot when other
forces' files are held, rendered in HTML, PDF and PowerPoint, absent otherwise."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Population
from oversight.peers.counts import store_counts
from oversight.peers.models import CountedMonth
from oversight.performance.services import create_snapshot
from oversight.reports.pack import build_pack
from oversight.reports.pack_html import render_html, render_pdf
from oversight.reports.pack_pptx import render_pptx
from tests.factories.board import PERIOD, add_observations, load_plan
from tests.factories.peer_files import street_file
from tests.integration.test_peers_command import MONTHS, POPULATIONS, WORLD

pytestmark = pytest.mark.django_db


def _world(folder, warehouse) -> None:
    for force, counts in WORLD.items():
        for month in MONTHS:
            if not (force == "north-wales" and month == "2024-02"):
                street_file(folder, force, month, counts)
    assert import_police_uk([folder], warehouse_path=warehouse, quiet=True).ok
    store_counts(warehouse_path=warehouse)
    for force, population in POPULATIONS.items():
        area = "force" if force == "gwent" else force
        Population.objects.create(area=area, year=2019, population=population, source="test")


@pytest.fixture
def snapshot(tmp_path, settings):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    plan = load_plan()
    add_observations(plan)
    _world(tmp_path / "files", settings.WAREHOUSE_PATH)
    return create_snapshot(period=PERIOD, by=None)


def test_the_snapshot_freezes_the_latest_comparison_up_to_its_month(snapshot):
    peers = snapshot.context["peers"]
    assert peers["period"] == "2024-03" and peers["snapshot_period"] == PERIOD
    assert peers["force_name"] == "Gwent Police"
    assert [p["name"] for p in peers["group"]["peers"]]
    puk01 = next(m for m in peers["measures"] if m["code"] == "PUK01")
    assert puk01["own"]["rate"] == pytest.approx(90 / 600_000 * 1000)
    assert puk01["own"]["rank"] == 2 and puk01["own"]["of"] == 4


def test_the_pack_shows_how_we_compare_in_html_pdf_and_pptx(snapshot):
    pack = build_pack(snapshot)
    assert pack.peers is not None
    assert pack.peers.funnels[0].code == "PUK01"
    html = render_html(pack)
    assert "How we compare" in html
    assert "Gwent Police against its peer group and every force" in html
    assert "Peers and why each was chosen" in html
    assert html.count('role="img"') >= len(pack.charts)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(pack))).pages)
    assert "How we compare" in text
    assert "PUK01 All recorded crime" in text
    deck = Presentation(io.BytesIO(render_pptx(pack)))
    titles = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith("How we compare")
    ]
    assert "How we compare: Gwent Police's peer group" in titles
    assert "How we compare, Mar 2024" in titles
    assert "How we compare: PUK01 All recorded crime (excluding anti-social behaviour)" in titles
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    described = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    assert any(d and d.startswith("All recorded crime") for d in described)


def test_the_section_is_what_the_snapshot_froze(snapshot):
    before = render_html(build_pack(snapshot))
    CountedMonth.objects.all().delete()
    Population.objects.all().delete()
    assert render_html(build_pack(snapshot)) == before


def test_without_other_forces_the_pack_has_no_such_section(db):
    plan = load_plan()
    add_observations(plan)
    snapshot = create_snapshot(period=PERIOD, by=None)
    assert "peers" not in snapshot.context
    pack = build_pack(snapshot)
    assert pack.peers is None
    assert "How we compare" not in render_html(pack)


def test_a_publication_shows_how_we_compare_on_the_public_site(snapshot, client):
    from tests.factories.publications import publish

    publication = publish(snapshot)
    assert publication.content["peers"]["force_name"] == "Gwent Police"
    url = f"/public/publications/{publication.number}/compare/"
    overview = client.get(f"/public/publications/{publication.number}/").content.decode()
    assert f'href="{url}"' in overview
    page = client.get(url).content.decode()
    assert "How we compare: Gwent Police" in page
    assert "Peers of Gwent Police and why each was chosen" in page
    assert "Data table for this chart" in page and "<svg" in page


def test_a_publication_without_peers_has_no_such_page(client, db):
    from tests.factories.publications import published_board

    publication = published_board()
    assert "peers" not in publication.content
    assert client.get(f"/public/publications/{publication.number}/compare/").status_code == 404
    overview = client.get(f"/public/publications/{publication.number}/").content.decode()
    assert "How we compare" not in overview
