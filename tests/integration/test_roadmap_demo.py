"""The demo roadmap: every perspective, safe to load twice, and exactly the planted gaps."""

from io import StringIO

from oversight.accounts.models import AuditEvent
from oversight.analysis.alignment import GapKind
from oversight.meetings.models import Meeting
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity, TermsOfReference
from oversight.roadmap.presenters import alignment_gaps


def test_demo_roadmap_loads_once_and_has_every_perspective(demo_plan):
    out = StringIO()
    load(stdout=out)
    assert "13 activities (13 new)" in out.getvalue()
    events = AuditEvent.objects.count()
    load(stdout=StringIO())
    assert AuditEvent.objects.count() == events
    assert set(Activity.objects.values_list("perspective", flat=True)) == {
        "force",
        "commissioner",
        "partner",
    }
    assert Activity.objects.filter(public=True).exclude(public_summary="").count() == 7


def test_demo_terms_v1_approved_at_the_inaugural_meeting_and_v2_draft(demo_plan):
    load(stdout=StringIO())
    v1, v2 = TermsOfReference.objects.order_by("version")
    assert (v1.status, v1.approved_on.isoformat()) == ("approved", "2025-07-05")
    assert v1.approved_by.meeting.kind == Meeting.Kind.JOINT_PLANNING_BOARD
    assert v2.status == "draft"


def test_demo_gaps_are_the_planted_ones(demo_plan):
    load(stdout=StringIO())
    assert {(g.kind, g.code) for g in alignment_gaps(demo_plan)} == {
        (GapKind.PRIORITY_WITHOUT_ACTIVITY, "P5"),
        (GapKind.ACTIVITY_WITHOUT_FUNDING, "RM-006"),
        (GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, "MTFP-06"),
        (GapKind.THREAT_NOT_ADDRESSED, "SPR-CIV"),
        (GapKind.ACTIVITY_SLIPPED, "RM-007"),
    }
