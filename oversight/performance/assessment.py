"""Assess every active measure, area and breakdown for a period, from the stored observations.

The engine reads the observations once, builds each monthly series (a missing month is a gap,
``None``, never a zero), runs the XmR chart and the Compstat windows of ``oversight.analysis``
and rates the result with the measure's RAG rule. It writes nothing: ``services.create_snapshot``
freezes what :func:`assess_period` returns.

Everything is worded in English; each rating's headline is worded a second time in Welsh
(``headline_cy``) from the same facts, for the Welsh public pages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils import translation

from oversight.analysis.compstat import Compstat, Window
from oversight.analysis.language import Sentence, gettext_noop, say
from oversight.analysis.periods import add_months, days_in_month, parse_period, period_range
from oversight.analysis.proportions import interval_words, wilson_interval
from oversight.analysis.rag import RagResult, RagRule, Rating, SpcFacts, assess, labelled
from oversight.analysis.spc import SpcResult
from oversight.data.models import FORCE_AREA, Observation
from oversight.performance.readiness import Hold, Readiness
from oversight.performance.statistics import Parts, chart_for, windows_for
from oversight.plans.models import Bcu, Measure, MeasureStatus

# How many months up to the period are charted. Three years give the 24-month baseline that
# SPC.md asks for with room to spare, without letting changes in recording practice from many
# years ago set today's limits (see docs/adr/0002-snapshots.md).
SPC_MONTHS = 36
ASSESSED_STATUSES = (MeasureStatus.ACTIVE, MeasureStatus.UNDER_REVIEW)
AGE_BAND_PREFIX = "age:"
# The languages a rating is worded in: the record's, and the Welsh public pages'.
ENGLISH, WELSH = "en-gb", "cy"
REBASE = gettext_noop("the rebase")
BREAK_UNDER_REVIEW = gettext_noop("the data break under review")
THE_FORCE = gettext_noop("the force")


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
    # Why the rating was held at Grey before the chart was read ("" when it was not).
    hold: str = ""
    held_by: tuple[int, ...] = ()
    # The months read: [[period, value, numerator, denominator, source batch], ...].
    series: tuple[tuple[str, float | None, float | None, float | None, str], ...] = ()
    # A survey measure's latest value with its confidence interval, else None.
    interval: dict[str, Any] | None = None
    # The headline in Welsh ("" when it has none: the Welsh pages then show the English).
    headline_cy: str = ""


@dataclass
class Run:
    """What an assessment of one period found: the rows and the batches they came from."""

    period: str
    rows: list[Row] = field(default_factory=list)
    warehouse_batches: set[Any] = field(default_factory=set)
    values_batches: set[int] = field(default_factory=set)


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


def crossed_rebase(window: Window, rebases: Sequence[str]) -> str | None:
    """Return the latest rebase the window's months cross (None when it crosses none)."""
    first, last = window.previous_periods[0], window.current_periods[-1]
    crossed = [r for r in rebases if first < r <= last]
    return crossed[-1] if crossed else None


def window_dict(window: Window, rebases: Sequence[str] = ()) -> dict[str, Any]:
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
        # A proportion: the change is in percentage points, tested by its Newcombe interval.
        "is_proportion": window.is_proportion,
        "interval": list(test.interval) if test is not None and test.interval else None,
        "crosses_rebase": crossed_rebase(window, rebases),
        "counts": (
            [
                window.current_numerator,
                window.current_denominator,
                window.previous_numerator,
                window.previous_denominator,
            ]
            if window.is_proportion and window.current_denominator is not None
            else None
        ),
    }


def compstat_dict(result: Compstat | None, rebases: Sequence[str] = ()) -> dict[str, Any]:
    if result is None:
        return {}
    return {w.name: window_dict(w, rebases) for w in result.windows}


def read_series(
    series: Mapping[str, float | None],
    parts: Parts,
    period: str,
    sources: Mapping[str, str] | None = None,
) -> tuple[tuple[str, float | None, float | None, float | None, str], ...]:
    """Return the months an assessment read (24 for Compstat, SPC_MONTHS for the chart).

    Each is (period, value, numerator, denominator, source): the source names the import
    batch the value came from ("police.uk batch 17", "values batch 3"), "" for a gap.
    """
    first = add_months(period, -(max(SPC_MONTHS, 24) - 1))
    sources = sources or {}
    return tuple(
        (p, v, *(parts.get(p) or (None, None)), sources.get(p, ""))
        for p, v in series.items()
        if p >= first
    )


