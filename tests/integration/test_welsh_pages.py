"""Every public page type in Welsh: lang="cy", a switch to the same page in English, and no
English interface text left, checked against the compiled Welsh catalogue. The catalogue
itself is complete: every entry translated, none fuzzy, the committed .mo built from the .po.

English that is meant to be there is marked with its language (lang="en-GB"): the footer's
links to the English pages, and content texts with no Welsh version yet (shown in English,
with a note in Welsh). Everything else on a Welsh page must come out of the catalogue.
"""

from __future__ import annotations

import gettext
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from lxml import html

from oversight.publishing.services import approve, request_publication
from tests.factories.board import PERIOD, add_observations, load_plan
from tests.factories.peers import counted_world
from tests.factories.people import persona
from tests.factories.record import record_keys

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES"
# A catalogue entry shorter than this is too likely to occur inside other words ("Red", "Data").
DISTINCTIVE = 14


def _catalogue() -> dict[str, str]:
    with (LOCALE / "django.mo").open("rb") as f:
        return {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if k}  # type: ignore[attr-defined]


def _fragments(msgid: str) -> list[str]:
    """Return the literal runs of an entry long enough to find: placeholders and tags cut out."""
    text = re.sub(r"%\(\w+\)[sd]|%[sd]|<[^>]+>", "\n", msgid)
    return [f.strip() for f in text.split("\n") if len(f.strip()) >= DISTINCTIVE]


def _english_entries() -> dict[str, list[str]]:
    """Return each English entry (whose Welsh differs) with the fragments a page would show."""
    found = {}
    for msgid, msgstr in _catalogue().items():
        if isinstance(msgid, tuple):
            msgid = msgid[0]
        # A name kept in Welsh ("Open Government Licence v3.0") is no sign of English left.
        fragments = [f for f in _fragments(msgid) if f not in msgstr]
        if msgid != msgstr and fragments:
            found[msgid] = fragments
    return found


def _visible_welsh_text(body: bytes) -> str:
    tree = html.fromstring(body)
    for node in tree.xpath(
        "//script|//style|//*[@lang and starts-with(translate(@lang,'EN','en'),'en')]"
    ):
        node.drop_tree()
    return " ".join(" ".join(tree.itertext()).split())


@pytest.fixture
def published(db):
    plan = load_plan()
    add_observations(plan, period=PERIOD)
    counted_world()  # other forces' months: the snapshot freezes a peer comparison
    from oversight.performance.services import create_snapshot, mark_presented

    opcc = persona("commissioners_team", "cy-opcc")
    keys = record_keys(opcc=opcc)
    snapshot = mark_presented(snapshot=create_snapshot(period=PERIOD, by=None), by=opcc)
    request = request_publication(snapshot=snapshot, by=opcc, record_keys=keys)
    return approve(
        publication=request,
        by=persona("commissioners_team", "cy-approver"),
        welsh_reason="Test plan: English only",
    )


def _pages(number: int, code: str) -> list[str]:
    one = f"/cy/public/publications/{number}/"
    return [
        "/cy/public/",
        "/cy/public/publications/",
        one,
        f"{one}plan/",
        f"{one}measures/{code}/",
        f"{one}themes/",
        f"{one}roadmap/",
        f"{one}data/",
        f"{one}record/",
        f"{one}compare/",
        "/cy/public/record/",
        "/cy/public/questions/",
        "/cy/public/accessibility/",
        "/cy/public/privacy/",
        "/cy/public/contact/",
        "/cy/public/roadmap/terms/",
    ]


def test_every_public_page_type_reads_in_welsh_with_no_english_interface_text(client, published):
    entries = _english_entries()
    assert len(entries) > 100, "the Welsh catalogue looks empty"
    code = published.content["measures"][0]["code"]
    problems = {}
    for path in _pages(published.number, code):
        response = client.get(path)
        assert response.status_code == 200, path
        tree = html.fromstring(response.content)
        assert tree.get("lang") == "cy", path
        english = path.removeprefix("/cy")
        switch = tree.xpath("//a[@class='language-switch']")
        assert switch and switch[0].get("href") == english, path
        assert tree.xpath(f"//link[@rel='alternate'][@hreflang='en-GB'][@href='{english}']"), path
        text = _visible_welsh_text(response.content)
        left = sorted(m for m, fragments in entries.items() if any(f in text for f in fragments))
        if left:
            problems[path] = left
    assert problems == {}


