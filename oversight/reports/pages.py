"""What the performance pages show, gathered for their templates (views only parse and check)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from oversight.data.breaks import touches
from oversight.data.models import FORCE_AREA, Finding, Observation, ValuesBatch
from oversight.data.presenters import FindingView, finding_view
from oversight.display.figure import figure
from oversight.display.words import breakdown_words, month_words, number
from oversight.performance.models import Assessment, Rating, Snapshot
from oversight.plans.models import Measure, Theme
from oversight.reports.figures import bcu_figure, breakdown_figure, spc_figure
from oversight.reports.models import Commentary, CommentaryKind
from oversight.reports.narrative import theme_findings
from oversight.reports.pack import bcu_comparison
from oversight.reports.presenters import (
    OverviewRow,
    area_names,
    cells_by_measure,
    latest_commentary,
    overview_row,
    rows_for,
    snapshot_assessments,
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
    """Return the snapshot asked for (``?snapshot=ID``), else the latest, else None."""
    snapshots = Snapshot.objects.all()
    if snapshot_id:
        return snapshots.filter(pk=int(snapshot_id)).first() if snapshot_id.isdigit() else None
    return snapshots.order_by("-created_at", "-id").first()


def history(measure: Measure) -> list[dict[str, Any]]:
    """Return the force rating of the measure in every snapshot, newest first."""
    assessments = (
        Assessment.objects.filter(measure=measure, area=FORCE_AREA, breakdown="")
        .select_related("snapshot")
        .prefetch_related("overrides")
        .order_by("-snapshot__created_at", "-snapshot_id")
    )
    return [
        {
            "snapshot": a.snapshot,
            "period": month_words(a.period),
            "value": number(a.value, unit=a.unit),
            "rating": a.effective_rating,
            "rating_label": Rating(a.effective_rating).label,
            "overridden": a.effective_rating != a.rating,
            "headline": a.headline,
        }
        for a in assessments
    ]


def lineage(measure: Measure, period: str) -> dict[str, Any]:
    """Return where the measure's values up to ``period`` came from: batches and months."""
    observations = Observation.objects.filter(measure=measure, period__lte=period)
    warehouse: Counter[str] = Counter()
    values: Counter[int] = Counter()
    sample = 0
    for batches, batch_id, is_sample in observations.values_list(
        "warehouse_batches", "values_batch_id", "is_sample"
    ):
        warehouse.update(str(b) for b in batches or ())
        if batch_id is not None:
            values[batch_id] += 1
        sample += is_sample
    files = ValuesBatch.objects.in_bulk(list(values))
    return {
        "warehouse": sorted(warehouse.items()),
        "values": [
            {"id": pk, "count": n, "batch": files.get(pk)} for pk, n in sorted(values.items())
        ],
        "sample": sample,
        "total": observations.count(),
    }


def values_table(measure: Measure, period: str) -> QuerySet[Observation]:
    """Return the force's observations of the measure up to ``period``, newest first."""
    return (
        Observation.objects.filter(
            measure=measure, area=FORCE_AREA, breakdown="", period__lte=period
        )
        .select_related("values_batch")
        .order_by("-period")[:36]
    )


def thread(measure: Measure) -> list[Commentary]:
    """Return the measure's commentary, newest first, with each question's answers loaded."""
    return list(
        Commentary.objects.filter(measure=measure, parent__isnull=True)
        .select_related("by", "snapshot")
        .prefetch_related("answers__by")
        .order_by("-at", "-id")
    )


def measure_findings(measure: Measure) -> list[FindingView]:
    """Return the integrity findings that touch the measure, newest first, with charts."""
    touching = [
        f
        for f in Finding.objects.filter(force=measure.plan.force_slug).select_related("decided_by")
        if touches(f, measure, measure.plan.force_slug)
    ]
    touching.sort(key=lambda f: (f.period, f.pk), reverse=True)
    return [finding_view(f, index=i, chart=f.kind != "revision") for i, f in enumerate(touching)]


def measure_context(measure: Measure, snapshot: Snapshot | None) -> dict[str, Any]:
    """Return everything the measure page shows for one snapshot."""
    context: dict[str, Any] = {
        "measure": measure,
        "snapshot": snapshot,
        "history": history(measure),
        "thread": thread(measure),
        "kinds": CommentaryKind,
        "findings": measure_findings(measure),
    }
    if snapshot is None:
        return context
    cells = list(
        snapshot.assessments.filter(measure=measure)
        .select_related("measure__outcome__priority")
        .prefetch_related("overrides")
        .order_by("order")
    )
    force = next((a for a in cells if a.area == FORCE_AREA and not a.breakdown), None)
    names = area_names()
    commentary = latest_commentary([measure.pk])
    rows = [overview_row(a, names=names, commentary=commentary) for a in cells]
    context.update(
        {
            "row": next((r for r in rows if r.area == FORCE_AREA and not r.breakdown), None),
            "area_rows": [r for r in rows if r.area != FORCE_AREA and not r.breakdown],
            "breakdown_rows": [r for r in rows if r.breakdown],
            "windows": [window_cell(n, force.compstat.get(n)) for n in force.compstat]
            if force
            else [],
            "spc": figure(spc_figure(force), "chart-spc") if force else None,
            "bcus": figure(bcu_figure(measure, cells, names), "chart-bcu"),
            "breakdowns": figure(breakdown_figure(measure, cells), "chart-breakdowns"),
            "values": values_table(measure, snapshot.period),
            "lineage": lineage(measure, snapshot.period),
        }
    )
    return context


def theme_context(theme: Theme, snapshot: Snapshot | None) -> dict[str, Any]:
    """Return everything a theme page shows: measures, BCU comparison, breakdowns, findings."""
    findings, recommendations = theme_findings(theme)
    context: dict[str, Any] = {
        "theme": theme,
        "snapshot": snapshot,
        "findings": findings,
        "recommendations": recommendations,
        "narratives": theme.narratives.select_related("by")[:5],
    }
    if snapshot is None:
        return context
    assessments = snapshot_assessments(snapshot)
    rows = rows_for(snapshot, theme=theme.slug, assessments=assessments)
    bcus = list(theme.plan.bcus.values_list("code", "name"))
    bcu_rows: dict[str, dict[str, OverviewRow]] = {}
    for code, _ in bcus:
        for r in rows_for(snapshot, area=code, theme=theme.slug, assessments=assessments):
            bcu_rows.setdefault(r.measure_code, {})[code] = r
    cells = cells_by_measure(assessments)
    measures = {a.measure.code: a.measure for a in assessments}
    charts = []
    for i, row in enumerate(rows):
        measure = measures[row.measure_code]
        fig = figure(breakdown_figure(measure, cells.get(measure.pk, [])), f"chart-bd-{i}")
        if fig is not None:
            charts.append(fig)
    context.update(
        {
            "rows": rows,
            "bcu_table": bcu_comparison(rows, bcu_rows, bcus),
            "charts": charts,
            "breakdown_words": breakdown_words,
        }
    )
    return context
