"""What the performance pages show, gathered for their templates (views only parse and check)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from oversight.analysis.rag import Rating
from oversight.core.caching import cached
from oversight.data.breaks import touches
from oversight.data.models import Finding
from oversight.data.presenters import FindingView, finding_view
from oversight.display.figure import figure
from oversight.display.words import breakdown_words, month_words, number
from oversight.performance import frozen
from oversight.performance.frozen import FORCE, Record
from oversight.performance.models import (
    Assessment,
    Commentary,
    CommentaryKind,
    Snapshot,
    SnapshotStatus,
)
from oversight.plans.models import Measure, Theme
from oversight.reports.figures import bcu_figure, breakdown_figure, spc_figure
from oversight.reports.pack import bcu_comparison
from oversight.reports.presenters import (
    OverviewRow,
    cells_by_measure,
    rows_for,
    window_cell,
)

# Sortable columns of the overview: (sort key, heading, numeric).
COLUMNS = (
    ("measure", "Measure", False),
    ("value", "Latest value", True),
    (None, "Same month last year", True),
    (None, "Year to date", True),
    ("change", "Rolling 12 months", True),
    ("variation", "Variation", False),
    (None, "Assurance", False),
    ("rating", "Rating and reasons", False),
    (None, "Force commentary", False),
    (None, "Scrutiny note", False),
)


@dataclass(frozen=True)
class Header:
    label: str
    numeric: bool
    href: str
    aria_sort: str


def headers(params: dict[str, str], sort: str) -> list[Header]:
    """Return the overview's column headings; sortable ones link to the page sorted by them."""
    result = []
    for key, label, numeric in COLUMNS:
        if key is None:
            result.append(Header(label, numeric, "", ""))
            continue
        current = sort.lstrip("-") == key
        descending = sort.startswith("-")
        aria = ("descending" if descending else "ascending") if current else "none"
        next_sort = f"-{key}" if current and not descending else key
        query = urlencode({**{k: v for k, v in params.items() if v}, "sort": next_sort})
        result.append(Header(label, numeric, f"?{query}", aria))
    return result


def chosen_snapshot(snapshot_id: str | None) -> Snapshot | None:
    """Return the snapshot asked for (``?snapshot=ID``), else the current one, else None.

    The current snapshot is the latest presented one (the record of the latest Board); a
    newer assessment stays a draft, offered beside it, until it is presented. With nothing
    presented yet, the latest draft.
    """
    snapshots = Snapshot.objects.all()
    if snapshot_id:
        return snapshots.filter(pk=int(snapshot_id)).first() if snapshot_id.isdigit() else None
    presented = snapshots.exclude(status=SnapshotStatus.DRAFT)
    current = presented.order_by("-period", "-presented_at", "-id").first()
    return current or snapshots.order_by("-created_at", "-id").first()


def listing_state() -> list[tuple[int, str, str]]:
    """Return what a page says of other snapshots (the chooser, a newer draft): the latest 24.

    A page drawn once for a presented snapshot is kept under this as well as the snapshot.
    """
    recent = Snapshot.objects.order_by("-created_at", "-id")
    return list(recent.values_list("pk", "status", "period")[:24])


def newer_draft(snapshot: Snapshot | None) -> Snapshot | None:
    """Return the latest draft made after ``snapshot`` (the next Board's), or None."""
    if snapshot is None:
        return None
    drafts = Snapshot.objects.filter(
        status=SnapshotStatus.DRAFT, created_at__gt=snapshot.created_at
    )
    return drafts.exclude(pk=snapshot.pk).order_by("-created_at", "-id").first()


def history(code: str) -> list[dict[str, Any]]:
    """Return the force rating of a measure in every snapshot, newest first."""
    cells = (
        Assessment.objects.filter(measure__code=code, area=FORCE, breakdown="")
        .select_related("snapshot")
        .prefetch_related("overrides")
        .order_by("-snapshot__created_at", "-snapshot_id")
    )
    return [
        {
            "snapshot": c.snapshot,
            "period": month_words(c.period),
            "value": number(c.value, unit=c.unit),
            "rating": c.effective_rating,
            "rating_label": Rating(c.effective_rating).label,
            "overridden": c.effective_rating != c.rating,
            "headline": c.headline,
        }
        for c in cells
    ]


def values_table(cell: Assessment, record: Record) -> list[dict[str, Any]]:
    """Return the force's months the snapshot read, newest first, each with its source."""
    names = record.values_batches
    rows = []
    for period, value, numerator, denominator, *rest in reversed(cell.series):
        source = rest[0] if rest else ""
        if source.startswith("values batch "):
            batch = source.removeprefix("values batch ")
            source += f" ({names[batch]})" if batch in names else ""
        rows.append(
            {
                "period": period,
                "value": number(value, unit=cell.unit) if value is not None else "missing",
                "counts": f"{number(numerator)} of {number(denominator)}"
                if numerator is not None and denominator
                else "",
                "source": source or "–",
            }
        )
    return rows[:36]


def lineage(record: Record, code: str) -> dict[str, Any]:
    """Return the import batches the snapshot's values of a measure came from, with counts."""
    counts: Counter[str] = Counter()
    months = 0
    for cell in record.cells_of(code):
        for month in cell.series:
            if month[1] is None:
                continue
            months += 1
            counts[month[4] if len(month) > 4 and month[4] else "no batch recorded"] += 1
    return {"sources": sorted(counts.items(), key=lambda kv: _batch_order(kv[0])), "total": months}


