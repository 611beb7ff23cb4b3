"""XmR (individuals) charts with the NHS "Making Data Count" rules and the Anhøj run rules.

Semantics follow NHSRplotthedots 0.2.2 (``ptd_spc``) as set out in the project's SPC notes:

- per rebase group, mean of the values (only the first ``fix_after_n_points`` when fixed);
  moving ranges |y_i - y_(i-1)| inside the group; MR̄ their mean; with screening (default on)
  every MR >= 3.267 × MR̄ is dropped and MR̄ recomputed once; the mean is not screened;
- limits mean ± 2.66 × MR̄ (no clamp at zero), "near" lines mean ± 2 × (2.66 / 3) × MR̄;
- rules inside one group, one label per point, first match wins: outside the limits, a
  ``run_length``-point trend (a tie breaks it), two in three between 2σ and 3σ with all three
  on one side of the mean, a ``run_length``-point shift (a point on the mean breaks it);
- variation icon from the last point; assurance icon from the target and the last group's limits.

``bounds`` (e.g. ``(0, None)`` for counts, ``(0, 100)`` for percentages) clips the limits that are
*reported* (``Group``, ``PointResult`` and ``SpcResult`` ``lpl``/``upl``) and nothing else: the
rules and the assurance icon use the unclipped limits, as SPC.md says ("clamp only for display").
For values inside the bounds this changes no outcome, since no value can lie beyond a bound.

Decisions taken here (see docs/adr/0001-spc-zero-moving-range.md):

- **Zero moving range.** When screening leaves MR̄ = 0 although the unscreened MR̄ is positive
  (e.g. fourteen 5s then a 6), the unscreened MR̄ is used and a warning is added: collapsed limits
  would mark every point "outside". When every MR is zero (all values equal, or a one-point
  group) the limits equal the mean, every point is common cause and a warning is added
  (NHSRplotthedots gives NaN limits when screening; unscreened it gives the same as here).
- **Missing values** (``Point.value is None``) are gaps, never zeros. They are left out of every
  calculation, as if the row were absent (NHSRplotthedots needs gap-free input; qicharts2's
  ``exclude`` does the same): moving ranges, runs and trends join the non-missing points on either
  side of a gap. The point stays in the output with null labels.
- **Means** are exactly rounded (summed as fractions), as R's long-double ``mean`` is, so a value
  equal to its group's mean is "on the mean" and breaks a shift. Limits are then computed in
  floating point exactly as R does, so they agree with NHSRplotthedots to the last bits.
- **Anhøj** rules run over the last group's non-missing points around that group's centre line;
  ``longest_run_max = round(log2(n)) + 3`` (log2 of an integer is never a tie, so Python's and R's
  rounding agree) and ``n_crossings_min`` is the exact binomial 5% quantile (``qbinom``).
"""

from __future__ import annotations

import calendar
import itertools
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

LIMIT = 2.66  # 3 / d2 with d2 = 1.128, rounded as NHSRplotthedots does
LIMIT_CLOSE = 2 * (LIMIT / 3)  # the 2σ line, computed as NHSRplotthedots does
SCREEN = 3.267  # upper range limit factor D4 for n = 2

IMPROVEMENT_DIRECTIONS = {"up": 1, "down": -1, "neutral": 0}

ABOVE_UCL = "Above UCL"
BELOW_LCL = "Below LCL"
TREND_UP = "7 Point Trend (Increasing)"
TREND_DOWN = "7 Point Trend (Decreasing)"
TWO_IN_THREE_ABOVE = "2 in 3 Above CL"
TWO_IN_THREE_BELOW = "2 in 3 Below CL"
SHIFT_ABOVE = "7 Points Above CL"
SHIFT_BELOW = "7 Points Below CL"
COMMON_CAUSE = "Common Cause"

_LABEL_SIGN = {
    ABOVE_UCL: 1,
    TREND_UP: 1,
    TWO_IN_THREE_ABOVE: 1,
    SHIFT_ABOVE: 1,
    BELOW_LCL: -1,
    TREND_DOWN: -1,
    TWO_IN_THREE_BELOW: -1,
    SHIFT_BELOW: -1,
    COMMON_CAUSE: 0,
}


@dataclass(frozen=True)
class Point:
    """One period of a series; ``value`` None is a missing month (a gap)."""

    period: str
    value: float | None


@dataclass(frozen=True)
class Group:
    """Limits of one rebase group."""

    start_period: str
    n: int
    mean: float
    lpl: float
    upl: float
    mr_bar: float
    short_group_warning: bool


