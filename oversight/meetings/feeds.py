"""A user's calendar feed: the steps their role owns and the meetings they attend."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oversight.accounts.models import User
from oversight.accounts.permissions import Role
from oversight.analysis.ical import UID_DOMAIN, CalendarEvent, build_calendar, step_uid
from oversight.meetings.models import CycleStep, Meeting, OwnerRole

# How far back the feed reaches: the last quarter's events stay in a subscriber's calendar.
HISTORY = dt.timedelta(days=92)

_OWNED_BY = {
    Role.COMMISSIONERS_TEAM: (OwnerRole.COMMISSIONERS_TEAM, OwnerRole.JOINT),
    Role.CHIEF_CONSTABLES_TEAM: (OwnerRole.CHIEF_CONSTABLES_TEAM, OwnerRole.JOINT),
}


def meeting_uid(meeting: Meeting) -> str:
    """Return the stable UID of a meeting's event."""
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def events_for(user: User, *, today: dt.date | None = None) -> list[CalendarEvent]:
    """Return the user's events: meetings they attend, and steps their role owns.

    A step whose meeting the user attends appears once, as the meeting (it has a time).
    """
    since = (today or timezone.localdate()) - HISTORY
    meetings = (
        Meeting.objects.filter(attendees__user=user, date__gte=since)
        .select_related("cycle")
        .distinct()
    )
    events: list[CalendarEvent] = []
    attended: set[tuple[int | None, str]] = set()
    for m in meetings:
        attended.add((m.cycle_id, m.kind))
        lines = [m.get_kind_display()]
        if m.location:
            lines.append(f"Location: {m.location}")
        if m.cycle is not None:
            lines.append(f"Cycle for the Board on {m.cycle.csb_date.isoformat()}")
        start: dt.date | dt.datetime = m.date
        end: dt.date | dt.datetime | None = None
        if m.start_time is not None:
            start = dt.datetime.combine(m.date, m.start_time)
            end = start + dt.timedelta(hours=2)
        events.append(
            CalendarEvent(
                uid=meeting_uid(m),
                summary=m.title,
                start=start,
                end=end,
                description="\n".join(lines),
                categories=("Meeting",),
            )
        )
    roles = _OWNED_BY.get(user.role, ())
    steps = CycleStep.objects.filter(
        owner_role__in=roles, planned_date__isnull=False, planned_date__gte=since
    ).select_related("cycle")
    for s in steps:
        if (s.cycle_id, s.key) in attended:
            continue
        lines = [f"Owner: {s.get_owner_role_display()}"]
        if s.named_owners:
            lines.append(f"With: {s.named_owners}")
        lines.append(f"Status: {s.get_status_display()}")
        lines.append(f"Cycle for the Board on {s.cycle.csb_date.isoformat()}")
        events.append(
            CalendarEvent(
                uid=step_uid(s.cycle.csb_date, s.key),
                summary=s.title,
                start=s.planned_date,
                description="\n".join(lines),
                categories=("Reporting cycle", s.get_owner_role_display()),
            )
        )
    return sorted(events, key=lambda e: (str(e.start), e.uid))


def feed_for(user: User) -> bytes:
    """Return the user's calendar as RFC 5545 bytes."""
    return build_calendar(events_for(user), name=f"Oversight: {user.display_name}")