def _batch_order(source: str) -> tuple[str, int, str]:
    """Sort "police.uk batch 10" after "police.uk batch 2": by kind, then by number."""
    kind, _, rest = source.rpartition(" batch ")
    first = rest.split(",")[0].strip()
    return (kind, int(first) if first.isdigit() else 0, rest)


def thread(measure: Measure, snapshot: Snapshot | None) -> list[dict[str, Any]]:
    """Return the measure's commentary, newest first; entries after the Board are marked."""
    board = snapshot.presented_at if snapshot is not None and snapshot.is_frozen else None
    entries = (
        Commentary.objects.filter(measure=measure, parent__isnull=True)
        .select_related("by", "snapshot")
        .prefetch_related("answers__by")
        .order_by("-at", "-id")
    )
    return [
        {"entry": e, "after_board": board is not None and e.at > board, "board": board}
        for e in entries
    ]


def measure_findings(measure: Measure) -> list[FindingView]:
    """Return the integrity findings that touch the measure now, newest first, with charts."""
    touching = [
        f
        for f in Finding.objects.filter(force=measure.plan.force_slug).select_related("decided_by")
        if touches(f, measure, measure.plan.force_slug)
    ]
    touching.sort(key=lambda f: (f.period, f.pk), reverse=True)
    return [finding_view(f, index=i, chart=f.kind != "revision") for i, f in enumerate(touching)]


def measure_context(measure: Measure, snapshot: Snapshot | None) -> dict[str, Any]:
    """Return everything the measure page shows for one snapshot.

    The rating, windows, charts, values and definition are the snapshot's record; the thread,
    the integrity findings and the rating history are live, and say so.
    """
    context: dict[str, Any] = {
        "measure": measure,
        "snapshot": snapshot,
        "newer_draft": newer_draft(snapshot),
        "history": history(measure.code),
        "thread": thread(measure, snapshot),
        "kinds": CommentaryKind,
        "findings": measure_findings(measure),
    }
    if snapshot is None:
        return context
    if snapshot.is_frozen:
        # A presented snapshot's record never changes (ADR 0007): drawn once, then kept.
        key = ("measure-record", snapshot.pk, snapshot.content_hash, measure.code)
        drawn = cached(key, lambda: _measure_record(measure.code, snapshot))
    else:
        drawn = _measure_record(measure.code, snapshot)
    context.update(drawn)
    definition = drawn.get("definition")
    if definition is not None:
        context["definition_changed"] = (
            definition.version,
            definition.name,
            definition.description,
            definition.unit,
        ) != (measure.version, measure.name, measure.description, measure.unit)
    return context


def _measure_record(code: str, snapshot: Snapshot) -> dict[str, Any]:
    """Return what the measure page shows of a snapshot's record: rows, windows and charts."""
    record = frozen.load(snapshot)
    frozen_measure = record.measures.get(code)
    if frozen_measure is None:
        return {}
    cells = record.cells_of(code)
    force = next((c for c in cells if c.area == FORCE and not c.breakdown), None)
    names = record.area_names
    rows = rows_for(record, area=FORCE, breakdowns=True)
    rows = [r for r in rows if r.measure_code == code]
    for area, _ in record.bcus:
        rows += [r for r in rows_for(record, area=area) if r.measure_code == code]
    return {
        "definition": frozen_measure,
        "row": next((r for r in rows if r.area == FORCE and not r.breakdown), None),
        "area_rows": [r for r in rows if r.area != FORCE and not r.breakdown],
        "breakdown_rows": [r for r in rows if r.breakdown],
        "windows": [window_cell(n, force.compstat.get(n)) for n in force.compstat] if force else [],
        "spc": figure(spc_figure(force, frozen_measure), "chart-spc") if force else None,
        "bcus": figure(bcu_figure(frozen_measure, cells, names), "chart-bcu"),
        "breakdowns": figure(breakdown_figure(frozen_measure, cells), "chart-breakdowns"),
        "values": values_table(force, record) if force else [],
        "lineage": lineage(record, code),
        "answers": record.answers().get(code, []),
    }


def theme_context(theme: Theme, snapshot: Snapshot | None) -> dict[str, Any]:
    """Return everything a theme page shows: measures, BCU comparison, breakdowns, findings.

    For a snapshot the findings are those it shows (frozen when it was presented); the
    narratives written on the page are listed live below them.
    """
    context: dict[str, Any] = {
        "theme": theme,
        "snapshot": snapshot,
        "newer_draft": newer_draft(snapshot),
        "narratives": theme.narratives.select_related("by")[:5],
        "findings": "",
        "recommendations": "",
    }
    if snapshot is None:
        return context
    record = frozen.load(snapshot)
    findings, recommendations = record.theme_findings(theme.slug)
    rows = rows_for(record, theme=theme.slug)
    bcu_rows: dict[str, dict[str, OverviewRow]] = {}
    for code, _ in record.bcus:
        for r in rows_for(record, area=code, theme=theme.slug):
            bcu_rows.setdefault(r.measure_code, {})[code] = r
    cells = cells_by_measure(record.cells)
    charts = []
    for i, row in enumerate(rows):
        chart = breakdown_figure(record.measures[row.measure_code], cells.get(row.measure_code, []))
        fig = figure(chart, f"chart-bd-{i}")
        if fig is not None:
            charts.append(fig)
    context.update(
        {
            "findings": findings,
            "recommendations": recommendations,
            "rows": rows,
            "bcu_table": bcu_comparison(rows, bcu_rows, record.bcus),
            "charts": charts,
            "breakdown_words": breakdown_words,
        }
    )
    return context
