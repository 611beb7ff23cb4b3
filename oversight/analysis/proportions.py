"""Proportions: Wilson intervals, Newcombe differences, and Compstat windows in percentage points.

Definitions and sources:

- **Wilson score interval** (Wilson 1927; Newcombe 1998, "Two-sided confidence intervals for the
  single proportion: comparison of seven methods", Statistics in Medicine 17:857–872, method 3,
  without continuity correction): for x of n and z = Φ⁻¹(1 − (1 − confidence)/2),
  (x + z²/2 ± z·√(x(n − x)/n + z²/4)) / (n + z²). It stays inside [0, 1] and behaves at x = 0
  and x = n, where the textbook p ± z·√(p(1 − p)/n) collapses. Newcombe's Table I gives 81/263
  → 0.2553 to 0.3662 and 0/20 → 0 to 0.1611, which the tests reproduce.
- **Newcombe hybrid score interval** for p1 − p2 (Newcombe 1998, "Interval estimation for the
  difference between independent proportions: comparison of eleven methods", Statistics in
  Medicine 17:873–890, method 10): with Wilson limits (l1, u1) and (l2, u2),
  L = d − √((p1 − l1)² + (u2 − p2)²) and U = d + √((u1 − p1)² + (p2 − l2)²). His Table II gives
  56/70 − 48/80 = 0.2000, 95% CI 0.0524 to 0.3339, and 9/10 − 3/10 = 0.6000, 0.1705 to 0.8090.
  Swapping the two proportions gives exactly (−d, −U, −L).

Compstat windows for a proportion (:func:`compare_proportion_windows`, :func:`proportion_compstat`)
return the same :class:`~oversight.analysis.compstat.Window` as counts, with
``is_proportion=True``:

* ``current``/``previous`` are **pooled** percentages, Σnumerators / Σdenominators × 100 over the
  window's months (a month of 3 of 4 weighs less than one of 300 of 400); any month missing (either
  part absent or None) makes the window incomplete, as for counts;
* ``change`` is the difference in **percentage points**; ``pct_change`` is always None: a relative
  % of a % ("−7.6%" for 30.3% against 32.8%) misleads;
* **no change is quoted** when either window's denominator is zero ("base is zero") or below
  ``min_base`` ("base below 10"); the description then gives the counts ("3 of 7 against 2 of 4");
* **significance** is the 1 − ``alpha`` Newcombe interval of the difference (in points, in
  ``Significance.interval``) excluding 0. No p-value is computed (``Significance.p_value`` is None):
  the interval is the test, so the two can never disagree, and it costs a few microseconds, where
  an exact test (Fisher's) on a year's charges is far slower. ``Significance.expected_share`` is
  the pooled proportion of both windows, ``direction`` the sign of the difference.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from statistics import NormalDist
from typing import Literal

from oversight.analysis.compstat import (
    Compstat,
    Significance,
    Window,
    compare_windows,
    format_number,
    format_share,
    no_data_reason,
    small_base_reason,
    window_periods,
    zero_base_reason,
)
from oversight.analysis.periods import validate_period

__all__ = [
    "compare_proportion_windows",
    "interval_words",
    "newcombe_difference",
    "percentage_compstat",
    "proportion_compstat",
    "wilson_interval",
]


@lru_cache(maxsize=32)
def _z(confidence: float) -> float:
    """Return the two-sided normal quantile for ``confidence`` (1.959964 for 0.95)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def _check_parts(numerator: float, denominator: float, where: str = "") -> None:
    prefix = f"{where}: " if where else ""
    for what, value in (("numerator", numerator), ("denominator", denominator)):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{prefix}{what} must be a finite number ≥ 0, got {value!r}")
    if numerator > denominator:
        raise ValueError(
            f"{prefix}numerator {numerator!r} is more than denominator {denominator!r}"
        )


def wilson_interval(
    numerator: float, denominator: float, *, confidence: float = 0.95
) -> tuple[float, float]:
    """Return the Wilson score interval of numerator / denominator, as fractions 0..1."""
    _check_parts(numerator, denominator)
    if denominator == 0:
        raise ValueError("a proportion of nothing has no interval: the denominator is 0")
    z = _z(confidence)
    z2 = z * z
    centre = (numerator + z2 / 2) / (denominator + z2)
    half = z * math.sqrt(numerator * (denominator - numerator) / denominator + z2 / 4)
    half /= denominator + z2
    # At x = 0 (x = n) the limit is exactly 0 (1); computed, it can miss by a rounding error.
    lower = 0.0 if numerator == 0 else max(0.0, centre - half)
    upper = 1.0 if numerator == denominator else min(1.0, centre + half)
    return lower, upper


