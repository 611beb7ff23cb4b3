"""What a Board's pack adds to its snapshot's: the meeting, its theme, escalations and actions.

A Commissioner's Strategic Board is shown a Compstat-style overview and one thematic drill-down
(paper, paragraphs 4 and 5), finalised in step 8 of its cycle (paragraph 10). Its pack is drawn
from the Board's snapshot (:func:`board_snapshot`) and from the meeting records: the theme the
programme schedules for that Board, the escalations the JPMG accepted with the Board's
responses, and the action log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from oversight.display.words import month_words
from oversight.meetings.models import Action, Escalation, Meeting
from oversight.performance.frozen import Record
from oversight.performance.models import Snapshot, SnapshotStatus
from oversight.themes.models import ThematicReview

BOARD_KIND = Meeting.Kind.CSB


class NoSuchBoard(ValueError):
    """No Board meeting on that date, or no snapshot to draw its pack from."""


@dataclass(frozen=True)
class EscalationItem:
    subject: str
    reason: str
    decision: str  # why the JPMG accepted it
    response: str  # the Board's response, once recorded


@dataclass(frozen=True)
class ActionItem:
    title: str
    owner: str
    due: dt.date
    status: str
    state: str  # "overdue", "due", "open" or "closed"
    origin: str


@dataclass(frozen=True)
class BoardSection:
    """The meeting parts of a Board pack."""

    meeting_id: int
    title: str
    date: dt.date
    previous_date: dt.date | None
    theme_slug: str
    theme_title: str
    review_title: str
    escalations: tuple[EscalationItem, ...]
    actions: tuple[ActionItem, ...]
    currency: str  # "police.uk data to June 2025; force-supplied values to June 2025"

    def actions_in(self, state: str) -> list[ActionItem]:
        return [a for a in self.actions if a.state == state]


def board_meeting(date: dt.date) -> Meeting:
    """Return the Strategic Board held on ``date``; NoSuchBoard if there is none."""
    meeting = Meeting.objects.filter(kind=BOARD_KIND, date=date).select_related("cycle").first()
    if meeting is None:
        known = (
            Meeting.objects.filter(kind=BOARD_KIND).order_by("date").values_list("date", flat=True)
        )
        near = ", ".join(f"{d:%Y-%m-%d}" for d in known if abs((d - date).days) <= 62)
        hint = f" Boards near it: {near}." if near else ""
        raise NoSuchBoard(f"There is no Strategic Board on {date:%Y-%m-%d}.{hint}")
    return meeting


def board_snapshot(meeting: Meeting) -> Snapshot:
    """Return the snapshot a Board's pack is drawn from.

    The one its JPMG proposed escalations from; else the latest presented before the Board;
    else the latest made by then (a draft, labelled so in the pack).
    """
    if meeting.cycle_id is not None:
        jpmg = Meeting.objects.filter(cycle_id=meeting.cycle_id, kind=Meeting.Kind.JPMG).first()
        if jpmg is not None:
            proposed = (
                Escalation.objects.filter(jpmg=jpmg, snapshot__isnull=False)
                .select_related("snapshot")
                .order_by("-pk")
                .first()
            )
            if proposed is not None:
                return proposed.snapshot
    end = dt.datetime.combine(meeting.date, dt.time.max, tzinfo=dt.UTC)
    presented = (
        Snapshot.objects.exclude(status=SnapshotStatus.DRAFT)
        .filter(presented_at__lte=end)
        .order_by("-presented_at", "-id")
        .first()
    )
    if presented is not None:
        return presented
    made = Snapshot.objects.filter(created_at__lte=end).order_by("-created_at", "-id").first()
    if made is None:
        raise NoSuchBoard(
            f"No snapshot was made by the Board of {meeting.date:%d %B %Y}: run "
            "`oversight assess` first."
        )
    return made


def previous_board(meeting: Meeting) -> Meeting | None:
    """Return the Board before this one."""
    return Meeting.objects.filter(kind=BOARD_KIND, date__lt=meeting.date).order_by("-date").first()


def scheduled_review(meeting: Meeting) -> ThematicReview | None:
    """Return the thematic review the programme schedules for this Board, if any."""
    reviews = ThematicReview.objects.select_related("theme").order_by("pk")
    return reviews.filter(board=meeting).first() or reviews.filter(board_date=meeting.date).first()


def currency(record: Record) -> str:
    """Return how recent the snapshot's data are, per source, in words."""
    latest: dict[str, str] = {}
    for cell in record.cells:
        measure = record.measures.get(cell.measure.code)
        if measure is None or not cell.latest_period:
            continue
        source = "police.uk data" if measure.source == "police-uk" else "force-supplied values"
        latest[source] = max(latest.get(source, ""), cell.latest_period)
    parts = [f"{source} to {month_words(p)}" for source, p in sorted(latest.items(), reverse=True)]
    return "; ".join(parts) or "no data"


def _action_state(action: Action, *, on: dt.date, since: dt.date | None) -> str | None:
    if action.status in Action.OPEN_STATUSES:
        if action.due_date < on:
            return "overdue"
        return "due" if action.due_date <= on + dt.timedelta(days=31) else "open"
    if action.status == Action.Status.DONE and action.completed_at is not None:
        done = action.completed_at.date()
        if (since is None or done > since) and done <= on:
            return "closed"
    return None


def board_section(meeting: Meeting, record: Record) -> BoardSection:
    """Return the meeting parts of a Board's pack."""
    before = previous_board(meeting)
    review = scheduled_review(meeting)
    escalations = Escalation.objects.filter(
        status=Escalation.Status.ACCEPTED, csb=meeting
    ).select_related("measure", "action")
    if meeting.cycle_id is not None:
        escalations = escalations | Escalation.objects.filter(
            status=Escalation.Status.ACCEPTED, jpmg__cycle_id=meeting.cycle_id
        ).select_related("measure", "action")
    items = tuple(
        EscalationItem(e.subject, e.reason, e.decision_reason, e.csb_response)
        for e in escalations.distinct().order_by("pk")
    )
    actions = []
    for action in Action.objects.select_related("owner").order_by("due_date", "pk"):
        state = _action_state(action, on=meeting.date, since=before.date if before else None)
        if state is not None:
            actions.append(
                ActionItem(
                    action.title,
                    action.owner_display,
                    action.due_date,
                    action.get_status_display(),
                    state,
                    action.origin_display,
                )
            )
    return BoardSection(
        meeting_id=meeting.pk,
        title=meeting.title,
        date=meeting.date,
        previous_date=before.date if before else None,
        theme_slug=review.theme.slug if review and review.theme else "",
        theme_title=(review.theme.title if review and review.theme else "") or "",
        review_title=review.title if review else "",
        escalations=items,
        actions=tuple(actions),
        currency=currency(record),
    )
