"""Build the accountability record's items from the meetings, themes and commentary.

An item is what the public reads of one piece of oversight: an escalation accepted for the
Board (the concern, the Board's response, the actions, the measure's commentary and scrutiny)
or a thematic review the Board has considered (its findings and recommendations and the force's
response, and the actions). Each carries the Commissioner's team's latest verdict. The items are
plain JSON, frozen into a publication when it is requested; a publication never reads them
again from here.

What names a person: an action's owner is given by job title and organisation (a role the public
can hold to account), or by the name recorded for someone without a login, never by username.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_noop

from oversight.accountability.models import FindingsResponse, Verdict
from oversight.meetings.models import Action, Escalation
from oversight.performance.models import Commentary, CommentaryKind
from oversight.themes.models import ThematicReview

ESCALATION = "escalation"
REVIEW = "review"
# A review the Board has considered: presented, with actions under way, or closed.
CONSIDERED = (
    ThematicReview.Status.PRESENTED,
    ThematicReview.Status.ACTIONS,
    ThematicReview.Status.CLOSED,
)
# How many of a measure's scrutiny questions an item carries, the latest first.
SCRUTINY_SHOWN = 3


class RecordError(ValueError):
    """An item that cannot be in the record, with the reason in words."""


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return (value.date() if hasattr(value, "date") else value).isoformat()


def owner_text(action: Action) -> str:
    """Return who owns an action as the public reads it: a role and organisation."""
    if action.owner is not None:
        parts = [action.owner.job_title, getattr(action.organisation, "name", "")]
        text = ", ".join(p for p in parts if p)
        return text or "A named officer"
    if action.owner_name:
        return action.owner_name
    return getattr(action.organisation, "name", "") or "Not yet assigned"


def _action(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "title": action.title,
        "owner": owner_text(action),
        "due": _day(action.due_date),
        "status": action.status,
        "status_label": action.get_status_display(),
        "completed": _day(action.completed_at),
    }


def _verdict(verdict: Verdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {
        "verdict": verdict.verdict,
        "label": verdict.get_verdict_display(),
        "reasons": verdict.reasons,
        "at": _day(verdict.at),
    }


def _latest(rows: list[Any]) -> Any:
    return rows[0] if rows else None


def _scrutiny(entries: list[Commentary]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Return a measure's latest scrutiny questions with answers, and its latest commentary."""
    questions = [e for e in entries if e.kind == CommentaryKind.SCRUTINY_QUESTION]
    answers: dict[int, Commentary] = {}
    for e in entries:
        if e.kind == CommentaryKind.ANSWER and e.parent_id is not None:
            answers[e.parent_id] = e
    shown = sorted(questions, key=lambda e: (e.at, e.pk), reverse=True)[:SCRUTINY_SHOWN]
    scrutiny = [
        {
            "question": q.text,
            "asked": _day(q.at),
            "answer": answers[q.pk].text if q.pk in answers else "",
            "answered": _day(answers[q.pk].at) if q.pk in answers else None,
        }
        for q in shown
    ]
    comments = [e for e in entries if e.kind == CommentaryKind.FORCE_COMMENTARY]
    latest = max(comments, key=lambda e: (e.at, e.pk), default=None)
    commentary = {"text": latest.text, "at": _day(latest.at)} if latest else None
    return scrutiny, commentary


def _actions_and_verdicts() -> tuple[Prefetch, Prefetch]:
    """Return what every item shows of its actions (owners named) and its verdicts."""
    return (
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("owner", "organisation").order_by(
                "due_date", "pk"
            ),
        ),
        Prefetch("verdicts", queryset=Verdict.objects.order_by("-at", "-pk")),
    )


def _escalations():
    return (
        Escalation.objects.filter(status=Escalation.Status.ACCEPTED)
        .select_related("jpmg", "csb", "measure", "action")
        .prefetch_related(
            *_actions_and_verdicts(),
        )
        .order_by("-jpmg__date", "-pk")
    )


