"""The notes a snapshot shows: the commentary thread and theme findings, as they stand now.

A presented snapshot shows the notes frozen into it (``SnapshotNote``); a draft shows what it
would freeze if presented now, which is what :func:`live_notes` returns.
"""

from __future__ import annotations

from typing import Any

from oversight.performance.models import Commentary, CommentaryKind, Snapshot
from oversight.performance.signals import snapshot_presenting


def live_notes(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Return the notes a draft would freeze if presented now: commentary and theme findings.

    For each measure assessed: the latest force commentary and the latest scrutiny question or
    note, with the answers to that question; then what the apps above give (theme findings).
    """
    codes = list(snapshot.measures.values_list("code", flat=True))
    latest: dict[tuple[str, str], Commentary] = {}
    entries = Commentary.objects.filter(
        measure__code__in=codes,
        measure__plan__force_slug=(snapshot.context.get("plan") or {}).get("force_slug", ""),
        kind__in=[CommentaryKind.FORCE_COMMENTARY, CommentaryKind.SCRUTINY_QUESTION],
    ).select_related("measure", "by")
    for entry in entries.order_by("at", "id"):
        latest[(entry.measure.code, entry.kind)] = entry
    notes: list[dict[str, Any]] = []
    for (code, kind), entry in sorted(latest.items()):
        notes.append(_note_of(entry, code, kind))
        if kind == CommentaryKind.SCRUTINY_QUESTION:
            for answer in entry.answers.select_related("by").order_by("at", "id"):
                notes.append(_note_of(answer, code, CommentaryKind.ANSWER))
    for _, response in snapshot_presenting.send(sender=Snapshot, snapshot=snapshot):
        notes.extend(response or [])
    return notes


def _note_of(entry: Commentary, code: str, kind: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "measure_code": code,
        "text": entry.text,
        "by_name": entry.by.display_name,
        "at": entry.at,
        "source": f"commentary {entry.pk}",
    }
