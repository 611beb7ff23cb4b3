"""Render a :class:`~oversight.reports.pack.Pack` as a PowerPoint deck that presents.

Slides in Board order: the cover, the hot list (every Red and every change, with reasons), the
RAG summary and the Compstat overview (native tables, ratings filled and named), a slide per
Red or special-cause measure with its SPC chart, the theme's findings and measures, how the
force compares with its peers (when the snapshot froze a comparison), the escalations the JPMG
accepted and the action log. Every slide has speaker notes carrying the
reasons and the commentary, so a presenter can speak to each without the pack open beside.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.slide import Slide
from pptx.util import Inches

from oversight.analysis.rag import RATINGS
from oversight.reports.pack import Pack, Progress, ThemeSection
from oversight.reports.pptx_peers import peer_slides
from oversight.reports.pptx_shapes import (
    HIGH,
    MARGIN,
    WIDE,
    blank,
    notes,
    picture,
    table,
    title,
    write,
)
from oversight.reports.presenters import OverviewRow

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
HOT_PER_SLIDE = 6


def _brief(text: str) -> str:
    """Return the start of a note, cut at a word, for the overview table."""
    if len(text) <= NOTE_CHARACTERS:
        return text
    return text[:NOTE_CHARACTERS].rsplit(" ", 1)[0] + " …"


def _overview_cells(row: OverviewRow) -> list[str]:
    sample = " (Sample data)" if row.is_sample else ""
    remarks = [f"Force: {_brief(row.commentary)}"] if row.commentary else []
    remarks += [f"Scrutiny: {_brief(row.scrutiny)}"] if row.scrutiny else []
    return [
        f"{row.measure_code} {row.measure_name}{sample}",
        f"{row.value_text} ({row.latest_period})",
        *(f"{w.pct} {w.significance}" for w in row.windows),
        row.variation_text,
        row.assurance_text,
        row.rating_label + (" (overridden)" if row.overridden else ""),
        "\n".join(row.deciding_reasons),
        "\n".join(remarks) or "–",
    ]


def _row_notes(row: OverviewRow) -> list[str]:
    """Return what a presenter says about one measure: rating, reasons, commentary."""
    return [
        f"{row.measure_code} {row.measure_name} ({row.where}): {row.rating_label}, latest "
        f"{row.value_text} ({row.latest_period}).",
        *row.reasons,
        f"Force commentary: {row.commentary}" if row.commentary else "",
        f"Scrutiny note: {row.scrutiny}" if row.scrutiny else "",
    ]


def _cover(prs: Presentation, pack: Pack) -> None:
    cover = pack.cover
    slide = blank(prs)
    write(slide, cover.board.upper(), top=1.6, size=16)
    write(slide, cover.meeting or cover.title, top=2.1, size=36, bold=True, height=1.0)
    lines = [
        cover.plan_title,
        f"Force: {cover.force_name}",
        f"{'Board' if cover.meeting else 'Date'}: {cover.date.day} {cover.date:%B %Y}",
        f"Period: {cover.period_words} ({cover.period})",
        f"Data: {cover.currency}" if cover.currency else "",
        f"Snapshot: {cover.snapshot_id} ({cover.status})",
        f"Content hash: {cover.content_hash}",
    ]
    write(slide, "\n".join(x for x in lines if x), top=3.4, size=14, height=2.8)
    notes(
        slide,
        [
            f"{cover.meeting or cover.board}, {cover.date.day} {cover.date:%B %Y}: {cover.title}.",
            f"Drawn from snapshot {cover.snapshot_id} ({cover.status.lower()}), hash "
            f"{cover.content_hash[:12]}; {cover.currency}.",
        ],
    )


def _hot_list(prs: Presentation, pack: Pack, footer: str) -> None:
    items = list(pack.hot)
    if not items:
        slide = blank(prs)
        title(slide, "What needs the Board's attention", footer)
        write(slide, "No measure is rated Red and no rating changed since the last Board.", top=1.2)
        notes(slide, ["Nothing is Red and nothing changed since the last Board."])
        return
    pages = range(0, len(items), HOT_PER_SLIDE)
    for n, start in enumerate(pages, start=1):
        chunk = items[start : start + HOT_PER_SLIDE]
        slide = blank(prs)
        more = f" ({n} of {len(pages)})" if len(pages) > 1 else ""
        title(slide, f"What needs the Board's attention{more}", footer)
        table(
            slide,
            [("Measure", 2.4), ("Rating", 0.8), ("Was", 0.8), ("Why", 6.5)],
            [
                [
                    f"{i.row.measure_code} {i.row.measure_name}",
                    i.row.rating_label,
                    i.previous_rating.capitalize() or "–",
                    "\n".join(i.why),
                ]
                for i in chunk
            ],
            top=1.0,
            ratings=(1,),
            row_ratings=[i.row.rating for i in chunk],
        )
        lines = ["Every Red measure, then every rating, variation or assurance that changed."]
        for item in chunk:
            lines += _row_notes(item.row) + list(item.changes) + [""]
        notes(slide, lines)


def _overview(prs: Presentation, pack: Pack, footer: str) -> None:
    slide = blank(prs)
    title(slide, "RAG summary", footer)
    counts = pack.summary.counts
    table(
        slide,
        [(r.label, 1) for r in RATINGS],
        [[str(counts.get(r.value, 0)) for r in RATINGS]],
        top=1.1,
        size=14,
    )
    counted = ", ".join(f"{counts.get(r.value, 0)} {r.label}" for r in RATINGS)
    notes(slide, [f"{pack.summary.total} measures rated for the force: {counted}."])
    rows = list(pack.overview_rows)
    pages = range(0, len(rows), ROWS_PER_SLIDE)
    for n, start in enumerate(pages, start=1):
        chunk = rows[start : start + ROWS_PER_SLIDE]
        slide = blank(prs)
        title(slide, f"Performance overview ({n} of {len(pages)})", footer)
        table(
            slide,
            OVERVIEW_COLUMNS,
            [_overview_cells(r) for r in chunk],
            top=1.0,
            ratings=(7,),
            row_ratings=[r.rating for r in chunk],
            size=8,
        )
        lines: list[str] = []
        for row in chunk:
            lines += [*_row_notes(row), ""]
        notes(slide, lines)


def _measures(prs: Presentation, pack: Pack, footer: str, tick: Progress) -> None:
    for section in pack.sections:
        row = section.row
        slide = blank(prs)
        sample = " · Sample data" if row.is_sample else ""
        title(slide, f"{row.measure_code} {row.measure_name}", footer)
        write(
            slide,
            f"{row.rating_label}: {section.why}. Latest value {row.value_text} "
            f"({row.latest_period}){sample}",
            top=0.9,
            size=13,
        )
        if section.chart is not None:
            picture(slide, section.chart, left=MARGIN, top=1.45, width=Inches(8.2))
            tick("chart", 0, 0)
        write(
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
        notes(slide, [*_row_notes(row), section.chart.alt_text if section.chart else ""])


def _theme(prs: Presentation, theme: ThemeSection, footer: str, tick: Progress) -> None:
    findings = theme.findings or "No narrative findings recorded for this theme yet."
    slide = blank(prs)
    title(slide, f"Theme: {theme.title} — findings", footer)
    write(slide, findings, top=0.95, size=14 if len(findings) < 900 else 12, height=5.8)
    notes(slide, [f"Theme: {theme.title}.", theme.description, findings])
    if theme.recommendations:
        slide = blank(prs)
        title(slide, f"Theme: {theme.title} — recommendations", footer)
        write(slide, theme.recommendations, top=0.95, size=14, height=5.8)
        notes(slide, [theme.recommendations])
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
    per_slide = 10
    for start in range(0, len(theme_rows), per_slide):
        slide = blank(prs)
        more = " (continued)" if start else ""
        title(slide, f"Theme: {theme.title} — measures{more}", footer)
        table(
            slide,
            [("Measure", 3), ("Latest value", 1), ("Rolling 12 months", 1.3),
             ("Variation", 2), ("Assurance", 2), ("Rating", 0.9)],
            theme_rows[start : start + per_slide],
            top=1.0,
            ratings=(5,),
            row_ratings=[r.rating for r in theme.rows[start : start + per_slide]],
        )  # fmt: skip
        lines: list[str] = []
        for row in theme.rows[start : start + per_slide]:
            lines += [*_row_notes(row), ""]
        notes(slide, lines)
    if theme.bcu_table is not None:
        grid = theme.bcu_table
        widths = [(c, 3 if i == 0 else 1.5) for i, c in enumerate(grid.columns)]
        for start in range(0, len(grid.rows), 14):
            slide = blank(prs)
            more = " (continued)" if start else ""
            title(slide, f"Theme: {theme.title} — by BCU{more}", footer)
            table(slide, widths, [list(r) for r in grid.rows[start : start + 14]], top=1.0)
            notes(slide, [grid.caption, *(" · ".join(r) for r in grid.rows[start : start + 14])])
    for chart in theme.breakdown_charts:
        slide = blank(prs)
        title(slide, f"Theme: {theme.title} — breakdown", footer)
        picture(slide, chart, left=MARGIN, top=1.0, width=Inches(9.5))
        write(slide, chart.alt_text, top=1.0, size=11, height=4, left=Inches(10.1),
              width=WIDE - Inches(10.1) - MARGIN)  # fmt: skip
        notes(slide, [chart.alt_text])
        tick("chart", 0, 0)


def _board(prs: Presentation, pack: Pack, footer: str) -> None:
    board = pack.board
    if board is None:
        return
    slide = blank(prs)
    title(slide, "Escalations from the JPMG", footer)
    if board.escalations:
        table(
            slide,
            [("Subject", 2.5), ("Why escalated", 3.5), ("JPMG decision", 2.5),
             ("Board response", 2.5)],
            [[e.subject, e.reason, e.decision or "–", e.response or "To be recorded"]
             for e in board.escalations[:8]],
            top=1.0,
        )  # fmt: skip
    else:
        write(slide, "The JPMG accepted no escalation for this Board.", top=1.2)
    notes(slide, [f"{e.subject}: {e.reason} JPMG: {e.decision}" for e in board.escalations])
    slide = blank(prs)
    title(slide, "Action log", footer)
    rows = [
        [a.title, a.owner, f"{a.due:%d %b %Y}", a.state.capitalize(), a.status]
        for state in ("overdue", "due", "open", "closed")
        for a in board.actions_in(state)
    ]
    if rows:
        table(
            slide,
            [("Action", 4.5), ("Owner", 2), ("Due", 1.2), ("State", 1.1), ("Status", 1.2)],
            rows[:14],
            top=1.0,
        )
    else:
        write(slide, "No open actions, and none closed since the last Board.", top=1.2)
    counted = {s: len(board.actions_in(s)) for s in ("overdue", "due", "open", "closed")}
    notes(
        slide,
        [
            f"{counted['overdue']} overdue, {counted['due']} due before the next Board, "
            f"{counted['open']} open, {counted['closed']} closed since the last Board.",
            *(
                f"Overdue: {a.title} ({a.owner}, due {a.due:%d %b})"
                for a in board.actions_in("overdue")
            ),
        ],
    )


def render_pptx(pack: Pack, *, progress: Progress | None = None) -> bytes:
    """Return the pack as a PowerPoint deck (16:9) with speaker notes on every slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, HIGH
    cover = pack.cover
    when = f"{cover.date.day} {cover.date:%B %Y}" if cover.meeting else cover.period_words
    footer = (
        f"{cover.meeting or cover.board} · {when} · snapshot {cover.snapshot_id} "
        f"({cover.content_hash[:12]})"
    )
    total = len(pack.charts)
    done = 0

    def tick(step: str, _done: int, _total: int) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(f"chart {done}", done, total)

    _cover(prs, pack)
    _hot_list(prs, pack, footer)
    _overview(prs, pack, footer)
    _measures(prs, pack, footer, tick)
    for theme in pack.themes:
        _theme(prs, theme, footer, tick)
    peer_slides(prs, pack.peers, footer, tick)
    _board(prs, pack, footer)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slides_of(deck: bytes) -> list[Slide]:
    """Return the slides of a deck (for tests and checks)."""
    return list(Presentation(io.BytesIO(deck)).slides)
