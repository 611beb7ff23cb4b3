"""The charts of a measure, built from its assessments: SPC, BCU small multiples, breakdowns."""

from __future__ import annotations

from collections.abc import Sequence

from oversight.data.models import FORCE_AREA
from oversight.display.charts import Chart, breakdown_chart, small_multiples, spc_chart
from oversight.display.words import breakdown_words
from oversight.performance.models import Assessment
from oversight.plans.models import Measure
from oversight.reports.presenters import chart_target, chart_unit_title


def measure_title(measure: Measure, where: str = "Force") -> str:
    """Return a chart title: "PUK02 Burglary — Force"."""
    return f"{measure.code} {measure.name} — {where}"


def spc_figure(
    assessment: Assessment, *, where: str = "Force", width: int = 720, height: int = 260
) -> Chart | None:
    """Return the SPC chart of one assessment, or None when it has no chart (too few points)."""
    if not assessment.spc or not assessment.spc.get("points"):
        return None
    measure = assessment.measure
    return spc_chart(
        assessment.spc,
        title=measure_title(measure, where),
        unit=assessment.unit,
        unit_title=chart_unit_title(measure),
        target=chart_target(measure, assessment.period),
        width=width,
        height=height,
    )


def bcu_figure(
    measure: Measure, assessments: Sequence[Assessment], names: dict[str, str]
) -> Chart | None:
    """Return small multiples of the measure's BCU charts, or None when it has none."""
    items = [
        (names.get(a.area, a.area), a.spc)
        for a in assessments
        if a.area != FORCE_AREA and not a.breakdown and a.spc and a.spc.get("points")
    ]
    if not items:
        return None
    return small_multiples(
        items,
        title=f"{measure.code} {measure.name} — by BCU",
        unit=measure.unit,
        unit_title=chart_unit_title(measure),
    )


def breakdown_figure(measure: Measure, assessments: Sequence[Assessment]) -> Chart | None:
    """Return the force's breakdowns (e.g. under 18 / 18 and over) as one chart, or None."""
    series = [
        (breakdown_words(a.breakdown), {p["period"]: p["value"] for p in a.spc["points"]})
        for a in assessments
        if a.area == FORCE_AREA and a.breakdown and a.spc and a.spc.get("points")
    ]
    if not series:
        return None
    return breakdown_chart(
        series,
        title=f"{measure.code} {measure.name} — by age",
        unit=measure.unit,
        unit_title=chart_unit_title(measure),
    )
