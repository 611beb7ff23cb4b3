"""Writes to snapshots and rating overrides, each atomic and audited."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.analysis.periods import validate_period
from oversight.data.models import Observation
from oversight.performance.assessment import assess_period, canonical_row
from oversight.performance.models import (
    Assessment,
    Rating,
    RatingOverride,
    Snapshot,
    SnapshotFrozen,
    SnapshotStatus,
)
from oversight.performance.readiness import latest_data_period

SNAPSHOT_FIELDS = ("period", "status", "content_hash", "presented_at", "presented_by_id",
                   "published_at", "published_by_id")  # fmt: skip


class NothingToAssess(ValueError):
    """Raised when a period cannot be assessed: no data at all, or none for that period."""


def latest_period() -> str | None:
    """Return the latest month of any data (a value, or a police.uk file read), or None."""
    return latest_data_period()


def check_assessable(period: str) -> None:
    """Refuse a period after the latest data, or one that no measure has data for."""
    latest = latest_period()
    if latest is None:
        raise NothingToAssess("There is no data to assess: import data first.")
    if period > latest:
        raise NothingToAssess(
            f"Nothing to assess for {period}: the latest data are for {latest}. "
            "Import the month's files and values first."
        )
    earliest = Observation.objects.aggregate(p=Min("period"))["p"]
    if not Observation.objects.filter(period=period).exists():
        span = f" (data run from {earliest} to {latest})" if earliest else ""
        raise NothingToAssess(f"No measure has data for {period}{span}: nothing to assess.")


def canonical_json(period: str, rows: Iterable[Any]) -> str:
    """Return the canonical JSON of a period's assessments: sorted keys and rows, no spaces."""
    data = sorted(
        (canonical_row(r) for r in rows), key=lambda d: (d["measure"], d["area"], d["breakdown"])
    )
    return json.dumps(
        {"period": period, "assessments": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def content_hash(period: str, rows: Iterable[Any]) -> str:
    """Return the sha256 hex digest of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(period, rows).encode()).hexdigest()


def verify(snapshot: Snapshot) -> bool:
    """Return whether the stored assessments still hash to the snapshot's content hash."""
    rows = snapshot.assessments.select_related("measure")
    return content_hash(snapshot.period, rows) == snapshot.content_hash


@transaction.atomic
def create_snapshot(*, period: str | None, by: User | None, note: str = "") -> Snapshot:
    """Assess every active measure and area for ``period`` (default: latest data) and freeze it."""
    if period is None:
        period = latest_period()
        if period is None:
            raise NothingToAssess("There are no observations to assess; import data first.")
    validate_period(period)
    check_assessable(period)
    run = assess_period(period)
    snapshot = Snapshot.objects.create(
        period=period,
        created_by=by if (by is not None and by.pk) else None,
        content_hash=content_hash(period, run.rows),
        warehouse_batches=sorted(run.warehouse_batches, key=str),
        values_batches=sorted(run.values_batches),
        note=note,
        previous=Snapshot.objects.order_by("-created_at", "-id").first(),
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                snapshot=snapshot,
                measure=row.measure,
                area=row.area,
                breakdown=row.breakdown,
                period=row.period,
                latest_period=row.latest_period,
                value=row.value,
                rating=row.rating,
                reasons=list(row.reasons),
                headline=row.headline,
                variation_icon=row.variation_icon,
                assurance_icon=row.assurance_icon,
                compstat=row.compstat,
                spc=row.spc,
                n_points=row.n_points,
                unit=row.unit,
                is_sample=row.is_sample,
                hold=row.hold,
                held_by=list(row.held_by),
                series=[list(month) for month in row.series],
                interval=row.interval,
                order=i,
            )
            for i, row in enumerate(run.rows)
        ],
        batch_size=500,
    )
    after = audit.state_of(snapshot, SNAPSHOT_FIELDS)
    after.update(
        assessments=len(run.rows),
        warehouse_batches=snapshot.warehouse_batches,
        values_batches=snapshot.values_batches,
    )
    audit.record(by=by, action="snapshot.created", obj=snapshot, after=after)
    return snapshot


def _locked(snapshot: Snapshot) -> Snapshot:
    return Snapshot.objects.select_for_update().get(pk=snapshot.pk)


