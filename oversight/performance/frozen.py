"""Reading a snapshot's record: what every page, pack and publication of a snapshot shows.

:func:`load` returns a :class:`Record`: the snapshot, each measure as it was assessed, the
cells with their overrides, the notes and the context (plan, BCUs, themes). A presented
snapshot's notes are those frozen when it was presented; a draft's are the live ones it would
freeze now, so the draft pack is the one the Board would see. Nothing here reads a live plan row
or an observation, which is what makes a pack drawn from a snapshot the same every time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from oversight.performance.models import (
    Assessment,
    NoteKind,
    Snapshot,
    SnapshotNote,
)
from oversight.performance.notes import live_notes

FORCE = "force"


@dataclass(frozen=True)
class FrozenMeasure:
    """A measure's definition as the snapshot assessed it."""

    code: str
    name: str
    description: str
    unit: str
    unit_label: str
    chart_unit_title: str
    improvement: str
    improvement_label: str
    source: str
    source_label: str
    target: float | None
    chart_target: float | None
    daily_rate: bool
    survey: bool
    breakdowns: tuple[str, ...]
    rebases: tuple[dict[str, Any], ...]
    owner: str
    is_sample: bool
    priority: dict[str, Any]
    outcome: dict[str, Any]
    themes: tuple[str, ...]
    order: int
    version: int
    # The Welsh texts beside the English; empty in a snapshot frozen before they were kept.
    name_cy: str = ""
    description_cy: str = ""

    @classmethod
    def from_definition(cls, d: dict[str, Any]) -> FrozenMeasure:
        """Return the measure a stored definition describes."""
        return cls(
            code=d["code"],
            name=d["name"],
            description=d.get("description", ""),
            unit=d["unit"],
            unit_label=d.get("unit_label", d["unit"]),
            chart_unit_title=d.get("chart_unit_title", d["unit"]),
            improvement=d["improvement"],
            improvement_label=d.get("improvement_label", d["improvement"]),
            source=d.get("source", ""),
            source_label=d.get("source_label", ""),
            target=d.get("target"),
            chart_target=d.get("chart_target"),
            daily_rate=bool(d.get("daily_rate")),
            survey=bool(d.get("survey")),
            breakdowns=tuple(d.get("breakdowns") or ("force",)),
            rebases=tuple(d.get("rebases") or ()),
            owner=d.get("owner", ""),
            is_sample=bool(d.get("is_sample")),
            priority=dict(d.get("priority") or {}),
            outcome=dict(d.get("outcome") or {}),
            themes=tuple(d.get("themes") or ()),
            order=int(d.get("order", 0)),
            version=int(d.get("version", 1)),
            name_cy=d.get("name_cy") or "",
            description_cy=d.get("description_cy") or "",
        )

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        """Return the plan order: priority, outcome, measure."""
        return (
            int(self.priority.get("order", 0)),
            int(self.outcome.get("order", 0)),
            self.order,
            self.code,
        )


@dataclass(frozen=True)
class Note:
    """A note as the Board is (or, for a draft, would be) shown it."""

    kind: str
    measure_code: str
    theme_slug: str
    text: str
    recommendations: str
    by_name: str
    at: Any


@dataclass
class Record:
    """Everything a snapshot shows, read from what it froze."""

    snapshot: Snapshot
    measures: dict[str, FrozenMeasure]
    cells: list[Assessment]
    notes: list[Note]
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def plan(self) -> dict[str, Any]:
        return self.context.get("plan") or {}

    @property
    def bcus(self) -> list[tuple[str, str]]:
        """Return (code, name) of each BCU, in name order."""
        return [(b["code"], b["name"]) for b in self.context.get("bcus", [])]

    @property
    def area_names(self) -> dict[str, str]:
        return {FORCE: "Force", **dict(self.context.get("areas", {}))}

    @property
    def themes(self) -> list[dict[str, Any]]:
        return list(self.context.get("themes", []))

    def theme(self, slug: str) -> dict[str, Any] | None:
        return next((t for t in self.themes if t["slug"] == slug), None)

    def cells_of(self, code: str) -> list[Assessment]:
        """Return every cell of one measure (force, BCUs, breakdowns), in order."""
        return [c for c in self.cells if c.measure.code == code]

    def commentary(self) -> dict[tuple[str, str], str]:
        """Return (measure code, kind) → the note's text, force commentary and scrutiny."""
        return {
            (n.measure_code, n.kind): n.text
            for n in self.notes
            if n.kind in (NoteKind.FORCE_COMMENTARY, NoteKind.SCRUTINY_QUESTION)
        }

    def answers(self) -> dict[str, list[Note]]:
        """Return measure code → the answers to its scrutiny, as shown."""
        found: dict[str, list[Note]] = defaultdict(list)
        for n in self.notes:
            if n.kind == NoteKind.ANSWER:
                found[n.measure_code].append(n)
        return found

    def theme_findings(self, slug: str) -> tuple[str, str]:
        """Return a theme's findings and recommendations as shown; empty if none."""
        for n in self.notes:
            if n.kind == NoteKind.THEME_FINDINGS and n.theme_slug == slug:
                return n.text, n.recommendations
        return "", ""

    @property
    def values_batches(self) -> dict[str, str]:
        return dict(self.context.get("values_batches", {}))

    @property
    def peers(self) -> dict[str, Any] | None:
        """Return the peer comparison frozen with the snapshot (``peers.record``), if any."""
        return self.context.get("peers")


def _note(data: Any) -> Note:
    get = data.get if isinstance(data, dict) else lambda k, d="": getattr(data, k, d)
    return Note(
        kind=get("kind", ""),
        measure_code=get("measure_code", "") or "",
        theme_slug=get("theme_slug", "") or "",
        text=get("text", ""),
        recommendations=get("recommendations", "") or "",
        by_name=get("by_name", "") or "",
        at=get("at", None),
    )


def notes_of(snapshot: Snapshot) -> list[Note]:
    """Return the notes a snapshot shows: frozen once presented, else as they stand now."""
    if snapshot.is_frozen:
        return [_note(n) for n in SnapshotNote.objects.filter(snapshot=snapshot)]
    return [_note(n) for n in live_notes(snapshot)]


def load(snapshot: Snapshot) -> Record:
    """Return the record of a snapshot: its measures, cells, notes and context."""
    measures = {
        m.code: FrozenMeasure.from_definition(m.definition)
        for m in snapshot.measures.order_by("order", "code")
    }
    cells = list(
        snapshot.assessments.select_related("measure")
        .prefetch_related("overrides__by")
        .order_by("order", "id")
    )
    return Record(
        snapshot=snapshot,
        measures=measures,
        cells=cells,
        notes=notes_of(snapshot),
        context=dict(snapshot.context or {}),
    )