def survey_interval(
    measure: Measure, parts: Parts, latest_period: str | None
) -> dict[str, Any] | None:
    """Return a survey measure's latest value with its 95% Wilson interval, or None."""
    if not measure.survey or latest_period is None:
        return None
    numerator, denominator = parts.get(latest_period) or (None, None)
    if numerator is None or not denominator:
        return None
    low, high = wilson_interval(numerator, denominator)
    return {
        "period": latest_period,
        "numerator": numerator,
        "denominator": denominator,
        "low": 100 * low,
        "high": 100 * high,
        "text": interval_words(numerator, denominator),
    }


def rebases_in(measure: Measure, first: str, last: str) -> list[str]:
    """Return the measure's rebase periods after ``first`` and up to ``last``."""
    return sorted(r["period"] for r in measure.rebases if first < r["period"] <= last)


def with_rebase_caveats(stats: Compstat, rebases: Sequence[str], *, what: str = REBASE) -> Compstat:
    """Return the windows with a caveat on each whose months cross one of ``rebases``.

    ``what`` is a catalogue entry (:data:`REBASE`, :data:`BREAK_UNDER_REVIEW`).
    """
    windows = {}
    for window in stats.windows:
        crossed = crossed_rebase(window, rebases)
        caveat = ""
        if crossed:
            caveat = Sentence(
                gettext_noop("across %(what)s at %(period)s: not like for like"),
                what=Sentence(what),
                period=crossed,
            )
        windows[window.name] = replace(window, caveat=caveat)
    return replace(stats, **windows)


def _held_row(
    measure: Measure, *, area: str, breakdown: str, period: str, hold: Hold,
    series: Mapping[str, float | None], parts: Parts, chart: SpcResult | None,
    stats: Compstat | None, is_sample: bool, sources: Mapping[str, str],
) -> Row:  # fmt: skip
    """Return a cell rated Grey for ``hold``: no icons, and no windows from a missing month."""
    if stats is not None and hold.periods:
        stats = with_rebase_caveats(stats, hold.periods, what=BREAK_UNDER_REVIEW)
    present = [p for p, v in series.items() if v is not None]
    latest_period = present[-1] if present else ""
    reason = labelled(Rating.GREY, hold.reason)
    headline_cy = ""
    if isinstance(hold.reason, Sentence):
        with translation.override(WELSH):
            headline_cy = labelled(Rating.GREY, say(hold.reason))
    return Row(
        measure=measure,
        area=area,
        breakdown=breakdown,
        period=period,
        latest_period=latest_period,
        value=series.get(latest_period) if latest_period else None,
        rating="grey",
        reasons=(reason,),
        headline=reason,
        headline_cy=headline_cy,
        variation_icon="",
        assurance_icon="",
        compstat=_finite(compstat_dict(stats, hold.periods)) if hold.kind != "not_ready" else {},
        # The chart to the latest month stays, for whoever reviews the data.
        spc=_finite(chart.to_dict()) if chart is not None else None,
        n_points=len(present),
        unit=measure.unit,
        is_sample=is_sample,
        hold=hold.kind,
        held_by=hold.findings,
        series=read_series(series, parts, period, sources),
        interval=survey_interval(measure, parts, latest_period or None),
    )


