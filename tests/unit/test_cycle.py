"""The reporting cycle: nine steps of paragraph 10, JPMG 7 to 10 days before the Board.

Every expected date below was counted by hand on a 2026/2027 calendar.
"""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.analysis.cycle import (
    DEFAULT_OFFSETS,
    STEP_KEYS,
    STEPS,
    WorkingCalendar,
    csb_dates_from_rule,
    parse_rule,
    plan_cycle,
    plan_cycles,
    resolve_offsets,
)

CAL = WorkingCalendar()


def dates_of(cycle) -> list[str | None]:
    return [s.date.isoformat() if s.date else None for s in cycle.steps]


def test_steps_follow_paragraph_10():
    assert STEP_KEYS == (
        "force_compstat",
        "compstat_debrief",
        "gold_preparation",
        "briefing",
        "jpmg",
        "gold_finalisation",
        "chief_constables_gold",
        "csb_finalisation",
        "csb",
    )
    owners = {s.key: s.owner for s in STEPS}
    assert owners["csb"] == "Commissioner's team"
    assert owners["chief_constables_gold"] == "Chief Constable's team"
    assert owners["jpmg"] == "Joint"
    briefing = next(s for s in STEPS if s.key == "briefing")
    assert briefing.named_owners == (
        "Planning and Performance Manager",
        "Head of Performance",
        "Chief Statistician",
    )


def test_default_offsets_are_documented():
    assert DEFAULT_OFFSETS == {
        "force_compstat": 13,
        "compstat_debrief": 12,
        "gold_preparation": 10,
        "briefing": 7,
        "jpmg": 6,
        "gold_finalisation": 4,
        "chief_constables_gold": 2,
        "csb_finalisation": 1,
        "csb": 0,
    }


def test_cycle_for_an_ordinary_month():
    cycle = plan_cycle(date(2026, 2, 5), calendar=CAL)
    assert dates_of(cycle) == [
        "2026-01-19",
        "2026-01-20",
        "2026-01-22",
        "2026-01-27",
        "2026-01-28",
        "2026-01-30",
        "2026-02-03",
        "2026-02-04",
        "2026-02-05",
    ]
    assert cycle.conflicts == []
    assert cycle.notes == []


def test_cycle_around_easter_skips_good_friday_and_easter_monday():
    cycle = plan_cycle(date(2026, 4, 9), calendar=CAL)
    assert dates_of(cycle) == [
        "2026-03-19",
        "2026-03-20",
        "2026-03-24",
        "2026-03-27",
        "2026-03-30",
        "2026-04-01",
        "2026-04-07",
        "2026-04-08",
        "2026-04-09",
    ]
    assert cycle.conflicts == []


def test_cycle_over_christmas_and_new_year_skips_the_observed_boxing_day():
    # 25 Dec 2026 is a Friday, Boxing Day (Saturday) is observed on Monday 28th, 1 Jan a Friday.
    cycle = plan_cycle(date(2027, 1, 7), calendar=CAL)
    assert dates_of(cycle) == [
        "2026-12-16",
        "2026-12-17",
        "2026-12-21",
        "2026-12-24",
        "2026-12-29",
        "2026-12-31",
        "2027-01-05",
        "2027-01-06",
        "2027-01-07",
    ]
    assert cycle.conflicts == []


def test_cycle_after_the_august_bank_holiday():
    cycle = plan_cycle(date(2026, 9, 3), calendar=CAL)
    assert dates_of(cycle) == [
        "2026-08-14",
        "2026-08-17",
        "2026-08-19",
        "2026-08-24",
        "2026-08-25",
        "2026-08-27",
        "2026-09-01",
        "2026-09-02",
        "2026-09-03",
    ]


