"""Funnel plots for rates per 1,000 residents: exact Poisson limits and overdispersion.

A funnel plot (Spiegelhalter 2005, "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185–1202) draws each unit's rate against its size, around a target
rate θ (by default the pooled rate Σ counts ÷ Σ populations), with control limits that narrow
as the population grows. Here a unit is a police force, its size its resident population n and
its indicator a count of crimes (rows) in a window of months, taken as Poisson with mean θ·n.

**Limits (exact Poisson, interpolated).** For a tail probability p, r_p is the smallest count
with P(X ≤ r_p) ≥ p for X ~ Poisson(θ·n); the limit is (r_p − α) ÷ n with
α = (P(X ≤ r_p) − p) ÷ (P(X ≤ r_p) − P(X ≤ r_p − 1)), the interpolation of Spiegelhalter 2005
§A.1.1 that makes the discrete limits a smooth curve. The 95 % limits use p = 0.025 and 0.975,
the 99.8 % limits p = 0.001 and 0.999 (about 2 and 3 standard errors). Exact limits, not the
normal approximation θ ± z·√(θ/n), because they stay right for small forces and small crime
types (a force's monthly robberies can be in single figures), where the normal one is
symmetric and can go below zero; for large expected counts the two agree (tested).

**Overdispersion.** Crime counts of whole forces vary between forces far more than Poisson
chance allows, so nearly every force falls outside Poisson limits. Following Spiegelhalter
2005 ("Handling over-dispersion of performance indicators", Quality and Safety in Health Care
14:347–351) each rate is put on the square-root scale, y = √(count ÷ n) with standard error
s = 1 ÷ (2√n) and target √θ; z = (y − √θ) ÷ s; the z-scores are Winsorised at their 10th and
90th percentiles and φ = mean(z²). When k·φ > k − 1 (k units) the between-force variance is
τ² = (k·φ − (k − 1)) ÷ (Σw − Σw² ÷ Σw), w = 1 ÷ s² (the DerSimonian–Laird moment estimate),
and the adjusted limits are (√θ ± z·√(s² + τ²))². Both placements are given: the Poisson one
(is this more than chance?) and the adjusted one (is this unusual among forces?).

Pure Python over scipy's special functions (vectorised with numpy); no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.special import ndtri, pdtr, pdtrik

from oversight.analysis.language import _, gettext_noop

PER = 1000  # rates are per 1,000 residents

# The two-sided levels: (lower tail, upper tail) probabilities.
P95 = (0.025, 0.975)
P998 = (0.001, 0.999)
TRIM = 0.1  # Winsorise the z-scores at the 10th and 90th percentiles


class Placement(StrEnum):
    """Where a unit falls on the funnel."""

    WITHIN = "within"
    ABOVE_95 = "above_95"
    ABOVE_998 = "above_998"
    BELOW_95 = "below_95"
    BELOW_998 = "below_998"


# In words, marked for the catalogue: pass each through ``language._`` where it is shown. (The
# comments tell xgettext that " % l" is a per cent sign, not a Python format.)
PLACEMENT_WORDS: dict[str, str] = {
    # xgettext:no-python-format
    Placement.WITHIN: gettext_noop("within the 95 % limits"),
    # xgettext:no-python-format
    Placement.ABOVE_95: gettext_noop("above the 95 % limit"),
    # xgettext:no-python-format
    Placement.ABOVE_998: gettext_noop("above the 99.8 % limit"),
    # xgettext:no-python-format
    Placement.BELOW_95: gettext_noop("below the 95 % limit"),
    # xgettext:no-python-format
    Placement.BELOW_998: gettext_noop("below the 99.8 % limit"),
}


def placement_words(placement: str | None, default: str = "–") -> str:
    """Return where a unit falls in words, in the active language ("within the 95 % limits")."""
    words = PLACEMENT_WORDS.get(placement or "")
    return _(words) if words is not None else default


@dataclass(frozen=True)
class Limits:
    """The funnel's limits at one population, as rates per 1,000."""

    population: float
    lower_998: float
    lower_95: float
    upper_95: float
    upper_998: float

    def place(self, rate: float) -> Placement:
        """Return where a rate per 1,000 falls against these limits."""
        if rate > self.upper_998:
            return Placement.ABOVE_998
        if rate > self.upper_95:
            return Placement.ABOVE_95
        if rate < self.lower_998:
            return Placement.BELOW_998
        if rate < self.lower_95:
            return Placement.BELOW_95
        return Placement.WITHIN

    def to_dict(self) -> dict[str, float]:
        return {
            "lower_998": self.lower_998,
            "lower_95": self.lower_95,
            "upper_95": self.upper_95,
            "upper_998": self.upper_998,
        }


