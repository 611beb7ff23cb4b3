"""Assess every active measure, area and breakdown for a period, from the stored observations.

The engine reads the observations once, builds each monthly series (a missing month is a gap,
``None``, never a zero), runs the XmR chart and the Compstat windows of ``oversight.analysis``
and rates the result with the measure's RAG rule. It writes nothing: ``services.create_snapshot``
freezes what :func:`assess_period` returns.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from oversight.analysis.compstat import Compstat, Window, compstat
from oversight.analysis.periods import add_months, days_in_month, parse_period, period_range
from oversight.analysis.rag import RagResult, RagRule, SpcFacts, assess
from oversight.analysis.spc import Point, SpcResult, daily_rate, xmr
from oversight.data.models import FORCE_AREA, Observation
from oversight.plans.models import Bcu, Measure, MeasureStatus

# How many months up to the period are charted. Three years give the 24-month baseline that
# SPC.md asks for with room to spare, without letting changes in recording practice from many
# years ago set today's limits (see docs/adr/0002-snapshots.md).
SPC_MONTHS = 36
ASSESSED_STATUSES = (MeasureStatus.ACTIVE, MeasureStatus.UNDER_REVIEW)
AGE_BAND_PREFIX = "age:"


@dataclass(frozen=True)
class Row:
    """One assessed cell, ready to be frozen as an ``Assessment``."""

    measure: Measure
    area: str
    breakdown: str
    period: str
    latest_period: str
    value: float | None
    rating: str
    reasons: tuple[str, ...]
    headline: str
    variation_icon: str
    assurance_icon: str
    compstat: dict[str, Any]
    spc: dict[str, Any] | None
    n_points: int
    unit: str
    is_sample: bool


@dataclass
class Run:
    """What an assessment of one period found: the rows and the batches they came from."""

    period: str
    rows: list[Row] = field(default_factory=list)
    warehouse_batches: set[Any] = field(default_factory=set)
    values_batches: set[int] = field(default_factory=set)


def canonical_row(row: Any) -> dict[str, Any]:
    """Return an assessed cell (a :class:`Row` or a stored ``Assessment``) as hashed data."""
    return {
        "measure": row.measure.code,
        "area": row.area,
        "breakdown": row.breakdown,
        "period": row.period,
        "latest_period": row.latest_period,
        "value": row.value,
        "rating": row.rating,
        "reasons": list(row.reasons),
        "headline": row.headline,
        "variation_icon": row.variation_icon,
        "assurance_icon": row.assurance_icon,
        "compstat": row.compstat,
        "spc": row.spc,
        "n_points": row.n_points,
        "unit": row.unit,
        "is_sample": row.is_sample,
    }


def _month_bounds(period: str) -> tuple[dt.date, dt.date]:
    year, month = parse_period(period)
    return dt.date(year, month, 1), dt.date(year, month, days_in_month(period))


def is_effective(measure: Measure, period: str) -> bool:
    """Return whether the measure's current definition applies in any part of ``period``."""
    first, last = _month_bounds(period)
    if measure.effective_from is not None and measure.effective_from > last:
        return False
    return measure.effective_to is None or measure.effective_to >= first


def target_for(measure: Measure, period: str) -> float | None:
    """Return the measure's target if it applies in ``period``, else None."""
    if measure.target is None:
        return None
    first, last = _month_bounds(period)
    if measure.target_start is not None and measure.target_start > last:
        return None
    if measure.target_end is not None and measure.target_end < first:
        return None
    return measure.target


def assessable_measures(period: str) -> list[Measure]:
    """Return the active or under-review measures effective in ``period``, in plan order."""
    measures = Measure.objects.filter(status__in=ASSESSED_STATUSES).select_related(
        "outcome__priority", "plan"
    )
    return [m for m in measures if is_effective(m, period)]


