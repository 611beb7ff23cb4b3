"""Build the frozen content of a publication: disclosure control is applied here, once.

The content is plain JSON: the plan in words, each measure's rating and figures (force-wide,
and by BCU after suppression), the themes and the public roadmap. Public pages and open data
render this and nothing else, so no query from them reaches a draft, and what a reader saw
yesterday is what they see today.

Each measure also carries its plain-English summary (``plain``, from ``display.plain``), worded
here, once, so that the words a reader sees never change with a later rewording. The public hot
list (every Red, then every rating changed since the publication before) is derived from the
content's ratings and ``plain`` words and the publication's change record, fixed on approval:
nothing it shows is computed from anything that can change. Content frozen before the words
were added has no ``plain`` key, and its pages show no hot list.
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
from oversight.analysis.forces import force_name_cy
from oversight.analysis.units import RATE_UNITS
from oversight.display.plain import describe_spc
from oversight.performance import frozen
from oversight.performance.frozen import FORCE, FrozenMeasure, Record
from oversight.performance.models import Assessment, Snapshot
from oversight.roadmap.models import Activity
from oversight.roadmap.models.activities import quarter_label

SCHEMA = 1


class DisclosureError(RuntimeError):
    """Raised if a withheld figure could still be worked out; nothing is then published."""


def content_hash(content: dict[str, Any]) -> str:
    """Return the sha256 of the canonical JSON of ``content``."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _monthly(cell: Assessment, measure: FrozenMeasure) -> dict[str, float | None]:
    """Return the month → value series the snapshot read for a cell, in the measure's unit."""
    start = (cell.spc or {}).get("points", [{}])[0].get("period") if cell.spc else None
    series: dict[str, float | None] = {
        period: value for period, value, *_ in cell.series if start is None or period >= start
    }
    if cell.latest_period:
        series[cell.latest_period] = cell.value
    return dict(sorted(series.items()))


def _bases(cell: Assessment) -> dict[str, tuple[float | None, float | None]]:
    """Return month → (numerator, denominator) of a cell, for withholding small rates."""
    return {period: (num, den) for period, _, num, den, *_ in cell.series}


def _disclose_month(
    measure: FrozenMeasure,
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


def _measures_content(record: Record, threshold: int) -> list[dict[str, Any]]:
    bcus = [code for code, _ in record.bcus]
    cells: dict[str, dict[str, Assessment]] = defaultdict(dict)
    for cell in record.cells:
        if not cell.breakdown:
            cells[cell.measure.code][cell.area] = cell
    measures = []
    for code, by_area in cells.items():
        force = by_area.get(FORCE)
        measure = record.measures.get(code)
        if force is None or measure is None:
            continue
        force_series = _monthly(force, measure)
        shown = [c for c in bcus if c in by_area]
        area_series = {c: _monthly(by_area[c], measure) for c in shown}
        area_bases = {c: _bases(by_area[c]) for c in shown}
        series = []
        for period, value in force_series.items():
            month_areas = {c: area_series[c].get(period) for c in shown}
            month_bases = {c: area_bases[c].get(period, (None, None)) for c in shown}
            disclosed = _disclose_month(measure, value, month_areas, month_bases, threshold)
            series.append(
                {
                    "period": period,
                    # Force-wide figures are already public on data.police.uk.
                    "force": Disclosed(value).to_dict(),
                    "areas": {c: d.to_dict() for c, d in disclosed.items()},
                }
            )
        latest = next((m for m in series if m["period"] == force.latest_period), None)
        measures.append(
            {
                "code": measure.code,
                "name": measure.name,
                "name_cy": measure.name_cy,
                "description": measure.description,
                "description_cy": measure.description_cy,
                "unit": measure.unit,
                "unit_label": measure.unit_label,
                "improvement": measure.improvement,
                "improvement_label": measure.improvement_label,
                "source": measure.source,
                "source_label": measure.source_label,
                "daily_rate": measure.daily_rate,
                "priority": measure.priority.get("code", ""),
                "outcome": measure.outcome.get("code", ""),
                "target": measure.target,
                "chart_target": measure.chart_target,
                "chart_unit_title": measure.chart_unit_title,
                "rating": force.effective_rating,
                "rating_label": force.effective_rating_label,
                # Grey because the month's data are not in, or a break awaits a decision.
                "held": force.hold,
                "headline": force.headline,
                # Worded in Welsh when the snapshot was made ("" before it was: the Welsh page
                # shows the English, marked as English).
                "headline_cy": force.headline_cy,
                "is_sample": force.is_sample,
                "latest_period": force.latest_period,
                "value": Disclosed(force.value).to_dict(),
                "areas": latest["areas"] if latest else {},
                "spc": force.spc,
                # What the latest month and the rating mean, for the public, in English and
                # in Welsh (frozen beside each other).
                **{
                    key: describe_spc(
                        force.spc,
                        improvement=measure.improvement,
                        rating=force.effective_rating,
                        hold=force.hold,
                        overridden=force.effective_rating != force.rating,
                        language=language,
                    )
                    for key, language in (("plain", "en"), ("plain_cy", "cy"))
                },
                "series": series,
                "order": list(measure.sort_key),
            }
        )
    measures.sort(key=lambda m: m.pop("order"))
    return measures


def _themes_content(record: Record, codes: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "slug": theme["slug"],
            "title": theme["title"],
            "title_cy": theme.get("title_cy", ""),
            "description": theme.get("description", ""),
            "description_cy": theme.get("description_cy", ""),
            "measures": [c for c in theme["measures"] if c in codes],
        }
        for theme in record.themes
    ]


