"""The Panel's overdue questions on the next JPMG's agenda (meetings.generated's extension point).

The next JPMG is the first planned Joint Performance Management Group on or after today. Its
agenda lists every Panel question whose answer is not released and whose due date falls before
the meeting: those overdue now and those that will be by the day it meets. The list is worked
out whenever the agenda is shown, so an answer released the day before the meeting takes its
question off; held and later meetings show none (their minutes record what was discussed).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from oversight.meetings.generated import GeneratedItem
from oversight.meetings.models import Meeting
from oversight.questions.models import Question

TITLE = "Overdue Panel questions"
ORIGIN = "The Panel's questions"


def next_jpmg(today: dt.date) -> Meeting | None:
    """Return the first planned JPMG on or after `today`."""
    return (
        Meeting.objects.filter(
            kind=Meeting.Kind.JPMG, status=Meeting.Status.PLANNED, date__gte=today
        )
        .order_by("date", "start_time", "pk")
        .first()
    )


def overdue_by(day: dt.date) -> list[Question]:
    """Return the open questions that are overdue on `day`, the earliest due first."""
    return list(Question.objects.overdue(day).select_related("asked_by", "assigned_to"))


def _line(question: Question, today: dt.date) -> tuple[str, str]:
    who = question.assigned_to.display_name if question.assigned_to else "not assigned"
    late = "overdue" if question.is_overdue(today) else "due"
    text = question.text if len(question.text) <= 120 else question.text[:117] + "..."
    words = (
        f"{question.get_kind_display()} {question.pk} from {question.asked_by.display_name} "
        f"about {question.pin_label}: “{text}” ({late} {question.due_date.day} "
        f"{question.due_date:%b %Y}; {who})"
    )
    return words, reverse("questions:detail", args=[question.pk])


def agenda_for(meeting: Meeting, today: dt.date) -> list[GeneratedItem]:
    """Return the overdue Panel questions item for the next JPMG; nothing for other meetings."""
    if meeting.kind != Meeting.Kind.JPMG:
        return []
    upcoming = next_jpmg(today)
    if upcoming is None or upcoming.pk != meeting.pk:
        return []
    questions = overdue_by(meeting.date)
    if not questions:
        return []
    n = len(questions)
    return [
        GeneratedItem(
            title=f"{TITLE} ({n})",
            purpose=(
                f"{n} question{'s' if n != 1 else ''} from the Police and Crime Panel past "
                f"{'their' if n != 1 else 'its'} answer date by this meeting: agree who "
                "answers and by when."
            ),
            origin=ORIGIN,
            lines=tuple(_line(q, today) for q in questions),
        )
    ]
