"""Writes to thematic reviews: propose, schedule, draft, rigour-test, present, act and close.

Every step goes through the transition table in ``oversight.themes.lifecycle``, checks the
role of `by`, runs in a transaction and writes an audit record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Permission
from oversight.meetings.models import Action, Escalation, Meeting
from oversight.meetings.services import create_action
from oversight.plans.models import Measure, Theme
from oversight.themes.lifecycle import LifecycleError, Transition, may_take, transition_for
from oversight.themes.models import Concern, Reschedule, RigourTest, ThematicReview

S = ThematicReview.Status
O = ThematicReview.Origin  # noqa: E741

REVIEW_FIELDS = (
    "title",
    "description",
    "origin",
    "rationale",
    "lead_id",
    "lead_name",
    "theme_id",
    "board_id",
    "board_date",
    "status",
    "findings",
    "recommendations",
    "raised_by_concern_id",
    "raised_by_escalation_id",
    "recommended_at_id",
    "presented_at",
    "closed_at",
)
# Reviews not yet presented can still move to another Board.
MOVABLE = (S.SCHEDULED, S.FINDINGS_DRAFTED, S.RIGOUR_TESTED)
# Origins that are someone's direction or an event: the rationale must say what it was [9].
NEEDS_RATIONALE = (O.COMMISSIONER, O.CHIEF_CONSTABLE, O.SIGNIFICANT_EVENT, O.PUBLIC_CONCERN)


def state(review: ThematicReview) -> dict:
    """Return the audited fields of a review."""
    return audit.state_of(review, REVIEW_FIELDS)


def _require(by: User | None, transition: Transition) -> None:
    if not may_take(by, transition):
        raise PermissionDenied(f"Your role may not do this: {transition.label.lower()}.")


def _require_manager(by: User | None) -> None:
    if by is not None and not by.can(Permission.MANAGE_THEMES):
        raise PermissionDenied("Your role may not change thematic reviews.")


def resolve_board(board: Meeting | dt.date) -> tuple[Meeting | None, dt.date]:
    """Return the CSB meeting (if one is planned) and the date of a Board given either."""
    if isinstance(board, Meeting):
        if board.kind != Meeting.Kind.CSB:
            raise ValueError(f"{board} is not a Commissioner's Strategic Board.")
        return board, board.date
    meeting = Meeting.objects.filter(kind=Meeting.Kind.CSB, date=board).first()
    return meeting, board


def _lock(review: ThematicReview) -> ThematicReview:
    """Reload the review's status under a row lock, so two people cannot race a step."""
    fresh = ThematicReview.objects.select_for_update().get(pk=review.pk)
    review.status = fresh.status
    return review


@transaction.atomic
def propose_review(
    *,
    title: str,
    origin: str,
    by: User | None,
    description: str = "",
    rationale: str = "",
    lead: User | None = None,
    lead_name: str = "",
    theme: Theme | None = None,
    measures: Iterable[Measure] = (),
    raised_by_concern: Concern | None = None,
    raised_by_escalation: Escalation | None = None,
    recommended_at: Meeting | None = None,
) -> ThematicReview:
    """Add a proposed review to the programme, saying where it came from (audited)."""
    _require_manager(by)
    if not title.strip():
        raise ValueError("A review needs a title.")
    if origin not in O.values:
        raise ValueError(f"Unknown origin {origin!r}")
    if origin == O.COMPSTAT_CONCERN and raised_by_concern is None:
        raise ValueError("A review from a Compstat concern names the concern.")
    if origin == O.JPMG_RECOMMENDATION and recommended_at is None and raised_by_escalation is None:
        raise ValueError("A JPMG recommendation names the JPMG meeting or escalation.")
    if recommended_at is not None and recommended_at.kind != Meeting.Kind.JPMG:
        raise ValueError(f"{recommended_at} is not a JPMG meeting.")
    if origin in NEEDS_RATIONALE and not rationale.strip():
        raise ValueError("Say what was directed, or what happened, in the rationale.")
    review = ThematicReview.objects.create(
        title=title.strip(),
        description=description.strip(),
        origin=origin,
        rationale=rationale.strip(),
        lead=lead,
        lead_name=lead_name.strip(),
        theme=theme,
        raised_by_concern=raised_by_concern,
        raised_by_escalation=raised_by_escalation,
        recommended_at=recommended_at,
        created_by=by if by is not None and by.pk else None,
    )
    measures = list(measures)
    if measures:
        review.measures.set(measures)
    audit.record(
        by=by,
        action="thematic_review.proposed",
        obj=review,
        after={**state(review), "measures": sorted(m.pk for m in measures)},
    )
    return review


