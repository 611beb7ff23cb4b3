"""Importing a force-supplied values file: check it whole, then load it or reject it whole.

Every attempt that changes something is a `ValuesBatch`: *loaded* (its values written as
observations) or *rejected* (its errors kept, nothing written), each with an audit event. A
file whose every value is already stored as given is a no-op: nothing is written and the
result says so. A later file for the same cells replaces their values; the audit event of
the replacement holds each replaced cell's before and after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.core.tables import Rejected, RowError, length_error
from oversight.data.models import Observation, ValuesBatch
from oversight.data.values_rows import Catalogue, MeasureInfo, ValueRow, check_file
from oversight.plans.models import Bcu, Measure, Plan

LOADED, REJECTED, UNCHANGED = "loaded", "rejected", "unchanged"
_FIELDS = ("value", "numerator", "denominator", "note")
# The text an Observation stores from a row (a note's length is checked with the row).
_TEXT_FIELDS = ("period", "area", "breakdown")


@dataclass
class ValuesResult:
    """What an import did: `status` is loaded, rejected or unchanged."""

    status: str
    file_name: str
    batch: ValuesBatch | None = None
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    same_as: ValuesBatch | None = None  # for a no-op: the batch that loaded this content

    def lines(self) -> list[str]:
        """Return the outcome as lines of text."""
        if self.status == REJECTED:
            return [
                f"REJECTED {self.file_name}: {len(self.errors)} problem(s), nothing imported "
                f"(batch {self.batch.pk if self.batch else '-'})",
                *(f"  {e}" for e in self.errors),
            ]
        if self.status == UNCHANGED:
            known = f" (as loaded by batch {self.same_as.pk})" if self.same_as else ""
            return [f"No change: all {self.rows} value(s) in {self.file_name} are already "
                    f"stored{known}; nothing written."]  # fmt: skip
        return [
            f"Loaded {self.file_name} as batch {self.batch.pk if self.batch else '-'}: "
            f"{self.rows} row(s); {self.created} new, {self.replaced} replaced, "
            f"{self.unchanged} unchanged."
        ]


def catalogue_for(plan: Plan | None, *, today: dt.date | None = None) -> Catalogue:
    """Return what the checks need of a plan (an empty catalogue when there is no plan)."""
    today = today or timezone.localdate()
    if plan is None:
        return Catalogue(measures={}, bcus=(), today=today)
    measures = {
        m.code: MeasureInfo(
            code=m.code,
            name=m.name,
            unit=m.unit,
            source=m.source,
            breakdowns=tuple(m.breakdowns or ()),
        )
        for m in Measure.objects.filter(plan=plan)
    }
    bcus = tuple(Bcu.objects.filter(plan=plan).order_by("code").values_list("code", flat=True))
    return Catalogue(measures=measures, bcus=bcus, today=today)


def import_values(
    *,
    data: bytes,
    file_name: str,
    plan: Plan,
    by: User | None,
    is_sample: bool = False,
    today: dt.date | None = None,
) -> ValuesResult:
    """Check a values file and load it whole, or record its rejection; return what happened."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        rows = check_file(data, file_name, catalogue_for(plan, today=today))
        _check_lengths(rows)
    except Rejected as exc:
        return _reject(file_name=file_name, sha=sha, errors=exc.errors, by=by, is_sample=is_sample)
    measures = {
        m.code: m
        for m in Measure.objects.filter(plan=plan, code__in={r.measure_code for r in rows})
    }
    with transaction.atomic():
        existing = {
            (o.measure.code, o.period, o.area, o.breakdown): o
            for o in Observation.objects.select_for_update()
            .filter(measure__in=measures.values())
            .select_related("measure")
        }
        new: list[ValueRow] = []
        changed: list[tuple[ValueRow, Observation]] = []
        for row in rows:
            current = existing.get(row.key)
            if current is None:
                new.append(row)
            elif _state(current) != _row_state(row) or current.is_sample != is_sample:
                changed.append((row, current))
        result = ValuesResult(
            status=LOADED, file_name=file_name, rows=len(rows), created=len(new),
            replaced=len(changed), unchanged=len(rows) - len(new) - len(changed),
        )  # fmt: skip
        if not new and not changed:
            result.status = UNCHANGED
            result.same_as = (
                ValuesBatch.objects.filter(sha256=sha, status=ValuesBatch.Status.LOADED)
                .order_by("-at", "-id")
                .first()
            )
            return result
        batch = ValuesBatch.objects.create(
            file_name=file_name[:300],
            sha256=sha,
            uploaded_by=by if (by is not None and by.pk) else None,
            status=ValuesBatch.Status.LOADED,
            rows=len(rows),
            is_sample=is_sample,
        )
        result.batch = batch
        Observation.objects.bulk_create(
            [_observation(measures[r.measure_code], r, batch, is_sample) for r in new],
            batch_size=2000,
        )
        before, after = {}, {}
        for row, obs in changed:
            label = " ".join((row.measure_code, row.period, row.area, row.breakdown or "all"))
            before[label] = _state(obs) | {"values_batch": obs.values_batch_id}
            for name, value in _row_state(row).items():
                setattr(obs, name, value)
            obs.values_batch = batch
            obs.is_sample = is_sample
            obs.origin = Observation.Origin.FORCE
            after[label] = _state(obs) | {"values_batch": batch.pk}
        Observation.objects.bulk_update(
            [obs for _, obs in changed],
            [*_FIELDS, "values_batch", "is_sample", "origin"],
            batch_size=2000,
        )
        audit.record(
            by=by,
            action="data.values_loaded",
            obj=batch,
            after={
                "file_name": file_name,
                "sha256": sha,
                "rows": len(rows),
                "created": len(new),
                "replaced": len(changed),
                "unchanged": result.unchanged,
                "is_sample": is_sample,
            },
        )
        if changed:
            audit.record(
                by=by,
                action="data.values_replaced",
                obj=batch,
                before=before,
                after=after,
                note=f"{len(changed)} value(s) replaced by {file_name}",
            )
    return result


