"""Shaping snapshots for display and export: JSON rows, text tables, rating counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from oversight.analysis.compstat import format_number
from oversight.performance.models import Assessment, Rating, Snapshot


def assessment_json(a: Assessment) -> dict[str, Any]:
    """Return one assessment as `oversight assess --json` prints it (the rating as overridden)."""
    override = a.latest_override
    row: dict[str, Any] = {
        "measure": a.measure.code,
        "area": a.area,
        "breakdown": a.breakdown,
        "value": a.value,
        "latest_period": a.latest_period,
        "rag": a.effective_rating,
        "reasons": list(a.reasons),
        "headline": a.headline,
        "variation_icon": a.variation_icon or None,
        "assurance_icon": a.assurance_icon or None,
        "compstat": a.compstat,
        "unit": a.unit,
        "is_sample": a.is_sample,
        "hold": a.hold or None,
        "held_by": list(a.held_by),
    }
    if override is not None:
        row["assessed_rag"] = a.rating
        row["override"] = {
            "rating": override.rating,
            "justification": override.justification,
            "by": override.by.display_name,
            "at": override.at.isoformat(),
        }
    return row


def snapshot_json(snapshot: Snapshot) -> dict[str, Any]:
    """Return a snapshot and all its assessments as plain data."""
    return {
        "snapshot": snapshot.pk,
        "period": snapshot.period,
        "status": snapshot.status,
        "hash": snapshot.content_hash,
        "created_at": snapshot.created_at.isoformat(),
        "warehouse_batches": snapshot.warehouse_batches,
        "values_batches": snapshot.values_batches,
        "readiness": readiness(snapshot),
        "assessments": [assessment_json(a) for a in snapshot.assessments.with_overrides()],
    }


def readiness(snapshot: Snapshot) -> dict[str, Any]:
    """Return how many cells were rated, and the measures held at Grey with why, by reason."""
    held: dict[str, dict[str, list[str]]] = {"not_ready": {}, "break_review": {}}
    rated = 0
    for a in snapshot.assessments.select_related("measure"):
        if not a.hold:
            rated += 1
            continue
        why = a.reasons[0].removeprefix("Grey: ") if a.reasons else a.hold
        codes = held[a.hold].setdefault(why, [])
        if a.measure.code not in codes:
            codes.append(a.measure.code)
    return {
        "rated": rated,
        "not_ready": [{"reason": r, "measures": m} for r, m in held["not_ready"].items()],
        "break_review": [{"reason": r, "measures": m} for r, m in held["break_review"].items()],
    }


def readiness_lines(snapshot: Snapshot) -> list[str]:
    """Return the held cells in words, one line per reason, for the command line."""
    summary = readiness(snapshot)
    lines = []
    for key, title in (("not_ready", "Not ready"), ("break_review", "Data break under review")):
        for item in summary[key]:
            codes = ", ".join(item["measures"])
            lines.append(f"{title} (Grey): {codes} — {item['reason']}")
    return lines


def rating_counts(assessments: list[Assessment]) -> list[tuple[str, str, int]]:
    """Return (rating, label, count) for red, amber, green and grey, as overridden."""
    counts = Counter(a.effective_rating for a in assessments)
    return [(r.value, r.label, counts.get(r.value, 0)) for r in Rating]


def format_value(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 2))


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def snapshot_table(snapshot: Snapshot) -> str:
    """Return a snapshot as a readable text table with its id, status and hash."""
    header = ("measure", "area", "value", "rating", "variation", "headline")
    rows = [header] + [
        (
            a.measure.code,
            a.where,
            format_value(a.value),
            Rating(a.effective_rating).label + ("*" if a.latest_override else ""),
            a.variation_icon or "—",
            a.headline,
        )
        for a in snapshot.assessments.with_overrides()
    ]
    lines = [
        f"Snapshot {snapshot.pk} for {snapshot.period} ({snapshot.get_status_display()})",
        f"hash {snapshot.content_hash}",
        "",
        _table(rows),
    ]
    if any(r[3].endswith("*") for r in rows[1:]):
        lines += ["", "* rating overridden (see the snapshot page for the justification)"]
    return "\n".join(lines)
