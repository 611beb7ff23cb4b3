"""Sample force-supplied values for the demo: plausible, seeded, with a few real signals.

Every force-supplied measure of the plan gets a monthly series for the force, each BCU (when
the measure has the BCU breakdown) and each age band (when it has that breakdown). Counts
are drawn per BCU and summed to the force; percentages are drawn as numerator and
denominator, so force = sum of BCUs and value = numerator / denominator × 100. A handful of
measures carry a planted change (a shift or a trend) so that ratings vary. The rows are
written as a values file and imported through the ordinary import, labelled as sample data.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from oversight.analysis.periods import period_range
from oversight.data.values_rows import FORCE_AREA, Catalogue, MeasureInfo

NOTE = "Sample data"
FIRST, LAST = "2022-07", "2025-06"


@dataclass(frozen=True)
class Profile:
    """How one measure's sample series behaves.

    `level` is the monthly force count, or the percentage / duration; `size` the monthly
    denominator of a percentage at force level; `shift` (from month index, change) and
    `trend` (change per month) plant signals; `seasonal` is the summer peak as a fraction.
    """

    level: float
    size: int = 0
    shift: tuple[int, float] | None = None
    trend: float = 0.0
    seasonal: float = 0.0
    bands: tuple[str, ...] = ("under-18", "18-and-over")


# The demo plan's force-supplied measures; any other code gets a default by its unit.
PROFILES: dict[str, Profile] = {
    "DA01": Profile(900, seasonal=0.08, shift=(28, 110)),  # more reporting: a rise
    "DA02": Profile(32, size=650, shift=(30, -4.5)),  # repeat victims fall below the target
    "DA03": Profile(38, size=520),
    "HC01": Profile(62, seasonal=0.1),
    "HC02": Profile(71, size=45),
    "HC03": Profile(17, size=55),
    "OP01": Profile(310, seasonal=0.05),
    "OP02": Profile(44, trend=0.6),  # scams against older people creep up
    "YO01": Profile(14, bands=("under-18",)),
    "YO02": Profile(30, bands=("18-and-over",), shift=(24, -8)),  # diversion scheme works
    "YO03": Profile(34, size=90),
    "AS01": Profile(83, size=1150),
    "AS02": Profile(36),
    "VS01": Profile(79, size=160, shift=(29, -9)),  # satisfaction drops: a red
    "VS02": Profile(71, size=160),
    "CJ01": Profile(88, size=120),
    "RC01": Profile(89, size=8800, trend=0.08),
    "RC02": Profile(95, shift=(30, 45)),  # 101 answer times lengthen
}
_DEFAULTS = {
    "count": Profile(50),
    "percentage": Profile(70, size=200),
    "duration": Profile(60),
    "rate": Profile(5),
    "score": Profile(7),
}
# Each BCU's share of the force's counts, by position (the demo's east and west).
_SHARES = (0.42, 0.58)


def sample_rows(
    catalogue: Catalogue, *, first: str = FIRST, last: str = LAST
) -> list[dict[str, str]]:
    """Return values-file rows (cells by column) for every force-supplied measure."""
    months = period_range(first, last)
    rows: list[dict[str, str]] = []
    for measure in sorted(catalogue.measures.values(), key=lambda m: m.code):
        if measure.source != "force-supplied":
            continue
        profile = PROFILES.get(measure.code) or _DEFAULTS.get(measure.unit, _DEFAULTS["count"])
        rows += _measure_rows(measure, profile, catalogue.bcus, months)
    return rows


def _measure_rows(
    measure: MeasureInfo, profile: Profile, bcus: Sequence[str], months: list[str]
) -> list[dict[str, str]]:
    rng = random.Random(f"sample-{measure.code}")
    areas = list(bcus) if "bcu" in measure.breakdowns else []
    bands = list(profile.bands) if "age_band" in measure.breakdowns else []
    parts = areas or bands
    shares = _shares(len(parts))
    rows = []
    for i, month in enumerate(months):
        level = profile.level + profile.trend * i
        if profile.shift is not None and i >= profile.shift[0]:
            level += profile.shift[1]
        month_no = int(month[5:])
        level *= 1 + profile.seasonal * math.cos((month_no - 7) / 12 * 2 * math.pi)
        drawn = [_draw(measure.unit, level * (share if measure.unit == "count" else 1),
                       profile, share, rng) for share in shares]  # fmt: skip
        if not parts:
            drawn = [_draw(measure.unit, level, profile, 1.0, rng)]
        if parts:
            force = _combine(measure.unit, drawn)
            for part, cell in zip(parts, drawn, strict=True):
                area, band = (part, "") if areas else (FORCE_AREA, part)
                rows.append(_row(measure.code, month, area, band, cell))
        else:
            force = drawn[0]
        rows.append(_row(measure.code, month, FORCE_AREA, "", force))
    return rows


def _shares(n: int) -> list[float]:
    if n == 0:
        return []
    if n == len(_SHARES):
        return list(_SHARES)
    return [1 / n] * n


def _draw(
    unit: str, level: float, profile: Profile, share: float, rng: random.Random
) -> tuple[float, int | None, int | None]:
    """Return (value, numerator, denominator) for one cell."""
    if unit == "percentage":
        size = max(5, round(rng.gauss(profile.size * share, (profile.size * share) ** 0.5)))
        p = min(0.995, max(0.005, rng.gauss(level / 100, 0.012)))
        # Binomial noise, by its normal approximation.
        numerator = round(rng.gauss(size * p, (size * p * (1 - p)) ** 0.5))
        numerator = min(size, max(0, numerator))
        return round(100 * numerator / size, 1), numerator, size
    if unit == "count":
        return float(max(0, round(rng.gauss(level, max(1.0, level) ** 0.5)))), None, None
    return round(max(0.0, rng.gauss(level, level * 0.05)), 1), None, None


def _combine(
    unit: str, cells: list[tuple[float, int | None, int | None]]
) -> tuple[float, int | None, int | None]:
    if unit == "percentage":
        numerator = sum(c[1] or 0 for c in cells)
        denominator = sum(c[2] or 0 for c in cells)
        return round(100 * numerator / denominator, 1), numerator, denominator
    if unit == "count":
        return float(sum(c[0] for c in cells)), None, None
    return round(sum(c[0] for c in cells) / len(cells), 1), None, None


def _row(
    code: str, month: str, area: str, band: str, cell: tuple[float, int | None, int | None]
) -> dict[str, str]:
    value, numerator, denominator = cell
    return {
        "measure_code": code,
        "period": month,
        "area": area,
        "breakdown": band,
        "value": f"{value:g}",
        "numerator": "" if numerator is None else str(numerator),
        "denominator": "" if denominator is None else str(denominator),
        "note": NOTE,
    }