@dataclass(frozen=True)
class PointResult:
    """One point with its group's lines and its labels (labels None for a missing value)."""

    period: str
    value: float | None
    mean: float
    lpl: float
    upl: float
    special_cause_type: str | None
    point_type: str | None
    group_index: int
    relative_to_mean: int | None
    close_to_limits: bool | None


@dataclass(frozen=True)
class Anhoej:
    """Anhøj run rules over one chart part (all None when no point is off the centre line)."""

    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    runs_signal: bool
    n_useful: int


@dataclass(frozen=True)
class SpcResult:
    """An XmR chart: the last group's lines, every group and point, icons and warnings."""

    mean: float
    lpl: float
    upl: float
    groups: tuple[Group, ...]
    points: tuple[PointResult, ...]
    variation_icon: str
    assurance_icon: str | None
    anhoej: Anhoej
    warnings: tuple[str, ...]
    #: "xmr", or "p" / "p_prime" for the p-charts of :mod:`oversight.analysis.pchart`.
    chart: str = "xmr"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``oversight spc --json``.

        A p-chart's limits vary by month, so its dict also has ``point_limits``: each point's
        period, lpl and upl (null for a gap).
        """
        shape = {
            "mean": self.mean,
            "lpl": self.lpl,
            "upl": self.upl,
            "groups": [asdict(g) for g in self.groups],
            "points": [
                {
                    "period": p.period,
                    "value": p.value,
                    "special_cause_type": p.special_cause_type,
                    "point_type": p.point_type,
                }
                for p in self.points
            ],
            "variation_icon": self.variation_icon,
            "assurance_icon": self.assurance_icon,
            "anhoej": asdict(self.anhoej),
            "warnings": list(self.warnings),
            "chart": self.chart,
        }
        if self.chart != "xmr":
            shape["point_limits"] = [
                {
                    "period": p.period,
                    "lpl": None if p.value is None else p.lpl,
                    "upl": None if p.value is None else p.upl,
                }
                for p in self.points
            ]
        return shape


def exact_mean(values: Sequence[float]) -> float:
    """Return the mean of ``values`` correctly rounded to the nearest float."""
    if all(float(v).is_integer() for v in values):
        # Counts: an integer sum is exact and int / int is correctly rounded, without Fractions.
        return sum(int(v) for v in values) / len(values)
    return float(sum((Fraction(v) for v in values), Fraction(0)) / len(values))


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def longest_run_max(n_useful: int) -> int:
    """Return Schilling's upper limit for the longest run: round(log2(n)) + 3."""
    return round(math.log2(n_useful)) + 3


def n_crossings_min(n_useful: int) -> int:
    """Return the smallest c with P(Binomial(n - 1, 1/2) <= c) >= 0.05 (R's qbinom)."""
    trials = max(n_useful - 1, 0)
    total = 2**trials
    cumulative = 0
    for c in range(trials + 1):
        cumulative += math.comb(trials, c)
        if 20 * cumulative >= total:
            return c
    return trials


def anhoej(values: Sequence[float | None], centre: float) -> Anhoej:
    """Return the Anhøj run rules for ``values`` around ``centre``.

    Missing values and points exactly on the centre line are dropped first.
    """
    sides = [_sign(v - centre) for v in values if v is not None]
    sides = [s for s in sides if s != 0]
    n_useful = len(sides)
    if not n_useful:
        return Anhoej(None, None, None, None, False, 0)
    runs = [1]
    for previous, current in itertools.pairwise(sides):
        if current == previous:
            runs[-1] += 1
        else:
            runs.append(1)
    longest = max(runs)
    crossings = len(runs) - 1
    run_max = longest_run_max(n_useful)
    cross_min = n_crossings_min(n_useful)
    return Anhoej(
        longest_run=longest,
        longest_run_max=run_max,
        n_crossings=crossings,
        n_crossings_min=cross_min,
        runs_signal=longest > run_max or crossings < cross_min,
        n_useful=n_useful,
    )


def daily_rate(count: float, period: str) -> float:
    """Return ``count`` divided by the number of days in the month ``period`` ("YYYY-MM")."""
    try:
        year, month = (int(part) for part in period.split("-"))
        days = calendar.monthrange(year, month)[1]
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise ValueError(f"period {period!r} is not a month in the form YYYY-MM") from exc
    return count / days


def _part_of_run(ends: Sequence[bool], run_length: int) -> list[bool]:
    """Mark every point of a run, given where runs of ``run_length`` are complete."""
    n = len(ends)
    return [any(ends[i : min(n, i + run_length)]) for i in range(n)]


