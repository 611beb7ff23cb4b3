"""The alignment report finds every gap planted in a test roadmap, and nothing else."""

import pytest

from oversight.analysis.alignment import GapKind
from oversight.plans.models import Outcome, Plan, Priority
from oversight.roadmap import services
from oversight.roadmap.models import FinancialPlanLine, PolicingRequirementThreat
from oversight.roadmap.presenters import alignment_gaps
from oversight.roadmap.values import ActivityValues


def activity(plan, ref, priority=None, *, status="planned", outcomes=(), line=None, threat=None):
    links = {"funding_line": line, "spr_threat": threat}
    return services.create_activity(
        plan=plan,
        values=ActivityValues(
            ref=ref, title=f"Activity {ref}", perspective="force", start_year=2025,
            start_quarter=1, end_year=2025, end_quarter=4, priority=priority, status=status,
            outcomes=list(outcomes), links=links,
        ),
        by=None,
    )  # fmt: skip


@pytest.fixture
def planted(db):
    """A small roadmap with one gap of every kind planted."""
    plan = Plan.objects.create(title="Test plan", force_name="Test", force_slug="test",
                               first_year=2025, last_year=2028)  # fmt: skip
    p1 = Priority.objects.create(plan=plan, code="P1", title="Covered", kind="policing")
    p2 = Priority.objects.create(plan=plan, code="P2", title="Partly", kind="partnership")
    Priority.objects.create(plan=plan, code="P3", title="Forgotten", kind="development")
    o11 = Outcome.objects.create(priority=p1, code="P1.1", title="Covered outcome")
    o21 = Outcome.objects.create(priority=p2, code="P2.1", title="Covered outcome two")
    Outcome.objects.create(priority=p2, code="P2.2", title="Forgotten outcome")
    line1 = FinancialPlanLine.objects.create(plan=plan, code="L1", title="Used line")
    FinancialPlanLine.objects.create(plan=plan, code="L2", title="Idle line")
    stopped_line = FinancialPlanLine.objects.create(plan=plan, code="L3", title="Stopped line")
    t1 = PolicingRequirementThreat.objects.create(plan=plan, code="T1", title="Terrorism")
    PolicingRequirementThreat.objects.create(plan=plan, code="T2", title="Civil emergencies")
    activity(plan, "A1", p1, outcomes=[o11], line=line1, threat=t1)
    activity(plan, "A2", p2, outcomes=[o21], line=line1, status="slipped")
    activity(plan, "A3", None, line=line1)
    activity(plan, "A4", p1, status="in_progress")
    activity(plan, "A5", p1, line=stopped_line, status="stopped")
    return plan


def test_alignment_finds_every_planted_gap_and_nothing_else(planted):
    found = {(g.kind, g.code) for g in alignment_gaps(planted)}
    assert found == {
        (GapKind.PRIORITY_WITHOUT_ACTIVITY, "P3"),
        (GapKind.OUTCOME_WITHOUT_ACTIVITY, "P2.2"),
        (GapKind.ACTIVITY_WITHOUT_PRIORITY, "A3"),
        (GapKind.ACTIVITY_WITHOUT_FUNDING, "A4"),
        (GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, "L2"),
        (GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, "L3"),
        (GapKind.THREAT_NOT_ADDRESSED, "T2"),
        (GapKind.ACTIVITY_SLIPPED, "A2"),
    }


def test_each_gap_has_a_plain_reason(planted):
    reasons = {g.code: g.reason for g in alignment_gaps(planted)}
    assert (
        reasons["L3"]
        == "No activity on the roadmap is funded by this line except stopped ones (A5)."
    )
    assert reasons["P3"] == "No activity on the roadmap serves this priority."
    assert reasons["A3"].startswith("Not linked to a priority")


def test_an_activity_linked_to_a_measure_covers_its_outcome(planted):
    from oversight.plans.models import Measure
    from oversight.roadmap.models import Activity

    outcome = Outcome.objects.get(code="P2.2")
    measure = Measure.objects.create(
        plan=planted,
        outcome=outcome,
        code="M1",
        name="Measure",
        unit="count",
        improvement="down",
        source="force-supplied",
    )
    Activity.objects.get(ref="A2").measures.add(measure)
    assert "P2.2" not in {g.code for g in alignment_gaps(planted)}