def cells_for(
    measure: Measure, bcus: Sequence[str], observed: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Return the (area, breakdown) cells to assess: force, each BCU, then any age bands seen."""
    breakdowns = measure.breakdowns or ["force"]
    areas = []
    if "force" in breakdowns or "bcu" not in breakdowns:
        areas.append(FORCE_AREA)
    if "bcu" in breakdowns:
        areas.extend(bcus)
    cells = [(area, "") for area in areas]
    if "age_band" in breakdowns:
        bands = sorted(
            {(a, b) for a, b in observed if b.startswith(AGE_BAND_PREFIX) and a in areas},
            key=lambda cell: (areas.index(cell[0]), cell[1]),
        )
        cells.extend(bands)
    return cells


def monthly_series(values: Mapping[str, float], period: str) -> dict[str, float | None]:
    """Return every month from the first observed to ``period``, a missing month as None."""
    known = sorted(p for p in values if p <= period)
    if not known:
        return {}
    return {p: values.get(p) for p in period_range(known[0], period)}


def run_length(result: SpcResult) -> int:
    """Return how many latest points in a row share the last point's special cause (0 if none)."""
    points = [p for p in result.points if p.special_cause_type is not None]
    if not points or points[-1].point_type == "common_cause":
        return 0
    label = points[-1].special_cause_type
    n = 0
    for p in reversed(points):
        if p.special_cause_type != label:
            break
        n += 1
    return n


def spc_facts(result: SpcResult, *, scale: str = "") -> SpcFacts:
    """Return the facts of a chart that a RAG rule needs; `scale` names a charted rate."""
    last = next(p for p in reversed(result.points) if p.special_cause_type is not None)
    assert last.point_type is not None and last.special_cause_type is not None
    return SpcFacts(
        variation_icon=result.variation_icon,
        assurance_icon=result.assurance_icon,
        special_cause_type=last.special_cause_type,
        point_type=last.point_type,
        run_length=run_length(result),
        n_points=sum(p.value is not None for p in result.points),
        mean=result.mean,
        lpl=result.lpl,
        upl=result.upl,
        scale=scale,
        last_value=last.value if scale else None,
    )


def _finite(value: Any) -> Any:
    """Return JSON-safe data: non-finite floats become None (JSON has no NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def window_dict(window: Window) -> dict[str, Any]:
    """Return a Compstat window as JSON, with its sentence for the board."""
    test = window.significance
    return {
        "current": window.current,
        "previous": window.previous,
        "change": window.change,
        "pct_change": window.pct_change,
        "complete": window.complete,
        "reason": window.reason,
        "is_count": window.is_count,
        "significant": None if test is None else test.significant,
        "p_value": None if test is None else test.p_value,
        "current_periods": [window.current_periods[0], window.current_periods[-1]],
        "previous_periods": [window.previous_periods[0], window.previous_periods[-1]],
        "text": window.describe(),
        "comparison": window.comparison,
    }


def compstat_dict(result: Compstat | None) -> dict[str, Any]:
    if result is None:
        return {}
    return {w.name: window_dict(w) for w in result.windows}


def _compstat(series: Mapping[str, float | None], period: str, is_count: bool) -> Compstat | None:
    try:
        return compstat(series, period, is_count=is_count)
    except ValueError:
        # A "count" with a fractional or negative value: compare as a level, never test it.
        try:
            return compstat(series, period, is_count=False)
        except ValueError:
            return None


def _chart(
    measure: Measure, series: Mapping[str, float | None], period: str
) -> tuple[SpcResult | None, float | None]:
    start = add_months(period, -(SPC_MONTHS - 1))
    charted = {p: v for p, v in series.items() if p >= start}
    # Chart from the first value in the window to the last one; trailing gaps make data stale,
    # which the RAG rule reports, and the chart's last point must be a value.
    present = [p for p, v in charted.items() if v is not None]
    if len(present) < 2:
        return None, None
    target = target_for(measure, period)
    points = []
    for p in period_range(present[0], present[-1]):
        value = charted.get(p)
        if value is not None and measure.daily_rate:
            value = daily_rate(value, p)
        points.append(Point(p, value))
    if target is not None and measure.daily_rate:
        target = daily_rate(target, period)
    try:
        # A documented rebase inside the charted window starts new limits there.
        rebase = [
            r["period"]
            for r in measure.rebases
            if points[0].period < r["period"] <= points[-1].period
            and any(pt.period == r["period"] and pt.value is not None for pt in points)
        ]
        return xmr(points, improvement=measure.improvement, target=target, rebase=rebase), target
    except ValueError:
        return None, target


def assess_cell(
    measure: Measure,
    *,
    area: str,
    breakdown: str,
    values: Mapping[str, float],
    period: str,
    is_sample: bool,
) -> Row:
    """Return the assessment of one measure, area and breakdown for ``period``."""
    series = monthly_series(values, period)
    present = [p for p, v in series.items() if v is not None]
    latest_period = present[-1] if present else None
    latest_value = series[latest_period] if latest_period else None
    chart, _ = _chart(measure, series, period)
    scale = "a day" if measure.daily_rate else ""
    facts = spc_facts(chart, scale=scale) if chart is not None else None
    stats = _compstat(series, period, measure.unit == "count") if series else None
    last_12 = period_range(add_months(period, -11), period)
    missing = sum(series.get(p) is None for p in last_12) if series else 12
    rag: RagResult = assess(
        rule=RagRule.from_dict(measure.rag_rule or {}),
        spc=facts,
        compstat=stats,
        latest_value=latest_value,
        latest_period=latest_period,
        assessment_period=period,
        target=target_for(measure, period),
        improvement=measure.improvement,
        n_points=facts.n_points if facts is not None else len(present),
        n_missing_last_12=missing,
    )
    return Row(
        measure=measure,
        area=area,
        breakdown=breakdown,
        period=period,
        latest_period=latest_period or "",
        value=latest_value,
        rating=rag.rating.value,
        reasons=rag.reasons,
        headline=rag.headline,
        variation_icon=chart.variation_icon if chart is not None else "",
        assurance_icon=(chart.assurance_icon or "") if chart is not None else "",
        compstat=_finite(compstat_dict(stats)),
        spc=_finite(chart.to_dict()) if chart is not None else None,
        n_points=facts.n_points if facts is not None else len(present),
        unit=measure.unit,
        is_sample=is_sample,
    )


def assess_period(period: str, measures: Sequence[Measure] | None = None) -> Run:
    """Return the assessment of every assessable measure and cell for ``period``."""
    measures = list(assessable_measures(period) if measures is None else measures)
    run = Run(period=period)
    bcus: dict[int, list[str]] = defaultdict(list)
    for plan_id, code in Bcu.objects.order_by("name", "code").values_list("plan_id", "code"):
        bcus[plan_id].append(code)
    # One query for every observation; the per-cell series are built in memory.
    values: dict[tuple[int, str, str], dict[str, float]] = defaultdict(dict)
    samples: set[tuple[int, str, str]] = set()
    rows = Observation.objects.filter(
        measure__in=[m.pk for m in measures], period__lte=period
    ).values_list(
        "measure_id",
        "area",
        "breakdown",
        "period",
        "value",
        "is_sample",
        "warehouse_batches",
        "values_batch_id",
    )
    for measure_id, area, breakdown, p, value, is_sample, warehouse, batch in rows.iterator(
        chunk_size=5000
    ):
        key = (measure_id, area, breakdown)
        values[key][p] = value
        if is_sample:
            samples.add(key)
        run.warehouse_batches.update(warehouse or ())
        if batch is not None:
            run.values_batches.add(batch)
    observed: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for measure_id, area, breakdown in values:
        observed[measure_id].append((area, breakdown))
    for measure in measures:
        for area, breakdown in cells_for(measure, bcus[measure.plan_id], observed[measure.pk]):
            key = (measure.pk, area, breakdown)
            run.rows.append(
                assess_cell(
                    measure,
                    area=area,
                    breakdown=breakdown,
                    values=values.get(key, {}),
                    period=period,
                    is_sample=key in samples,
                )
            )
    return run
