"""RFC 5545 calendars: events in, VCALENDAR bytes out.

Each event carries a stable UID, so a calendar issued again updates the events a client already
holds instead of adding copies; SEQUENCE says which issue of an event is newer. Reporting-cycle
steps get UIDs such as ``csb-2026-02-05-jpmg@oversight``; other callers (meetings) choose
their own UIDs, unique and unchanging for the thing they describe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar

from oversight.analysis.cycle import Cycle

PRODID = "-//Oversight//Reporting cycle//EN"
UID_DOMAIN = "oversight"
DEFAULT_TIMEZONE = "Europe/London"


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: all-day when `start` is a date, timed when it is a datetime.

    `end` is exclusive; when omitted an all-day event lasts one day and a timed one an hour.
    A naive datetime is read in Europe/London.
    """

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str = ""
    categories: Sequence[str] = ()
    sequence: int = 0


def _localise(value: datetime) -> datetime:
    """Return `value` with a time zone, reading a naive one as Europe/London."""
    if value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
    return value


def _vevent(event: CalendarEvent, stamp: datetime) -> icalendar.Event:
    """Return the VEVENT for one event."""
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.summary)
    if isinstance(event.start, datetime):
        start = _localise(event.start)
        if event.end is not None and not isinstance(event.end, datetime):
            raise ValueError(f"{event.uid}: a timed event needs a datetime end")
        end = _localise(event.end) if event.end is not None else start + timedelta(hours=1)
    else:
        start = event.start
        if isinstance(event.end, datetime):
            raise ValueError(f"{event.uid}: an all-day event needs a date end")
        end = event.end if event.end is not None else start + timedelta(days=1)
    if end <= start:
        raise ValueError(f"{event.uid}: the end must be after the start")
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    if event.description:
        vevent.add("description", event.description)
    if event.categories:
        vevent.add("categories", list(event.categories))
    vevent.add("transp", "TRANSPARENT" if not isinstance(event.start, datetime) else "OPAQUE")
    return vevent


def build_calendar(
    events: Iterable[CalendarEvent], *, name: str, stamp: datetime | None = None
) -> bytes:
    """Return an RFC 5545 VCALENDAR holding `events`, stamped `stamp` (default: now, UTC)."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    seen: set[str] = set()
    for event in events:
        if event.uid in seen:
            raise ValueError(f"two events share the UID {event.uid!r}")
        seen.add(event.uid)
        cal.add_component(_vevent(event, stamp))
    # Timed events refer to Europe/London by TZID; the VTIMEZONE must travel with them.
    cal.add_missing_timezones()
    return cal.to_ical()


def step_uid(csb: date, key: str) -> str:
    """Return the stable UID of one step of the cycle for the Board on `csb`."""
    return f"csb-{csb.isoformat()}-{key}@{UID_DOMAIN}"


def cycle_events(
    cycles: Iterable[Cycle],
    *,
    at: time | None = None,
    duration: timedelta = timedelta(hours=1),
    sequence: int = 0,
) -> list[CalendarEvent]:
    """Return one event per dated step; all-day unless `at` gives a start time.

    Steps without a date are left out; the Board's own event lists the cycle's conflicts.
    """
    events: list[CalendarEvent] = []
    for cycle in cycles:
        for step in cycle.steps:
            if step.date is None:
                continue
            lines = [f"Owner: {step.owner}"]
            if step.named_owners:
                lines.append("With: " + ", ".join(step.named_owners))
            lines.append(f"Cycle for the Commissioner's Strategic Board on {cycle.csb.isoformat()}")
            if step.key == "csb" and cycle.conflicts:
                lines.append("Conflicts:")
                lines.extend(f"- {c}" for c in cycle.conflicts)
            if at is None:
                start: date | datetime = step.date
                end: date | datetime | None = None
            else:
                start = datetime.combine(step.date, at)
                end = start + duration
            events.append(
                CalendarEvent(
                    uid=step_uid(cycle.csb, step.key),
                    summary=step.title,
                    start=start,
                    end=end,
                    description="\n".join(lines),
                    categories=("Reporting cycle", step.owner),
                    sequence=sequence,
                )
            )
    return events
