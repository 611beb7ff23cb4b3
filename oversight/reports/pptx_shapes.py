"""Drawing on a 16:9 slide: text boxes, titles, tables with rating fills, pictures, notes.

The deck builder (``pack_pptx``) lays a pack out with these; python-pptx does the drawing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from oversight.display.charts import Chart, to_png

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


def blank(prs: Presentation) -> Slide:
    """Return a new slide with the blank layout."""
    return prs.slides.add_slide(prs.slide_layouts[6])


def write(
    slide: Slide,
    words: str,
    *,
    top: float,
    size: int = 14,
    bold: bool = False,
    height: float = 0.5,
    left: Emu | None = None,
    width: Emu | None = None,
) -> None:
    """Add a text box; each line of ``words`` is a paragraph."""
    box = slide.shapes.add_textbox(
        left if left is not None else MARGIN,
        Inches(top),
        width or WIDE - 2 * MARGIN,
        Inches(height),
    )
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(words.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = BRAND if bold and size >= 20 else INK


def title(slide: Slide, heading: str, footer: str) -> None:
    """Add a slide's title and its footer line."""
    write(slide, heading, top=0.25, size=24, bold=True, height=0.7)
    write(slide, footer, top=7.05, size=9, height=0.3)


def _cell(
    grid: object,
    r: int,
    c: int,
    words: str,
    *,
    size: int = 9,
    bold: bool = False,
    rating: str | None = None,
    header: bool = False,
) -> None:
    cell = grid.cell(r, c)  # type: ignore[attr-defined]
    cell.text = words
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


def table(
    slide: Slide,
    headings: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[str]],
    *,
    top: float,
    ratings: Sequence[int] = (),
    row_ratings: Sequence[str] = (),
    size: int = 9,
) -> None:
    """Add a native table; the columns in ``ratings`` are filled with each row's rating."""
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(headings),
        MARGIN,
        Inches(top),
        WIDE - 2 * MARGIN,
        Inches(0.3 * (len(rows) + 1)),
    )
    grid = shape.table
    total = sum(w for _, w in headings)
    for c, (heading, weight) in enumerate(headings):
        grid.columns[c].width = int((WIDE - 2 * MARGIN) * weight / total)
        _cell(grid, 0, c, heading, size=size, header=True)
    for r, row in enumerate(rows, start=1):
        for c, words in enumerate(row):
            rating = row_ratings[r - 1] if c in ratings and row_ratings else None
            _cell(grid, r, c, words, size=size, rating=rating)


def picture(slide: Slide, chart: Chart, *, left: Emu, top: float, width: Emu) -> None:
    """Add a chart as a PNG with its text alternative, scaled to fit above the footer."""
    shape = slide.shapes.add_picture(io.BytesIO(to_png(chart.spec)), left, Inches(top), width)
    # python-pptx has no API for alt text: it is the descr attribute of p:cNvPr.
    shape._element.nvPicPr.cNvPr.set("descr", chart.alt_text)
    shape._element.nvPicPr.cNvPr.set("title", chart.title)
    if shape.height > HIGH - Inches(top) - Inches(0.6):
        ratio = (HIGH - Inches(top) - Inches(0.6)) / shape.height
        shape.height = int(shape.height * ratio)
        shape.width = int(shape.width * ratio)


def notes(slide: Slide, lines: Sequence[str]) -> None:
    """Write a slide's speaker notes: what the presenter says, with reasons and commentary."""
    slide.notes_slide.notes_text_frame.text = "\n".join(line for line in lines if line)
