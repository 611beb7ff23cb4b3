"""Notifications the reporting cycle's dates bring: steps due tomorrow, actions due or overdue.

Called by `oversight cycle tick` (its steps due) and by `oversight notify` through the app's
`notify_by_date`. Each notification carries a key naming the step or action and the day, so a
job run twice in a day notifies once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission, Role
from oversight.meetings.models import Action, CycleStep, OwnerRole
from oversight.notifications.models import Kind
from oversight.notifications.recipients import of_organisation, of_roles
from oversight.notifications.services import notify

# The teams that own a step; a joint step belongs to both.
STEP_ROLES = {
    OwnerRole.COMMISSIONERS_TEAM: (Role.COMMISSIONERS_TEAM,),
    OwnerRole.CHIEF_CONSTABLES_TEAM: (Role.CHIEF_CONSTABLES_TEAM,),
    OwnerRole.JOINT: (Role.COMMISSIONERS_TEAM, Role.CHIEF_CONSTABLES_TEAM),
}


def _day(day: dt.date, *, weekday: bool = False, year: bool = True) -> str:
    """Return "Thursday 3 December 2026" (or without the weekday or the year)."""
    words = f"{day.day} {day:%B}" + (f" {day.year}" if year else "")
    return f"{day:%A} {words}" if weekday else words


def remind_steps(*, today: dt.date, step_ids: Iterable[int] | None = None) -> int:
    """Notify the owning team of each planned step due tomorrow; return how many were created.

    `step_ids` limits it to those steps (the tick passes the ones it found due tomorrow).
    """
    steps = CycleStep.objects.filter(
        status=CycleStep.Status.PLANNED, planned_date=today + dt.timedelta(days=1)
    ).select_related("cycle")
    if step_ids is not None:
        steps = steps.filter(pk__in=list(step_ids))
    created = 0
    for step in steps:
        assert step.planned_date is not None
        board = step.cycle.csb_date
        who = step.get_owner_role_display() + (
            f" ({step.named_owners})" if step.named_owners else ""
        )
        created += len(
            notify(
                users=of_roles(STEP_ROLES.get(step.owner_role, ())),
                kind=Kind.STEP_DUE,
                subject=f"Due tomorrow: {step.title}"
                + ("" if step.key == "csb" else f", for the Board on {_day(board)}"),
                body=f"Planned for {_day(step.planned_date, weekday=True)}; owner: {who}.",
                url=reverse("meetings:cycle", args=[board.isoformat()]),
                key=f"{Kind.STEP_DUE.value}:{step.pk}:{step.planned_date.isoformat()}",
            )
        )
    return created


def _action_people(action: Action) -> list[User]:
    """Return who hears about an action: its owner, or else its organisation's people."""
    if action.owner is not None:
        return [action.owner] if action.owner.is_active else []
    return list(of_organisation(action.organisation))


def remind_actions(*, today: dt.date, days: int | None = None) -> dict[str, int]:
    """Notify the owners of open actions due within `days` days or overdue, once a day each.

    Returns how many of each kind were created. `days` defaults to NOTIFY_ACTION_DAYS.
    """
    days = settings.NOTIFY_ACTION_DAYS if days is None else days
    actions = Action.objects.filter(
        status__in=Action.OPEN_STATUSES, due_date__lte=today + dt.timedelta(days=days)
    ).select_related("owner", "organisation", "origin_meeting", "origin_escalation")
    counts = {Kind.ACTION_DUE.value: 0, Kind.ACTION_OVERDUE.value: 0}
    for action in actions:
        late = (today - action.due_date).days
        kind = Kind.ACTION_OVERDUE if late > 0 else Kind.ACTION_DUE
        if late > 0:
            subject = f"Overdue by {late} day{'s' if late != 1 else ''}: {action.title}"
        elif late == 0:
            subject = f"Due today: {action.title}"
        else:
            subject = f"Due {_day(action.due_date, weekday=True, year=False)}: {action.title}"
        people = _action_people(action)
        # Those who may change the action get its page; the rest find it on their home page.
        for may_edit in (True, False):
            group = [p for p in people if p.can(Permission.MANAGE_ACTIONS) == may_edit]
            counts[kind.value] += len(
                notify(
                    users=group,
                    kind=kind,
                    subject=subject,
                    body=f"Due {_day(action.due_date)}; {action.get_status_display().lower()}."
                    f" From {action.origin_display}.",
                    url=reverse("meetings:action_edit", args=[action.pk]) if may_edit else "",
                    key=f"{kind.value}:{action.pk}:{today.isoformat()}",
                )
            )
    return counts


def remind(today: dt.date) -> dict[str, int]:
    """Create every date-driven notification of the meetings app for `today`, by kind."""
    return {Kind.STEP_DUE.value: remind_steps(today=today), **remind_actions(today=today)}
