"""P-charts and Laney p′ charts of monthly proportions, with the Making Data Count rules.

A proportion measure (charge rate = charged outcomes / all outcomes, a survey's share satisfied)
is charted as numerator / denominator, not as an XmR chart of percentages, so that a month with
a small denominator gets wide limits and a month with a large one narrow limits.

Definitions, as qicharts2 computes them (anhoej/qicharts2, ``R/helper.functions.R``, functions
``qic.p`` and ``qic.pp``; read in 0.8.1, commit 1b9487ec, and checked again in the repository at
commit 03470c09), per rebase group:

- centre line p̄ = Σ numerators / Σ denominators (a pooled share, not a mean of shares);
- **p-chart** (``qic.p``): σ_i = √(p̄(1 − p̄)/n_i), limits p̄ ± 3σ_i, "near" lines p̄ ± 2σ_i;
- **Laney p′** (``qic.pp``; Laney 2002, "Improved control charts for attributes", Quality
  Engineering 14:531–537): z_i = (p_i − p̄)/σ_i, σ_z = MR̄(z)/1.128 with the moving ranges
  screened as for I charts (qicharts2 option ``qic.screenedmr``; here ``screen_outliers``, on by
  default as in :func:`oversight.analysis.spc.xmr`: drop every MR ≥ 3.267 × MR̄, recompute once),
  limits p̄ ± 3σ_iσ_z and near lines p̄ ± 2σ_iσ_z. σ_z is used as it is, even below 1;
- limits are clipped to [0, 1] (qicharts2 clamps a p-chart's lower limit at 0 and its upper at 1);
  here to [0, ``scale``], for display only: the rules compare each share with the unclipped
  limits, which for a share in [0, 1] gives the same answer.

Values, centre line and limits are reported × ``scale`` (100: percent). The special-cause rules
are exactly those of :func:`oversight.analysis.spc.xmr` (:func:`~oversight.analysis.spc.
special_cause_labels`): outside the limits, a ``run_length``-point trend, two in three between
2σ and 3σ on one side, a ``run_length``-point shift, inside each rebase group. Which side of the
centre line a month lies is decided exactly (numerator × Σden against Σnum × denominator), so a
month whose share equals p̄ is on the line and breaks a shift. The Anhøj rules run on those sides
over the last group. Icons and assurance come from the last month's limits (the target is in the
same units as the values, i.e. percent).

**Which chart** (``laney=None``). The p′ chart is chosen when the data are over-dispersed: the
Pearson dispersion statistic X² = Σz_i² (summed over the groups, k_g − 1 degrees of freedom each)
exceeds the upper 5% point of χ² (the classical binomial dispersion test, Cochran 1954) **and**
σ_z, pooled over the groups' moving ranges, exceeds 1. The test keeps sampling noise in σ_z
from switching a binomial series to p′ (σ_z > 1 in over 40% of simulated binomial series); the σ_z
condition keeps a step change, which inflates X² but not the moving ranges, on a p-chart.
``laney=True`` or ``False`` forces the chart.

Decisions taken here:

- **Gaps.** A month with no numerator, no denominator or a zero denominator is a gap, never a
  zero: left out of every sum, moving range (the months either side are joined, as ``xmr``
  does; qicharts2 instead loses the two moving ranges next to a missing month) and rule. Its
  :class:`PointResult` keeps the group's reported limits (with no n it has none of its own) and
  null labels; ``SpcResult.to_dict()["point_limits"]`` shows null for it.
- **Reported limits.** ``PointResult.lpl/upl`` are each month's limits. ``Group.lpl/upl`` and
  ``SpcResult.lpl/upl`` are the limits at the group's (series') last month. ``Group.mr_bar`` is
  σ_z for a p′ chart and 0 for a p-chart. ``SpcResult.chart`` is ``"p"`` or ``"p_prime"``.
- **Degenerate groups.** When every month of a group is 0% (or 100%), σ_i = 0: the limits equal
  the centre line and every month is common cause. A one-month group on a p′ chart has no moving
  range, so it falls back to σ_z = 1 (p-chart limits). Both are warned.
- **Small denominators.** The 3σ limits rest on the normal approximation to the binomial; a
  month with n·p̄ or n·(1 − p̄) below 5 is warned about.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from scipy.special import chdtrc

from oversight.analysis.spc import (
    IMPROVEMENT_DIRECTIONS,
    SCREEN,
    Group,
    PointResult,
    SpcResult,
    anhoej,
    assurance_icon,
    clip,
    point_type,
    special_cause_labels,
    variation_icon,
)

__all__ = ["DISPERSION_ALPHA", "MIN_EXPECTED", "Proportion", "pchart"]

D2 = 1.128  # E|X1 − X2| / σ for normal X: σ_z = MR̄ / d2, as qicharts2 writes it
DISPERSION_ALPHA = 0.05  # level of the χ² dispersion test that picks the p′ chart
MIN_EXPECTED = 5  # n·p̄ and n·(1 − p̄) below this make the normal approximation doubtful


@dataclass(frozen=True)
class Proportion:
    """One month of a proportion; None in either part is a missing month (a gap, never a zero)."""

    period: str
    numerator: float | None
    denominator: float | None


@dataclass
class _Month:
    """A usable month of one group: its position in the input and its exact parts."""

    index: int
    numerator: float
    denominator: float
    share: float  # numerator / denominator, 0..1


@dataclass
class _GroupFacts:
    start: str
    months: list[_Month]
    p_bar: float
    sides: list[int]
    sigmas: list[float]  # σ_i, before any σ_z
    z: list[float]
    moving_ranges: list[float]


def _parts(point: Proportion) -> tuple[float, float] | None:
    """Return a month's (numerator, denominator), None for a gap; raise ValueError if invalid."""
    num, den = point.numerator, point.denominator
    for what, value in (("numerator", num), ("denominator", den)):
        if value is not None and (not math.isfinite(value) or value < 0):
            raise ValueError(f"{point.period}: {what} must be a finite number ≥ 0, got {value!r}")
    if num is not None and den is not None and num > den:
        raise ValueError(f"{point.period}: numerator {num!r} is more than denominator {den!r}")
    if num is None or den is None or den == 0:
        return None
    return float(num), float(den)


