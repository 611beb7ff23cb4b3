"""Notifications a question's due date brings: once overdue, whoever answers it hears once.

Called by `oversight notify` through the app's `notify_by_date`. Each notification carries a
key naming the question, so a question overdue for a fortnight notifies each person once; it
stays on the team's home page and the next JPMG's agenda until its answer is released.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from oversight.accounts.permissions import Permission
from oversight.notifications.models import Kind
from oversight.notifications.recipients import with_permission
from oversight.notifications.services import notify
from oversight.questions.models import Question


def remind_overdue(*, today: dt.date) -> dict[str, int]:
    """Notify the assignee (or, unassigned, those who assign) of each overdue question."""
    created = 0
    for question in Question.objects.overdue(today).select_related("assigned_to"):
        assignee = question.assigned_to
        people = (
            [assignee]
            if assignee is not None and assignee.is_active
            else list(with_permission(Permission.MANAGE_QUESTIONS))
        )
        late = (today - question.due_date).days
        created += len(
            notify(
                users=people,
                kind=Kind.QUESTION_OVERDUE,
                subject=f"Overdue by {late} day{'s' if late != 1 else ''}: a Panel "
                f"{question.get_kind_display().lower()}",
                body=f"Due {question.due_date.day} {question.due_date:%B %Y}; "
                f"{question.stage_label.lower()}. About {question.pin_label}:\n\n{question.text}",
                url=reverse("questions:detail", args=[question.pk]),
                key=f"{Kind.QUESTION_OVERDUE.value}:{question.pk}",
            )
        )
    return {Kind.QUESTION_OVERDUE.value: created}
