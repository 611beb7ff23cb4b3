"""Measure fitness reviews at the JPMG (paragraph 3): keep, amend or retire a measure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.meetings.models import MeasureReview, Meeting
from oversight.plans.models import Measure, MeasureStatus
from oversight.plans.services import amend_measure, set_measure_status

D = MeasureReview.Decision


@transaction.atomic
def review_measure(
    *,
    jpmg: Meeting,
    measure: Measure,
    decision: str,
    reason: str,
    effective_from: dt.date | None,
    changes: dict[str, Any] | None,
    by: User | None,
) -> MeasureReview:
    """Record the JPMG's review of a measure; amending makes a new version, retiring ends it.

    The amendment and retirement go through the plans services, which write the measure's
    version history and their own audit records.
    """
    if jpmg.kind != Meeting.Kind.JPMG:
        raise ValueError("Measures are reviewed at the Joint Performance Management Group.")
    if decision not in D.values:
        raise ValueError(f"Unknown decision {decision!r}; decisions are keep, amend or retire")
    if not reason.strip():
        raise ValueError("A measure review needs its reason.")
    changes = dict(changes or {})
    if decision != D.KEEP and effective_from is None:
        raise ValueError("Say from when the change takes effect.")
    if decision == D.AMEND:
        if not changes:
            raise ValueError("An amendment needs at least one change.")
        measure = amend_measure(
            measure=measure, changes=changes, effective_from=effective_from, reason=reason, by=by
        )
    elif decision == D.RETIRE:
        measure = set_measure_status(
            measure=measure,
            status=MeasureStatus.RETIRED,
            effective=effective_from,
            reason=reason,
            by=by,
        )
    elif changes:
        raise ValueError("A measure kept as it is takes no changes.")
    review = MeasureReview.objects.create(
        jpmg=jpmg,
        measure=measure,
        decision=decision,
        reason=reason.strip(),
        effective_from=effective_from,
        changes=changes,
        resulting_version=measure.version,
        reviewed_by=by if by is not None and by.pk else None,
    )
    audit.record(by=by, action="measure_review.created", obj=review, after=audit.state_of(review))
    return review
