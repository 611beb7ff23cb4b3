"""Shaping data coverage and import history for the data pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from oversight.analysis.periods import period_range
from oversight.core.caching import cached
from oversight.data.aggregation import WITH_LSOA, all_rows
from oversight.data.breaks import touched_measures
from oversight.data.geography import AreaMap
from oversight.data.models import Finding, Observation, ValuesBatch
from oversight.data.refresh import Unplaced, note_unplaced
from oversight.data.warehouse import Batch, Warehouse, WarehouseBusy
from oversight.display.figure import Figure, figure
from oversight.display.integrity_charts import step_chart
from oversight.plans.models import Measure, Plan, Source

KIND_LABELS = {
    "street": "Street-level crime",
    "outcomes": "Outcomes",
    "stop-and-search": "Stop and search",
}
QUIRK_LABELS = {
    "asb_without_crime_id": "Anti-social behaviour rows without a Crime ID",
    "no_location": "Rows without a location",
    "repeated_crime_ids": "Rows repeating a Crime ID already in the file",
    "outside_force_area": "Rows with an LSOA outside the force's nation",
    "outside_file_month": "Stop-and-search rows dated outside the file's month",
}


@dataclass
class KindCoverage:
    """One police.uk kind for the force: a row per month, a column per area."""

    kind: str
    label: str
    columns: list[str]  # column headings after the month
    rows: list[dict] = field(default_factory=list)  # {"month", "cells": [int|None], "missing"}
    missing: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class PoliceCoverage:
    force: str
    kinds: list[KindCoverage] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # kinds with no file for the force
    batches: list[Batch] = field(default_factory=list)
    error: str = ""


def police_coverage(plan: Plan, warehouse_path: Path | str) -> PoliceCoverage:
    """Return what the warehouse holds for the plan's force, month by month and area by area."""
    coverage = PoliceCoverage(force=plan.force_slug)
    path = Path(warehouse_path)
    if not path.exists():
        coverage.absent = list(KIND_LABELS)
        return coverage
    areas = AreaMap.for_plan(plan)
    try:
        with Warehouse(path, read_only=True) as warehouse:
            coverage.batches = list(reversed(warehouse.batches()))
            loaded: dict[str, dict[str, Batch]] = defaultdict(dict)
            for (kind, force, month), batch in warehouse.current_batches().items():
                if force == plan.force_slug:
                    loaded[kind][month] = batch
            for kind, label in KIND_LABELS.items():
                if not loaded.get(kind):
                    coverage.absent.append(kind)
                    continue
                coverage.kinds.append(_kind(warehouse, kind, label, loaded[kind], areas, plan))
    except (duckdb.Error, WarehouseBusy) as exc:
        coverage.error = f"The police data warehouse cannot be read just now ({exc})."
    return coverage


def _kind(
    warehouse: Warehouse,
    kind: str,
    label: str,
    batches: dict[str, Batch],
    areas: AreaMap,
    plan: Plan,
) -> KindCoverage:
    months = period_range(min(batches), max(batches))
    with_lsoa = kind in WITH_LSOA
    columns = ["Force (every row)"]
    by_bcu: dict[tuple[str, str], int] = defaultdict(int)
    unplaced: dict[tuple[str, str], Unplaced] = {}
    if with_lsoa:
        columns += [areas.bcus[code] for code in areas.bcus]
        columns += ["No location", "Outside the BCUs"]
        cells = all_rows(warehouse.connection, kind, force=plan.force_slug)
        for cell in cells:
            bcu = areas.bcu_of_authority(cell.authority)
            if bcu is not None:
                by_bcu[(bcu, cell.month)] += cell.population
        note_unplaced(cells, areas, kind, unplaced)
    coverage = KindCoverage(kind=kind, label=label, columns=columns)
    if not with_lsoa:
        coverage.note = "Stop-and-search rows carry no LSOA, so they have no BCU breakdown."
    for month in months:
        batch = batches.get(month)
        if batch is None:
            coverage.missing.append(month)
            coverage.rows.append({"month": month, "missing": True, "cells": [None] * len(columns)})
            continue
        row: list[int | None] = [batch.rows or 0]
        if with_lsoa:
            row += [by_bcu.get((code, month), 0) for code in areas.bcus]
            u = unplaced.get((kind, month), Unplaced())
            row += [u.no_location, u.outside_total]
        coverage.rows.append({"month": month, "missing": False, "cells": row, "batch": batch})
    return coverage