def _cdf_below(r: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Return P(X ≤ r − 1), which is 0 at r = 0."""
    return np.where(r > 0, pdtr(np.maximum(r - 1, 0), mean), 0.0)


def poisson_limit_counts(p: float, expected: np.ndarray | float) -> np.ndarray:
    """Return the interpolated Poisson p-quantile r_p − α for each expected count (vectorised)."""
    mean = np.atleast_1d(np.asarray(expected, dtype=float))
    # pdtrik inverts the CDF in a continuous k; the integer quantile is at or next to its ceiling.
    guess = np.where(mean > 0, np.ceil(np.nan_to_num(pdtrik(p, mean), nan=0.0)), 0.0)
    r = np.maximum(guess, 0.0)
    # Step down while the count below still reaches p, up while this one does not.
    for _step in range(3):
        r = np.where((r > 0) & (_cdf_below(r, mean) >= p), r - 1, r)
    for _step in range(3):
        r = np.where(pdtr(r, mean) < p, r + 1, r)
    at = pdtr(r, mean)
    before = _cdf_below(r, mean)
    alpha = np.where(at > before, (at - p) / np.where(at > before, at - before, 1.0), 0.0)
    return np.maximum(r - alpha, 0.0)


def poisson_limits(target_rate: float, populations: Sequence[float] | np.ndarray) -> list[Limits]:
    """Return the exact (interpolated) Poisson limits at each population.

    ``target_rate`` is per resident (not per 1,000): the expected count is target × population.
    """
    pops = np.asarray(populations, dtype=float)
    expected = target_rate * pops
    out = {
        name: poisson_limit_counts(p, expected) / pops * PER
        for name, p in (("l998", P998[0]), ("l95", P95[0]), ("u95", P95[1]), ("u998", P998[1]))
    }
    return [
        Limits(float(n), float(a), float(b), float(c), float(d))
        for n, a, b, c, d in zip(
            pops, out["l998"], out["l95"], out["u95"], out["u998"], strict=True
        )
    ]


def normal_limits(target_rate: float, population: float) -> Limits:
    """Return the normal-approximation limits θ ± z·√(θ/n) (for comparison with the exact)."""
    se = math.sqrt(target_rate / population)
    z95, z998 = float(ndtri(P95[1])), float(ndtri(P998[1]))
    return Limits(
        population,
        (target_rate - z998 * se) * PER,
        (target_rate - z95 * se) * PER,
        (target_rate + z95 * se) * PER,
        (target_rate + z998 * se) * PER,
    )


@dataclass(frozen=True)
class Overdispersion:
    """Spiegelhalter's overdispersion estimate over the units of one funnel."""

    units: int
    phi: float  # mean squared Winsorised z-score: 1 is Poisson
    tau2: float  # between-unit variance on the square-root scale; 0 when not overdispersed

    @property
    def overdispersed(self) -> bool:
        return self.tau2 > 0

    def to_dict(self) -> dict[str, float | int | bool]:
        return {
            "units": self.units,
            "phi": self.phi,
            "tau2": self.tau2,
            "overdispersed": self.overdispersed,
        }


def _quantile(values: Sequence[float], q: float) -> float:
    # R's default quantile (type 7), which numpy's default also computes.
    return float(np.quantile(np.asarray(values, dtype=float), q))


def overdispersion(
    units: Sequence[tuple[int, float]], target_rate: float, *, trim: float = TRIM
) -> Overdispersion:
    """Return φ and τ² for (count, population) units around a target rate per resident."""
    usable = [(c, n) for c, n in units if n > 0]
    k = len(usable)
    if k < 3 or target_rate <= 0:
        return Overdispersion(k, 1.0, 0.0)
    root_target = math.sqrt(target_rate)
    s = [1 / (2 * math.sqrt(n)) for _, n in usable]
    z = [(math.sqrt(c / n) - root_target) / se for (c, n), se in zip(usable, s, strict=True)]
    low, high = _quantile(z, trim), _quantile(z, 1 - trim)
    clipped = [min(max(v, low), high) for v in z]
    phi = sum(v * v for v in clipped) / k
    if k * phi <= k - 1:
        return Overdispersion(k, phi, 0.0)
    w = [1 / (se * se) for se in s]
    tau2 = max(0.0, (k * phi - (k - 1)) / (sum(w) - sum(x * x for x in w) / sum(w)))
    return Overdispersion(k, phi, tau2)


def adjusted_limits(
    target_rate: float, populations: Sequence[float] | np.ndarray, tau2: float
) -> list[Limits]:
    """Return limits widened by the between-unit variance τ² (square-root scale)."""
    pops = np.asarray(populations, dtype=float)
    root = math.sqrt(max(target_rate, 0.0))
    spread = np.sqrt(1 / (4 * pops) + tau2)
    z95, z998 = float(ndtri(P95[1])), float(ndtri(P998[1]))

    def at(z: float) -> np.ndarray:
        return np.maximum(root + z * spread, 0.0) ** 2 * PER

    lower_998, lower_95, upper_95, upper_998 = at(-z998), at(-z95), at(z95), at(z998)
    # Below zero on the square-root scale is no rate at all: the lower limit is then 0.
    lower_998 = np.where(root - z998 * spread < 0, 0.0, lower_998)
    lower_95 = np.where(root - z95 * spread < 0, 0.0, lower_95)
    return [
        Limits(float(n), float(a), float(b), float(c), float(d))
        for n, a, b, c, d in zip(pops, lower_998, lower_95, upper_95, upper_998, strict=True)
    ]


@dataclass(frozen=True)
class Unit:
    """One unit of a funnel: a key (the force), its count and its population."""

    key: str
    count: int
    population: float

    @property
    def rate(self) -> float:
        """Return the rate per 1,000 residents."""
        return self.count / self.population * PER


@dataclass(frozen=True)
class PlacedUnit:
    """A unit with its limits and where it falls, on the Poisson and the adjusted funnel."""

    unit: Unit
    limits: Limits
    placement: Placement
    adjusted: Limits | None
    adjusted_placement: Placement | None


@dataclass(frozen=True)
class Funnel:
    """A funnel: its target, each unit placed, the overdispersion and curves to draw."""

    target_rate: float  # per 1,000
    units: tuple[PlacedUnit, ...]
    overdispersion: Overdispersion
    curve: tuple[Limits, ...]
    adjusted_curve: tuple[Limits, ...]

    def placed(self, key: str) -> PlacedUnit | None:
        """Return the placed unit of a key, or None."""
        return next((u for u in self.units if u.unit.key == key), None)


def curve_populations(smallest: float, largest: float, points: int = 48) -> np.ndarray:
    """Return populations spaced evenly on a log scale, a little beyond both ends."""
    low = max(smallest * 0.8, 1.0)
    high = max(largest * 1.2, low * 1.5)
    return np.geomspace(low, high, points)


def funnel(
    units: Sequence[Unit],
    *,
    target_rate: float | None = None,
    trim: float = TRIM,
    points: int = 48,
) -> Funnel:
    """Return the funnel of units: target (default pooled), limits, placements and curves.

    ``target_rate``, when given, is per 1,000 residents. Units with no population are refused
    (ValueError): a rate needs one, and the caller says why a unit has none.
    """
    if any(u.population <= 0 for u in units):
        raise ValueError("every unit of a funnel needs a population above 0")
    if target_rate is None:
        residents = sum(u.population for u in units)
        target = sum(u.count for u in units) / residents if residents else 0.0
    else:
        target = target_rate / PER
    pops = [u.population for u in units]
    spread = overdispersion([(u.count, u.population) for u in units], target, trim=trim)
    own = poisson_limits(target, pops) if units else []
    wide = adjusted_limits(target, pops, spread.tau2) if units and spread.overdispersed else []
    placed = []
    for i, unit in enumerate(units):
        adjusted = wide[i] if wide else None
        placed.append(
            PlacedUnit(
                unit=unit,
                limits=own[i],
                placement=own[i].place(unit.rate),
                adjusted=adjusted,
                adjusted_placement=adjusted.place(unit.rate) if adjusted else None,
            )
        )
    grid = curve_populations(min(pops), max(pops), points) if units else np.array([])
    return Funnel(
        target_rate=target * PER,
        units=tuple(placed),
        overdispersion=spread,
        curve=tuple(poisson_limits(target, grid)) if units else (),
        adjusted_curve=tuple(adjusted_limits(target, grid, spread.tau2))
        if units and spread.overdispersed
        else (),
    )