def _group_facts(start: str, months: list[_Month]) -> _GroupFacts:
    total_num = sum((Fraction(m.numerator) for m in months), Fraction(0))
    total_den = sum((Fraction(m.denominator) for m in months), Fraction(0))
    p_bar = float(total_num / total_den)  # correctly rounded
    # Exact sides: share_i − p̄ has the sign of num_i × Σden − Σnum × den_i.
    sides = []
    for m in months:
        diff = Fraction(m.numerator) * total_den - total_num * Fraction(m.denominator)
        sides.append((diff > 0) - (diff < 0))
    sigmas = [math.sqrt(p_bar * (1 - p_bar) / m.denominator) for m in months]
    if p_bar in (0.0, 1.0):
        z: list[float] = []
    else:
        z = [(m.share - p_bar) / s for m, s in zip(months, sigmas, strict=True)]
    ranges = [abs(b - a) for a, b in itertools.pairwise(z)]
    return _GroupFacts(start, months, p_bar, sides, sigmas, z, ranges)


def _sigma_z(ranges: Sequence[float], screen: bool) -> float | None:
    """Return MR̄ / d2 of the z-scores' moving ranges, screened; None without a moving range."""
    if not ranges:
        return None
    raw = math.fsum(ranges) / len(ranges)
    if screen and raw > 0:
        kept = [r for r in ranges if r < SCREEN * raw]
        screened = math.fsum(kept) / len(kept) if kept else 0.0
        # As xmr does: screening every range away would collapse the limits onto p̄.
        raw = screened if screened > 0 else raw
    return raw / D2