def test_the_english_pages_are_unchanged_and_link_the_welsh(client, published):
    response = client.get("/public/")
    tree = html.fromstring(response.content)
    assert tree.get("lang") == "en-GB"
    assert tree.xpath("//a[@class='language-switch']")[0].get("href") == "/cy/public/"
    assert "How the" in response.content.decode()


def test_english_prefixed_addresses_lead_to_the_english_page(client, published):
    response = client.get("/en/public/record/?a=1")
    assert response.status_code == 301 and response.url == "/public/record/?a=1"
    # Never a way off the site.
    assert client.get("/en//evil.example/").url == "/evil.example/"


def test_internal_pages_have_no_welsh_address(client, published):
    assert client.get("/cy/home/").status_code == 404


# The catalogue ---------------------------------------------------------------------------------


def _po_entries() -> list[dict[str, str]]:
    """Return the .po file's entries (comments, flags, msgid, msgstr), header left out."""
    entries, current = [], {"comments": "", "flags": "", "msgid": "", "msgstr": ""}
    field = None
    for line in [*(LOCALE / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current["msgid"] or current["msgstr"]:
                entries.append(current)
            current, field = {"comments": "", "flags": "", "msgid": "", "msgstr": ""}, None
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            current["comments"] += line + "\n"
        elif line.startswith(("msgid ", "msgid_plural ")):
            field = "msgid"
            current["msgid"] += line.split(" ", 1)[1].strip('"')
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"] += line.split(" ", 1)[1].strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
    return [e for e in entries if e["msgid"]]


def test_every_catalogue_entry_is_translated_and_marked_for_review():
    entries = _po_entries()
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    unmarked = [e["msgid"] for e in entries if "translator" not in e["comments"]]
    assert (untranslated, fuzzy, unmarked) == ([], [], [])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_the_committed_mo_is_built_from_the_po(tmp_path):
    built = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(built), str(LOCALE / "django.po")],
        check=True,
        capture_output=True,
    )
    with built.open("rb") as f:
        fresh = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    assert fresh == _catalogue() | {"": fresh.get("")}


def test_the_open_data_has_a_welsh_edition_of_its_metadata(client, published):
    base = f"/public/publications/{published.number}/data/"
    english = json.loads(client.get(base + "datapackage.json").content)
    welsh = json.loads(client.get("/cy" + base + "datapackage.json").content)
    assert [r["name"] for r in welsh["resources"]] == [r["name"] for r in english["resources"]]
    for en, cy in zip(english["resources"], welsh["resources"], strict=True):
        assert cy["title"] != en["title"], en["title"]
        for field_en, field_cy in zip(en["schema"]["fields"], cy["schema"]["fields"], strict=True):
            assert field_cy["name"] == field_en["name"]
            assert field_cy["title"] != field_en["title"], field_en["title"]
            assert field_cy["description"] != field_en["description"], field_en["description"]
    assert welsh["title"] != english["title"] and welsh["description"] != english["description"]
    # The data are the same bytes in either language.
    assert (
        client.get("/cy" + base + "overview.csv").content
        == client.get(base + "overview.csv").content
    )


def test_the_panel_paper_is_made_in_welsh_too(published):
    from oversight.publishing.services import PublishingError, file_panel_paper

    opcc = persona("commissioners_team", "cy-opcc")
    paper = file_panel_paper(publication=published, by=opcc, language="cy")
    assert paper.file_name.endswith("-cy.pdf") and paper.data[:5] == b"%PDF-"
    english = file_panel_paper(publication=published, by=opcc)
    assert english.title.startswith("Performance report to the Panel: Sep 2025")
    # The Welsh title, from the catalogue, with the month in Welsh.
    assert "Medi 2025" in paper.title and paper.title != english.title
    with pytest.raises(PublishingError, match="No Panel paper in 'fr'"):
        file_panel_paper(publication=published, by=opcc, language="fr")