def assess_cell(
    measure: Measure,
    *,
    area: str,
    breakdown: str,
    values: Mapping[str, float],
    period: str,
    is_sample: bool,
    parts: Parts | None = None,
    sources: Mapping[str, str] | None = None,
    readiness: Readiness | None = None,
    area_words: str = "",
) -> Row:
    """Return the assessment of one measure, area and breakdown for ``period``."""
    parts = parts or {}
    series = monthly_series(values, period)
    present = [p for p, v in series.items() if v is not None]
    latest_period = present[-1] if present else None
    latest_value = series[latest_period] if latest_period else None
    target = target_for(measure, period)
    chart = chart_for(measure, series, parts, period, target=target, chart_months=SPC_MONTHS)
    stats = windows_for(measure, series, parts, period)
    hold = None
    if readiness is not None:
        hold = readiness.source_hold(
            measure, area_words=area_words or area, has_value=series.get(period) is not None
        ) or readiness.break_hold(measure, area=area)
    if hold is not None:
        return _held_row(
            measure, area=area, breakdown=breakdown, period=period, hold=hold, series=series,
            parts=parts, chart=chart, stats=stats, is_sample=is_sample, sources=sources or {},
        )  # fmt: skip
    rebases = rebases_in(measure, add_months(period, -23), period)
    if rebases and stats is not None:
        stats = with_rebase_caveats(stats, rebases)
    scale = Sentence(gettext_noop("a day")) if measure.daily_rate else ""
    facts = spc_facts(chart, scale=scale) if chart is not None else None
    last_12 = period_range(add_months(period, -11), period)
    missing = sum(series.get(p) is None for p in last_12) if series else 12
    facts_of_rating: dict[str, Any] = {
        "rule": RagRule.from_dict(measure.rag_rule or {}),
        "spc": facts,
        "compstat": stats,
        "latest_value": latest_value,
        "latest_period": latest_period,
        "assessment_period": period,
        "target": target,
        "improvement": measure.improvement,
        "n_points": facts.n_points if facts is not None else len(present),
        "n_missing_last_12": missing,
    }
    rag: RagResult = assess(**facts_of_rating)
    # Rating again is cheaper than the windows and the chart it reads: only its words differ.
    with translation.override(WELSH):
        headline_cy = assess(**facts_of_rating).headline
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
        headline_cy=headline_cy,
        variation_icon=chart.variation_icon if chart is not None else "",
        assurance_icon=(chart.assurance_icon or "") if chart is not None else "",
        compstat=_finite(compstat_dict(stats, rebases)),
        spc=_finite(chart.to_dict()) if chart is not None else None,
        n_points=facts.n_points if facts is not None else len(present),
        unit=measure.unit,
        is_sample=is_sample,
        series=read_series(series, parts, period, sources or {}),
        interval=survey_interval(measure, parts, latest_period),
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
    parts: dict[tuple[int, str, str], dict[str, tuple[float | None, float | None]]] = defaultdict(
        dict
    )
    lineage: dict[tuple[int, str, str], dict[str, str]] = defaultdict(dict)
    samples: set[tuple[int, str, str]] = set()
    rows = Observation.objects.filter(
        measure__in=[m.pk for m in measures], period__lte=period
    ).values_list(
        "measure_id",
        "area",
        "breakdown",
        "period",
        "value",
        "numerator",
        "denominator",
        "is_sample",
        "warehouse_batches",
        "values_batch_id",
    )
    for (
        measure_id, area, breakdown, p, value, numerator, denominator, is_sample, warehouse,
        batch,
    ) in rows.iterator(chunk_size=5000):  # fmt: skip
        key = (measure_id, area, breakdown)
        values[key][p] = value
        if numerator is not None:
            parts[key][p] = (numerator, denominator)
        if batch is not None:
            lineage[key][p] = f"values batch {batch}"
        elif warehouse:
            lineage[key][p] = "police.uk batch " + ", ".join(str(b) for b in warehouse)
        if is_sample:
            samples.add(key)
        run.warehouse_batches.update(warehouse or ())
        if batch is not None:
            run.values_batches.add(batch)
    observed: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for measure_id, area, breakdown in values:
        observed[measure_id].append((area, breakdown))
    readiness = Readiness(period, measures, chart_months=SPC_MONTHS)
    names = dict(Bcu.objects.values_list("code", "name"))
    # The record is in English whatever language the request or command is in.
    with translation.override(ENGLISH):
        for measure in measures:
            for area, breakdown in cells_for(measure, bcus[measure.plan_id], observed[measure.pk]):
                key = (measure.pk, area, breakdown)
                where = Sentence(THE_FORCE) if area == FORCE_AREA else names.get(area, area)
                # Punctuation only, so not a catalogue entry; a Sentence to be worded again.
                area_words = (
                    Sentence("%(area)s, %(breakdown)s", area=where, breakdown=breakdown)
                    if breakdown
                    else where
                )
                run.rows.append(
                    assess_cell(
                        measure,
                        area=area,
                        breakdown=breakdown,
                        values=values.get(key, {}),
                        parts=parts.get(key, {}),
                        sources=lineage.get(key, {}),
                        period=period,
                        is_sample=key in samples,
                        readiness=readiness,
                        area_words=area_words,
                    )
                )
    return run
