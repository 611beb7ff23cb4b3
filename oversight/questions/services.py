"""Writes to the Panel's questions: ask, assign, draft an answer, release it; each audited.

Asking notifies those who assign questions; assigning notifies the assignee; releasing the
answer notifies the asker. A released answer is the Panel's record and never changes; the one
thing still open after release is the explicit choice to publish it to the public as well.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.analysis.cycle import WorkingCalendar
from oversight.analysis.questions import due_date
from oversight.notifications.models import Kind
from oversight.notifications.recipients import with_permission
from oversight.notifications.services import notify
from oversight.questions.models import Question
from oversight.questions.pins import resolve

MAX_TEXT = 5000
ASSIGNMENT_FIELDS = ("assigned_to_id", "assigned_at")
ANSWER_FIELDS = ("answer", "answered_by_id", "answered_at")
RELEASE_FIELDS = ("released_by_id", "released_at", "public", "made_public_at")


class QuestionError(ValueError):
    """A change to a question that the rules do not allow, with the reason in words."""


def _person(by: User | None) -> User | None:
    return by if (by is not None and by.pk) else None


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def _check_open(question: Question) -> None:
    if question.is_released:
        raise QuestionError("The answer has been released to the Panel; it no longer changes.")


@transaction.atomic
def ask(
    *,
    kind: str,
    text: str,
    pin: str,
    by: User,
    at: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> Question:
    """Record a Panel member's question pinned to `pin` (a token of `pins`), due in working days.

    `at` is when it was asked (now, unless loading records); the due date is fixed from it.
    """
    if not by.can(Permission.ASK_QUESTIONS):
        raise QuestionError("Only members of the Police and Crime Panel ask its questions.")
    if kind not in Question.Kind.values:
        raise QuestionError(f"Unknown kind of question {kind!r}.")
    words = text.strip()
    if not words:
        raise QuestionError("Write the question.")
    if len(words) > MAX_TEXT:
        raise QuestionError(f"A question is at most {MAX_TEXT:,} characters.")
    pinned = resolve(pin)
    asked_at = at or timezone.now()
    due = due_date(
        timezone.localdate(asked_at),
        settings.QUESTION_WORKING_DAYS,
        calendar or WorkingCalendar(),
    )
    question = Question.objects.create(
        kind=kind,
        text=words,
        asked_by=by,
        asked_at=asked_at,
        due_date=due,
        pin=pinned.pin,
        publication=pinned.publication,
        pin_key=pinned.key,
        paper=pinned.paper,
        pin_label=pinned.label,
    )
    audit.record(by=by, action="question.asked", obj=question, after=audit.state_of(question))
    notify(
        users=with_permission(Permission.MANAGE_QUESTIONS),
        kind=Kind.QUESTION_ASKED,
        subject=f"A Panel {question.get_kind_display().lower()} to assign, due {_day(due)}",
        body=f"{by.display_name} asked about {pinned.label}:\n\n{words}",
        url=reverse("questions:detail", args=[question.pk]),
    )
    return question


def assignees() -> QuerySet[User]:
    """Return who may be given a question to answer: the active users of either team."""
    return with_permission(Permission.ANSWER_QUESTIONS).order_by("role", "first_name", "username")


@transaction.atomic
def assign(*, question: Question, assignee: User, by: User | None) -> Question:
    """Give an open question to someone of either team to answer; notify them (audited)."""
    question = _locked(question)
    _check_open(question)
    if not assignee.is_active or not assignee.can(Permission.ANSWER_QUESTIONS):
        raise QuestionError(
            f"{assignee.display_name} cannot answer the Panel's questions: choose someone of "
            "the Commissioner's or the Chief Constable's team."
        )
    if question.assigned_to_id == assignee.pk:
        return question
    before = audit.state_of(question, ASSIGNMENT_FIELDS)
    question.assigned_to = assignee
    question.assigned_at = timezone.now()
    question.save(update_fields=["assigned_to", "assigned_at"])
    audit.record(
        by=by,
        action="question.assigned",
        obj=question,
        before=before,
        after=audit.state_of(question, ASSIGNMENT_FIELDS),
    )
    if _person(by) is None or by.pk != assignee.pk:
        notify(
            users=[assignee],
            kind=Kind.QUESTION_ASSIGNED,
            subject=f"A Panel {question.get_kind_display().lower()} for you to answer by "
            f"{_day(question.due_date)}",
            body=f"About {question.pin_label}:\n\n{question.text}",
            url=reverse("questions:detail", args=[question.pk]),
        )
    return question


@transaction.atomic
def save_answer(*, question: Question, answer: str, by: User | None) -> Question:
    """Save the draft answer of an open question; the Panel sees nothing until it is released."""
    question = _locked(question)
    _check_open(question)
    words = answer.strip()
    if not words:
        raise QuestionError("Write the answer.")
    if len(words) > MAX_TEXT * 2:
        raise QuestionError(f"An answer is at most {MAX_TEXT * 2:,} characters.")
    if words == question.answer:
        return question
    before = audit.state_of(question, ANSWER_FIELDS)
    question.answer = words
    question.answered_by = _person(by)
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.record(
        by=by,
        action="question.answer_saved",
        obj=question,
        before=before,
        after=audit.state_of(question, ANSWER_FIELDS),
    )
    return question


@transaction.atomic
def release(*, question: Question, to_public: bool, by: User) -> Question:
    """Release the saved answer to the Panel, and to the public if chosen; notify the asker.

    A question already released may still be published to the public, by choice; nothing else
    about it changes.
    """
    if not by.pk or not by.can(Permission.MANAGE_QUESTIONS):
        raise QuestionError("Only the Commissioner's team releases answers to the Panel.")
    question = _locked(question)
    now = timezone.now()
    before = audit.state_of(question, RELEASE_FIELDS)
    if question.is_released:
        if not to_public or question.public:
            raise QuestionError("The answer has already been released.")
        question.public = True
        question.made_public_at = now
        question.save(update_fields=["public", "made_public_at"])
        audit.record(
            by=by,
            action="question.made_public",
            obj=question,
            before=before,
            after=audit.state_of(question, RELEASE_FIELDS),
        )
        return question
    if not question.answer.strip():
        raise QuestionError("Save an answer before releasing it.")
    question.released_by = by
    question.released_at = now
    question.public = bool(to_public)
    question.made_public_at = now if to_public else None
    question.save(update_fields=["released_by", "released_at", "public", "made_public_at"])
    audit.record(
        by=by,
        action="question.released",
        obj=question,
        before=before,
        after=audit.state_of(question, RELEASE_FIELDS),
    )
    notify(
        users=[question.asked_by],
        kind=Kind.QUESTION_ANSWERED,
        subject=f"Your {question.get_kind_display().lower()} has been answered",
        body=f"About {question.pin_label}.\n\nYou asked: {question.text}\n\n"
        f"The answer: {question.answer}",
        url=reverse("publishing:panel") + f"#question-{question.pk}",
    )
    return question