def test_jpmg_pushed_out_by_a_bank_holiday_is_moved_into_its_window_with_a_note():
    # Tuesday Board: the window is Sat 29 Aug to Tue 1 Sep; Mon 31 Aug is a bank holiday.
    cycle = plan_cycle(date(2026, 9, 8), calendar=CAL)
    assert cycle.step("jpmg").date == date(2026, 9, 1)
    assert cycle.step("briefing").date == date(2026, 8, 27)
    assert cycle.conflicts == []
    assert len(cycle.notes) == 1
    assert "2026-08-28" in cycle.notes[0]


def test_calendar_uses_the_wales_subdivision_not_scotland():
    assert CAL.reason_closed(date(2026, 8, 31)) == "bank holiday (Late Summer Bank Holiday)"
    assert CAL.reason_closed(date(2026, 4, 6)) == "bank holiday (Easter Monday)"
    # Scottish-only holidays are working days here.
    assert CAL.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 8, 3))
    assert CAL.is_working_day(date(2026, 11, 30))
    # One-off days are included: the state funeral of 19 September 2022.
    assert not CAL.is_working_day(date(2022, 9, 19))
    assert CAL.reason_closed(date(2026, 2, 7)) == "Saturday"


def test_closure_day_is_not_a_working_day():
    cal = WorkingCalendar([date(2026, 1, 28)])
    assert cal.reason_closed(date(2026, 1, 28)) == "closure day"
    cycle = plan_cycle(date(2026, 2, 5), calendar=cal)
    assert dates_of(cycle) == [
        "2026-01-16",
        "2026-01-19",
        "2026-01-21",
        "2026-01-26",
        "2026-01-27",
        "2026-01-30",
        "2026-02-03",
        "2026-02-04",
        "2026-02-05",
    ]
    assert cycle.conflicts == []


def test_jpmg_without_a_working_day_in_its_window_is_a_conflict_and_left_undated():
    closed = [date(2026, 1, 26) + timedelta(days=n) for n in range(4)]
    cycle = plan_cycle(date(2026, 2, 5), calendar=WorkingCalendar(closed))
    assert cycle.step("jpmg").date is None
    assert cycle.conflicts == [
        "jpmg: no working day from 2026-01-26 to 2026-01-29 (7 to 10 days before the CSB); "
        "not scheduled"
    ]
    assert cycle.step("gold_finalisation").date == date(2026, 1, 30)
    assert cycle.step("briefing").date == date(2026, 1, 21)


def test_jpmg_window_lost_to_easter_is_a_conflict():
    # Monday Board: the window is Good Friday to Easter Monday.
    cycle = plan_cycle(date(2026, 4, 13), calendar=CAL)
    assert cycle.step("jpmg").date is None
    assert cycle.conflicts[0].startswith("jpmg: no working day from 2026-04-03 to 2026-04-06")


def test_configured_offset_outside_the_jpmg_window_is_a_conflict():
    offsets = {"jpmg": 4, "gold_finalisation": 3}
    cycle = plan_cycle(date(2026, 2, 5), calendar=CAL, offsets=offsets)
    # Four working days back is Friday 30 January, six days before the Board.
    assert cycle.conflicts == [
        "jpmg: its offset of 4 working days gives 2026-01-30, 6 days before the CSB, outside the "
        "7 to 10 day window; placed on 2026-01-29"
    ]
    assert cycle.step("jpmg").date == date(2026, 1, 29)
    assert cycle.step("gold_finalisation").date == date(2026, 2, 2)


def test_csb_on_a_bank_holiday_is_reported_not_moved():
    cycle = plan_cycle(date(2026, 1, 1), calendar=CAL)
    assert cycle.step("csb").date == date(2026, 1, 1)
    assert cycle.conflicts == [
        "csb: 2026-01-01 is not a working day (bank holiday (New Year's Day)); not moved"
    ]


@pytest.mark.parametrize(
    "offsets",
    [
        {"nonsense": 3},
        {"jpmg": -1},
        {"jpmg": 2},
        {"csb": 1},
        {"briefing": 6},
    ],
)
def test_resolve_offsets_rejects_bad_configuration(offsets):
    with pytest.raises(ValueError):
        resolve_offsets(offsets)


