"""Render a :class:`~oversight.reports.pack.Pack` as a PowerPoint deck with python-pptx.

Native tables for the figures (split over slides as needed), PNG charts rendered offline by
vl-convert with their text alternative set as the picture's description (``descr``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from oversight.analysis.rag import RATINGS
from oversight.display.charts import Chart, to_png
from oversight.reports.pack import Pack, Progress
from oversight.reports.presenters import OverviewRow

WIDE = Inches(13.333)
HIGH = Inches(7.5)
MARGIN = Inches(0.4)
INK = RGBColor(0x1B, 0x1B, 0x1B)
BRAND = RGBColor(0x1D, 0x35, 0x57)
HEADER_FILL = RGBColor(0xDF, 0xE6, 0xEE)
RAG_FILL = {
    "red": (RGBColor(0xB1, 0x0E, 0x1E), RGBColor(0xFF, 0xFF, 0xFF)),
    "amber": (RGBColor(0xFF, 0xE9, 0xB3), RGBColor(0x3D, 0x29, 0x00)),
    "green": (RGBColor(0x00, 0x70, 0x3C), RGBColor(0xFF, 0xFF, 0xFF)),
    "grey": (RGBColor(0x50, 0x5A, 0x5F), RGBColor(0xFF, 0xFF, 0xFF)),
}
OVERVIEW_COLUMNS = (
    ("Measure", 1.9),
    ("Latest value", 0.85),
    ("Same month last year", 0.9),
    ("Year to date", 0.9),
    ("Rolling 12 months", 0.9),
    ("Variation", 1.2),
    ("Assurance", 1.15),
    ("Rating", 0.7),
    ("Reasons", 2.2),
    ("Commentary and scrutiny", 1.7),
)
# The overview shows the start of each note; the measure's own slide carries all of it.
NOTE_CHARACTERS = 110
ROWS_PER_SLIDE = 7


def _blank(prs: Presentation) -> Slide:
    return prs.slides.add_slide(prs.slide_layouts[6])


def _text(
    slide: Slide,
    text: str,
    *,
    top: float,
    size: int = 14,
    bold: bool = False,
    height: float = 0.5,
    left: Emu | None = None,
    width: Emu | None = None,
) -> None:
    box = slide.shapes.add_textbox(
        left if left is not None else MARGIN,
        Inches(top),
        width or WIDE - 2 * MARGIN,
        Inches(height),
    )
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = BRAND if bold and size >= 20 else INK


def _title(slide: Slide, text: str, footer: str) -> None:
    _text(slide, text, top=0.25, size=24, bold=True, height=0.7)
    _text(slide, footer, top=7.05, size=9, height=0.3)


def _cell(
    table: object,
    r: int,
    c: int,
    text: str,
    *,
    size: int = 9,
    bold: bool = False,
    rating: str | None = None,
    header: bool = False,
) -> None:
    cell = table.cell(r, c)  # type: ignore[attr-defined]
    cell.text = text
    cell.margin_left = cell.margin_right = Inches(0.04)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    fill, colour = (HEADER_FILL, INK) if header else (RGBColor(0xFF, 0xFF, 0xFF), INK)
    if rating in RAG_FILL:
        fill, colour = RAG_FILL[rating]
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold or header or rating is not None
            run.font.color.rgb = colour


def _table(
    slide: Slide,
    headings: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[str]],
    *,
    top: float,
    ratings: Sequence[int] = (),
    row_ratings: Sequence[str] = (),
    size: int = 9,
) -> None:
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(headings),
        MARGIN,
        Inches(top),
        WIDE - 2 * MARGIN,
        Inches(0.3 * (len(rows) + 1)),
    )
    table = shape.table
    total = sum(w for _, w in headings)
    for c, (heading, weight) in enumerate(headings):
        table.columns[c].width = int((WIDE - 2 * MARGIN) * weight / total)
        _cell(table, 0, c, heading, size=size, header=True)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            rating = row_ratings[r - 1] if c in ratings and row_ratings else None
            _cell(table, r, c, text, size=size, rating=rating)


def _brief(text: str) -> str:
    """Return the start of a note, cut at a word, for the overview table."""
    if len(text) <= NOTE_CHARACTERS:
        return text
    return text[:NOTE_CHARACTERS].rsplit(" ", 1)[0] + " …"


def _overview_cells(row: OverviewRow) -> list[str]:
    sample = " (Sample data)" if row.is_sample else ""
    notes = [f"Force: {_brief(row.commentary)}"] if row.commentary else []
    notes += [f"Scrutiny: {_brief(row.scrutiny)}"] if row.scrutiny else []
    return [
        f"{row.measure_code} {row.measure_name}{sample}",
        f"{row.value_text} ({row.latest_period})",
        *(f"{w.pct} {w.significance}" for w in row.windows),
        row.variation_text,
        row.assurance_text,
        row.rating_label + (" (overridden)" if row.overridden else ""),
        "\n".join(row.deciding_reasons),
        "\n".join(notes) or "–",
    ]


def _picture(slide: Slide, chart: Chart, *, left: Emu, top: float, width: Emu) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(to_png(chart.spec)), left, Inches(top), width)
    # python-pptx has no API for alt text: it is the descr attribute of p:cNvPr.
    picture._element.nvPicPr.cNvPr.set("descr", chart.alt_text)
    picture._element.nvPicPr.cNvPr.set("title", chart.title)
    if picture.height > HIGH - Inches(top) - Inches(0.6):
        ratio = (HIGH - Inches(top) - Inches(0.6)) / picture.height
        picture.height = int(picture.height * ratio)
        picture.width = int(picture.width * ratio)


def render_pptx(pack: Pack, *, progress: Progress | None = None) -> bytes:
    """Return the pack as a PowerPoint deck (16:9)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, HIGH
    cover = pack.cover
    footer = (
        f"{cover.board} · {cover.period_words} · snapshot {cover.snapshot_id} "
        f"({cover.content_hash[:12]})"
    )

    slide = _blank(prs)
    _text(slide, cover.board.upper(), top=1.6, size=16)
    _text(slide, cover.title, top=2.1, size=36, bold=True, height=1.0)
    _text(
        slide,
        "\n".join(
            [
                cover.plan_title,
                f"Force: {cover.force_name}",
                f"Date: {cover.date.day} {cover.date:%B %Y}",
                f"Period: {cover.period_words} ({cover.period})",
                f"Snapshot: {cover.snapshot_id} ({cover.status})",
                f"Content hash: {cover.content_hash}",
            ]
        ),
        top=3.4,
        size=14,
        height=2.5,
    )

    slide = _blank(prs)
    _title(slide, "RAG summary", footer)
    counts = pack.summary.counts
    _table(
        slide,
        [(r.label, 1) for r in RATINGS],
        [[str(counts.get(r.value, 0)) for r in RATINGS]],
        top=1.1,
        size=14,
    )
    reds = [
        [f"{red.measure_code} {red.measure_name}", red.where, "\n".join(red.reasons)]
        for red in pack.summary.reds
    ]
    per_slide = 5
    for start in range(0, max(len(reds), 1), per_slide):
        if start:
            slide = _blank(prs)
            _title(slide, "RAG summary: every Red measure (continued)", footer)
        chunk = reds[start : start + per_slide]
        if chunk:
            top = 2.1 if not start else 1.1
            _text(slide, "Every Red measure and why", top=top - 0.45, size=14, bold=True)
            _table(slide, [("Measure", 2.5), ("Area", 1), ("Reasons", 7)], chunk, top=top)
        else:
            _text(slide, "No measure is rated Red.", top=2.1)

    rows = list(pack.overview_rows)
    pages = range(0, len(rows), ROWS_PER_SLIDE)
    for n, start in enumerate(pages, start=1):
        chunk = rows[start : start + ROWS_PER_SLIDE]
        slide = _blank(prs)
        _title(slide, f"Performance overview ({n} of {len(pages)})", footer)
        _table(
            slide,
            OVERVIEW_COLUMNS,
            [_overview_cells(r) for r in chunk],
            top=1.0,
            ratings=(7,),
            row_ratings=[r.rating for r in chunk],
            size=8,
        )

    total = len(pack.charts)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(f"chart {done}", done, total)

    for section in pack.sections:
        row = section.row
        slide = _blank(prs)
        sample = " · Sample data" if row.is_sample else ""
        _title(slide, f"{row.measure_code} {row.measure_name}", footer)
        _text(
            slide,
            f"{row.rating_label}: {section.why}. Latest value {row.value_text} "
            f"({row.latest_period}){sample}",
            top=0.9,
            size=13,
        )
        if section.chart is not None:
            _picture(slide, section.chart, left=MARGIN, top=1.45, width=Inches(8.2))
            tick()
        _text(
            slide,
            "\n".join(
                [f"Variation: {row.variation_text}", f"Assurance: {row.assurance_text}", ""]
                + list(row.reasons)
                + ([f"Force commentary: {row.commentary}"] if row.commentary else [])
                + ([f"Scrutiny note: {row.scrutiny}"] if row.scrutiny else [])
            ),
            top=1.45,
            size=11,
            height=5.3,
            left=Inches(8.8),
            width=WIDE - Inches(8.8) - MARGIN,
        )

    for theme in pack.themes:
        slide = _blank(prs)
        _title(slide, f"Theme: {theme.title}", footer)
        narrative = theme.findings or "No narrative findings recorded for this theme yet."
        if theme.recommendations:
            narrative += f"\nRecommendations: {theme.recommendations}"
        table_top = 2.1
        if len(narrative) > 350:
            # A long narrative gets its own slide rather than running under the table.
            _text(slide, narrative, top=0.95, size=14, height=5.8)
            slide = _blank(prs)
            _title(slide, f"Theme: {theme.title} — measures", footer)
            table_top = 1.0
        else:
            _text(slide, narrative, top=0.95, size=12, height=1.0)
        theme_rows = [
            [
                f"{r.measure_code} {r.measure_name}" + (" (Sample data)" if r.is_sample else ""),
                r.value_text,
                f"{r.windows[-1].pct} {r.windows[-1].significance}",
                r.variation_text,
                r.assurance_text,
                r.rating_label,
            ]
            for r in theme.rows
        ]
        per_theme_slide = 10
        for start in range(0, len(theme_rows), per_theme_slide):
            if start:
                slide = _blank(prs)
                _title(slide, f"Theme: {theme.title} (continued)", footer)
            _table(
                slide,
                [
                    ("Measure", 3),
                    ("Latest value", 1),
                    ("Rolling 12 months", 1.3),
                    ("Variation", 2),
                    ("Assurance", 2),
                    ("Rating", 0.9),
                ],
                theme_rows[start : start + per_theme_slide],
                top=table_top if not start else 1.0,
                ratings=(5,),
                row_ratings=[r.rating for r in theme.rows[start : start + per_theme_slide]],
            )
        if theme.bcu_table is not None:
            slide = _blank(prs)
            _title(slide, f"Theme: {theme.title} — by BCU", footer)
            table = theme.bcu_table
            widths = [(c, 3 if i == 0 else 1.5) for i, c in enumerate(table.columns)]
            for start in range(0, len(table.rows), 14):
                if start:
                    slide = _blank(prs)
                    _title(slide, f"Theme: {theme.title} — by BCU (continued)", footer)
                _table(slide, widths, [list(r) for r in table.rows[start : start + 14]], top=1.0)
        for chart in theme.breakdown_charts:
            slide = _blank(prs)
            _title(slide, f"Theme: {theme.title} — breakdown", footer)
            _picture(slide, chart, left=MARGIN, top=1.0, width=Inches(9.5))
            _text(
                slide,
                chart.alt_text,
                top=1.0,
                size=11,
                height=4,
                left=Inches(10.1),
                width=WIDE - Inches(10.1) - MARGIN,
            )
            tick()

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