def special_cause_labels(
    ys: Sequence[float],
    relative: Sequence[int],
    close: Sequence[bool],
    outside: Sequence[bool],
    run_length: int,
) -> list[str]:
    """Return the special-cause label of each point of one group, first rule matching wins.

    The inputs are the group's non-missing values in time order, each value's side of the centre
    line (1, -1, 0), whether it lies between the 2σ and 3σ lines, and whether it lies outside the
    limits; any chart (XmR, p, p′) that can say those four things gets the same rules.
    """
    n = len(ys)
    steps = [_sign(ys[i + 1] - ys[i]) for i in range(n - 1)]
    trend_end = [
        i >= run_length - 1
        and (
            all(s == 1 for s in steps[i - run_length + 1 : i])
            or all(s == -1 for s in steps[i - run_length + 1 : i])
        )
        for i in range(n)
    ]
    in_trend = _part_of_run(trend_end, run_length)
    shift_end = [
        i >= run_length - 1
        and relative[i] != 0
        and all(r == relative[i] for r in relative[i - run_length + 1 : i])
        for i in range(n)
    ]
    in_shift = _part_of_run(shift_end, run_length)
    windows = [
        sum(close[w : w + 3]) >= 2 and abs(sum(relative[w : w + 3])) == 3 for w in range(n - 2)
    ]
    in_two_of_three = [
        close[i] and any(windows[w] for w in range(max(0, i - 2), min(i + 1, n - 2)))
        for i in range(n)
    ]

    labels = []
    for i in range(n):
        if outside[i]:
            labels.append(ABOVE_UCL if relative[i] == 1 else BELOW_LCL)
        elif in_trend[i]:
            # The step to the next point when that point is also in a trend, else the step from
            # the previous one; a step of 0 reads as "Decreasing" (NHSRplotthedots).
            step = steps[i] if i + 1 < n and in_trend[i + 1] else steps[i - 1] if i > 0 else 0
            labels.append(TREND_UP if step == 1 else TREND_DOWN)
        elif in_two_of_three[i]:
            labels.append(TWO_IN_THREE_ABOVE if relative[i] > 0 else TWO_IN_THREE_BELOW)
        elif in_shift[i]:
            labels.append(SHIFT_ABOVE if relative[i] > 0 else SHIFT_BELOW)
        else:
            labels.append(COMMON_CAUSE)
    return labels


def point_type(special_cause_type: str, direction: int) -> str:
    """Return the point type of a label for an improvement direction (1, -1 or 0)."""
    sign = _LABEL_SIGN[special_cause_type]
    if sign == 0:
        return "common_cause"
    if direction == 0:
        return "special_cause_neutral_high" if sign > 0 else "special_cause_neutral_low"
    return "special_cause_improvement" if sign * direction > 0 else "special_cause_concern"


def variation_icon(last_point_type: str, direction: int) -> str:
    """Return the variation icon for the point type of the last point."""
    if last_point_type == "special_cause_improvement":
        return "improvement_high" if direction > 0 else "improvement_low"
    if last_point_type == "special_cause_concern":
        return "concern_low" if direction > 0 else "concern_high"
    if last_point_type == "special_cause_neutral_high":
        return "neutral_high"
    if last_point_type == "special_cause_neutral_low":
        return "neutral_low"
    return "common_cause"


def assurance_icon(target: float | None, lpl: float, upl: float, direction: int) -> str | None:
    """Return the assurance icon from a target and limits (None without target or if neutral)."""
    if target is None or direction == 0:
        return None
    if target > upl:
        return "consistent_fail" if direction > 0 else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if direction > 0 else "consistent_fail"
    return "inconsistent"


def clip(limit: float, bounds: tuple[float | None, float | None]) -> float:
    """Return ``limit`` moved inside ``bounds`` (low, high; None is unbounded)."""
    low, high = bounds
    if low is not None and limit < low:
        return low
    if high is not None and limit > high:
        return high
    return limit


def _mr_bar(base: Sequence[float], screen: bool, start: str, warnings: list[str]) -> float:
    """Return the mean moving range of ``base``, screened, with the zero-range decisions."""
    ranges = [abs(b - a) for a, b in itertools.pairwise(base)]
    if not ranges:
        warnings.append(
            f"Group starting {start} has one value: no moving range, limits equal the mean."
        )
        return 0.0
    raw = exact_mean(ranges)
    if raw == 0:
        warnings.append(
            f"Group starting {start}: all values are equal, so every moving range is zero; "
            "the limits equal the mean and every point is common cause."
        )
        return 0.0
    if not screen:
        return raw
    kept = [r for r in ranges if r < SCREEN * raw]
    screened = exact_mean(kept)
    if screened == 0:
        warnings.append(
            f"Group starting {start}: screening left a mean moving range of zero, so the "
            "unscreened mean moving range is used for the limits."
        )
        return raw
    return screened


