"""The money, partner-plan and catalogue checks of the alignment report, on plain items."""

import datetime as dt
from dataclasses import replace

from oversight.analysis.alignment import (
    ActivityItem,
    CodedItem,
    GapKind,
    OutcomeItem,
    PartnerPlanItem,
    PriorityItem,
    find_gaps,
)

TODAY = dt.date(2026, 12, 2)
PRIORITIES = [PriorityItem("P1", "Safe neighbourhoods")]
OUTCOMES = [OutcomeItem("P1.1", "Less crime", "P1")]
LINE = CodedItem("MTFP-03", "Youth grants", ((2025, 1_150_000), (2026, 1_150_000)))
WELLBEING = PartnerPlanItem("PP-WB", "Gwent Well-being Plan", "Gwent PSB", dt.date(2027, 1, 16))


def activity(ref: str = "A1", **changes: object) -> ActivityItem:
    base = ActivityItem(
        ref, f"Activity {ref}", "planned", "P1", ("P1.1",), "MTFP-03", (), ((2025, 500_000),)
    )
    return replace(base, **changes)


def gaps(activities, **kwargs):
    arguments = {
        "priorities": PRIORITIES,
        "outcomes": OUTCOMES,
        "activities": activities,
        "funding_lines": [LINE],
        "threats": [],
        "today": TODAY,
    }
    arguments.update(kwargs)
    return find_gaps(**arguments)


def test_commitment_within_the_line_is_no_gap():
    assert gaps([activity("A1"), activity("A2", funding=((2025, 650_000),))]) == []


def test_years_committed_beyond_the_line_name_each_activity_and_the_excess():
    found = gaps(
        [
            activity("A1", funding=((2025, 700_000),)),
            activity(
                "A2",
                funding=(
                    (2025, 600_000),
                    (2026, 10),
                ),
            ),
        ]
    )
    assert [(g.kind, g.code) for g in found] == [(GapKind.FUNDING_OVERCOMMITTED, "MTFP-03")]
    assert found[0].reason == (
        "2025/26: activities commit £1,300,000 (A1 £700,000, A2 £600,000) against £1,150,000, "
        "£150,000 more than the line."
    )


def test_spend_in_a_year_the_line_has_no_amount_for_is_a_gap():
    found = gaps([activity(funding=((2027, 5_000),))])
    assert found[0].kind == GapKind.FUNDING_OVERCOMMITTED
    assert "2027/28" in found[0].reason and "no amount for that year" in found[0].reason


def test_a_stopped_activity_spends_nothing():
    stopped = activity("A2", status="stopped", funding=((2025, 900_000),))
    assert gaps([activity("A1"), stopped]) == []


def test_partner_plan_with_no_activity_and_one_served_only_by_stopped_work():
    other = PartnerPlanItem("PP-YJ", "Youth Justice Plan", "YJS", None)
    found = gaps(
        [activity("A1", status="stopped", partner_plan_code="PP-YJ"), activity("A2")],
        partner_plans=[WELLBEING, other],
    )
    assert [(g.kind, g.code) for g in found] == [
        (GapKind.PARTNER_PLAN_WITHOUT_ACTIVITY, "PP-WB"),
        (GapKind.PARTNER_PLAN_WITHOUT_ACTIVITY, "PP-YJ"),
    ]
    assert (
        found[1].reason
        == "No activity on the roadmap is aligned with this plan except stopped ones (A1)."
    )


def test_activity_waiting_on_a_partner_window_says_when_it_closes():
    found = gaps([activity(partner_plan_code="PP-WB")], partner_plans=[WELLBEING])
    assert [(g.kind, g.code, g.reason) for g in found] == [
        (
            GapKind.PARTNER_COMMITMENT_NEEDED,
            "A1",
            "Needs Gwent PSB's commitment in Gwent Well-being Plan before its window closes on "
            "16 January 2027 (in 45 days).",
        )
    ]


def test_a_window_that_closed_without_commitment_is_flagged_and_a_commitment_clears_it():
    closed = replace(WELLBEING, commitments_close=dt.date(2026, 11, 1))
    found = gaps([activity(partner_plan_code="PP-WB")], partner_plans=[closed])
    assert found[0].reason.startswith(
        "Gwent PSB's window for Gwent Well-being Plan closed on 1 November 2026"
    )
    committed = activity(partner_plan_code="PP-WB", partner_committed_on=dt.date(2026, 10, 1))
    assert gaps([committed], partner_plans=[closed]) == []
    assert gaps([activity(partner_plan_code="PP-WB", status="done")], partner_plans=[closed]) == []


def test_windows_are_not_judged_without_a_date():
    assert gaps([activity(partner_plan_code="PP-WB")], partner_plans=[WELLBEING], today=None) == []


def test_every_other_catalogue_reports_its_unserved_items():
    catalogues = {
        "wellbeing_objective": [CodedItem("WB-01", "Safe communities")],
        "equality_objective": [CodedItem("EQ-01", "Hate crime confidence")],
        "engagement_item": [CodedItem("ENG-01", "Budget consultation")],
        "academic_item": [CodedItem("AC-01", "Evaluation")],
        "justice_action": [CodedItem("CJ-01", "Faster charging"), CodedItem("CJ-02", "Victims")],
    }
    served = activity(links=(("justice_action", "CJ-01"), ("wellbeing_objective", "WB-01")))
    found = gaps([served], catalogues=catalogues)
    assert [(g.kind, g.code) for g in found] == [
        (GapKind.EQUALITY_OBJECTIVE_NOT_SERVED, "EQ-01"),
        (GapKind.ENGAGEMENT_NOT_PLANNED, "ENG-01"),
        (GapKind.ACADEMIC_WORK_NOT_USED, "AC-01"),
        (GapKind.JUSTICE_ACTION_NOT_ADDRESSED, "CJ-02"),
    ]
    assert found[-1].reason == "No activity on the roadmap addresses this action."
