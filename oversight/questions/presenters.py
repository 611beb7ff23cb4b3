"""The Panel's questions made ready for pages: due dates and lateness in words, and links.

The Panel reads its own questions with their stage and every answer released to it; the public
reads only answers released to the public, with the asker's name left out ("A Panel member").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import dateformat
from django.utils.translation import gettext, ngettext

from oversight.accounts.models import User
from oversight.analysis.questions import days_late
from oversight.questions.models import Question


def day(value: dt.date) -> str:
    """Return "Monday 23 March 2026" (on a Welsh page, "Dydd Llun 23 Mawrth 2026")."""
    return dateformat.format(value, "l j F Y")


@dataclass(frozen=True)
class QuestionRow:
    """One question as a page lists it."""

    question: Question
    overdue: bool
    due: str  # "Due Monday 23 March 2026" or "Overdue: due …, 4 days ago"
    flag: str = ""  # said in words, not only in colour
    flag_class: str = ""
    pin_url: str = ""
    answered: str = ""  # "Answered Friday 20 March 2026, in time" once released

    @property
    def pk(self) -> int:
        return self.question.pk


def row(question: Question, today: dt.date, *, for_public: bool = False) -> QuestionRow:
    """Return a question with its due date, lateness and the link to what it is about."""
    released_on = question.released_on
    overdue = question.is_overdue(today)
    if overdue:
        late = days_late(question.due_date, today)
        due = ngettext(
            "Overdue: due %(day)s, %(late)d day ago",
            "Overdue: due %(day)s, %(late)d days ago",
            late,
        ) % {"day": day(question.due_date), "late": late}
        flag, flag_class = gettext("Overdue"), "rag-red"
    else:
        due = gettext("Due %(day)s") % {"day": day(question.due_date)}
        flag, flag_class = "", ""
    answered = ""
    if released_on is not None:
        in_time = question.answered_in_time
        answered = (
            gettext("Answered %(day)s, within the due date")
            if in_time
            else gettext("Answered %(day)s, after the due date")
        ) % {"day": day(released_on)}
        if not in_time:
            flag, flag_class = gettext("Answered late"), "rag-amber"
    elif not overdue and question.assigned_to_id is None and not for_public:
        flag, flag_class = gettext("Not assigned"), "rag-amber"
    return QuestionRow(
        question=question,
        overdue=overdue,
        due=due,
        flag=flag,
        flag_class=flag_class,
        pin_url=question.pin_url(for_public=for_public),
        answered=answered,
    )


def _loaded():
    return Question.objects.select_related(
        "asked_by", "assigned_to", "publication", "released_by", "answered_by"
    ).defer("publication__content", "publication__changes")


@dataclass(frozen=True)
class Register:
    """The Commissioner's team's list: open questions, overdue first, then those answered."""

    open: list[QuestionRow]
    answered: list[QuestionRow]

    @property
    def overdue_count(self) -> int:
        return sum(1 for r in self.open if r.overdue)


def register(today: dt.date, *, answered_shown: int = 50) -> Register:
    """Return the open questions (the earliest due, so the overdue, first) and recent answers."""
    return Register(
        open=[row(q, today) for q in _loaded().open()],
        answered=[row(q, today) for q in _loaded().released()[:answered_shown]],
    )


@dataclass(frozen=True)
class PanelQuestions:
    """What a Panel member reads: their own questions, and the others' answered ones."""

    mine: list[QuestionRow]
    others: list[QuestionRow]


def for_panel(user: User, today: dt.date) -> PanelQuestions:
    """Return the member's questions (newest first) and the answers released to the Panel."""
    mine = _loaded().filter(asked_by=user).order_by("-asked_at", "-pk")
    others = _loaded().released().exclude(asked_by=user)
    return PanelQuestions(
        mine=[row(q, today) for q in mine], others=[row(q, today) for q in others]
    )


def for_public(today: dt.date) -> list[QuestionRow]:
    """Return the answers released to the public, the latest first."""
    return [row(q, today, for_public=True) for q in _loaded().public()]
