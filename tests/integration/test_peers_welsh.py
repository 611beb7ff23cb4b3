"""How we compare in Welsh: a snapshot freezes the comparison's words in both languages, the
Welsh page shows the Welsh (the funnel plot's words too), and a record frozen before Welsh was
shows its English marked as English, with the Welsh note."""

from __future__ import annotations

import pytest
from django.utils import translation
from lxml import html

from oversight.performance.services import create_snapshot
from oversight.publishing.models import Publication
from oversight.reports.pack import build_pack
from oversight.reports.pack_html import render_html
from tests.factories.board import PERIOD, add_observations, load_plan
from tests.factories.peers import counted_world
from tests.factories.publications import publish

pytestmark = pytest.mark.django_db

NOTE = "(dim fersiwn Gymraeg eto)"


@pytest.fixture
def snapshot(db):
    add_observations(load_plan())
    counted_world()
    return create_snapshot(period=PERIOD, by=None)


@pytest.fixture
def publication(snapshot):
    return publish(snapshot)


def _url(publication: Publication) -> str:
    return f"/cy/public/publications/{publication.number}/compare/"


def test_the_snapshot_freezes_the_words_in_welsh_beside_the_english(snapshot):
    peers = snapshot.context["peers"]
    assert peers["period_words"] == "Mar 2024" and peers["period_words_cy"] == "Maw 2024"
    group = peers["group"]
    assert group["description"].startswith("The 4 forces most similar")
    assert group["description_cy"].startswith("Y 4 heddlu mwyaf tebyg")
    first = group["peers"][0]
    assert first["reasons"][0].startswith("1st most similar of 4 (distance ")
    assert first["reasons_cy"][0].startswith("1af mwyaf tebyg o 4 (pellter ")
    assert len(first["reasons_cy"]) == len(first["reasons"])
    puk01 = next(m for m in peers["measures"] if m["code"] == "PUK01")
    assert puk01["name_cy"] == "Pob trosedd a gofnodwyd (ac eithrio ymddygiad gwrthgymdeithasol)"
    # Latest month: Gwent 90 rows over 600,000 residents, in either language.
    assert puk01["sentences"][0].startswith(
        "Latest month (Mar 2024): Gwent Police 0.15 per 1,000 residents against"
    )
    assert puk01["sentences_cy"][0].startswith(
        "Y mis diweddaraf (Maw 2024): Gwent Police 0.15 fesul 1,000 o drigolion o'i gymharu â"
    )
    assert puk01["funnel"]["title_cy"] == (
        "Pob trosedd a gofnodwyd (ac eithrio ymddygiad gwrthgymdeithasol), y mis diweddaraf "
        "(Maw 2024)"
    )
    # The rows in Welsh words, the figures the same.
    rows, rows_cy = puk01["rows"], puk01["rows_cy"]
    assert [r["role"] for r in rows_cy][:1] == ["Yr heddlu hwn"]
    assert [(r["rate"], r["count"]) for r in rows_cy] == [(r["rate"], r["count"]) for r in rows]
    assert rows_cy[0]["rank"] == rows[0]["rank"].replace(" of ", " o ")
    # The notes and the measures not compared.
    assert len(peers["notes_cy"]) == len(peers["notes"])
    charge = next(n for n in peers["not_compared_cy"] if n.startswith("PUK13 "))
    assert "cyfran, nid cyfradd fesul preswylydd" in charge


