"""The board pack: the PDF's text and the PowerPoint's tables carry the snapshot's figures."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pptx import Presentation
from pypdf import PdfReader

from oversight.display.words import number
from oversight.performance.commentary import add_commentary
from oversight.performance.models import Assessment
from oversight.performance.presenters import snapshot_json
from oversight.performance.services import override_rating
from oversight.reports.pack import build_pack
from oversight.reports.pack_html import render_html, render_pdf
from oversight.reports.pack_pptx import render_pptx
from tests.factories.board import board


@pytest.fixture
def snapshot(db, opcc, force):
    snapshot = board()
    # An override must reach the pack as the rating in force, as `oversight assess --json` has it.
    green = Assessment.objects.filter(
        snapshot=snapshot, area="force", breakdown="", rating="green"
    ).first()
    override_rating(assessment=green, rating="amber", justification="Known data issue", by=opcc)
    add_commentary(measure=green.measure, kind="force_commentary", text="Pilot ended.", by=force)
    add_commentary(measure=green.measure, kind="scrutiny_question", text="Why the dip?", by=opcc)
    return snapshot


def expected_rows(snapshot):
    """Return (code, value text, rating label) of each force row, from `oversight assess --json`."""
    data = snapshot_json(snapshot)
    return [
        (a["measure"], number(a["value"], unit=a["unit"]), a["rag"].capitalize())
        for a in data["assessments"]
        if a["area"] == "force" and not a["breakdown"]
    ]


def test_pdf_text_carries_every_rating_and_value(snapshot):
    pack = build_pack(snapshot)
    reader = PdfReader(io.BytesIO(render_pdf(pack)))
    pages = [page.extract_text() for page in reader.pages]
    # The overview table (its header repeats on each of its pages) is the only "Rating and reasons".
    overview = "\n".join(p for p in pages if "Rating and reasons" in p)
    expected = expected_rows(snapshot)
    codes = [code for code, _, _ in expected]
    positions = {code: overview.index(f"{code} ") for code in codes}
    ordered = sorted(codes, key=positions.get)
    for i, code in enumerate(ordered):
        end = positions[ordered[i + 1]] if i + 1 < len(ordered) else len(overview)
        chunk = overview[positions[code] : end]
        _, value, rating = next(e for e in expected if e[0] == code)
        assert value in chunk, (code, value, chunk)
        assert re.search(rf"\b{rating}\b", chunk), (code, rating, chunk)
    counts = {r: sum(1 for e in expected if e[2] == r) for r in ("Red", "Amber", "Green", "Grey")}
    summary = next(p for p in pages if "RAG summary" in p)
    for rating, n in counts.items():
        assert re.search(rf"{rating}\s*{n}\b", summary), (rating, n, summary[:400])
    assert re.search(r"Page 2 of \d+", pages[1])
    assert snapshot.content_hash in pages[0]


def test_pptx_tables_carry_every_rating_and_value(snapshot):
    deck = Presentation(io.BytesIO(render_pptx(build_pack(snapshot))))
    cells = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 0).text == "Measure":
                table = shape.table
                if table.cell(0, 1).text != "Latest value" or len(table.columns) != 10:
                    continue
                for r in range(1, len(table.rows)):
                    row = [table.cell(r, c).text for c in range(len(table.columns))]
                    cells[row[0].split(" ", 1)[0]] = row
    expected = expected_rows(snapshot)
    assert set(cells) == {code for code, _, _ in expected}
    for code, value, rating in expected:
        assert cells[code][1].split(" (")[0] == value
        assert cells[code][7].split(" (")[0] == rating


def test_every_chart_has_alt_text_in_html_and_pptx(snapshot):
    pack = build_pack(snapshot)
    assert pack.sections, "the synthetic board has red and special-cause measures"
    html = render_html(pack)
    figures = re.findall(r'<div class="chart" role="img" aria-label="([^"]*)">\s*<svg', html)
    assert len(figures) == len(pack.charts)
    assert all(len(alt) > 40 for alt in figures)
    deck = Presentation(io.BytesIO(render_pptx(pack)))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == len(pack.charts)
    for picture in pictures:
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        assert descr and "latest" in descr.lower()


def test_pack_has_cover_summary_overview_sections_and_themes(snapshot):
    pack = build_pack(snapshot)
    assert pack.cover.board == "Commissioner's Strategic Board"
    assert pack.cover.snapshot_id == snapshot.pk
    assert pack.cover.content_hash == snapshot.content_hash
    reds = [r for r in pack.overview_rows if r.rating == "red"]
    assert len(pack.summary.reds) == len(reds) == pack.summary.counts["red"]
    assert all(item.reasons for item in pack.summary.reds)
    assert {s.row.measure_code for s in pack.sections} >= {r.measure_code for r in reds}
    assert len(pack.themes) == 8
    overridden = next(r for r in pack.overview_rows if r.overridden)
    assert overridden.rating == "amber"
    assert overridden.commentary == "Pilot ended." and overridden.scrutiny == "Why the dip?"


def test_pack_for_one_theme_only(snapshot):
    pack = build_pack(snapshot, theme_slug="hate-crime")
    assert [t.slug for t in pack.themes] == ["hate-crime"]
    with pytest.raises(ValueError, match="No theme"):
        build_pack(snapshot, theme_slug="no-such-theme")


def test_pack_command_writes_each_format(snapshot, tmp_path, capsys):
    for fmt in ("html", "pptx"):
        out = tmp_path / f"pack.{fmt}"
        call_command(
            "pack",
            "--snapshot",
            "latest",
            "--format",
            fmt,
            "-o",
            str(out),
            "--theme",
            "hate-crime",
        )
        assert out.stat().st_size > 1000
    assert "Wrote" in capsys.readouterr().out


def test_pack_download_needs_view_packs(client, snapshot, panel, opcc):
    url = reverse("reports:pack", args=[snapshot.pk, "html"])
    assert client.get(url).status_code == 302
    client.force_login(panel)
    assert client.get(url).status_code == 403
    client.force_login(opcc)
    response = client.get(url + "?theme=hate-crime")
    assert response.status_code == 200
    assert b"Commissioner&#x27;s Strategic Board" in response.content
    pptx = client.get(reverse("reports:pack", args=[snapshot.pk, "pptx"]) + "?theme=hate-crime")
    assert pptx["Content-Disposition"].startswith("attachment")
