"""The actions register: create, change and delete actions, each change audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import Organisation, User
from oversight.meetings.models import Action, Escalation, Meeting

EDITABLE = ("title", "owner", "owner_name", "organisation", "due_date", "status", "notes")


def _check_origin(
    origin: str,
    origin_label: str,
    origin_meeting: Meeting | None,
    origin_escalation: Escalation | None,
) -> None:
    """Raise ValueError unless the origin names where the action came from."""
    if origin not in Action.Origin.values:
        raise ValueError(f"Unknown origin {origin!r}; origins are {', '.join(Action.Origin)}")
    if origin == Action.Origin.MEETING and origin_meeting is None:
        raise ValueError("An action from a meeting names the meeting.")
    if origin == Action.Origin.ESCALATION and origin_escalation is None:
        raise ValueError("An action from an escalation names the escalation.")
    if origin in (Action.Origin.THEME, Action.Origin.CONCERN) and not origin_label.strip():
        raise ValueError(f"An action from a {origin} names it in origin_label.")


@transaction.atomic
def create_action(
    *,
    title: str,
    owner: User | None,
    owner_name: str,
    due_date: dt.date,
    origin: str,
    by: User | None,
    origin_label: str = "",
    origin_meeting: Meeting | None = None,
    origin_escalation: Escalation | None = None,
    organisation: Organisation | None = None,
    notes: str = "",
) -> Action:
    """Create an action with its owner, due date and origin (audited).

    Themes and concerns give origin "theme" or "concern" and name themselves in
    `origin_label`; meetings and escalations pass the object.
    """
    if not title.strip():
        raise ValueError("An action needs a title.")
    if owner is None and not owner_name.strip():
        raise ValueError("An action needs an owner: a user or a name.")
    _check_origin(origin, origin_label, origin_meeting, origin_escalation)
    if organisation is None and owner is not None:
        organisation = owner.organisation
    action = Action.objects.create(
        title=title.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        organisation=organisation,
        due_date=due_date,
        origin=origin,
        origin_label=origin_label.strip(),
        origin_meeting=origin_meeting,
        origin_escalation=origin_escalation,
        notes=notes,
    )
    audit.record(by=by, action="action.created", obj=action, after=audit.state_of(action))
    return action


@transaction.atomic
def update_action(*, action: Action, changes: dict[str, Any], by: User | None) -> Action:
    """Change an action's title, owner, organisation, due date, status or notes (audited)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"These fields cannot be changed: {', '.join(sorted(unknown))}")
    if "status" in changes and changes["status"] not in Action.Status.values:
        raise ValueError(f"Unknown status {changes['status']!r}")
    if "title" in changes and not str(changes["title"]).strip():
        raise ValueError("An action needs a title.")
    before = audit.state_of(action)
    for key, value in changes.items():
        setattr(action, key, value)
    if action.owner is None and not action.owner_name.strip():
        raise ValueError("An action needs an owner: a user or a name.")
    if action.status == Action.Status.DONE and action.completed_at is None:
        action.completed_at = timezone.now()
    elif action.status != Action.Status.DONE:
        action.completed_at = None
    action.save()
    after = audit.state_of(action)
    # updated_at always moves; only a real change is worth an audit row.
    if {k: v for k, v in before.items() if k != "updated_at"} != {
        k: v for k, v in after.items() if k != "updated_at"
    }:
        audit.record(by=by, action="action.updated", obj=action, before=before, after=after)
    return action


@transaction.atomic
def delete_action(*, action: Action, reason: str, by: User | None) -> None:
    """Delete an action entered in error, keeping its last state in the audit log."""
    if not reason.strip():
        raise ValueError("Say why the action is deleted.")
    before = audit.state_of(action)
    audit.record(by=by, action="action.deleted", obj=action, before=before, note=reason)
    action.delete()