def test_rule_first_thursday_gives_each_month_and_reports_new_years_day():
    dates = csb_dates_from_rule("first Thursday", date(2026, 1, 1), date(2026, 12, 31), CAL)
    assert len(dates) == 12
    assert dates[0] == date(2026, 1, 1)
    assert dates[1] == date(2026, 2, 5)
    assert dates[-1] == date(2026, 12, 3)
    assert dates.conflicts == [
        "csb: first Thursday gives 2026-01-01, not a working day "
        "(bank holiday (New Year's Day)); not moved"
    ]


def test_rule_second_and_last():
    start, end = date(2026, 2, 1), date(2026, 2, 28)
    assert csb_dates_from_rule("second Tuesday", start, end, CAL) == [date(2026, 2, 10)]
    assert csb_dates_from_rule("last Wednesday of each month", start, end, CAL) == [
        date(2026, 2, 25)
    ]
    assert parse_rule("Last wednesdays") == (-1, 2)


@pytest.mark.parametrize("rule", ["fifth Friday", "first Funday", "", "Thursday"])
def test_rule_unreadable_raises(rule):
    with pytest.raises(ValueError):
        parse_rule(rule)


def test_plan_cycles_flags_overlapping_cycles():
    cycles = plan_cycles([date(2026, 2, 12), date(2026, 2, 5)], calendar=CAL)
    assert [c.csb for c in cycles] == [date(2026, 2, 5), date(2026, 2, 12)]
    assert cycles[0].conflicts == []
    assert "overlap" in cycles[1].conflicts[-1]


def test_to_dict_has_the_issue_shape():
    data = plan_cycle(date(2026, 2, 5), calendar=CAL).to_dict()
    assert data["csb"] == "2026-02-05"
    assert data["conflicts"] == []
    assert [s["step"] for s in data["steps"]] == list(STEP_KEYS)
    assert data["steps"][0] == {
        "step": "force_compstat",
        "title": "Force Compstat",
        "date": "2026-01-19",
        "owner": "Chief Constable's team",
        "named_owners": [],
    }


working_days = st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)).filter(
    CAL.is_working_day
)


@settings(max_examples=300, deadline=None)
@given(csb=working_days)
def test_every_cycle_keeps_its_rules_or_reports_a_conflict(csb):
    cycle = plan_cycle(csb, calendar=CAL)
    if cycle.conflicts:
        return
    dates = [s.date for s in cycle.steps]
    assert all(d is not None for d in dates)
    assert all(CAL.is_working_day(d) for d in dates)
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert 7 <= (csb - cycle.step("jpmg").date).days <= 10
    assert dates[-1] == csb


@settings(max_examples=100, deadline=None)
@given(csb=working_days)
def test_an_undated_step_always_comes_with_a_conflict(csb):
    cycle = plan_cycle(csb, calendar=CAL)
    undated = [s.key for s in cycle.steps if s.date is None]
    for key in undated:
        assert any(c.startswith(f"{key}:") for c in cycle.conflicts)
    dated = [s.date for s in cycle.steps if s.date is not None]
    assert all(CAL.is_working_day(d) for d in dated)
    assert all(a < b for a, b in itertools.pairwise(dated))


@pytest.mark.parametrize(
    "rule", ["first Thursday", "second Tuesday", "last Monday", "third Friday"]
)
def test_five_years_of_board_dates_keep_the_rules_or_report_conflicts(rule):
    boards = csb_dates_from_rule(rule, date(2026, 1, 1), date(2030, 12, 31), CAL)
    for cycle in plan_cycles(boards, calendar=CAL):
        jpmg = cycle.step("jpmg").date
        if jpmg is None or not CAL.is_working_day(cycle.csb):
            assert cycle.conflicts
            continue
        assert 7 <= (cycle.csb - jpmg).days <= 10
        dated = [s.date for s in cycle.steps if s.date is not None]
        assert all(CAL.is_working_day(d) for d in dated[:-1])
        assert all(a < b for a, b in itertools.pairwise(dated))
