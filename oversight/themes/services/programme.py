"""Writes to the rolling programme: putting an urgent theme in front of the others [9]."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.analysis import programme
from oversight.meetings.models import Meeting
from oversight.themes.lifecycle import LifecycleError, transition_for
from oversight.themes.models import Reschedule, ThematicReview
from oversight.themes.services.reviews import (
    MOVABLE,
    _move,
    _require,
    _require_manager,
    resolve_board,
    state,
)

S = ThematicReview.Status


def board_dates(start: dt.date, end: dt.date | None = None) -> list[dt.date]:
    """Return the dates of the Strategic Boards planned from `start` (to `end`, if given)."""
    boards = Meeting.objects.filter(kind=Meeting.Kind.CSB, date__gte=start)
    if end is not None:
        boards = boards.filter(date__lte=end)
    return sorted(set(boards.values_list("date", flat=True)))


@transaction.atomic
def insert_urgent(
    *, review: ThematicReview, board: Meeting | dt.date, reason: str, by: User | None
) -> list[Reschedule]:
    """Schedule an urgent review for a Board and move every later review one Board on.

    Each review moved gets a reschedule record naming the urgent review and the reason; a
    review pushed past the last planned Board waits, unscheduled, for the next one.
    Returns the reschedule records of the reviews moved (not the urgent one's own).
    """
    _require_manager(by)
    if not reason.strip():
        raise ValueError("Say what makes the review urgent.")
    review = ThematicReview.objects.select_for_update().get(pk=review.pk)
    if review.status == S.PROPOSED:
        _require(by, transition_for(S.PROPOSED, S.SCHEDULED))
    elif review.status not in MOVABLE:
        raise LifecycleError(
            f"A {review.get_status_display().lower()} review cannot go to another Board."
        )
    meeting, day = resolve_board(board)
    boards = board_dates(min(day, review.board_date or day))
    if day not in boards:
        raise ValueError(f"No Strategic Board is planned on {day:%d %B %Y}.")
    movable = list(
        ThematicReview.objects.select_for_update()
        .filter(status__in=MOVABLE, board_date__gte=day)
        .exclude(pk=review.pk)
    )
    slots = [programme.Slot(r.pk, r.board_date) for r in movable]
    slots.append(programme.Slot(review.pk, review.board_date))
    moves = programme.insert_urgent(boards, slots, urgent=review.pk, at=day)
    by_pk = {r.pk: r for r in movable}
    meetings = {m.date: m for m in Meeting.objects.filter(kind=Meeting.Kind.CSB, date__in=boards)}

    before = state(review)
    if review.status == S.PROPOSED:
        review.board, review.board_date, review.status = meeting, day, S.SCHEDULED
        review.save()
    elif review.board_date != day:
        _move(review, meeting, day, f"Urgent: {reason.strip()}", by)
    audit.record(
        by=by,
        action="thematic_review.inserted_urgent",
        obj=review,
        before=before,
        after=state(review),
        note=reason.strip(),
    )

    records = []
    for move in moves:
        if move.review == review.pk:
            continue
        other = by_pk[move.review]
        before = state(other)
        why = f"Moved one Board on for the urgent review “{review.title}”: {reason.strip()}"
        if move.to is None:
            why += " No later Board is planned yet: schedule it when the next cycle is planned."
        records.append(
            _move(other, meetings.get(move.to) if move.to else None, move.to, why, by, review)
        )
        audit.record(
            by=by,
            action="thematic_review.rescheduled",
            obj=other,
            before=before,
            after=state(other),
            note=why,
        )
    return records