def _reviews():
    return (
        ThematicReview.objects.filter(status__in=CONSIDERED)
        .select_related("theme", "board")
        .prefetch_related(
            *_actions_and_verdicts(),
            Prefetch("force_responses", queryset=FindingsResponse.objects.order_by("-at", "-pk")),
        )
        .order_by("-board_date", "-pk")
    )


# An escalation's area is written as free text; the one the force's pages write is in Welsh too.
AREA_WORDS = (gettext_noop("Force-wide"),)


def _subject_cy(escalation: Escalation) -> str:
    measure = escalation.measure
    if measure is None or not getattr(measure, "name_cy", ""):
        return ""
    with translation.override("cy"):
        area = translation.gettext(escalation.area) if escalation.area else ""
    where = f" ({area})" if area else ""
    return f"{measure.code} {measure.name_cy}{where}"


def escalation_item(escalation: Escalation, commentary: list[Commentary]) -> dict[str, Any]:
    measure = escalation.measure
    scrutiny, latest_commentary = _scrutiny(commentary)
    return {
        "key": f"{ESCALATION}:{escalation.pk}",
        "kind": ESCALATION,
        "kind_label": "Escalated to the Board",
        "title": escalation.subject,
        # The measure's Welsh name where the plan has one: the rest of the item is as written.
        "title_cy": _subject_cy(escalation),
        "measure": measure.code if measure is not None else "",
        "theme": "",
        "concern": escalation.reason,
        "raised": _day(escalation.jpmg.date),
        "escalated_because": escalation.decision_reason,
        "board_date": _day(escalation.csb.date) if escalation.csb else None,
        "board_response": escalation.csb_response,
        "findings": "",
        "recommendations": "",
        "force_response": None,
        "force_commentary": latest_commentary,
        "scrutiny": scrutiny,
        "actions": [_action(a) for a in escalation.actions.all()],
        "verdict": _verdict(_latest(list(escalation.verdicts.all()))),
    }


def review_item(review: ThematicReview) -> dict[str, Any]:
    response = _latest(list(review.force_responses.all()))
    return {
        "key": f"{REVIEW}:{review.pk}",
        "kind": REVIEW,
        "kind_label": "Thematic review",
        "title": review.title,
        "measure": "",
        "theme": review.theme.slug if review.theme is not None else "",
        "concern": review.description or review.rationale,
        "raised": _day(review.created_at),
        "escalated_because": "",
        "board_date": _day(review.presented_at) or _day(review.board_date),
        "board_response": "",
        "findings": review.findings,
        "recommendations": review.recommendations,
        "force_response": {"text": response.text, "at": _day(response.at)} if response else None,
        "force_commentary": None,
        "scrutiny": [],
        "actions": [_action(a) for a in review.actions.all()],
        "verdict": _verdict(_latest(list(review.verdicts.all()))),
    }


def _commentary_by_measure(measure_ids: set[int]) -> dict[int, list[Commentary]]:
    found: dict[int, list[Commentary]] = {m: [] for m in measure_ids}
    for entry in Commentary.objects.filter(measure_id__in=measure_ids).order_by("at", "pk"):
        found[entry.measure_id].append(entry)
    return found


def candidates() -> list[dict[str, Any]]:
    """Return every item that may go in a publication's record, as it stands now."""
    escalations = list(_escalations())
    commentary = _commentary_by_measure({e.measure_id for e in escalations if e.measure_id})
    items = [escalation_item(e, commentary.get(e.measure_id, [])) for e in escalations]
    items += [review_item(r) for r in _reviews()]
    return items


def build(keys: list[str]) -> list[dict[str, Any]]:
    """Return the items named by ``keys``, in the order given; refuse a key that is not one."""
    if not keys:
        return []
    by_key = {item["key"]: item for item in candidates()}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise RecordError(
            f"Not in the accountability record: {', '.join(unknown)}. Only escalations accepted "
            "for the Board and thematic reviews the Board has considered can be published."
        )
    return [by_key[k] for k in dict.fromkeys(keys)]
