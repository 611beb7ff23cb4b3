"""ICS calendars: valid RFC 5545 that parses back, with UIDs stable across issues."""

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest

from oversight.analysis.cycle import WorkingCalendar, plan_cycle, plan_cycles
from oversight.analysis.ical import CalendarEvent, build_calendar, cycle_events, step_uid

CAL = WorkingCalendar()
STAMP = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)


def parse(payload: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(payload).walk("VEVENT")


def test_cycle_calendar_has_one_all_day_event_per_step():
    cycle = plan_cycle(date(2026, 2, 5), calendar=CAL)
    payload = build_calendar(cycle_events([cycle]), name="Cycle", stamp=STAMP)
    cal = icalendar.Calendar.from_ical(payload)
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"])
    events = cal.walk("VEVENT")
    assert len(events) == 9
    jpmg = next(e for e in events if str(e["uid"]) == "csb-2026-02-05-jpmg@oversight")
    assert str(jpmg["summary"]) == "Joint Performance Management Group"
    assert jpmg.decoded("dtstart") == date(2026, 1, 28)
    assert jpmg.decoded("dtend") == date(2026, 1, 29)
    assert jpmg.decoded("dtstamp") == STAMP
    assert jpmg["sequence"] == 0
    assert "Owner: Joint" in str(jpmg["description"])
    assert jpmg["categories"].cats == ["Reporting cycle", "Joint"]
    for event in events:
        for prop in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
            assert prop in event


def test_uids_are_stable_across_two_issues():
    first = plan_cycles([date(2026, 2, 5), date(2026, 3, 5)], calendar=CAL)
    # A closure day moves the second issue's dates; the UIDs must not change.
    second = plan_cycles(
        [date(2026, 2, 5), date(2026, 3, 5)], calendar=WorkingCalendar([date(2026, 1, 28)])
    )
    one = parse(build_calendar(cycle_events(first), name="Cycle", stamp=STAMP))
    two = parse(
        build_calendar(
            cycle_events(second, sequence=1), name="Cycle", stamp=STAMP + timedelta(days=1)
        )
    )
    assert [str(e["uid"]) for e in one] == [str(e["uid"]) for e in two]
    moved = {str(e["uid"]): e for e in two}["csb-2026-02-05-jpmg@oversight"]
    assert moved.decoded("dtstart") == date(2026, 1, 27)
    assert moved["sequence"] == 1


def test_timed_events_carry_a_time_zone():
    cycle = plan_cycle(date(2026, 2, 5), calendar=CAL)
    payload = build_calendar(
        cycle_events([cycle], at=time(10, 0), duration=timedelta(hours=2)), name="Cycle"
    )
    cal = icalendar.Calendar.from_ical(payload)
    assert cal.walk("VTIMEZONE")
    csb = next(e for e in cal.walk("VEVENT") if str(e["uid"]) == step_uid(date(2026, 2, 5), "csb"))
    start = csb.decoded("dtstart")
    assert start.replace(tzinfo=None) == datetime(2026, 2, 5, 10, 0)
    assert str(start.tzinfo) == "Europe/London"
    assert csb.decoded("dtend") - start == timedelta(hours=2)


def test_undated_steps_are_left_out_and_conflicts_go_on_the_board():
    cycle = plan_cycle(date(2026, 4, 13), calendar=CAL)
    events = parse(build_calendar(cycle_events([cycle]), name="Cycle", stamp=STAMP))
    uids = {str(e["uid"]) for e in events}
    assert "csb-2026-04-13-jpmg@oversight" not in uids
    assert len(events) == 8
    board = next(e for e in events if str(e["uid"]) == "csb-2026-04-13-csb@oversight")
    assert "Conflicts:" in str(board["description"])


def test_generic_events_for_meetings():
    events = [
        CalendarEvent(
            uid="meeting-42@oversight",
            summary="Joint Planning Board",
            start=datetime(2026, 7, 5, 14, 0),
            end=datetime(2026, 7, 5, 16, 0),
            description="Quarterly",
            categories=("Meeting",),
        ),
        CalendarEvent(uid="meeting-43@oversight", summary="Away day", start=date(2026, 7, 6)),
    ]
    parsed = parse(build_calendar(events, name="Meetings", stamp=STAMP))
    assert [str(e["summary"]) for e in parsed] == ["Joint Planning Board", "Away day"]
    assert parsed[1].decoded("dtend") == date(2026, 7, 7)


def test_duplicate_uids_are_refused():
    event = CalendarEvent(uid="x@oversight", summary="x", start=date(2026, 1, 5))
    with pytest.raises(ValueError, match="share the UID"):
        build_calendar([event, event], name="x")


def test_end_before_start_is_refused():
    event = CalendarEvent(
        uid="x@oversight", summary="x", start=date(2026, 1, 5), end=date(2026, 1, 5)
    )
    with pytest.raises(ValueError, match="after the start"):
        build_calendar([event], name="x")
