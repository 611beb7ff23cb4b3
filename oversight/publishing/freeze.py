"""Build the frozen content of a publication: disclosure control is applied here, once.

The content is plain JSON: the plan in words, each measure's rating and figures (force-wide,
and by BCU after suppression), the themes and the public roadmap. Public pages and open data
render this and nothing else, so no query from them reaches a draft, and what a reader saw
yesterday is what they see today.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Any

from oversight.analysis.disclosure import (
    Disclosed,
    disclose_group,
    disclose_rate,
    recoverable,
)
from oversight.analysis.periods import days_in_month
from oversight.data.models import FORCE_AREA, Observation
from oversight.performance.assessment import target_for
from oversight.performance.models import Assessment, Snapshot
from oversight.plans.models import Measure, MeasureStatus, Plan, Priority
from oversight.reports.presenters import chart_target, chart_unit_title
from oversight.roadmap.models import Activity
from oversight.roadmap.models.activities import quarter_label

SCHEMA = 1
RATE_UNITS = ("percentage", "rate")


class DisclosureError(RuntimeError):
    """Raised if a withheld figure could still be worked out; nothing is then published."""


def content_hash(content: dict[str, Any]) -> str:
    """Return the sha256 of the canonical JSON of ``content``."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _monthly(assessment: Assessment, measure: Measure) -> dict[str, float | None]:
    """Return the month → value series the assessment charted, in the measure's own unit."""
    spc = assessment.spc or {}
    series: dict[str, float | None] = {}
    for point in spc.get("points", []):
        value = point.get("value")
        if value is not None and measure.daily_rate:
            # The chart is drawn per day so that months of different length compare fairly;
            # the published figure is the month's own count.
            value = value * days_in_month(point["period"])
            if measure.unit == "count":
                value = float(round(value))
        series[point["period"]] = value
    if assessment.latest_period:
        series[assessment.latest_period] = assessment.value
    return dict(sorted(series.items()))


def _plan_content(plan: Plan) -> dict[str, Any]:
    priorities = []
    for priority in plan.priorities.order_by("order", "code").prefetch_related(
        "outcomes__measures"
    ):
        outcomes = []
        for outcome in priority.outcomes.order_by("order", "code"):
            outcomes.append(
                {
                    "code": outcome.code,
                    "title": outcome.title,
                    "description": outcome.description,
                    "measures": [
                        {
                            "code": m.code,
                            "name": m.name,
                            "description": m.description,
                            "unit_label": m.get_unit_display(),
                            "improvement_label": m.get_improvement_display(),
                            "source_label": m.get_source_display(),
                        }
                        for m in outcome.measures.order_by("order", "code")
                        if m.status != MeasureStatus.RETIRED
                    ],
                }
            )
        priorities.append(
            {
                "code": priority.code,
                "title": priority.title,
                "kind": priority.kind,
                "kind_label": Priority.Kind(priority.kind).label,
                "description": priority.description,
                "outcomes": outcomes,
            }
        )
    return {
        "title": plan.title,
        "force_name": plan.force_name,
        "force_slug": plan.force_slug,
        "years": plan.year_labels,
        "summary": plan.summary,
        "priorities": priorities,
    }


def _disclose_month(
    measure: Measure,
    force: float | None,
    areas: dict[str, float | None],
    bases: dict[str, tuple[float | None, float | None]],
    threshold: int,
) -> dict[str, Disclosed]:
    if measure.unit == "count":
        disclosed = disclose_group(areas, total_published=force is not None, threshold=threshold)
        if recoverable(disclosed, force):
            raise DisclosureError(f"{measure.code}: a withheld BCU figure could be derived")
        return disclosed
    if measure.unit in RATE_UNITS:
        result = {}
        for code, value in areas.items():
            numerator, denominator = bases.get(code, (None, None))
            result[code] = disclose_rate(
                value, denominator, numerator=numerator, threshold=threshold
            )
        return result
    # Durations and scores identify no one.
    return {code: Disclosed(value) for code, value in areas.items()}


