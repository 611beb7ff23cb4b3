"""Which chart and which Compstat windows a measure's series gets, by its unit and its data.

- **Counts** (and rates, durations): an XmR chart, its lower limit clipped at zero for
  display; Compstat windows summed with exact tests for counts, averaged for the rest.
- **Percentages with their counts** (a numerator and a denominator every month, as police.uk
  proportions and most force-supplied percentages have): a p-chart, or Laney's p′ chart where
  the data are over-dispersed (``analysis.pchart``), its limits within 0–100 %; Compstat windows
  pooled over the months, compared in percentage points with the Newcombe interval
  (``analysis.proportions``), no change quoted on a base below the small-number threshold.
- **Percentages without their counts**: an XmR chart within 0–100 %, and windows in percentage
  points, untested (nothing to test them with).

Charts are drawn over at most ``chart_months`` months to the period, from the first value to
the last; the measure's documented rebases inside that span start new limits.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from oversight.analysis.compstat import Compstat, compstat
from oversight.analysis.pchart import Proportion, pchart
from oversight.analysis.periods import add_months, period_range
from oversight.analysis.proportions import percentage_compstat, proportion_compstat
from oversight.analysis.spc import Point, SpcResult, daily_rate, xmr
from oversight.plans.models import Measure, Unit

Parts = Mapping[str, tuple[float | None, float | None]]  # period → (numerator, denominator)
BOUNDS = {Unit.PERCENTAGE: (0.0, 100.0), Unit.SCORE: (None, None)}


def has_counts(series: Mapping[str, float | None], parts: Parts) -> bool:
    """Return whether every month with a value also has its numerator and denominator."""
    present = [p for p, v in series.items() if v is not None]
    return bool(present) and all(
        (parts.get(p) or (None, None))[0] is not None and (parts.get(p) or (None, None))[1]
        for p in present
    )


def _rebases(measure: Measure, first: str, last: str, present: set[str]) -> list[str]:
    # A documented rebase inside the charted span starts new limits at a month with a value.
    return [
        r["period"]
        for r in measure.rebases
        if first < r["period"] <= last and r["period"] in present
    ]


def chart_for(
    measure: Measure,
    series: Mapping[str, float | None],
    parts: Parts,
    period: str,
    *,
    target: float | None,
    chart_months: int,
) -> SpcResult | None:
    """Return the SPC chart of a measure's series to ``period``, or None (too few values)."""
    start = add_months(period, -(chart_months - 1))
    charted = {p: v for p, v in series.items() if p >= start}
    present = [p for p, v in charted.items() if v is not None]
    if len(present) < 2:
        return None
    span = period_range(present[0], present[-1])
    rebase = _rebases(measure, span[0], span[-1], set(present))
    try:
        if measure.unit == Unit.PERCENTAGE and has_counts(charted, parts):
            points = [
                Proportion(p, *(parts.get(p) or (None, None))) if charted.get(p) is not None
                else Proportion(p, None, None)
                for p in span
            ]  # fmt: skip
            return pchart(points, improvement=measure.improvement, target=target, rebase=rebase)
        values = []
        for p in span:
            value = charted.get(p)
            if value is not None and measure.daily_rate:
                value = daily_rate(value, p)
            values.append(Point(p, value))
        if target is not None and measure.daily_rate:
            target = daily_rate(target, period)
        bounds = BOUNDS.get(measure.unit, (0.0, None))
        return xmr(
            values, improvement=measure.improvement, target=target, rebase=rebase, bounds=bounds
        )
    except ValueError:
        return None


def windows_for(
    measure: Measure, series: Mapping[str, float | None], parts: Parts, period: str
) -> Compstat | None:
    """Return the Compstat windows of a measure's series for ``period``, or None."""
    if not series:
        return None
    base = settings.SMALL_NUMBER
    if measure.unit == Unit.PERCENTAGE:
        if has_counts(series, parts):
            numerators = {p: n for p, (n, _) in parts.items()}
            denominators = {p: d for p, (_, d) in parts.items()}
            return proportion_compstat(numerators, denominators, period, min_base=base)
        return percentage_compstat(series, period)
    try:
        return compstat(series, period, is_count=measure.unit == Unit.COUNT, min_base=base)
    except ValueError:
        # A "count" with a fractional or negative value: compare as a level, never test it.
        try:
            return compstat(series, period, is_count=False)
        except ValueError:
            return None