@transaction.atomic
def schedule(
    *, review: ThematicReview, board: Meeting | dt.date, by: User | None, note: str = ""
) -> ThematicReview:
    """Put a proposed review on the programme for a Board (audited)."""
    _lock(review)
    transition = transition_for(review.status, S.SCHEDULED)
    _require(by, transition)
    meeting, day = resolve_board(board)
    before = state(review)
    review.board, review.board_date, review.status = meeting, day, S.SCHEDULED
    review.save()
    audit.record(
        by=by,
        action="thematic_review.scheduled",
        obj=review,
        before=before,
        after=state(review),
        note=note,
    )
    return review


def _move(
    review: ThematicReview,
    meeting: Meeting | None,
    day: dt.date | None,
    reason: str,
    by: User | None,
    displaced_by: ThematicReview | None = None,
) -> Reschedule:
    """Move a review to another Board (or none), keeping the reason; the caller audits."""
    moved = Reschedule.objects.create(
        review=review,
        moved_from=review.board_date,
        moved_to=day,
        reason=reason,
        displaced_by=displaced_by,
        by=by if by is not None and by.pk else None,
    )
    review.board, review.board_date = meeting, day
    review.save()
    return moved


@transaction.atomic
def reschedule(
    *, review: ThematicReview, board: Meeting | dt.date, reason: str, by: User | None
) -> ThematicReview:
    """Move a review not yet presented to another Board, recording why (audited)."""
    _require_manager(by)
    _lock(review)
    if review.status not in MOVABLE:
        raise LifecycleError(
            f"A {review.get_status_display().lower()} review cannot move to another Board."
        )
    if not reason.strip():
        raise ValueError("Say why the review moves.")
    meeting, day = resolve_board(board)
    if day == review.board_date:
        raise ValueError("The review is already scheduled for that Board.")
    before = state(review)
    _move(review, meeting, day, reason.strip(), by)
    audit.record(
        by=by,
        action="thematic_review.rescheduled",
        obj=review,
        before=before,
        after=state(review),
        note=reason.strip(),
    )
    return review


@transaction.atomic
def draft_findings(
    *, review: ThematicReview, findings: str, recommendations: str, by: User | None
) -> ThematicReview:
    """Record the findings and recommendations; changing tested findings needs a new test."""
    _lock(review)
    if review.status == S.FINDINGS_DRAFTED:
        # Redrafting before the test: the same right as drafting.
        transition = transition_for(S.SCHEDULED, S.FINDINGS_DRAFTED)
    else:
        transition = transition_for(review.status, S.FINDINGS_DRAFTED)
    _require(by, transition)
    if not findings.strip():
        raise ValueError("Write the findings.")
    before = state(review)
    review.findings = findings.strip()
    review.recommendations = recommendations.strip()
    review.status = S.FINDINGS_DRAFTED
    review.save()
    audit.record(
        by=by,
        action="thematic_review.findings_drafted",
        obj=review,
        before=before,
        after=state(review),
        note="The findings changed after the rigour test: test them again."
        if before["status"] == S.RIGOUR_TESTED
        else "",
    )
    return review


