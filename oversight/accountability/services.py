"""Writes to the accountability record: the Commissioner's verdicts and the force's responses.

Each write checks the writer's role, refuses what the rules do not allow with the reason in
words, and is audited. Neither is ever edited: a new verdict or response supersedes the last.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from oversight.accountability.models import FindingsResponse, Verdict
from oversight.accountability.record import CONSIDERED, ESCALATION, REVIEW
from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.analysis.accountability import VERDICTS
from oversight.meetings.models import Escalation
from oversight.themes.models import ThematicReview

MAX_TEXT = 5000


class RecordRefused(ValueError):
    """A change to the record that the rules do not allow, with the reason in words."""


def _check(by: User, permission: Permission) -> None:
    if not (by is not None and by.is_authenticated and by.can(permission)):
        raise PermissionDenied(f"Your role does not allow this ({permission.value}).")


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RecordRefused(f"Write {what}.")
    if len(value) > MAX_TEXT:
        raise RecordRefused(f"Keep {what} under {MAX_TEXT} characters (it has {len(value)}).")
    return value


def subject_of(key: str) -> Escalation | ThematicReview:
    """Return the escalation or review an item key ("escalation:12", "review:3") names."""
    kind, _, pk = key.partition(":")
    if not pk.isdigit():
        raise RecordRefused(f"{key!r} does not name an item of the record.")
    if kind == ESCALATION:
        found = Escalation.objects.filter(pk=int(pk), status=Escalation.Status.ACCEPTED).first()
        if found is None:
            raise RecordRefused("Only an escalation the JPMG accepted for the Board has a verdict.")
        return found
    if kind == REVIEW:
        found = ThematicReview.objects.filter(pk=int(pk)).first()
        if found is None:
            raise RecordRefused(f"There is no thematic review {pk}.")
        if found.status not in CONSIDERED:
            raise RecordRefused(
                f"{found.title} has not yet been presented to the Board "
                f"(it is {found.get_status_display().lower()})."
            )
        return found
    raise RecordRefused(f"{key!r} does not name an item of the record.")


@transaction.atomic
def record_verdict(*, key: str, verdict: str, reasons: str, by: User) -> Verdict:
    """Record the Commissioner's team's verdict on an item, with the reasons (audited)."""
    _check(by, Permission.RECORD_VERDICTS)
    if verdict not in VERDICTS:
        raise RecordRefused(f"Choose a verdict: {', '.join(VERDICTS.values())}.")
    subject = subject_of(key)
    row = Verdict.objects.create(
        escalation=subject if isinstance(subject, Escalation) else None,
        review=subject if isinstance(subject, ThematicReview) else None,
        verdict=verdict,
        reasons=_text(reasons, "the reasons for the verdict"),
        by=by,
    )
    audit.record(
        by=by,
        action="accountability.verdict",
        obj=row,
        object_repr=f"{row.get_verdict_display()}: {subject}",
        after=audit.state_of(row),
        note=row.reasons,
    )
    return row


@transaction.atomic
def respond_to_findings(*, review: ThematicReview, text: str, by: User) -> FindingsResponse:
    """Record the force's response to a thematic review the Board has considered (audited)."""
    _check(by, Permission.RESPOND_TO_FINDINGS)
    review = ThematicReview.objects.get(pk=review.pk)
    if review.status not in CONSIDERED:
        raise RecordRefused(
            "The force responds to a review's findings once the Board has considered them; "
            f"{review.title} is {review.get_status_display().lower()}."
        )
    row = FindingsResponse.objects.create(
        review=review, text=_text(text, "the force's response"), by=by
    )
    audit.record(
        by=by,
        action="accountability.findings_response",
        obj=row,
        object_repr=f"Force response: {review.title}",
        after=audit.state_of(row),
    )
    return row
