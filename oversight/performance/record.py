"""The snapshot as the record: what is frozen, how it is hashed, and how it is verified.

A snapshot freezes, when it is made, each measure's definition as assessed
(:func:`measure_definition`) and the plan, BCUs and themes as they stood
(:func:`snapshot_context`); when it is presented, the notes the Board was shown. Its content
hash is the sha256 of the canonical JSON of all of it, overrides included
(:func:`canonical_record`); each assessment also carries the digest of its own row, so that
:func:`verify` can name a row that changed. Pages, packs and publications read the record
through ``performance.frozen``; nothing on those paths reads a live plan row or observation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from oversight.analysis.spc import daily_rate
from oversight.display.words import unit_words
from oversight.performance.models import (
    Assessment,
    Snapshot,
    SnapshotMeasure,
    SnapshotNote,
)
from oversight.plans.models import Measure, MeasureStatus, Plan, Priority

FORCE = "force"


def _json(data: Any) -> str:
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def digest(data: Any) -> str:
    """Return the sha256 hex digest of ``data``'s canonical JSON."""
    return hashlib.sha256(_json(data).encode()).hexdigest()


# -- what is frozen when a snapshot is made ----------------------------------------------------


def measure_definition(measure: Measure, *, target: float | None, period: str) -> dict[str, Any]:
    """Return a measure's definition as the snapshot freezes it (everything a page shows)."""
    outcome = measure.outcome
    priority = outcome.priority
    chart_target = (
        daily_rate(target, period) if target is not None and measure.daily_rate else target
    )
    return {
        "code": measure.code,
        "name": measure.name,
        "name_cy": measure.name_cy,
        "description": measure.description,
        "description_cy": measure.description_cy,
        "version": measure.version,
        "unit": measure.unit,
        "unit_label": measure.get_unit_display(),
        "chart_unit_title": unit_words(measure.unit, daily_rate=measure.daily_rate),
        "improvement": measure.improvement,
        "improvement_label": measure.get_improvement_display(),
        "source": measure.source,
        "source_label": measure.get_source_display(),
        "target": target,
        "chart_target": chart_target,
        "target_start": measure.target_start.isoformat() if measure.target_start else None,
        "target_end": measure.target_end.isoformat() if measure.target_end else None,
        "rag_rule": dict(measure.rag_rule or {}),
        "rebases": [dict(r) for r in measure.rebases],
        "owner": measure.owner,
        "daily_rate": measure.daily_rate,
        "survey": measure.survey,
        "breakdowns": list(measure.breakdowns or ["force"]),
        # Force-supplied values are the demo's sample data (plans.Measure.is_sample).
        "is_sample": measure.source == "force-supplied",
        "priority": {
            "code": priority.code,
            "title": priority.title,
            "title_cy": priority.title_cy,
            "kind": priority.kind,
            "kind_label": Priority.Kind(priority.kind).label,
            "order": priority.order,
        },
        "outcome": {
            "code": outcome.code,
            "title": outcome.title,
            "title_cy": outcome.title_cy,
            "order": outcome.order,
        },
        "order": measure.order,
        "themes": sorted(t.slug for t in measure.themes.all()),
    }


def _plan_in_words(plan: Plan) -> list[dict[str, Any]]:
    """Return the plan's priorities, outcomes and measures in use, in words."""
    priorities = []
    for priority in plan.priorities.order_by("order", "code").prefetch_related(
        "outcomes__measures"
    ):
        outcomes = []
        for outcome in priority.outcomes.order_by("order", "code"):
            measures = [
                {
                    "code": m.code,
                    "name": m.name,
                    "name_cy": m.name_cy,
                    "description": m.description,
                    "description_cy": m.description_cy,
                    "unit_label": m.get_unit_display(),
                    "improvement_label": m.get_improvement_display(),
                    "source_label": m.get_source_display(),
                }
                for m in outcome.measures.order_by("order", "code")
                if m.status != MeasureStatus.RETIRED
            ]
            outcomes.append(
                {
                    "code": outcome.code,
                    "title": outcome.title,
                    "title_cy": outcome.title_cy,
                    "description": outcome.description,
                    "description_cy": outcome.description_cy,
                    "measures": measures,
                }
            )
        priorities.append(
            {
                "code": priority.code,
                "title": priority.title,
                "title_cy": priority.title_cy,
                "kind": priority.kind,
                "kind_label": Priority.Kind(priority.kind).label,
                "description": priority.description,
                "description_cy": priority.description_cy,
                "outcomes": outcomes,
            }
        )
    return priorities