def test_a_recorded_roadmap_change_reads_in_welsh():
    from django.utils import translation

    from oversight.publishing.templatetags.bilingual import change_in_language

    with translation.override("cy"):
        assert change_in_language("Planned → In progress") == "Wedi'i gynllunio → Ar waith"
    assert change_in_language("Planned → In progress") == "Planned → In progress"


def test_the_welsh_panel_papers_running_head_and_page_numbers_are_welsh(published):
    from django.utils import translation

    from oversight.publishing import panel_paper

    with translation.override("cy"):
        welsh = panel_paper.render_html(published)
    english = panel_paper.render_html(published)
    assert 'content: "Panel Heddlu a Throseddu"' in welsh
    assert 'content: "Tudalen " counter(page) " o " counter(pages)' in welsh
    assert 'content: "Police and Crime Panel"' in english
    assert 'content: "Page " counter(page) " of " counter(pages)' in english


def test_the_records_written_texts_are_marked_as_english_on_the_welsh_page(client, published):
    item = published.content["record"]["items"][0]
    tree = html.fromstring(
        client.get(f"/cy/public/publications/{published.number}/record/").content
    )
    assert tree.xpath("//p[@class='no-welsh'][contains(., 'fel y')]")
    concern = " ".join(item["concern"].split())
    marked = [" ".join(n.text_content().split()) for n in tree.xpath("//dd/span[@lang='en-GB']")]
    assert concern in marked
    # The English page has no such note and no such marks.
    english = html.fromstring(
        client.get(f"/public/publications/{published.number}/record/").content
    )
    assert not english.xpath("//p[@class='no-welsh']") and not english.xpath("//dd/span[@lang]")


def test_an_escalations_welsh_title_names_its_area_in_welsh(db):
    from oversight.accountability.record import _subject_cy
    from oversight.meetings.models import Escalation
    from oversight.plans.models import Measure

    measure = Measure(code="PUK02", name="Burglary", name_cy="Bwrgleriaeth")
    assert _subject_cy(Escalation(measure=measure, area="Force-wide")) == (
        "PUK02 Bwrgleriaeth (Yr heddlu cyfan)"
    )
    assert (
        _subject_cy(Escalation(measure=measure, area="Newport")) == "PUK02 Bwrgleriaeth (Newport)"
    )


def test_a_welsh_force_is_named_in_welsh_on_the_welsh_pages(client, published):
    plan = published.content["plan"]
    assert (plan["force_slug"], plan["force_name_cy"]) == ("gwent", "Heddlu Gwent")
    assert "Heddlu Gwent" in client.get("/cy/public/").content.decode()
    assert "Heddlu Gwent" not in client.get("/public/").content.decode()
    base = f"/public/publications/{published.number}/data/"
    welsh = json.loads(client.get("/cy" + base + "datapackage.json").content)
    assert any("Heddlu Gwent" in s["title"] for s in welsh["sources"])


def test_the_overview_csv_carries_the_welsh_names_and_headlines_beside_the_english(
    client, published
):
    import csv
    import io

    body = client.get(f"/public/publications/{published.number}/data/overview.csv").content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    force = [r for r in rows if r["area"] == "force"]
    frozen = {m["code"]: m for m in published.content["measures"]}
    for row in force:
        measure = frozen[row["measure_code"]]
        assert row["measure_cy"] == measure.get("name_cy", "")
        assert row["headline_cy"] == measure["headline_cy"] and row["headline_cy"]
        assert row["headline_cy"] != row["headline"]
    # A BCU's row names the measure in Welsh too, and leaves the force's headline out.
    assert all(r["headline_cy"] == "" for r in rows if r["area"] != "force")
