"""The Strategic Board pack, format-neutral: one builder, three renderers (HTML, PDF, PPTX).

:func:`build_pack` reads one frozen snapshot and returns a :class:`Pack` of plain dataclasses:
the cover, the RAG summary, the overview rows, a section for each red or special-cause measure
with its chart spec, text alternative and data table, and the thematic drill-down. The renderers
(``pack_html.render_html`` / ``render_pdf``, ``pack_pptx.render_pptx``, chosen through
``renderers.RENDERERS``) only lay it out, so every format carries the same figures. The builder
reads only the snapshot's record, so a snapshot's pack is the same whenever it is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from oversight.display.charts import Chart, DataTable
from oversight.display.words import month_words
from oversight.meetings.models import Meeting
from oversight.performance import frozen
from oversight.performance.models import Snapshot
from oversight.reports import hotlist
from oversight.reports.board import (
    BoardSection,
    NoSuchBoard,
    board_section,
    board_snapshot,
    currency,
    scheduled_review,
)
from oversight.reports.board import previous_board as previous_board_meeting
from oversight.reports.figures import breakdown_figure, spc_figure
from oversight.reports.hotlist import HotItem
from oversight.reports.pack_peers import PeerSection, peer_section
from oversight.reports.presenters import (
    OverviewRow,
    PriorityGroup,
    cells_by_measure,
    group_rows,
    rating_counts,
    rows_for,
)

BOARD = "Commissioner's Strategic Board"

#: Called as progress(step, done, total) while a pack is built or rendered.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Cover:
    board: str
    title: str
    plan_title: str
    force_name: str
    date: dt.date
    period: str
    period_words: str
    snapshot_id: int
    content_hash: str
    status: str
    # A Board's pack: the meeting's title; the date above is then the Board's.
    meeting: str = ""
    currency: str = ""

    @property
    def is_draft(self) -> bool:
        return self.status == "Draft"


@dataclass(frozen=True)
class RedItem:
    measure_code: str
    measure_name: str
    where: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RagSummary:
    counts: dict[str, int]
    reds: tuple[RedItem, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class MeasureSection:
    """A page (or slide) for a red or special-cause measure: its row, chart and reasons."""

    row: OverviewRow
    why: str
    chart: Chart | None


@dataclass(frozen=True)
class ThemeSection:
    """The thematic drill-down of one theme."""

    slug: str
    title: str
    description: str
    rows: tuple[OverviewRow, ...]
    bcu_table: DataTable | None
    breakdown_charts: tuple[Chart, ...]
    findings: str
    recommendations: str


@dataclass(frozen=True)
class Pack:
    cover: Cover
    summary: RagSummary
    overview: tuple[PriorityGroup, ...]
    overview_rows: tuple[OverviewRow, ...]
    sections: tuple[MeasureSection, ...]
    themes: tuple[ThemeSection, ...]
    # What needs the Board's attention first: every Red and every change since the last Board.
    hot: tuple[HotItem, ...] = ()
    previous_snapshot_id: int | None = None
    board: BoardSection | None = None
    # How we compare: only when the snapshot froze a peer comparison.
    peers: PeerSection | None = None

    @property
    def charts(self) -> list[Chart]:
        """Return every chart of the pack, in order."""
        found = [s.chart for s in self.sections if s.chart is not None]
        for theme in self.themes:
            found.extend(theme.breakdown_charts)
        if self.peers is not None:
            found.extend(f.chart for f in self.peers.funnels)
        return found


def _why(row: OverviewRow) -> str:
    reasons = []
    if row.rating == "red":
        reasons.append("rated Red")
    if row.is_special_cause:
        reasons.append(row.variation_text.lower())
    return "; ".join(reasons).capitalize()


def bcu_comparison(
    rows: list[OverviewRow], cells: dict[str, dict[str, OverviewRow]], bcus: list[tuple[str, str]]
) -> DataTable | None:
    """Return a table of each measure's latest value and rating per BCU, or None without BCUs."""
    if not bcus or not any(cells.get(r.measure_code) for r in rows):
        return None
    table_rows = []
    for row in rows:
        by_bcu = cells.get(row.measure_code, {})
        cols = [f"{row.value_text} ({row.rating_label})"]
        for code, _ in bcus:
            cell = by_bcu.get(code)
            cols.append(f"{cell.value_text} ({cell.rating_label})" if cell else "–")
        table_rows.append((f"{row.measure_code} {row.measure_name}", *cols))
    return DataTable(
        caption="Latest value and rating by BCU",
        columns=("Measure", "Force", *(name for _, name in bcus)),
        rows=tuple(table_rows),
        numeric=(False, *([True] * (len(bcus) + 1))),
    )


