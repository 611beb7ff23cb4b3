"""Writes to snapshots and rating overrides, each atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.analysis.compstat import format_number
from oversight.analysis.periods import validate_period
from oversight.analysis.rag import RATINGS
from oversight.data.models import Observation, ValuesBatch
from oversight.peers.record import comparison_record
from oversight.performance.assessment import assess_period, target_for
from oversight.performance.models import (
    Assessment,
    RatingOverride,
    Snapshot,
    SnapshotFrozen,
    SnapshotNote,
    SnapshotStatus,
)
from oversight.performance.notes import live_notes
from oversight.performance.readiness import latest_data_period
from oversight.performance.record import (
    freeze_definitions,
    measure_definition,
    seal,
    snapshot_context,
)

# Verification lives with the record; callers reach it here too.
from oversight.performance.record import verify as verify
from oversight.plans.models import Plan

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


@transaction.atomic
def create_snapshot(*, period: str | None, by: User | None, note: str = "") -> Snapshot:
    """Assess every active measure and area for ``period`` (default: latest data) and freeze it.

    The snapshot is a draft: with its assessments it freezes each measure's definition as
    assessed and the plan, BCUs and themes as they stand, and is sealed with its hash.
    """
    if period is None:
        period = latest_period()
        if period is None:
            raise NothingToAssess("There are no observations to assess; import data first.")
    validate_period(period)
    check_assessable(period)
    run = assess_period(period)
    measures = {row.measure.code: row.measure for row in run.rows}
    plan = next(iter(measures.values())).plan if measures else Plan.objects.first()
    batches = dict(
        ValuesBatch.objects.filter(pk__in=run.values_batches).values_list("pk", "file_name")
    )
    context = snapshot_context(plan, values_batches=batches)
    # How the force compares with its peers, frozen when other forces' files are held.
    if (peers := comparison_record(plan, period)) is not None:
        context["peers"] = peers
    snapshot = Snapshot.objects.create(
        period=period,
        created_by=by if (by is not None and by.pk) else None,
        content_hash="",
        warehouse_batches=sorted(run.warehouse_batches, key=str),
        values_batches=sorted(run.values_batches),
        note=note,
        previous=Snapshot.objects.order_by("-created_at", "-id").first(),
        context=context,
    )
    freeze_definitions(
        snapshot,
        {
            code: (m, measure_definition(m, target=target_for(m, period), period=period))
            for code, m in measures.items()
        },
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
                headline_cy=row.headline_cy,
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
    seal(snapshot)
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
    """Mark a draft snapshot as presented; from then on it is frozen, notes and all.

    The commentary, scrutiny and theme findings the Board is shown are frozen into the
    record, and the hash is sealed over everything. A period has at most one presented
    snapshot.
    """
    current = _locked(snapshot)
    if current.status != SnapshotStatus.DRAFT:
        raise SnapshotFrozen(f"Snapshot {current.pk} has already been {current.status}.")
    shown = Snapshot.objects.filter(period=current.period).exclude(status=SnapshotStatus.DRAFT)
    if shown.exists():
        other = shown.first()
        raise SnapshotFrozen(
            f"Snapshot {other.pk} was presented for {current.period} already: a period has one "
            "presented snapshot, the record of what the Board was shown. Discard this draft, "
            "or keep it as a draft for reference."
        )
    before = audit.state_of(current, SNAPSHOT_FIELDS)
    SnapshotNote.objects.bulk_create(
        [SnapshotNote(snapshot=current, **note) for note in live_notes(current)]
    )
    seal(current)
    current.status = SnapshotStatus.PRESENTED
    current.presented_at = timezone.now()
    current.presented_by = by if (by is not None and by.pk) else None
    current.save()
    after = audit.state_of(current, SNAPSHOT_FIELDS)
    after["notes"] = current.notes.count()
    audit.record(by=by, action="snapshot.presented", obj=current, before=before, after=after)
    return current


@transaction.atomic
def discard_draft(*, snapshot: Snapshot, by: User | None, reason: str = "") -> None:
    """Delete a draft that was never presented, with an audit record; a presented one never."""
    current = _locked(snapshot)
    if current.is_frozen:
        raise SnapshotFrozen(
            f"Snapshot {current.pk} has been {current.status}: it is the record of what the "
            "Board was shown and is never discarded."
        )
    if current.successors.exists():
        # Later snapshots point past it to what it followed. `previous` is not part of any
        # record (it is not hashed), so this is the one update a frozen successor allows.
        QuerySet.update(current.successors.all(), previous=current.previous)
    state = audit.state_of(current, SNAPSHOT_FIELDS)
    state["assessments"] = current.assessments.count()
    pk = current.pk
    current.delete()
    audit.record(
        by=by,
        action="snapshot.discarded",
        object_type="performance.Snapshot",
        object_id=str(pk),
        object_repr=f"Snapshot {pk} for {state['period']} (draft)",
        before=state,
        note=reason,
    )


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
    if rating not in {r.value for r in RATINGS}:
        names = ", ".join(r.value for r in RATINGS)
        raise ValueError(f"Unknown rating {rating!r}; use one of {names}.")
    snapshot = _locked(assessment.snapshot)
    if snapshot.is_frozen:
        raise SnapshotFrozen(
            f"Snapshot {snapshot.pk} has been {snapshot.status}; its ratings cannot be overridden."
        )
    before = {"rating": assessment.effective_rating, "assessed_rating": assessment.rating}
    override = RatingOverride.objects.create(
        assessment=assessment, rating=rating, justification=justification, by=by
    )
    # The overrides are part of the record: the draft's hash covers them.
    seal(snapshot)
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

    kind: str  # "added", "removed", "rating", "latest" (the latest month moved) or "value"
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
        if self.kind == "latest":
            return f"{self.measure} {self.where}: latest month {self.before} → {self.after}"
        if self.kind == "value":
            return (
                f"{self.measure} {self.where}: value {format_number(self.before)} → "
                f"{format_number(self.after)}"
                if self.before is not None and self.after is not None
                else f"{self.measure} {self.where}: value {self.before} → {self.after}"
            )
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
            if a.latest_period != b.latest_period:
                changes.append(Change("latest", *key, b.latest_period, a.latest_period))
            elif not _same_value(a.value, b.value):
                changes.append(Change("value", *key, b.value, a.value))
    return changes


def _same_value(a: float | None, b: float | None) -> bool:
    """Return whether two stored values are the same figure (float noise is no change)."""
    if a is None or b is None:
        return a is b
    return round(a, 6) == round(b, 6)
