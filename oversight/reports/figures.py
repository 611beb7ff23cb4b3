"""The charts of a measure, drawn from a snapshot's record: SPC, BCU small multiples, breakdowns."""

from __future__ import annotations

from collections.abc import Sequence

from oversight.display.charts import Chart, breakdown_chart, small_multiples, spc_chart
from oversight.display.words import breakdown_words
from oversight.performance.frozen import FORCE, FrozenMeasure
from oversight.performance.models import Assessment


def measure_title(measure: FrozenMeasure, where: str = "Force") -> str:
    """Return a chart title: "PUK02 Burglary — Force"."""
    return f"{measure.code} {measure.name} — {where}"


def spc_figure(
    cell: Assessment,
    measure: FrozenMeasure,
    *,
    where: str = "Force",
    width: int = 720,
    height: int = 260,
) -> Chart | None:
    """Return the SPC chart of one cell, or None when it has no chart (too few points)."""
    if not cell.spc or not cell.spc.get("points"):
        return None
    return spc_chart(
        cell.spc,
        title=measure_title(measure, where),
        unit=cell.unit,
        unit_title=measure.chart_unit_title,
        target=measure.chart_target,
        width=width,
        height=height,
    )


def bcu_figure(
    measure: FrozenMeasure, cells: Sequence[Assessment], names: dict[str, str]
) -> Chart | None:
    """Return small multiples of the measure's BCU charts, or None when it has none."""
    items = [
        (names.get(c.area, c.area), c.spc)
        for c in cells
        if c.area != FORCE and not c.breakdown and c.spc and c.spc.get("points")
    ]
    if not items:
        return None
    return small_multiples(
        items,
        title=f"{measure.code} {measure.name} — by BCU",
        unit=measure.unit,
        unit_title=measure.chart_unit_title,
    )


def breakdown_figure(measure: FrozenMeasure, cells: Sequence[Assessment]) -> Chart | None:
    """Return the force's breakdowns (e.g. under 18 / 18 and over) as one chart, or None."""
    series = [
        (breakdown_words(c.breakdown), {p["period"]: p["value"] for p in c.spc["points"]})
        for c in cells
        if c.area == FORCE and c.breakdown and c.spc and c.spc.get("points")
    ]
    if not series:
        return None
    return breakdown_chart(
        series,
        title=f"{measure.code} {measure.name} — by age",
        unit=measure.unit,
        unit_title=measure.chart_unit_title,
    )
