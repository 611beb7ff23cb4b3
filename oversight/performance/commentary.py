"""Writes to a measure's commentary thread, atomic and audited, and who may write each kind."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.performance.models import Commentary, CommentaryKind
from oversight.plans.models import Measure

# Who may write each kind: the force comments and answers; the Commissioner's team scrutinises.
KIND_PERMISSION = {
    CommentaryKind.FORCE_COMMENTARY: Permission.WRITE_COMMENTARY,
    CommentaryKind.ANSWER: Permission.WRITE_COMMENTARY,
    CommentaryKind.SCRUTINY_QUESTION: Permission.WRITE_SCRUTINY,
}


def may_write(user: User, kind: str) -> bool:
    """Return whether ``user`` may write commentary of ``kind``."""
    permission = KIND_PERMISSION.get(CommentaryKind(kind)) if kind in CommentaryKind else None
    return bool(permission and user.is_authenticated and user.can(permission))


@transaction.atomic
def add_commentary(
    *,
    measure: Measure,
    kind: str,
    text: str,
    by: User,
    snapshot: object | None = None,
    parent: Commentary | None = None,
) -> Commentary:
    """Add an entry to a measure's commentary thread and audit it; check the writer's role."""
    if kind not in CommentaryKind.values:
        raise ValidationError(f"Unknown kind of commentary: {kind!r}")
    if not may_write(by, kind):
        raise PermissionDenied(
            f"Your role may not write {CommentaryKind(kind).label.lower()} on a measure."
        )
    text = text.strip()
    if not text:
        raise ValidationError("Commentary needs some text.")
    if kind == CommentaryKind.ANSWER:
        if parent is None or parent.kind != CommentaryKind.SCRUTINY_QUESTION:
            raise ValidationError("An answer must answer a scrutiny question.")
        if parent.measure_id != measure.pk:
            raise ValidationError("An answer must be on the same measure as its question.")
    elif parent is not None:
        raise ValidationError("Only answers reply to another entry.")
    entry = Commentary.objects.create(
        measure=measure, kind=kind, text=text, by=by, snapshot=snapshot, parent=parent
    )
    audit.record(
        by=by,
        action=f"reports.commentary.{kind}",
        obj=entry,
        after=audit.state_of(entry, ["measure_id", "snapshot_id", "kind", "parent_id", "text"]),
    )
    return entry
