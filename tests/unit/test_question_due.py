"""A Panel question's answer is due N working days after it is asked (15 by default), counted
with the reporting cycle's calendar; where it stands and whether it is late, worked by hand."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight.analysis.cycle import WorkingCalendar
from oversight.analysis.questions import (
    DEFAULT_WORKING_DAYS,
    Stage,
    answered_in_time,
    days_late,
    due_date,
    is_overdue,
    stage,
)
from oversight.config import settings as production

CALENDAR = WorkingCalendar()


def test_fifteen_working_days_from_a_monday_is_three_weeks_on():
    # Tue 3 … Fri 6 (4), Mon 9 … Fri 13 (9), Mon 16 … Fri 20 (14), Mon 23 (15).
    assert due_date(date(2026, 3, 2), 15, CALENDAR) == date(2026, 3, 23)


def test_the_weekend_is_not_counted():
    # Asked on Thursday: Friday is the first working day, Monday the second.
    assert due_date(date(2026, 1, 8), 2, CALENDAR) == date(2026, 1, 12)


def test_a_question_asked_at_the_weekend_counts_from_the_monday():
    assert due_date(date(2026, 1, 10), 1, CALENDAR) == date(2026, 1, 12)
    assert due_date(date(2026, 1, 11), 1, CALENDAR) == date(2026, 1, 12)


def test_bank_holidays_are_not_counted():
    # Good Friday 3 April and Easter Monday 6 April 2026: asked Thursday 2 April, due Tuesday.
    assert due_date(date(2026, 4, 2), 1, CALENDAR) == date(2026, 4, 7)
    # Asked Wed 25 March: Thu 26 (1), Fri 27, Mon 30, Tue 31, Wed 1 April, Thu 2 (6), then
    # Tue 7 (7) … Fri 10 (10), Mon 13 … Fri 17 (15).
    assert due_date(date(2026, 3, 25), 15, CALENDAR) == date(2026, 4, 17)


def test_a_substitute_bank_holiday_is_not_counted():
    # Boxing Day 2026 is a Saturday: Monday 28 December is the bank holiday in its place.
    # Asked Wed 23: Thu 24 (1); Fri 25 Christmas Day, the weekend, Mon 28; Tue 29 (2), Wed 30 (3).
    assert due_date(date(2026, 12, 23), 3, CALENDAR) == date(2026, 12, 30)


def test_closure_days_are_not_counted():
    closed = WorkingCalendar(closures=[date(2026, 3, 3)])
    assert due_date(date(2026, 3, 2), 1, closed) == date(2026, 3, 4)


def test_an_answer_is_due_at_least_one_working_day_on():
    with pytest.raises(ValueError, match="at least one working day"):
        due_date(date(2026, 3, 2), 0, CALENDAR)


def test_overdue_from_the_day_after_the_due_date_until_released():
    due = date(2026, 3, 23)
    assert not is_overdue(due, date(2026, 3, 23), None)
    assert is_overdue(due, date(2026, 3, 24), None)
    assert not is_overdue(due, date(2026, 4, 30), date(2026, 3, 30))
    assert days_late(due, date(2026, 3, 27)) == 4
    assert days_late(due, date(2026, 3, 20)) == 0


def test_answered_on_the_due_date_is_in_time():
    due = date(2026, 3, 23)
    assert answered_in_time(due, date(2026, 3, 23)) is True
    assert answered_in_time(due, date(2026, 3, 24)) is False
    assert answered_in_time(due, None) is None


@pytest.mark.parametrize(
    ("assigned", "drafted", "released", "expected"),
    [
        (False, False, False, Stage.RECEIVED),
        (True, False, False, Stage.ASSIGNED),
        (True, True, False, Stage.DRAFTED),
        (False, True, False, Stage.DRAFTED),
        (True, True, True, Stage.ANSWERED),
    ],
)
def test_the_stage_follows_what_has_been_done(assigned, drafted, released, expected):
    assert stage(assigned=assigned, drafted=drafted, released=released) == expected


def test_the_setting_defaults_to_fifteen_working_days(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_QUESTION_WORKING_DAYS", raising=False)
    assert production._question_working_days() == DEFAULT_WORKING_DAYS == 15


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_QUESTION_WORKING_DAYS", "20")
    assert production._question_working_days() == 20


@pytest.mark.parametrize("value", ["0", "-3", "ten", "1.5", ""])
def test_a_wrong_setting_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_QUESTION_WORKING_DAYS", value)
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_QUESTION_WORKING_DAYS"):
        production._question_working_days()