def _over_dispersion(facts: Sequence[_GroupFacts], screen: bool) -> tuple[bool, float, float]:
    """Return (over-dispersed?, pooled σ_z, p-value of the χ² dispersion test)."""
    chi2 = math.fsum(v * v for g in facts for v in g.z)
    df = sum(len(g.z) - 1 for g in facts if g.z)
    pooled = _sigma_z([r for g in facts for r in g.moving_ranges], screen)
    if df <= 0 or pooled is None:
        return False, pooled or 0.0, 1.0
    p_value = float(chdtrc(df, chi2))
    return p_value < DISPERSION_ALPHA and pooled > 1, pooled, p_value


def _validate(points: Sequence[Proportion], rebase: Sequence[str], run_length: int) -> None:
    if run_length < 2:
        raise ValueError("run_length must be at least 2")
    periods = [p.period for p in points]
    for earlier, later in itertools.pairwise(periods):
        if not earlier < later:
            raise ValueError(f"periods must be increasing and unique: {later!r} after {earlier!r}")
    unknown = sorted(set(rebase) - set(periods))
    if unknown:
        raise ValueError(f"rebase periods not in the series: {', '.join(unknown)}")


def pchart(
    points: Sequence[Proportion],
    *,
    improvement: str = "up",
    target: float | None = None,
    rebase: Sequence[str] = (),
    run_length: int = 7,
    laney: bool | None = None,
    scale: float = 100.0,
    warning_threshold: int = 13,
    screen_outliers: bool = True,
) -> SpcResult:
    """Return the p-chart (or Laney p′ chart) of ``points`` in time order, values × ``scale``."""
    if improvement not in IMPROVEMENT_DIRECTIONS:
        raise ValueError(f"improvement must be one of up, down, neutral, not {improvement!r}")
    direction = IMPROVEMENT_DIRECTIONS[improvement]
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    _validate(points, rebase, run_length)
    parts = [_parts(p) for p in points]
    if sum(part is not None for part in parts) < 2:
        raise ValueError("a p-chart needs at least two months with a denominator")

    periods = [p.period for p in points]
    edges = [*sorted({0} | {periods.index(r) for r in rebase}), len(points)]
    facts: list[_GroupFacts] = []
    for lo, hi in itertools.pairwise(edges):
        months = [
            _Month(i, part[0], part[1], part[0] / part[1])
            for i, part in enumerate(parts[lo:hi], start=lo)
            if part is not None
        ]
        if not months:
            raise ValueError(f"group starting {periods[lo]} has no month with a denominator")
        facts.append(_group_facts(periods[lo], months))

    warnings: list[str] = []
    over, pooled, p_value = _over_dispersion(facts, screen_outliers)
    use_laney = over if laney is None else laney
    sigma_zs = [_sigma_z(g.moving_ranges, screen_outliers) for g in facts]
    warnings.append(_method_words(laney, use_laney, pooled, p_value, sigma_zs))

    bounds = (0.0, scale)
    groups: list[Group] = []
    results: list[PointResult] = []
    last_limits = (0.0, 0.0)
    for index, ((lo, hi), g, sigma_z) in enumerate(
        zip(itertools.pairwise(edges), facts, sigma_zs, strict=True)
    ):
        factor = 1.0
        degenerate = g.p_bar in (0.0, 1.0)
        if use_laney and not degenerate:
            if sigma_z is None:
                warnings.append(
                    f"Group starting {g.start} has one month: no moving range for σz, so its "
                    "limits are p-chart limits."
                )
            else:
                factor = sigma_z
        if degenerate:
            warnings.append(
                f"Group starting {g.start}: every month is {'0' if g.p_bar == 0 else '100'}%, "
                "so the limits equal the centre line and every month is common cause."
            )
        spreads = [s * factor for s in g.sigmas]
        lower = [g.p_bar - 3 * s for s in spreads]
        upper = [g.p_bar + 3 * s for s in spreads]
        outside = [
            m.share > high or m.share < low
            for m, low, high in zip(g.months, lower, upper, strict=True)
        ]
        close = [
            not out and (m.share > g.p_bar + 2 * s or m.share < g.p_bar - 2 * s)
            for m, s, out in zip(g.months, spreads, outside, strict=True)
        ]
        shares = [m.share for m in g.months]
        labels = special_cause_labels(shares, g.sides, close, outside, run_length)
        shown = [
            (clip(a * scale, bounds), clip(b * scale, bounds))
            for a, b in zip(lower, upper, strict=True)
        ]
        last_shown = shown[-1]
        by_index = {m.index: k for k, m in enumerate(g.months)}
        mean = g.p_bar * scale
        for i in range(lo, hi):
            k = by_index.get(i)
            if k is None:
                results.append(
                    PointResult(periods[i], None, mean, *last_shown, None, None, index, None, None)
                )
                continue
            results.append(
                PointResult(
                    periods[i],
                    g.months[k].share * scale,
                    mean,
                    *shown[k],
                    labels[k],
                    point_type(labels[k], direction),
                    index,
                    g.sides[k],
                    close[k],
                )
            )
        short = len(g.months) < warning_threshold
        if short:
            warnings.append(
                f"Group starting {g.start} has {len(g.months)} values, fewer than "
                f"{warning_threshold}: its limits are trial limits, revised with each new value."
            )
        warnings.extend(_small_base_words(g))
        mr_bar = factor if use_laney and not degenerate else 0.0
        groups.append(Group(g.start, len(g.months), mean, *last_shown, mr_bar, short))
        last_limits = (lower[-1] * scale, upper[-1] * scale)

    last = groups[-1]
    last_type = next(r.point_type for r in reversed(results) if r.point_type is not None)
    return SpcResult(
        mean=last.mean,
        lpl=last.lpl,
        upl=last.upl,
        groups=tuple(groups),
        points=tuple(results),
        variation_icon=variation_icon(last_type, direction),
        # Unclipped, as xmr does; for a target within [0, scale] clipping changes nothing.
        assurance_icon=assurance_icon(target, *last_limits, direction),
        # The exact sides around 0 give Anhøj exactly the sides around p̄.
        anhoej=anhoej(facts[-1].sides, 0),
        warnings=tuple(warnings),
        chart="p_prime" if use_laney else "p",
    )


