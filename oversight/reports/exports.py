"""The performance overview's table as the page shows it, filtered, and as CSV and Excel files.

The page and its files call :func:`table_rows` with the same filters, so a downloaded file has
the rows of the table on the screen, in the same order, from the snapshot's record alone (the
page adds each row's sparkline, :func:`with_sparklines`). The page's hot list is narrowed by
the same priority and theme, never by area (:func:`hot_items`), and counted against the previous
Board (:func:`changed_summary`). The files are written by the one table writer (``core.tables``),
whose formula guard makes a commentary that starts with "=" or "-" text, never a formula.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from oversight.core.tables import Sheet, write_csv, write_xlsx
from oversight.display.words import WINDOW_TITLES
from oversight.performance.frozen import FORCE, Record
from oversight.reports import hotlist
from oversight.reports.hotlist import HotItem
from oversight.reports.presenters import (
    OVERVIEW_WINDOWS,
    RATING_ORDER,
    OverviewRow,
    rows_for,
    sort_rows,
)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HELD_WORDS = {
    "break_review": "Not read: data break under review",
    "not_ready": "Not read: data not yet in",
}


@dataclass(frozen=True)
class Filters:
    """What the overview's table is filtered and sorted by (the page's query string)."""

    priority: str = ""
    theme: str = ""
    bcu: str = ""
    sort: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        """Return the filters of a query string (``request.GET``)."""
        return cls(**{name: query.get(name, "") for name in ("priority", "theme", "bcu", "sort")})

    def area(self, record: Record) -> str:
        """Return the area the table shows: the BCU asked for if the record has it, else force."""
        return self.bcu if self.bcu in {code for code, _ in record.bcus} else FORCE

    def describe(self, record: Record) -> str:
        """Return the filters in words, for a file's notes: "area Force; priority P2"."""
        words = [f"area {record.area_names.get(self.area(record), 'Force')}"]
        if self.priority:
            words.append(f"priority {self.priority}")
        if self.theme:
            title = (record.theme(self.theme) or {}).get("title", self.theme)
            words.append(f"theme {title}")
        if self.sort:
            words.append(f"sorted by {self.sort}")
        return "; ".join(words)


def hot_items(record: Record, items: Sequence[HotItem], filters: Filters) -> list[HotItem]:
    """Return the hot list narrowed by the priority and theme filters, never by area.

    The hot list is the force's: a BCU's table is shown below the force's hot list.
    """
    kept = []
    for item in items:
        measure = record.measures.get(item.row.measure_code)
        if measure is None:
            continue
        if filters.priority and measure.priority.get("code") != filters.priority:
            continue
        if filters.theme and filters.theme not in measure.themes:
            continue
        kept.append(item)
    return kept


def table_rows(record: Record, filters: Filters) -> list[OverviewRow]:
    """Return the overview table's rows: one area, filtered by priority and theme, sorted."""
    rows = rows_for(
        record, area=filters.area(record), priority=filters.priority, theme=filters.theme
    )
    return sort_rows(rows, filters.sort) if filters.sort else rows


@dataclass(frozen=True)
class PageRow(OverviewRow):
    """A row of the overview's table with its sparkline (inline SVG with its words)."""

    sparkline: str = ""


def with_sparklines(record: Record, rows: Sequence[OverviewRow]) -> list[PageRow]:
    """Return the rows, each with the sparkline of its last months."""
    svgs = hotlist.sparklines(record, rows)
    names = [f.name for f in fields(OverviewRow)]
    return [
        PageRow(**{n: getattr(r, n) for n in names}, sparkline=svgs[r.assessment_id]) for r in rows
    ]


@dataclass(frozen=True)
class Changed:
    """How the hot list differs from the previous Board, counted."""

    worse: int
    better: int
    grey: int  # to or from Grey: not a better or worse rating
    other: int  # a measure whose variation or assurance changed, its rating the same

    @property
    def any(self) -> bool:
        return bool(self.worse or self.better or self.grey or self.other)


def changed_summary(items: Sequence[HotItem]) -> Changed:
    """Return how many ratings went up (worse) or down (better) since the previous Board."""
    severity = {r: i for i, r in enumerate(RATING_ORDER)}
    worse = better = grey = other = 0
    for item in items:
        before, now = item.previous_rating, item.row.rating
        if not before or before == now:
            other += bool(item.changes)
        elif "grey" in (before, now):
            grey += 1
        elif severity[now] < severity[before]:
            worse += 1
        else:
            better += 1
    return Changed(worse, better, grey, other)


def _window_columns() -> list[str]:
    columns = []
    for name in OVERVIEW_WINDOWS:
        title = WINDOW_TITLES.get(name, name)
        columns += [f"{title}: change", f"{title}: significance"]
    return columns


COLUMNS = (
    "Measure code",
    "Measure",
    "Area",
    "Latest period",
    "Value",
    "Value as shown",
    *_window_columns(),
    "Variation",
    "Assurance",
    "Rating",
    "Reasons",
    "Force commentary",
    "Scrutiny note",
)


def export_row(row: OverviewRow) -> list[str | float | None]:
    """Return one table row as the file's cells, in ``COLUMNS`` order."""
    windows: list[str | float | None] = []
    for w in row.windows:
        windows += [w.pct, w.significance]
    held = HELD_WORDS.get(row.hold, "")
    rating = row.rating_label + (" (overridden)" if row.overridden else "")
    return [
        row.measure_code,
        row.measure_name,
        row.where,
        row.latest_period,
        row.value,
        row.value_text,
        *windows,
        held or row.variation_text,
        held or row.assurance_text,
        rating,
        "; ".join(row.deciding_reasons),
        row.commentary,
        row.scrutiny,
    ]


def file_name(record: Record, filters: Filters, fmt: str) -> str:
    """Return the file's name, naming the period, the snapshot and the filters."""
    snapshot = record.snapshot
    parts = [f"performance-overview-{snapshot.period}-snapshot-{snapshot.pk}"]
    area = filters.area(record)
    if area != FORCE:
        parts.append(area)
    # Only letters, digits and hyphens from the query string reach the header.
    parts += [re.sub(r"[^A-Za-z0-9-]+", "", p) for p in (filters.priority, filters.theme) if p]
    return "-".join(p for p in parts if p) + f".{fmt}"


def notes(record: Record, filters: Filters) -> list[str]:
    """Return what a CSV file says before its header: which snapshot, which filters."""
    snapshot = record.snapshot
    return [
        f"Performance overview for {snapshot.period}, snapshot {snapshot.pk} "
        f"({snapshot.get_status_display()}); {filters.describe(record)}.",
        f"Read from the snapshot's record (content hash {snapshot.content_hash[:16]}).",
    ]


def render(record: Record, filters: Filters, fmt: str) -> bytes:
    """Return the table as a CSV or Excel file."""
    rows = [export_row(r) for r in table_rows(record, filters)]
    if fmt == "csv":
        return write_csv(COLUMNS, rows, notes=notes(record, filters), bom=True)
    if fmt == "xlsx":
        widths = {"Measure": 40, "Area": 18, "Reasons": 60, "Force commentary": 50}
        widths["Scrutiny note"] = 50
        sheet = Sheet(
            title="Overview",
            columns=COLUMNS,
            rows=rows,
            bold_header=True,
            widths=widths,
            text_columns=("Latest period",),
            freeze="C2",
        )
        return write_xlsx([sheet])
    raise ValueError(f"Unknown format {fmt!r}: use {' or '.join(FORMATS)}")
