"""Shaping the programme, a review's trail and the concerns register for display."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from oversight.analysis import programme
from oversight.meetings.models import Action, Meeting
from oversight.themes.models import Concern, ThematicReview

S = ThematicReview.Status
# The programme looks a year ahead [6, 7].
HORIZON_DAYS = 365


@dataclass
class BoardLine:
    """One Board of the programme with its reviews and its flag."""

    date: dt.date
    meeting: Meeting | None
    reviews: list[ThematicReview]
    flag: str


@dataclass
class ProgrammePage:
    boards: list[BoardLine]
    awaiting: list[ThematicReview]
    proposed: list[ThematicReview]
    recent: list[ThematicReview]
    flagged: int


def _reviews() -> QuerySet[ThematicReview]:
    return ThematicReview.objects.select_related("lead", "theme", "board", "raised_by_concern")


def programme_page(today: dt.date) -> ProgrammePage:
    """Return the coming twelve months of Boards with their reviews and flags."""
    end = today + dt.timedelta(days=HORIZON_DAYS)
    meetings = {
        m.date: m
        for m in Meeting.objects.filter(kind=Meeting.Kind.CSB, date__gte=today, date__lte=end)
    }
    scheduled = list(_reviews().filter(board_date__gte=today, board_date__lte=end))
    by_pk = {r.pk: r for r in scheduled}
    rows = programme.board_rows(meetings, [programme.Slot(r.pk, r.board_date) for r in scheduled])
    boards = [
        BoardLine(
            date=row.board,
            meeting=meetings.get(row.board),
            reviews=[by_pk[pk] for pk in row.reviews],
            flag=row.flag,
        )
        for row in rows
    ]
    return ProgrammePage(
        boards=boards,
        awaiting=list(
            _reviews().filter(
                status__in=(S.SCHEDULED, S.FINDINGS_DRAFTED, S.RIGOUR_TESTED),
                board_date__isnull=True,
            )
        ),
        proposed=list(_reviews().filter(status=S.PROPOSED).order_by("created_at", "pk")),
        recent=list(
            _reviews()
            .filter(board_date__lt=today, board_date__gte=today - dt.timedelta(days=HORIZON_DAYS))
            .order_by("-board_date", "-pk")
        ),
        flagged=sum(1 for b in boards if b.flag),
    )


@dataclass
class Link:
    """One step of a trail: what it is, a page to follow it to (if any) and a detail."""

    label: str
    text: str
    url: str = ""
    detail: str = ""


@dataclass
class Trail:
    """Where a review came from, and what became of it."""

    back: list[Link]
    actions: list[Action]
    closed: int
    open: int
    overdue: int
    moves: list = field(default_factory=list)


def trail(review: ThematicReview) -> Trail:
    """Return the review's trail: back to what raised it, forward to its actions' closure."""
    back = [Link("Origin", review.get_origin_display(), detail=review.rationale)]
    concern = review.raised_by_concern
    if concern is not None:
        back.append(
            Link(
                "Compstat concern",
                concern.summary,
                reverse("themes:concern", args=[concern.pk]),
                f"Raised by {concern.raised_by_name} ({concern.get_raised_by_role_display()}), "
                f"{concern.where}, {concern.raised_on:%d %B %Y}",
            )
        )
        if concern.raised_at_id is not None:
            back.append(
                Link(
                    "Raised at",
                    str(concern.raised_at),
                    reverse("meetings:detail", args=[concern.raised_at_id]),
                )
            )
    escalation = review.raised_by_escalation
    if escalation is not None:
        back.append(
            Link(
                "JPMG escalation",
                escalation.subject,
                reverse("meetings:detail", args=[escalation.jpmg_id]),
                escalation.reason,
            )
        )
    if review.recommended_at is not None:
        back.append(
            Link(
                "Recommended at",
                str(review.recommended_at),
                reverse("meetings:detail", args=[review.recommended_at_id]),
            )
        )
    actions = list(review.actions.select_related("owner", "organisation"))
    closed = sum(1 for a in actions if a.status not in Action.OPEN_STATUSES)
    return Trail(
        back=back,
        actions=actions,
        closed=closed,
        open=len(actions) - closed,
        overdue=sum(1 for a in actions if a.is_overdue),
        moves=list(review.reschedules.select_related("by", "displaced_by")),
    )


def lifecycle(review: ThematicReview) -> list[dict[str, object]]:
    """Return each lifecycle step with whether it is done, current or to come."""
    position = review.step
    return [
        {
            "label": label,
            "state": "done" if i < position else ("current" if i == position else "todo"),
        }
        for i, (_value, label) in enumerate(S.choices)
    ]


def filter_concerns(
    concerns: QuerySet[Concern], *, status: str = "", where: str = "", organisation: object = None
) -> QuerySet[Concern]:
    """Return the concerns matching the register's filters."""
    if status:
        concerns = concerns.filter(status=status)
    if where:
        concerns = concerns.filter(Q(bcu__name__icontains=where) | Q(service__icontains=where))
    if organisation is not None:
        concerns = concerns.filter(partner=organisation)
    return concerns