def newcombe_difference(
    x1: float, n1: float, x2: float, n2: float, *, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Return p1 − p2 and its Newcombe hybrid score interval (method 10), as fractions."""
    l1, u1 = wilson_interval(x1, n1, confidence=confidence)
    l2, u2 = wilson_interval(x2, n2, confidence=confidence)
    p1, p2 = x1 / n1, x2 / n2
    d = p1 - p2
    # sqrt(a*a + b*b) rather than hypot: the sum commutes exactly, so swapping the two
    # proportions gives exactly (−d, −U, −L).
    lower = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, max(-1.0, lower), min(1.0, upper)


def interval_words(numerator: float, denominator: float, *, confidence: float = 0.95) -> str:
    """Return a share with its Wilson interval: "79.4% (95% CI 72.5% to 84.9%, 127 of 160)"."""
    lower, upper = wilson_interval(numerator, denominator, confidence=confidence)
    level = f"{round(100 * confidence, 6):g}%"
    return (
        f"{format_share(100 * numerator / denominator)} ({level} CI {format_share(100 * lower)} "
        f"to {format_share(100 * upper)}, {format_number(numerator)} of "
        f"{format_number(denominator)})"
    )


def _pool(
    numerators: Mapping[str, float | None],
    denominators: Mapping[str, float | None],
    periods: Sequence[str],
) -> tuple[float | None, float | None, list[str]]:
    """Return a window's Σ numerators and Σ denominators (None if incomplete), months missing."""
    nums, dens, missing = [], [], []
    for period in periods:
        num, den = numerators.get(period), denominators.get(period)
        if num is None or den is None:
            missing.append(period)
            continue
        _check_parts(num, den, period)
        nums.append(num)
        dens.append(den)
    if missing:
        return None, None, missing
    return math.fsum(nums), math.fsum(dens), []


def compare_proportion_windows(
    numerators: Mapping[str, float | None],
    denominators: Mapping[str, float | None],
    current_periods: Sequence[str],
    previous_periods: Sequence[str],
    *,
    name: str,
    min_base: float = 10,
    alpha: float = 0.05,
) -> Window:
    """Return the comparison of two windows of a proportion, in percentage points."""
    if not current_periods or not previous_periods:
        raise ValueError("both windows need at least one period")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if min_base < 0:
        raise ValueError(f"min_base must be ≥ 0, got {min_base!r}")
    for period in (*current_periods, *previous_periods):
        validate_period(period)
    cn, cd, missing_now = _pool(numerators, denominators, current_periods)
    pn, pd, missing_before = _pool(numerators, denominators, previous_periods)
    current = 100 * cn / cd if cn is not None and cd else None
    previous = 100 * pn / pd if pn is not None and pd else None
    common = {
        "name": name,
        "current_periods": tuple(current_periods),
        "previous_periods": tuple(previous_periods),
        "current": current,
        "previous": previous,
        "pct_change": None,  # never a relative % of a %
        "is_count": False,
        "min_base": min_base,
        "is_proportion": True,
        "current_numerator": cn,
        "current_denominator": cd,
        "previous_numerator": pn,
        "previous_denominator": pd,
    }
    if cn is None or cd is None or pn is None or pd is None:
        return Window(
            **common,
            change=None,
            significance=None,
            complete=False,
            reason=no_data_reason(missing_now + missing_before),
        )
    if cd == 0 or pd == 0:
        reason: str | None = zero_base_reason()
    elif cd < min_base or pd < min_base:
        reason = small_base_reason(min_base)
    else:
        reason = None
    if reason is not None:
        return Window(**common, change=None, significance=None, complete=True, reason=reason)
    assert current is not None and previous is not None  # both bases are positive here
    _, lower, upper = newcombe_difference(cn, cd, pn, pd, confidence=1 - alpha)
    # Exact comparison of the two shares: cn/cd against pn/pd without rounding.
    side = cn * pd - pn * cd
    direction: Literal["higher", "lower", "same"] = (
        "higher" if side > 0 else "lower" if side < 0 else "same"
    )
    significance = Significance(
        p_value=None,
        significant=lower > 0 or upper < 0,
        alpha=alpha,
        expected_share=(cn + pn) / (cd + pd),
        direction=direction,
        interval=(100 * lower, 100 * upper),
    )
    return Window(
        **common,
        change=current - previous,
        significance=significance,
        complete=True,
        reason=None,
    )


def proportion_compstat(
    numerators: Mapping[str, float | None],
    denominators: Mapping[str, float | None],
    period: str,
    *,
    min_base: float = 10,
    alpha: float = 0.05,
) -> Compstat:
    """Return the four Compstat windows of a proportion (period → numerator, denominator)."""
    windows = {
        name: compare_proportion_windows(
            numerators,
            denominators,
            current,
            previous,
            name=name,
            min_base=min_base,
            alpha=alpha,
        )
        for name, (current, previous) in window_periods(period).items()
    }
    return Compstat(
        period=period,
        month=windows["month"],
        same_month_last_year=windows["same_month_last_year"],
        year_to_date=windows["year_to_date"],
        rolling_12=windows["rolling_12"],
    )


def percentage_compstat(series: Mapping[str, float | None], period: str) -> Compstat:
    """Return the Compstat windows of percentages given without their counts, in points.

    Each window's level is the mean of its months' percentages and the change is in
    percentage points; with no counts there is no base to guard and nothing to test, and the
    description says so.
    """
    windows = {}
    for name, (current_periods, previous_periods) in window_periods(period).items():
        plain = compare_windows(
            series, current_periods, previous_periods, name=name, is_count=False
        )
        windows[name] = replace(plain, pct_change=None, is_proportion=True)
    return Compstat(period=period, **windows)