@transaction.atomic
def record_rigour_test(
    *,
    review: ThematicReview,
    data_sources: str,
    trend_evidence: str,
    partner_views: str,
    limitations: str,
    jpmg: Meeting,
    outcome: str,
    by: User | None,
    notes: str = "",
) -> RigourTest:
    """Record the JPMG's rigour checklist; a pass makes the review ready for the Board."""
    _lock(review)
    transition = transition_for(review.status, S.RIGOUR_TESTED)
    _require(by, transition)
    checklist = {
        "data sources": data_sources,
        "trend evidence": trend_evidence,
        "partner views": partner_views,
        "limitations": limitations,
    }
    missing = [name for name, text in checklist.items() if not text.strip()]
    if missing:
        raise ValueError(f"Complete the checklist: {', '.join(missing)}.")
    if jpmg is None or jpmg.kind != Meeting.Kind.JPMG:
        raise ValueError("The rigour test is made at a JPMG meeting.")
    if outcome not in RigourTest.Outcome.values:
        raise ValueError(f"Unknown outcome {outcome!r}")
    if outcome == RigourTest.Outcome.REFERRED_BACK and not notes.strip():
        raise ValueError("Say what more the findings need.")
    before = state(review)
    test = RigourTest.objects.create(
        review=review,
        data_sources=data_sources.strip(),
        trend_evidence=trend_evidence.strip(),
        partner_views=partner_views.strip(),
        limitations=limitations.strip(),
        jpmg=jpmg,
        outcome=outcome,
        notes=notes.strip(),
        by=by if by is not None and by.pk else None,
    )
    if outcome == RigourTest.Outcome.PASSED:
        review.status = S.RIGOUR_TESTED
        review.save()
    audit.record(
        by=by,
        action="thematic_review.rigour_tested"
        if outcome == RigourTest.Outcome.PASSED
        else "thematic_review.referred_back",
        obj=review,
        before=before,
        after={**state(review), "rigour_test": audit.state_of(test)},
        note=notes.strip(),
    )
    return test


@transaction.atomic
def advance(*, review: ThematicReview, to: str, by: User | None, note: str = "") -> ThematicReview:
    """Take one bare step of the lifecycle (a button), checking its conditions (audited).

    Scheduling, drafting and the rigour test have their own services and are refused here.
    """
    _lock(review)
    transition = transition_for(review.status, to)
    if transition.by_service:
        raise LifecycleError(f"{transition.label} has its own form.")
    _require(by, transition)
    before = state(review)
    if to == S.PRESENTED:
        test = review.latest_rigour_test
        if test is None or test.outcome != RigourTest.Outcome.PASSED:
            raise LifecycleError(
                "A review cannot be presented before the JPMG has recorded a passed rigour test."
            )
        if not review.findings.strip():
            raise LifecycleError("A review cannot be presented without findings.")
        review.presented_at = timezone.now()
    elif to == S.ACTIONS:
        if not review.actions.exists():
            raise LifecycleError("Add the actions the Board agreed first.")
    elif to == S.CLOSED:
        still_open = review.actions.filter(status__in=Action.OPEN_STATUSES).count()
        if still_open:
            raise LifecycleError(
                f"{still_open} action{'s are' if still_open != 1 else ' is'} still open: "
                "close or cancel them first."
            )
        review.closed_at = timezone.now()
    elif to == S.PROPOSED:
        if not note.strip():
            raise ValueError("Say why the review comes off the programme.")
        _move(review, None, None, note.strip(), by)
    review.status = to
    review.save()
    audit.record(
        by=by,
        action=f"thematic_review.{to}",
        obj=review,
        before=before,
        after=state(review),
        note=note.strip(),
    )
    return review


@transaction.atomic
def add_action(
    *,
    review: ThematicReview,
    title: str,
    due_date: dt.date,
    by: User | None,
    owner: User | None = None,
    owner_name: str = "",
    organisation: Organisation | None = None,
    notes: str = "",
) -> Action:
    """Add an action the Board agreed on a presented review to the actions register (audited)."""
    _require_manager(by)
    _lock(review)
    if review.status not in (S.PRESENTED, S.ACTIONS):
        raise LifecycleError("Actions are agreed when the review has been presented.")
    action = create_action(
        title=title,
        owner=owner,
        owner_name=owner_name,
        due_date=due_date,
        origin=Action.Origin.THEME,
        origin_label=review.title,
        organisation=organisation,
        notes=notes,
        by=by,
    )
    review.actions.add(action)
    audit.record(
        by=by,
        action="thematic_review.action_added",
        obj=review,
        after={"action": action.pk, "title": action.title, "due_date": action.due_date},
    )
    return action
