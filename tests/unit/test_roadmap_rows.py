"""Spreadsheet cells: milestones and quarters, without a database (the formula guard is
tested with the table writer, in test_tables)."""

from oversight.plans.models import Plan
from oversight.roadmap.rows import parse_milestones
from oversight.roadmap.values import MilestoneValues

PLAN = Plan(first_year=2025, last_year=2028)


def test_milestones_parse_quarters_dates_and_done():
    found, problems = parse_milestones(
        "2026Q2: Pilot launched [done]; 2026-09-30: Evaluation: first report", PLAN
    )
    assert problems == []
    assert [m.text for m in found] == [
        "2026Q2: Pilot launched [done]",
        "2026-09-30: Evaluation: first report",
    ]
    assert found[0] == MilestoneValues("Pilot launched", 2026, 2, None, True)


def test_milestone_problems_are_named():
    _, problems = parse_milestones("2031Q1: Late; 2026Q7: Odd; soon: Vague; no colon", PLAN)
    assert problems == [
        "'2031Q1: Late': 2031Q1 is outside the plan",
        "'2026Q7: Odd': quarter 7 is not 1 to 4",
        "'soon: Vague': 'soon' is not a quarter (2026Q2) or a date",
        "'no colon' is not 'DUE: title', DUE a quarter or a date",
    ]