@transaction.atomic
def mark_presented(*, snapshot: Snapshot, by: User | None) -> Snapshot:
    """Mark a draft snapshot as presented; from then on it is frozen."""
    current = _locked(snapshot)
    if current.status != SnapshotStatus.DRAFT:
        raise SnapshotFrozen(f"Snapshot {current.pk} has already been {current.status}.")
    before = audit.state_of(current, SNAPSHOT_FIELDS)
    current.status = SnapshotStatus.PRESENTED
    current.presented_at = timezone.now()
    current.presented_by = by if (by is not None and by.pk) else None
    current.save()
    audit.record(
        by=by,
        action="snapshot.presented",
        obj=current,
        before=before,
        after=audit.state_of(current, SNAPSHOT_FIELDS),
    )
    return current


@transaction.atomic
def publish(*, snapshot: Snapshot, by: User | None) -> Snapshot:
    """Publish a presented snapshot (a draft must be presented first)."""
    current = _locked(snapshot)
    if current.status == SnapshotStatus.DRAFT:
        raise ValueError(f"Snapshot {current.pk} must be presented before it is published.")
    if current.status == SnapshotStatus.PUBLISHED:
        raise SnapshotFrozen(f"Snapshot {current.pk} has already been published.")
    before = audit.state_of(current, SNAPSHOT_FIELDS)
    current.status = SnapshotStatus.PUBLISHED
    current.published_at = timezone.now()
    current.published_by = by if (by is not None and by.pk) else None
    current.save()
    audit.record(
        by=by,
        action="snapshot.published",
        obj=current,
        before=before,
        after=audit.state_of(current, SNAPSHOT_FIELDS),
    )
    return current


@transaction.atomic
def override_rating(
    *, assessment: Assessment, rating: str, justification: str, by: User
) -> RatingOverride:
    """Record a manual rating with its justification on an assessment of a draft snapshot."""
    justification = (justification or "").strip()
    if not justification:
        raise ValueError("An override needs a justification.")
    if rating not in Rating.values:
        raise ValueError(f"Unknown rating {rating!r}; use one of {', '.join(Rating.values)}.")
    snapshot = _locked(assessment.snapshot)
    if snapshot.is_frozen:
        raise SnapshotFrozen(
            f"Snapshot {snapshot.pk} has been {snapshot.status}; its ratings cannot be overridden."
        )
    before = {"rating": assessment.effective_rating, "assessed_rating": assessment.rating}
    override = RatingOverride.objects.create(
        assessment=assessment, rating=rating, justification=justification, by=by
    )
    audit.record(
        by=by,
        action="assessment.overridden",
        obj=assessment,
        before=before,
        after={"rating": rating, "justification": justification, "override": override.pk},
        note=justification,
    )
    return override


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots' assessments."""

    kind: str  # "added", "removed", "rating" or "value"
    measure: str
    area: str
    breakdown: str
    before: Any
    after: Any

    @property
    def where(self) -> str:
        return f"{self.area} ({self.breakdown})" if self.breakdown else self.area

    def describe(self) -> str:
        """Return the change in words."""
        if self.kind == "added":
            return f"{self.measure} {self.where}: new, rated {self.after}"
        if self.kind == "removed":
            return f"{self.measure} {self.where}: no longer assessed (was {self.before})"
        return f"{self.measure} {self.where}: {self.kind} {self.before} → {self.after}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "measure": self.measure,
            "area": self.area,
            "breakdown": self.breakdown,
            "before": self.before,
            "after": self.after,
        }


def _cells(snapshot: Snapshot) -> dict[tuple[str, str, str], Assessment]:
    rows = snapshot.assessments.with_overrides()
    return {(a.measure.code, a.area, a.breakdown): a for a in rows}


def diff(snapshot: Snapshot, previous: Snapshot | None) -> list[Change]:
    """Return what changed since ``previous``: ratings (as overridden), values and rows."""
    if previous is None:
        return []
    now, before = _cells(snapshot), _cells(previous)
    changes = []
    for key in sorted(now.keys() | before.keys()):
        a, b = now.get(key), before.get(key)
        if b is None:
            assert a is not None
            changes.append(Change("added", *key, None, a.effective_rating))
        elif a is None:
            changes.append(Change("removed", *key, b.effective_rating, None))
        else:
            if a.effective_rating != b.effective_rating:
                changes.append(Change("rating", *key, b.effective_rating, a.effective_rating))
            if a.value != b.value or a.latest_period != b.latest_period:
                changes.append(Change("value", *key, b.value, a.value))
    return changes
