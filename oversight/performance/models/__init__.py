"""The performance app's models: snapshots and their assessments, the record frozen beside
them, and the commentary thread on measures."""

from oversight.performance.models.commentary import Commentary, CommentaryKind
from oversight.performance.models.record import NoteKind, SnapshotMeasure, SnapshotNote
from oversight.performance.models.snapshots import (
    Assessment,
    AssessmentQuerySet,
    Hold,
    Rating,
    RatingOverride,
    RatingOverrideQuerySet,
    Snapshot,
    SnapshotFrozen,
    SnapshotQuerySet,
    SnapshotStatus,
)

__all__ = [
    "Assessment",
    "AssessmentQuerySet",
    "Commentary",
    "CommentaryKind",
    "Hold",
    "NoteKind",
    "Rating",
    "RatingOverride",
    "RatingOverrideQuerySet",
    "Snapshot",
    "SnapshotFrozen",
    "SnapshotMeasure",
    "SnapshotNote",
    "SnapshotQuerySet",
    "SnapshotStatus",
]