def build_pack(
    snapshot: Snapshot,
    *,
    theme_slug: str | None = None,
    board: Meeting | None = None,
    progress: Progress | None = None,
) -> Pack:
    """Return the Strategic Board pack of a snapshot, or of a Board meeting from its snapshot.

    The figures come from the snapshot's record alone, so the same snapshot gives the same
    figures whenever it is built. A Board's pack (``board``) also carries the meeting: its date
    on the cover, the theme the programme schedules for it (every theme for a snapshot's own
    pack; one with ``theme_slug``), the escalations the JPMG accepted and the action log.
    """
    record = frozen.load(snapshot)
    plan = record.plan
    rows = rows_for(record)
    by_id = {c.pk: c for c in record.cells}
    cells = cells_by_measure(record.cells)
    section = board_section(board, record) if board is not None else None

    themes = record.themes
    if theme_slug:
        themes = [t for t in themes if t["slug"] == theme_slug]
        if not themes:
            raise ValueError(f"No theme {theme_slug!r} in the plan")
    elif section is not None:
        themes = [t for t in themes if t["slug"] == section.theme_slug]

    flagged = [r for r in rows if r.rating == "red" or r.is_special_cause]
    total = len(flagged) + len(themes) + 2
    done = 0

    def step(label: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(label, done, total)

    previous = hotlist.previous_board(snapshot)
    if board is not None:
        before = previous_board_meeting(board)
        if before is not None:
            try:
                previous = board_snapshot(before)
            except NoSuchBoard:
                previous = None
            if previous is not None and previous.pk == snapshot.pk:
                previous = hotlist.previous_board(snapshot)
    hot = hotlist.hot_list(record, frozen.load(previous) if previous else None)
    step("hot list")

    # The date the pack is for: the Board's, else the day the snapshot was presented (or made);
    # never the day it happens to be built.
    when = snapshot.presented_at or snapshot.created_at
    cover = Cover(
        board=BOARD,
        title=f"Performance overview for {month_words(snapshot.period)}",
        plan_title=plan.get("title", ""),
        force_name=plan.get("force_name", ""),
        date=board.date if board is not None else timezone.localdate(when),
        period=snapshot.period,
        period_words=month_words(snapshot.period),
        snapshot_id=snapshot.pk,
        content_hash=snapshot.content_hash,
        status=snapshot.get_status_display(),
        meeting=board.title if board is not None else "",
        currency=section.currency if section is not None else currency(record),
    )
    summary = RagSummary(
        counts=rating_counts(rows),
        reds=tuple(
            RedItem(r.measure_code, r.measure_name, r.where, r.reasons)
            for r in rows
            if r.rating == "red"
        ),
    )
    step("summary")

    sections = []
    for row in flagged:
        cell = by_id[row.assessment_id]
        sections.append(
            MeasureSection(
                row=row,
                why=_why(row),
                chart=spc_figure(cell, record.measures[row.measure_code], width=560, height=240),
            )
        )
        step(f"chart {row.measure_code}")

    bcus = record.bcus
    bcu_rows: dict[str, dict[str, OverviewRow]] = {}
    for code, _ in bcus:
        for r in rows_for(record, area=code):
            bcu_rows.setdefault(r.measure_code, {})[code] = r
    review = scheduled_review(board) if board is not None else None
    theme_sections = []
    for theme in themes:
        theme_rows = [r for r in rows if r.measure_code in theme["measures"]]
        charts = []
        for r in theme_rows:
            chart = breakdown_figure(record.measures[r.measure_code], cells.get(r.measure_code, []))
            if chart is not None:
                charts.append(chart)
        findings, recommendations = record.theme_findings(theme["slug"])
        if review is not None and review.theme_id and review.theme.slug == theme["slug"]:
            # The Board's own review: its findings, as the JPMG tested them.
            findings = review.findings or findings
            recommendations = review.recommendations or recommendations
        theme_sections.append(
            ThemeSection(
                slug=theme["slug"],
                title=theme["title"],
                description=theme.get("description", ""),
                rows=tuple(theme_rows),
                bcu_table=bcu_comparison(theme_rows, bcu_rows, bcus),
                breakdown_charts=tuple(charts),
                findings=findings,
                recommendations=recommendations,
            )
        )
        step(f"theme {theme['slug']}")
    return Pack(
        cover=cover,
        summary=summary,
        overview=tuple(group_rows(rows)),
        overview_rows=tuple(rows),
        sections=tuple(sections),
        themes=tuple(theme_sections),
        hot=tuple(hot),
        previous_snapshot_id=previous.pk if previous else None,
        board=section,
        peers=peer_section(record.peers),
    )
