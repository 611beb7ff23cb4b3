"""Recording integrity: the months where a force's published series step, and revised months.

police.uk files change for reasons other than crime. When a force changes how it records, geocodes
or publishes, several series step in the same month: in Gwent's street files for 2023-10 burglary
went from about 68 to 176 rows a month, criminal damage and arson from 41 to 600, and rows with no
location from 0.3% to 1.9%. This module *finds* such breaks, unprompted, so that a person can
decide "real change" or "recording change, rebase".

**Steps in one series** (:func:`steps`). Missing months (absent or ``None``; for a share, also a
zero denominator) are gaps, never zeros. Each month ``t`` with data is tested as the first month of
a new level. *before* is the months with data in ``t − window … t − 1`` (``window`` 12, at least
``min_before`` 6); *after* those in ``t … t + window − 1`` (at least ``min_after`` 1, so that the
newest month can be caught). The *level* is the mean count a month, or the pooled share
``100 × Σnum / Σden`` in %. One month's spread σ is MR̄ / 1.128 as in the XmR chart (``spc.py``),
from the moving ranges inside *before* and inside *after*, never across ``t``, so the step does not
widen it. σ is floored by the sampling spread if nothing changed, √level for a count (Poisson) and
``100 × √(p(1 − p) / n̄)`` for a share (binomial; ``p`` pooled over both windows, ``n̄`` the mean
denominator): otherwise a near-constant series, or a share rising from exactly 0%, gives an
infinite z. Then ``z = |after − before| / (σ × √(1/n_before + 1/n_after))``, and a tested month is
a step when

1. ``z ≥ 4``: every month of tens of series is tested for each force, and 4 standard errors keep
   chance findings rare (6 in 100,000 tests of a stable Gaussian series with σ known);
2. it is large: counts ``|after/before − 1| ≥ 0.3`` (``min_relative``) and ``≥ 5`` a month
   (``min_count_change``), shares ``≥ 0.5`` percentage points (``min_pp``). Large counts make
   small real changes "significant"; a publication change worth rebasing for moves a series by a
   third or more, and five a month keeps rare categories quiet. By these floors alone, a series
   within ±10% of one level, or a share within ±0.2 points, never steps;
3. it is sharp: month ``t`` is past the midpoint of the two levels and month ``t − 1`` is not (the
   new level starts at ``t``), and the 3 months either side of ``t`` show at least half of the step
   (``min_sharpness``). A recording change takes effect from one month to the next. A gradual
   change (anti-social behaviour falling through the spring of 2021 as lockdown ended), or one that
   began before the first month that can be tested, is not a step even where two 6-month halves
   differ by half. The steps found in the Gwent files score 0.65 to 1.55 on the second test;
4. it has the largest z of its series within ±3 months (``neighbourhood``; a tie goes to the
   earliest month), since the months beside a real step show a smaller copy of it.

Two steps less than a window apart would blur each other (Gwent burglary fell in 2023-04 and rose
again in 2023-10), so the search is repeated with windows stopped at the steps found so far, adding
local maxima more than ``neighbourhood`` months from them until none is added. Each step is then
measured between its neighbouring steps (as first found if that leaves a window too short).

**Tuning.** Tests 1, 2 and 4 are as first proposed; test 3 was added after running the rest on the
shared files. Without it the 2021 street files (13 forces, 12 months each) gave breaks for six
forces, mostly a half-year with a lockdown set against a half-year without. With it they give
three: BTP and City of London in 2021-07 (travel and office work returning as the last rules
ended) and Nottinghamshire in 2021-10 (a month with a fifth of its anti-social behaviour rows).
Gwent street 2022-07..2025-06 gives one break, 2023-10, and Gwent outcomes four months: 2023-01
(new outcome types), then 2023-05, 2023-10 and 2024-12 (sustained shifts in large shares).

**Data breaks** (:func:`data_breaks`): months in which at least ``min_series`` (2) series step. One
series alone is more often a real change or a one-off, and :func:`steps` still shows it. A break is
evidence, not a verdict: the end of lockdown in July 2021 moved several crime types at once.
**Outcome mix** (:func:`outcome_mix_shifts`): each outcome type's share of all outcome rows is a
share series, and every month in which one or more of them steps is reported, since a new outcome
type appearing (0% → 1.4%) is itself a recording change.

**Limits.** A step in the last months rests on few "after" months (see ``after_months``), and a
spike in the newest month looks like a step until more months arrive. The midpoint test misses a
small real step whose first month noise pulls back. Results are deterministic: detections by
month, steps by z (largest first), then key.

**Revisions** (:func:`revision`): police.uk re-publishes past months; comparing a month's category
counts as first imported and as re-published shows which categories changed, and by how much.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from oversight.analysis.compstat import MINUS, format_number, format_pct
from oversight.analysis.periods import add_months, months_between, validate_period

__all__ = [
    "CategoryRevision",
    "Detection",
    "Revision",
    "Series",
    "Step",
    "Thresholds",
    "data_breaks",
    "outcome_mix_shifts",
    "revision",
    "steps",
]

KINDS = ("count", "share")
D2 = 1.128  # bias constant of a moving range of two points, as in the XmR chart
SHORT = 3  # months either side of a step that must already show it (the sharpness test)


@dataclass(frozen=True)
class Series:
    """One monthly series: counts, or a share given as numerator over denominator."""

    key: str
    label: str
    kind: str
    numerators: Mapping[str, float | None]
    denominators: Mapping[str, float | None] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: kind must be 'count' or 'share', got {self.kind!r}")
        if self.kind == "share" and self.denominators is None:
            raise ValueError(f"{self.key}: a share series needs denominators")
        for period in [*self.numerators, *(self.denominators or {})]:
            validate_period(period)


@dataclass(frozen=True)
class Thresholds:
    """How large and how clear a step must be to be reported (see the module docstring)."""

    window: int = 12  # months each side compared, at most
    min_before: int = 6  # months with data needed before a step
    min_after: int = 1  # months with data needed from the step on (1: the newest month can step)
    z: float = 4.0  # size of a step in standard errors
    min_relative: float = 0.3  # counts: |after / before − 1| at least this
    min_count_change: float = 5.0  # counts: at least this many a month
    min_pp: float = 0.5  # shares: at least this many percentage points
    min_series: int = 2  # a data break needs this many series stepping in the same month
    neighbourhood: int = 3  # a step has the largest z of its series within ± this many months
    min_sharpness: float = 0.5  # share of the step shown by the 3 months either side of it

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            whole = isinstance(value, int) and not isinstance(value, bool)
            if f.type == "int" and not whole:
                raise ValueError(f"{f.name} must be a whole number, got {value!r}")
            if not (whole or isinstance(value, float)) or not math.isfinite(value) or value < 0:
                raise ValueError(f"{f.name} must be a finite number ≥ 0, got {value!r}")
        for name in ("window", "min_before", "min_after", "min_series"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in ("min_before", "min_after"):
            if getattr(self, name) > self.window:
                raise ValueError(f"{name} must not exceed window ({self.window})")
        if self.z == 0:
            raise ValueError("z must be above 0")


def _level_text(value: float, kind: str) -> str:
    if kind == "share":
        return f"{value:.1f}%"
    # Whole numbers for ordinary counts; one decimal keeps "0.4 → 6" honest for rare ones.
    return format_number(round(value) if abs(value) >= 10 else round(value, 1))


@dataclass(frozen=True)
class Step:
    """A level shift in one series: the month it starts, the levels either side and its z."""

    key: str
    label: str
    kind: str
    period: str
    before: float
    after: float
    before_months: tuple[str, str]
    after_months: tuple[str, str]
    z: float

    @property
    def change(self) -> float:
        """Return after − before (a month's count, or percentage points for a share)."""
        return self.after - self.before

    @property
    def relative(self) -> float | None:
        """Return after / before − 1, or None when the level before was zero."""
        return None if self.before == 0 else self.after / self.before - 1

    def describe(self) -> str:
        """Return the step in words: "Burglary 68 → 176 a month (+159%)"."""
        levels = f"{_level_text(self.before, self.kind)} → {_level_text(self.after, self.kind)}"
        if self.kind == "share":
            sign = "+" if self.change > 0 else MINUS
            return f"{self.label} {levels} ({sign}{abs(self.change):.1f} points)"
        relative = self.relative
        tail = "" if relative is None else f" ({format_pct(100 * relative)})"
        return f"{self.label} {levels} a month{tail}"

    def to_dict(self) -> dict[str, Any]:
        """Return the step as JSON-ready data, with its change and its words."""
        data = asdict(self) | {"change": self.change, "relative": self.relative}
        spans = {"before_months": list(self.before_months), "after_months": list(self.after_months)}
        return data | spans | {"text": self.describe()}


@dataclass(frozen=True)
class Detection:
    """A month in which several series (a break) or outcome shares (a mix shift) stepped."""

    kind: str
    period: str
    steps: tuple[Step, ...]

    def describe(self) -> str:
        """Return the detection in words, strongest step first."""
        what = "the mix of outcomes shifts"
        if self.kind == "break":
            what = f"{len(self.steps)} series step at once"
        return f"{self.period}: {what}: " + "; ".join(s.describe() for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        """Return the detection as JSON-ready data."""
        steps = [s.to_dict() for s in self.steps]
        return {"kind": self.kind, "period": self.period, "steps": steps, "text": self.describe()}


@dataclass(frozen=True)
class _Month:
    period: str
    num: float
    den: float  # 1 for a count, so that a count's level Σnum / Σden is its mean

    @property
    def value(self) -> float:
        return self.num / self.den


def _months(series: Series) -> list[_Month]:
    """Return the months with data, in order; gaps are left out, never read as zeros."""
    months = []
    for period in sorted(series.numerators):
        num = series.numerators[period]
        den = 1.0 if series.kind == "count" else (series.denominators or {}).get(period)
        if num is None or not den:
            continue  # a gap; a share month with no rows is unknown, not 0%
        limit = math.inf if series.kind == "count" else den
        if not (math.isfinite(num) and 0 <= num <= limit):
            what = "a count ≥ 0" if series.kind == "count" else f"a numerator from 0 to {den!r}"
            raise ValueError(f"{series.key} {period}: {num!r} is not {what}")
        months.append(_Month(period, float(num), float(den)))
    return months


def _level(months: Sequence[_Month]) -> float:
    return sum(m.num for m in months) / sum(m.den for m in months)


def _ranges(months: Sequence[_Month]) -> list[float]:
    return [abs(b.value - a.value) for a, b in itertools.pairwise(months)]


def _z(kind: str, before: Sequence[_Month], after: Sequence[_Month]) -> float:
    ranges = _ranges(before) + _ranges(after)
    sigma = sum(ranges) / len(ranges) / D2 if ranges else 0.0
    both = [*before, *after]
    pooled = _level(both)
    if kind == "count":
        floor = math.sqrt(pooled)
    else:
        floor = math.sqrt(pooled * (1 - pooled) / (sum(m.den for m in both) / len(both)))
    sigma = max(sigma, floor)
    if sigma == 0:
        return 0.0  # every month identical: all zero, or a share of 0% or 100% throughout
    difference = abs(_level(after) - _level(before))
    return difference / (sigma * math.sqrt(1 / len(before) + 1 / len(after)))


def _passes(kind: str, before: Sequence[_Month], after: Sequence[_Month], t: Thresholds) -> bool:
    scale = 100.0 if kind == "share" else 1.0
    level_before, level_after = scale * _level(before), scale * _level(after)
    change = level_after - level_before
    if kind == "share":
        large = abs(change) >= t.min_pp
    else:
        # With nothing before, any rise of min_count_change a month is a new level.
        relative = level_before == 0 or abs(change / level_before) >= t.min_relative
        large = relative and abs(change) >= t.min_count_change
    if not large:
        return False
    sign, middle = math.copysign(1, change), (level_before + level_after) / 2
    short = scale * (_level(after[:SHORT]) - _level(before[-SHORT:]))
    # The new level starts at t: month t is past the midpoint and the month before it is not.
    started = (
        (scale * after[0].value - middle) * sign > 0 >= (scale * before[-1].value - middle) * sign
    )
    return started and short * sign >= t.min_sharpness * abs(change)


def _measure(
    series: Series, months: Sequence[_Month], period: str, bounds: set[str], t: Thresholds
) -> tuple[Step, bool] | None:
    """Return the step at ``period`` with windows stopped at ``bounds``, and whether it passes."""
    start, end = add_months(period, -t.window), add_months(period, t.window - 1)
    start = max([start, *(b for b in bounds if b < period)])
    end = min([end, *(add_months(b, -1) for b in bounds if b > period)])
    before = [m for m in months if start <= m.period < period]
    after = [m for m in months if period <= m.period <= end]
    if len(before) < t.min_before or len(after) < t.min_after:
        return None
    scale = 100.0 if series.kind == "share" else 1.0
    z = _z(series.kind, before, after)
    levels = scale * _level(before), scale * _level(after)
    spans = (before[0].period, before[-1].period), (after[0].period, after[-1].period)
    step = Step(series.key, series.label, series.kind, period, *levels, *spans, z)
    return step, z >= t.z and _passes(series.kind, before, after, t)


def _local_maxima(
    series: Series, months: Sequence[_Month], bounds: set[str], t: Thresholds
) -> list[Step]:
    tested = [
        measured
        for month in months
        if month.period not in bounds
        and (measured := _measure(series, months, month.period, bounds, t)) is not None
    ]
    found = []
    for step, passes in tested:
        # The largest z among every month tested nearby, passing or not; ties go to the earliest.
        near = [
            other
            for other, _ in tested
            if other is not step
            and abs(months_between(step.period, other.period)) <= t.neighbourhood
        ]
        if passes and all(
            step.z > other.z if other.period < step.period else step.z >= other.z for other in near
        ):
            found.append(step)
    return found


def steps(series: Series, thresholds: Thresholds = Thresholds()) -> list[Step]:
    """Return every level shift in one series that passes the thresholds (local maxima only)."""
    t = thresholds
    months = _months(series)
    found: dict[str, Step] = {}
    while new := [
        step
        for step in _local_maxima(series, months, set(found), t)
        if all(abs(months_between(step.period, p)) > t.neighbourhood for p in found)
    ]:
        found.update((step.period, step) for step in new)
    # Measure each step again between its neighbours, so neither level mixes in another step.
    result = []
    for period in sorted(found):
        measured = _measure(series, months, period, set(found) - {period}, t)
        result.append(measured[0] if measured else found[period])
    return result


def _by_month(
    series: Sequence[Series], thresholds: Thresholds, kind: str, at_least: int
) -> list[Detection]:
    keys = [s.key for s in series]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"series keys must be unique; repeated: {', '.join(repeated)}")
    months: dict[str, list[Step]] = {}
    for one in series:
        for step in steps(one, thresholds):
            months.setdefault(step.period, []).append(step)
    return [
        Detection(kind, period, tuple(sorted(found, key=lambda s: (-s.z, s.key))))
        for period, found in sorted(months.items())
        if len(found) >= at_least
    ]


def data_breaks(series: Sequence[Series], thresholds: Thresholds = Thresholds()) -> list[Detection]:
    """Return the months where at least min_series series step at once (kind "break")."""
    return _by_month(series, thresholds, "break", thresholds.min_series)


def outcome_mix_shifts(
    series: Sequence[Series], thresholds: Thresholds = Thresholds()
) -> list[Detection]:
    """Return the months where outcome shares step from their own history (kind "outcome_mix")."""
    for one in series:
        if one.kind != "share":
            raise ValueError(f"{one.key}: an outcome mix series must be a share, not {one.kind!r}")
    return _by_month(series, thresholds, "outcome_mix", 1)


@dataclass(frozen=True)
class CategoryRevision:
    """One category's count for a month, as first imported and as re-published."""

    category: str
    before: int
    after: int

    @property
    def change(self) -> int:
        """Return after − before."""
        return self.after - self.before

    @property
    def relative(self) -> float | None:
        """Return after / before − 1, or None when the category had no rows before."""
        return None if self.before == 0 else self.after / self.before - 1


@dataclass(frozen=True)
class Revision:
    """How a re-published month differs from the one first imported, by category."""

    period: str
    dataset: str
    changes: tuple[CategoryRevision, ...]
    before_total: int
    after_total: int

    def describe(self) -> str:
        """Return the revision in words: "2024-01 street re-published: 12 rows more (…)"."""
        difference = self.after_total - self.before_total
        if difference == 0:
            total = "the same total"
        else:
            rows = "row" if abs(difference) == 1 else "rows"
            total = f"{abs(difference):,} {rows} {'more' if difference > 0 else 'fewer'}"
        parts = ", ".join(
            f"{c.category} {'+' if c.change > 0 else MINUS}{abs(c.change):,}" for c in self.changes
        )
        return f"{self.period} {self.dataset} re-published: {total} ({parts})"

    def to_dict(self) -> dict[str, Any]:
        """Return the revision as JSON-ready data."""
        changes = [{**asdict(c), "change": c.change} for c in self.changes]
        return {**asdict(self), "changes": changes, "text": self.describe()}


def revision(
    period: str, dataset: str, before: Mapping[str, int], after: Mapping[str, int]
) -> Revision | None:
    """Return how a month's category counts changed on re-publication; None if identical."""
    validate_period(period)
    for name, counts in (("before", before), ("after", after)):
        for category, count in counts.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"{name}[{category!r}] must be a whole number ≥ 0, got {count!r}")
    changes = [
        CategoryRevision(category, before.get(category, 0), after.get(category, 0))
        for category in sorted({*before, *after})
    ]
    changed = sorted((c for c in changes if c.change), key=lambda c: (-abs(c.change), c.category))
    if not changed:
        return None
    return Revision(period, dataset, tuple(changed), sum(before.values()), sum(after.values()))
