"""Alignment gaps: each kind found with its reason, and nothing on a well-aligned roadmap."""

from oversight.analysis.alignment import (
    ActivityItem,
    CodedItem,
    Gap,
    GapKind,
    OutcomeItem,
    PriorityItem,
    find_gaps,
    group_gaps,
)

PRIORITIES = [PriorityItem("P1", "Safe neighbourhoods"), PriorityItem("P2", "Protect people")]
OUTCOMES = [
    OutcomeItem("P1.1", "Less crime", "P1"),
    OutcomeItem("P2.1", "Fewer repeat victims", "P2"),
]
LINES = [CodedItem("MTFP-01", "Neighbourhood teams"), CodedItem("MTFP-02", "Safeguarding hub")]
THREATS = [CodedItem("SPR-TER", "Terrorism"), CodedItem("SPR-CYB", "National cyber incident")]


def aligned_activities() -> list[ActivityItem]:
    return [
        ActivityItem("A1", "Patrols", "planned", "P1", ("P1.1",), "MTFP-01", ("SPR-TER",)),
        ActivityItem("A2", "Hub", "in_progress", "P2", ("P2.1",), "MTFP-02", ("SPR-CYB",)),
    ]


def gaps_for(activities: list[ActivityItem], **overrides: object) -> list[Gap]:
    kwargs = {
        "priorities": PRIORITIES,
        "outcomes": OUTCOMES,
        "activities": activities,
        "funding_lines": LINES,
        "threats": THREATS,
    }
    kwargs.update(overrides)
    return find_gaps(**kwargs)


def test_aligned_roadmap_has_no_gaps():
    assert gaps_for(aligned_activities()) == []


def test_priority_without_activity_reports_it_once_with_its_outcomes():
    activities = [aligned_activities()[0]]
    activities.append(ActivityItem("A3", "Cyber", "planned", "P1", (), "MTFP-02", ("SPR-CYB",)))
    gaps = gaps_for(activities)
    assert [(g.kind, g.code) for g in gaps] == [(GapKind.PRIORITY_WITHOUT_ACTIVITY, "P2")]
    assert gaps[0].reason == (
        "No activity on the roadmap serves this priority. None of its 1 outcome is served."
    )


def test_outcome_without_activity_when_its_priority_has_some():
    first, second = aligned_activities()
    second = ActivityItem("A2", "Hub", "planned", "P2", (), "MTFP-02", ("SPR-CYB",))
    gaps = gaps_for([first, second])
    assert [(g.kind, g.code) for g in gaps] == [(GapKind.OUTCOME_WITHOUT_ACTIVITY, "P2.1")]
    assert "Priority P2 has activities" in gaps[0].reason


def test_activity_without_priority_and_without_funding():
    activities = [*aligned_activities(), ActivityItem("A9", "Loose", "planned")]
    gaps = gaps_for(activities)
    assert [(g.kind, g.code) for g in gaps] == [
        (GapKind.ACTIVITY_WITHOUT_PRIORITY, "A9"),
        (GapKind.ACTIVITY_WITHOUT_FUNDING, "A9"),
    ]
    assert gaps[1].reason == "No Medium Term Financial Plan line funds it."


def test_funding_line_and_threat_without_activity():
    gaps = gaps_for(
        aligned_activities(),
        funding_lines=[*LINES, CodedItem("MTFP-03", "Estate")],
        threats=[*THREATS, CodedItem("SPR-CIV", "Civil emergencies")],
    )
    assert [(g.kind, g.code) for g in gaps] == [
        (GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, "MTFP-03"),
        (GapKind.THREAT_NOT_ADDRESSED, "SPR-CIV"),
    ]
    assert gaps[1].reason == "No activity on the roadmap addresses this threat."


def test_slipped_activity_is_a_gap():
    first, _ = aligned_activities()
    slipped = ActivityItem("A2", "Hub", "slipped", "P2", ("P2.1",), "MTFP-02", ("SPR-CYB",))
    gaps = gaps_for([first, slipped])
    assert [(g.kind, g.code, g.reason) for g in gaps] == [
        (GapKind.ACTIVITY_SLIPPED, "A2", "Marked slipped: it will not finish when planned.")
    ]


def test_stopped_activity_covers_nothing_and_needs_no_funding():
    first, _ = aligned_activities()
    stopped = ActivityItem("A2", "Hub", "stopped", "P2", ("P2.1",), None, ("SPR-CYB",))
    gaps = gaps_for([first, stopped])
    assert [(g.kind, g.code) for g in gaps] == [
        (GapKind.PRIORITY_WITHOUT_ACTIVITY, "P2"),
        (GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, "MTFP-02"),
        (GapKind.THREAT_NOT_ADDRESSED, "SPR-CYB"),
    ]
    assert gaps[0].reason == (
        "No activity on the roadmap serves this priority except stopped ones (A2). "
        "None of its 1 outcome is served."
    )


def test_group_gaps_lists_every_kind_in_order():
    grouped = group_gaps(gaps_for([ActivityItem("A9", "Loose", "slipped")]))
    assert [kind for kind, _ in grouped] == list(GapKind)
    assert {kind: len(items) for kind, items in grouped}[GapKind.ACTIVITY_SLIPPED] == 1
    assert GapKind.ACTIVITY_SLIPPED.title == "Slipped activities"