def _method_words(
    laney: bool | None,
    use_laney: bool,
    pooled: float,
    p_value: float,
    sigma_zs: Sequence[float | None],
) -> str:
    """Return the warning that says which chart was drawn and why."""
    known = [s for s in sigma_zs if s is not None]
    if len(known) > 1:
        sigma = f"σz = {pooled:.2f}; by group {', '.join(f'{s:.2f}' for s in known)}"
    else:
        sigma = f"σz = {pooled:.2f}"
    if laney is not None:
        return f"{'Laney p′ chart' if use_laney else 'p-chart'}, as asked ({sigma})."
    test = f"dispersion test p = {p_value:.3g}"
    if use_laney:
        return f"Laney p′ chart: the data are over-dispersed ({sigma}, {test})."
    if p_value < DISPERSION_ALPHA:
        # A change of level inflates X² but not the moving ranges: the rules, not σz, judge it.
        return (
            f"p-chart: the months vary no more than binomially from one to the next ({sigma}), "
            f"though their shares are not all alike ({test})."
        )
    return f"p-chart: the data are not over-dispersed ({sigma}, {test})."


def _small_base_words(g: _GroupFacts) -> list[str]:
    """Return a warning when some months' denominators are too small for 3σ limits."""
    if g.p_bar in (0.0, 1.0):
        return []
    smallest = min(g.p_bar, 1 - g.p_bar)
    small = [m for m in g.months if m.denominator * smallest < MIN_EXPECTED]
    if not small:
        return []
    least = min(m.denominator for m in small)
    return [
        f"Group starting {g.start}: {len(small)} of {len(g.months)} months have denominators "
        f"too small for reliable 3σ limits (n·p̄ or n·(1 − p̄) below {MIN_EXPECTED}; smallest "
        f"n = {least:g})."
    ]