def test_the_welsh_page_shows_the_welsh_and_its_funnel_plot_is_welsh(client, publication):
    response = client.get(_url(publication))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Y 4 heddlu mwyaf tebyg o ran cymysgedd troseddau a phoblogaeth" in page
    assert "1af mwyaf tebyg o 4" in page
    assert "Y mis diweddaraf (Maw 2024): Gwent Police 0.15 fesul 1,000 o drigolion" in page
    assert NOTE not in page
    tree = html.fromstring(response.content)
    svg = " ".join(" ".join(s.itertext()) for s in tree.xpath("//figure//svg"))
    for words in ("Yr heddlu hwn", "Heddlu arall", "Cymar", "Targed (pob heddlu)",
                  "Terfynau 95 %", "Poblogaeth breswyl (graddfa logarithmig)",
                  "Cyfradd fesul 1,000 o drigolion", "Heddluoedd", "Llinellau"):  # fmt: skip
        assert words in svg, words
    for english in ("This force", "Other force", "Resident population", "Lines", "Forces"):
        assert english not in svg, english
    figure = tree.xpath("//figure")[0]
    alternative = figure.xpath(".//div[@role='img']")[0].get("aria-label")
    assert alternative.startswith(
        "Pob trosedd a gofnodwyd (ac eithrio ymddygiad gwrthgymdeithasol), y mis diweddaraf "
        "(Maw 2024): 4 heddlu o amgylch cyfradd pob un ohonynt"
    )
    table = figure.xpath(".//table")[0]
    assert table.xpath("./caption")[0].text_content().startswith("Data'r siart: Pob trosedd")
    assert [th.text_content() for th in table.xpath("./thead//th")][:3] == [
        "Heddlu", "Rôl", "Nifer"
    ]  # fmt: skip
    assert "o fewn y terfynau 95 %" in table.text_content()
    summary = tree.xpath("//section[@aria-labelledby='summary-title']//table")[0]
    caption = summary.xpath("./caption")[0].text_content()
    assert caption.startswith("Gwent Police o'i gymharu â phob heddlu a'i grŵp cymheiriaid, Maw")
    assert "PUK01 Pob trosedd a gofnodwyd" in summary.text_content()


def test_an_older_record_without_welsh_shows_the_english_marked_with_the_note(
    client, monkeypatch, db
):
    from oversight.peers import record

    # A snapshot made before the comparison's Welsh was frozen beside its English.
    monkeypatch.setattr(record, "_freeze_welsh", lambda frozen, welsh: None)
    add_observations(load_plan())
    counted_world()
    publication = publish(create_snapshot(period=PERIOD, by=None))
    english = publication.content["peers"]
    assert "description_cy" not in english["group"] and "notes_cy" not in english
    response = client.get(_url(publication))
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    marked = tree.xpath("//main//span[@lang='en-GB']")
    shown = [m.text_content() for m in marked]
    assert english["group"]["description"] in shown
    assert english["group"]["peers"][0]["reasons"][0] in shown
    puk01 = next(m for m in english["measures"] if m["code"] == "PUK01")
    assert puk01["sentences"][0] in shown
    assert puk01["name"] in shown
    assert english["notes"][0] in shown
    for span in marked:
        note = span.getnext()
        assert note is not None and note.get("class") == "no-welsh"
        assert note.text_content() == NOTE
    # The interface words around it are Welsh, and so is the funnel plot, worded from the
    # frozen figures (its title around the English name the record holds).
    page = response.content.decode()
    assert "Y grŵp cymheiriaid" in page
    svg = " ".join(" ".join(s.itertext()) for s in tree.xpath("//figure//svg"))
    assert "Yr heddlu hwn" in svg and "Poblogaeth breswyl (graddfa logarithmig)" in svg
    assert f"{puk01['name']}, y mis diweddaraf (Maw 2024)" in svg


def test_the_english_page_and_the_board_pack_are_in_english(client, snapshot, publication):
    page = client.get(_url(publication).removeprefix("/cy")).content.decode()
    assert "Latest month (Mar 2024): Gwent Police 0.15 per 1,000 residents" in page
    assert "This force" in page and "Yr heddlu hwn" not in page and NOTE not in page
    pack = render_html(build_pack(snapshot))
    assert "1st most similar of 4" in pack and "1af" not in pack
    assert "mwyaf tebyg" not in pack and "Resident population (log scale)" in pack


def test_the_record_is_the_same_whichever_language_is_active_when_it_is_made(db):
    add_observations(load_plan())
    counted_world()
    english = create_snapshot(period=PERIOD, by=None).context["peers"]
    with translation.override("cy"):
        welsh = create_snapshot(period=PERIOD, by=None).context["peers"]
    assert welsh == english