def snapshot_context(plan: Plan | None, *, values_batches: dict[int, str]) -> dict[str, Any]:
    """Return the plan, BCUs, themes and sources as a snapshot freezes them."""
    if plan is None:
        return {"plan": None, "bcus": [], "themes": [], "areas": {FORCE: "Force"}}
    bcus = [{"code": b.code, "name": b.name} for b in plan.bcus.order_by("name", "code")]
    themes = [
        {
            "slug": t.slug,
            "title": t.title,
            "title_cy": t.title_cy,
            "description": t.description,
            "description_cy": t.description_cy,
            "measures": [m.code for m in t.measures.order_by("order", "code")],
        }
        for t in plan.themes.order_by("order", "title").prefetch_related("measures")
    ]
    return {
        "plan": {
            "title": plan.title,
            "title_cy": plan.title_cy,
            "force_name": plan.force_name,
            "force_slug": plan.force_slug,
            "first_year": plan.first_year,
            "last_year": plan.last_year,
            "years": [f"{y}/{str(y + 1)[-2:]}" for y in range(plan.first_year, plan.last_year + 1)],
            "summary": plan.summary,
            "summary_cy": plan.summary_cy,
            "priorities": _plan_in_words(plan),
        },
        "bcus": bcus,
        "themes": themes,
        "areas": {FORCE: "Force", **{b["code"]: b["name"] for b in bcus}},
        "values_batches": {str(k): v for k, v in sorted(values_batches.items())},
    }


# -- hashing and verification ------------------------------------------------------------------


def override_json(override: Any) -> dict[str, Any]:
    return {
        "rating": override.rating,
        "justification": override.justification,
        "by": override.by.display_name if override.by_id else "",
        "at": override.at.isoformat(),
    }


def canonical_row(row: Any) -> dict[str, Any]:
    """Return a stored assessment's fields as hashed data."""
    # The Welsh headline is hashed where there is one, so a row sealed before it existed
    # hashes as it did; adding, changing or removing one later changes the hash.
    welsh = {"headline_cy": row.headline_cy} if row.headline_cy else {}
    return {
        "measure": row.measure.code,
        "area": row.area,
        "breakdown": row.breakdown,
        "period": row.period,
        "latest_period": row.latest_period,
        "value": row.value,
        "rating": row.rating,
        "reasons": list(row.reasons),
        "headline": row.headline,
        "variation_icon": row.variation_icon,
        "assurance_icon": row.assurance_icon,
        "compstat": row.compstat,
        "spc": row.spc,
        "n_points": row.n_points,
        "unit": row.unit,
        "is_sample": row.is_sample,
        "hold": row.hold,
        "held_by": list(row.held_by),
        "series": [list(month) for month in row.series],
        "interval": row.interval,
        **welsh,
    }


def cell_record(assessment: Assessment) -> dict[str, Any]:
    """Return one assessment as hashed: its canonical row and its overrides."""
    overrides = sorted(assessment.overrides.all(), key=lambda o: (o.at, o.pk))
    return {**canonical_row(assessment), "overrides": [override_json(o) for o in overrides]}


def note_record(note: SnapshotNote) -> dict[str, Any]:
    return {
        "kind": note.kind,
        "measure": note.measure_code,
        "theme": note.theme_slug,
        "text": note.text,
        "recommendations": note.recommendations,
        "by": note.by_name,
        "at": note.at.isoformat(),
    }


def _cells(snapshot: Snapshot) -> list[Assessment]:
    return list(snapshot.assessments.select_related("measure").prefetch_related("overrides__by"))