def _check_lengths(rows: list[ValueRow]) -> None:
    """Reject a row whose text is longer than its Observation field allows."""
    errors = [
        error
        for row in rows
        for column in _TEXT_FIELDS
        if (
            error := length_error(
                row.row,
                column,
                getattr(row, column),
                Observation._meta.get_field(column).max_length,
            )
        )
    ]
    if errors:
        raise Rejected(errors)


def _reject(
    *, file_name: str, sha: str, errors: list[RowError], by: User | None, is_sample: bool
) -> ValuesResult:
    with transaction.atomic():
        batch = ValuesBatch.objects.create(
            file_name=file_name[:300],
            sha256=sha,
            uploaded_by=by if (by is not None and by.pk) else None,
            status=ValuesBatch.Status.REJECTED,
            rows=0,
            errors=[e.as_json() for e in errors],
            is_sample=is_sample,
        )
        audit.record(
            by=by,
            action="data.values_rejected",
            obj=batch,
            after={"file_name": file_name, "sha256": sha, "errors": len(errors)},
            note=f"{len(errors)} problem(s); nothing imported",
        )
    return ValuesResult(status=REJECTED, file_name=file_name, batch=batch, errors=list(errors))


def _state(obs: Observation) -> dict[str, object]:
    return {name: getattr(obs, name) for name in _FIELDS}


def _row_state(row: ValueRow) -> dict[str, object]:
    return {
        "value": row.value,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "note": row.note,
    }


def _observation(
    measure: Measure, row: ValueRow, batch: ValuesBatch, is_sample: bool
) -> Observation:
    return Observation(
        measure=measure,
        period=row.period,
        area=row.area,
        breakdown=row.breakdown,
        value=row.value,
        numerator=row.numerator,
        denominator=row.denominator,
        note=row.note,
        origin=Observation.Origin.FORCE,
        is_sample=is_sample,
        values_batch=batch,
    )