def xmr(
    points: Sequence[Point],
    *,
    improvement: str = "up",
    target: float | None = None,
    rebase: Sequence[str] = (),
    screen_outliers: bool = True,
    fix_after_n_points: int | None = None,
    warning_threshold: int = 13,
    run_length: int = 7,
    bounds: tuple[float | None, float | None] = (None, None),
) -> SpcResult:
    """Return the XmR chart of ``points`` (in time order) with the Making Data Count rules.

    ``bounds`` clips only the reported limits (see the module docstring).
    """
    if improvement not in IMPROVEMENT_DIRECTIONS:
        raise ValueError(f"improvement must be one of up, down, neutral, not {improvement!r}")
    direction = IMPROVEMENT_DIRECTIONS[improvement]
    if fix_after_n_points is not None and fix_after_n_points < 12:
        raise ValueError("fix_after_n_points must be at least 12")
    if run_length < 2:
        raise ValueError("run_length must be at least 2")
    periods = [p.period for p in points]
    for earlier, later in itertools.pairwise(periods):
        if not earlier < later:
            raise ValueError(f"periods must be increasing and unique: {later!r} after {earlier!r}")
    for value in (p.value for p in points):
        if value is not None and not math.isfinite(value):
            raise ValueError(f"values must be finite numbers, not {value!r}")
    if sum(p.value is not None for p in points) < 2:
        raise ValueError("an XmR chart needs at least two values")
    unknown = sorted(set(rebase) - set(periods))
    if unknown:
        raise ValueError(f"rebase periods not in the series: {', '.join(unknown)}")
    low, high = bounds
    if low is not None and high is not None and not low <= high:
        raise ValueError(f"bounds must be (low, high) with low <= high, not {bounds!r}")

    # Split into groups: each rebase period starts a new one.
    starts = {0} | {periods.index(r) for r in rebase}
    edges = [*sorted(starts), len(points)]
    warnings: list[str] = []
    groups: list[Group] = []
    results: list[PointResult] = []
    last_group_values: list[float] = []
    last_lpl = last_upl = 0.0
    for index, (lo, hi) in enumerate(itertools.pairwise(edges)):
        members = points[lo:hi]
        start = members[0].period
        ys = [p.value for p in members if p.value is not None]
        if not ys:
            raise ValueError(f"group starting {start} has no values")
        base = ys if fix_after_n_points is None else ys[:fix_after_n_points]
        mean = exact_mean(base)
        mr_bar = _mr_bar(base, screen_outliers, start, warnings)
        lpl, upl = mean - LIMIT * mr_bar, mean + LIMIT * mr_bar
        near_low, near_high = mean - LIMIT_CLOSE * mr_bar, mean + LIMIT_CLOSE * mr_bar
        outside = [y > upl or y < lpl for y in ys]
        relative = [_sign(y - mean) for y in ys]
        close = [
            not o and (y < near_low or y > near_high) for y, o in zip(ys, outside, strict=True)
        ]
        labels = iter(special_cause_labels(ys, relative, close, outside, run_length))
        facts = iter(zip(relative, close, strict=True))
        shown_lpl, shown_upl = clip(lpl, bounds), clip(upl, bounds)
        for p in members:
            if p.value is None:
                label = kind = rel = near = None
            else:
                label = next(labels)
                kind = point_type(label, direction)
                rel, near = next(facts)
            results.append(
                PointResult(
                    p.period, p.value, mean, shown_lpl, shown_upl, label, kind, index, rel, near
                )
            )
        short = len(ys) < warning_threshold
        if short:
            warnings.append(
                f"Group starting {start} has {len(ys)} values, fewer than {warning_threshold}: "
                "its limits are trial limits, revised with each new value."
            )
        groups.append(Group(start, len(ys), mean, shown_lpl, shown_upl, mr_bar, short))
        last_group_values = ys
        last_lpl, last_upl = lpl, upl

    last = groups[-1]
    last_type = next(r.point_type for r in reversed(results) if r.point_type is not None)
    return SpcResult(
        mean=last.mean,
        lpl=last.lpl,
        upl=last.upl,
        groups=tuple(groups),
        points=tuple(results),
        variation_icon=variation_icon(last_type, direction),
        # The unclipped limits: clipping is for display and must not change the icon.
        assurance_icon=assurance_icon(target, last_lpl, last_upl, direction),
        anhoej=anhoej(last_group_values, last.mean),
        warnings=tuple(warnings),
    )