def canonical_record(snapshot: Snapshot, cells: Iterable[Assessment] | None = None) -> dict:
    """Return everything the snapshot's hash covers, as plain sorted data."""
    rows = _cells(snapshot) if cells is None else list(cells)
    return {
        "period": snapshot.period,
        "context": snapshot.context,
        "measures": sorted(
            (m.definition for m in snapshot.measures.all()), key=lambda d: d["code"]
        ),
        "assessments": sorted(
            (cell_record(a) for a in rows), key=lambda d: (d["measure"], d["area"], d["breakdown"])
        ),
        "notes": sorted(
            (note_record(n) for n in snapshot.notes.all()),
            key=lambda d: (d["kind"], d["measure"], d["theme"], d["at"], d["text"]),
        ),
    }


def content_hash(snapshot: Snapshot) -> str:
    """Return the sha256 of the snapshot's canonical record, as stored now."""
    return digest(canonical_record(snapshot))


def seal(snapshot: Snapshot) -> Snapshot:
    """Write each row's digest and the snapshot's content hash from what is stored (a draft)."""
    cells = _cells(snapshot)
    for cell in cells:
        cell.digest = digest(cell_record(cell))
    Assessment.objects.bulk_update(cells, ["digest"], batch_size=500)
    snapshot.content_hash = digest(canonical_record(snapshot, cells))
    Snapshot.objects.filter(pk=snapshot.pk).update(content_hash=snapshot.content_hash)
    return snapshot


@dataclass(frozen=True)
class Verification:
    """What :func:`verify` found: the snapshot, its stored and recomputed hash, what differs."""

    snapshot: Snapshot
    stored: str
    computed: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def __bool__(self) -> bool:
        return self.ok


# The fields the hash covered before the record was frozen beside the assessments.
_LEGACY_FIELDS = (
    "measure", "area", "breakdown", "period", "latest_period", "value", "rating", "reasons",
    "headline", "variation_icon", "assurance_icon", "compstat", "spc", "n_points", "unit",
    "is_sample",
)  # fmt: skip


def _legacy_hash(snapshot: Snapshot, cells: list[Assessment]) -> str:
    """Return the hash a snapshot sealed before the record had: its assessments only."""
    rows = sorted(
        ({k: canonical_row(a)[k] for k in _LEGACY_FIELDS} for a in cells),
        key=lambda d: (d["measure"], d["area"], d["breakdown"]),
    )
    return digest({"period": snapshot.period, "assessments": rows})


def verify(snapshot: Snapshot) -> Verification:
    """Recompute the snapshot's hash and each row's digest from the stored rows."""
    # What is stored, not what this copy of the snapshot held when it was read.
    snapshot = Snapshot.objects.get(pk=snapshot.pk)
    cells = _cells(snapshot)
    if (snapshot.context or {}).get("sealed_before_the_record"):
        computed = _legacy_hash(snapshot, cells)
        problems = []
        if computed != snapshot.content_hash:
            problems.append(
                f"snapshot {snapshot.pk} (sealed before the record): its assessments no longer "
                f"hash to {snapshot.content_hash[:12]} ({computed[:12]})"
            )
        return Verification(snapshot, snapshot.content_hash, computed, tuple(problems))
    problems = []
    for cell in cells:
        if cell.digest and digest(cell_record(cell)) != cell.digest:
            where = f"{cell.area} {cell.breakdown}".strip()
            problems.append(
                f"assessment {cell.pk} ({cell.measure.code} {where}) no longer matches the "
                "digest recorded with it"
            )
    computed = digest(canonical_record(snapshot, cells))
    if computed != snapshot.content_hash:
        problems.append(
            f"snapshot {snapshot.pk}: its content hash {snapshot.content_hash[:12]} does not "
            f"match its stored record ({computed[:12]})"
        )
        if not problems[:-1]:
            problems.append(
                "no row's own digest differs: the definitions, context, notes, or a row and "
                "its digest together, were changed"
            )
    return Verification(snapshot, snapshot.content_hash, computed, tuple(problems))


def freeze_definitions(snapshot: Snapshot, definitions: dict[str, tuple[Measure, dict]]) -> None:
    """Store the measures' definitions of a new snapshot, in plan order."""
    SnapshotMeasure.objects.bulk_create(
        [
            SnapshotMeasure(snapshot=snapshot, measure=m, code=code, order=i, definition=d)
            for i, (code, (m, d)) in enumerate(definitions.items())
        ]
    )