def _roadmap_content(plan: dict[str, Any]) -> dict[str, Any]:
    """Return the roadmap's public activities by priority and plan year, by public summary.

    The roadmap is published as it stands when the publication is requested: its activities
    are read now, for the plan the snapshot froze.
    """
    first, last = plan.get("first_year"), plan.get("last_year")
    if first is None or last is None:
        return {"years": [], "activities": []}
    years = list(range(first, last + 1))
    labels = list(plan.get("years") or [f"{y}/{str(y + 1)[-2:]}" for y in years])
    activities = (
        Activity.objects.filter(
            plan__force_slug=plan.get("force_slug", ""), plan__first_year=first, public=True
        )
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
                "summary_cy": a.public_summary_cy,
                "priority": a.priority.code if a.priority else "",
                "perspective": a.get_perspective_display(),
                "partner": a.partner.name if a.partner else "",
                "status": a.get_status_display(),
                "start": quarter_label(a.start_year, a.start_quarter),
                "end": quarter_label(a.end_year, a.end_quarter),
                "years": [
                    label for year, label in zip(years, labels, strict=True) if a.spans(year, None)
                ],
            }
        )
    return {"years": labels, "activities": rows}


def build_content(
    snapshot: Snapshot,
    *,
    includes_roadmap: bool,
    threshold: int,
    record_items: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Return the frozen content of a publication of ``snapshot``, from its record alone.

    The roadmap, published "as it stands" when the publication is requested, is the one part
    read live. ``record_items`` are the accountability record's items the requester chose, already
    built (``oversight.accountability.record``) and carried forward from earlier publications;
    without it the key is left out, as in content frozen before the record existed.
    """
    record = frozen.load(snapshot)
    if not record.cells:
        raise ValueError(f"Snapshot {snapshot.pk} has no assessments to publish.")
    plan = record.plan
    measures = _measures_content(record, threshold)
    # How the force compares, as the snapshot froze it: whole-force figures from police.uk's
    # own published files, so nothing in it needs withholding. Absent, the key is left out.
    peers = {"peers": record.peers} if record.peers else {}
    return {
        **peers,
        "schema": SCHEMA,
        "period": snapshot.period,
        "snapshot": {"id": snapshot.pk, "content_hash": snapshot.content_hash},
        "threshold": threshold,
        "plan": {
            "title": plan.get("title", ""),
            "title_cy": plan.get("title_cy", ""),
            "force_name": plan.get("force_name", ""),
            # A proper name: a force outside Wales has no Welsh one, and none is missing.
            "force_name_cy": force_name_cy(plan.get("force_slug", "")),
            "force_slug": plan.get("force_slug", ""),
            "years": plan.get("years", []),
            "summary": plan.get("summary", ""),
            "summary_cy": plan.get("summary_cy", ""),
            "priorities": plan.get("priorities", []),
        },
        "bcus": [{"code": code, "name": name} for code, name in record.bcus],
        "measures": measures,
        "themes": _themes_content(record, {m["code"] for m in measures}),
        "roadmap": _roadmap_content(plan) if includes_roadmap else None,
        **({"record": {"items": record_items}} if record_items else {}),
    }