def _measures_content(snapshot: Snapshot, plan: Plan, threshold: int) -> list[dict[str, Any]]:
    bcus = list(plan.bcus.order_by("name", "code").values_list("code", flat=True))
    assessments = list(
        Assessment.objects.filter(snapshot=snapshot, breakdown="")
        .select_related("measure__outcome__priority")
        .prefetch_related("overrides")
    )
    cells: dict[int, dict[str, Assessment]] = defaultdict(dict)
    for a in assessments:
        cells[a.measure_id][a.area] = a
    # The bases of rates, for withholding a rate whose count is small.
    bases: dict[tuple[int, str, str], tuple[float | None, float | None]] = {}
    rate_ids = [a.measure_id for a in assessments if a.unit in RATE_UNITS]
    for m, area, period, num, den in Observation.objects.filter(
        measure__in=rate_ids, breakdown="", area__in=bcus, period__lte=snapshot.period
    ).values_list("measure_id", "area", "period", "numerator", "denominator"):
        bases[(m, area, period)] = (num, den)

    measures = []
    for by_area in cells.values():
        force = by_area.get(FORCE_AREA)
        if force is None:
            continue
        measure = force.measure
        force_series = _monthly(force, measure)
        area_series = {code: _monthly(by_area[code], measure) for code in bcus if code in by_area}
        shown = [code for code in bcus if code in by_area]
        series = []
        for period, value in force_series.items():
            month_areas = {code: area_series[code].get(period) for code in shown}
            month_bases = {
                code: bases.get((measure.pk, code, period), (None, None)) for code in shown
            }
            disclosed = _disclose_month(measure, value, month_areas, month_bases, threshold)
            series.append(
                {
                    "period": period,
                    # Force-wide figures are already public on data.police.uk.
                    "force": Disclosed(value).to_dict(),
                    "areas": {code: d.to_dict() for code, d in disclosed.items()},
                }
            )
        latest = next((m for m in series if m["period"] == force.latest_period), None)
        measures.append(
            {
                "code": measure.code,
                "name": measure.name,
                "description": measure.description,
                "unit": measure.unit,
                "unit_label": measure.get_unit_display(),
                "improvement": measure.improvement,
                "improvement_label": measure.get_improvement_display(),
                "source": measure.source,
                "source_label": measure.get_source_display(),
                "daily_rate": measure.daily_rate,
                "priority": measure.outcome.priority.code,
                "outcome": measure.outcome.code,
                "target": target_for(measure, snapshot.period),
                "chart_target": chart_target(measure, snapshot.period),
                "chart_unit_title": chart_unit_title(measure),
                "rating": force.effective_rating,
                "rating_label": force.effective_rating_label,
                # Grey because the month's data are not in, or a break awaits a decision.
                "held": force.hold,
                "headline": force.headline,
                "is_sample": force.is_sample,
                "latest_period": force.latest_period,
                "value": Disclosed(force.value).to_dict(),
                "areas": latest["areas"] if latest else {},
                "spc": force.spc,
                "series": series,
                "order": [
                    measure.outcome.priority.order,
                    measure.outcome.order,
                    measure.order,
                    measure.code,
                ],
            }
        )
    measures.sort(key=lambda m: m.pop("order"))
    return measures


def _themes_content(plan: Plan, codes: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "slug": theme.slug,
            "title": theme.title,
            "description": theme.description,
            "measures": [
                m.code for m in theme.measures.order_by("order", "code") if m.code in codes
            ],
        }
        for theme in plan.themes.order_by("order", "title").prefetch_related("measures")
    ]


def _roadmap_content(plan: Plan) -> dict[str, Any]:
    """Return the roadmap's public activities by priority and plan year, by public summary."""
    activities = (
        Activity.objects.filter(plan=plan, public=True)
        .select_related("priority", "partner")
        .order_by("ref")
    )
    rows = []
    for a in activities:
        rows.append(
            {
                "ref": a.ref,
                # Titles are working names; the public reads the plain-English summary only.
                "summary": a.public_summary,
                "priority": a.priority.code if a.priority else "",
                "perspective": a.get_perspective_display(),
                "partner": a.partner.name if a.partner else "",
                "status": a.get_status_display(),
                "start": quarter_label(a.start_year, a.start_quarter),
                "end": quarter_label(a.end_year, a.end_quarter),
                "years": [
                    label
                    for year, label in zip(plan.years, plan.year_labels, strict=True)
                    if a.spans(year, None)
                ],
            }
        )
    return {"years": plan.year_labels, "activities": rows}


def build_content(snapshot: Snapshot, *, includes_roadmap: bool, threshold: int) -> dict[str, Any]:
    """Return the frozen content of a publication of ``snapshot``."""
    measure = Measure.objects.filter(assessments__snapshot=snapshot).select_related("plan").first()
    if measure is None:
        raise ValueError(f"Snapshot {snapshot.pk} has no assessments to publish.")
    plan = measure.plan
    measures = _measures_content(snapshot, plan, threshold)
    return {
        "schema": SCHEMA,
        "period": snapshot.period,
        "snapshot": {"id": snapshot.pk, "content_hash": snapshot.content_hash},
        "threshold": threshold,
        "plan": _plan_content(plan),
        "bcus": [{"code": b.code, "name": b.name} for b in plan.bcus.order_by("name", "code")],
        "measures": measures,
        "themes": _themes_content(plan, {m["code"] for m in measures}),
        "roadmap": _roadmap_content(plan) if includes_roadmap else None,
    }