@dataclass
class ValuesCoverage:
    """Force-supplied measures by month: which cells have values."""

    months: list[str]
    rows: list[dict]  # {"measure", "cells": [{"state", "have", "expected"}]}


def values_coverage(plan: Plan) -> ValuesCoverage:
    """Return, per force-supplied measure and month, how many of its cells have a value."""
    measures = list(Measure.objects.filter(plan=plan, source=Source.FORCE).order_by("code"))
    bcus = plan.bcus.count()
    counts: dict[tuple[int, str], int] = defaultdict(int)
    samples: set[int] = set()
    observations = Observation.objects.filter(measure__in=measures).values_list(
        "measure_id", "period", "breakdown", "is_sample"
    )
    periods: set[str] = set()
    for measure_id, period, breakdown, is_sample in observations.iterator():
        # Age bands are extra cells; completeness counts the force and BCU totals.
        if breakdown == "":
            counts[(measure_id, period)] += 1
        periods.add(period)
        if is_sample:
            samples.add(measure_id)
    months = period_range(min(periods), max(periods)) if periods else []
    rows = []
    for measure in measures:
        expected = 1 + (bcus if "bcu" in (measure.breakdowns or []) else 0)
        cells = []
        for month in months:
            have = counts.get((measure.pk, month), 0)
            state = "complete" if have >= expected else ("partial" if have else "missing")
            cells.append({"month": month, "state": state, "have": have, "expected": expected})
        rows.append({"measure": measure, "cells": cells, "is_sample": measure.pk in samples})
    return ValuesCoverage(months=months, rows=rows)


def values_batches(limit: int = 50) -> list[ValuesBatch]:
    """Return the latest values batches, newest first."""
    return list(ValuesBatch.objects.select_related("uploaded_by").order_by("-at", "-id")[:limit])


def batch_quirks(batch: Batch) -> list[tuple[str, int]]:
    """Return the quirk counts a police.uk batch recorded, labelled, leaving out blanks."""
    return [
        (label, getattr(batch, name))
        for name, label in QUIRK_LABELS.items()
        if getattr(batch, name) is not None
    ]


def values_batch_cells(batch: ValuesBatch, limit: int = 500) -> list[Observation]:
    """Return the values a batch holds now (cells replaced since are no longer its)."""
    return list(
        Observation.objects.filter(values_batch=batch)
        .select_related("measure")
        .order_by("measure__code", "area", "breakdown", "period")[:limit]
    )


@dataclass(frozen=True)
class FindingView:
    """A finding as the data pages show it: what it touches, and its chart."""

    finding: Finding
    measures: list[Measure]
    figure: Figure | None


def finding_view(finding: Finding, *, index: int = 0, chart: bool = True) -> FindingView:
    """Return a finding with the measures it touches and (optionally) its small chart."""
    fig = None
    if chart:
        title = f"{finding.get_kind_display()}: {finding.dataset} data at {finding.period}"

        def draw() -> Figure | None:
            step = step_chart(finding.evidence, period=finding.period, title=title)
            return figure(step, f"finding-{index}")

        # Drawn from the evidence alone, so kept under it: the chart changes only with it.
        fig = cached(("finding-chart", title, finding.period, finding.evidence, index), draw)
    return FindingView(finding, touched_measures(finding), fig)


def plan_findings(plan: Plan) -> list[FindingView]:
    """Return the plan force's findings, open ones first, newest month first within each."""
    findings = Finding.objects.filter(force=plan.force_slug).select_related("decided_by")
    newest_first = sorted(findings, key=lambda f: (f.period, f.pk), reverse=True)
    ordered = sorted(newest_first, key=lambda f: not (f.is_open and f.still_detected))
    return [finding_view(f, index=i, chart=False) for i, f in enumerate(ordered)]
