"""The demo roadmap: every perspective, safe to load twice, and exactly the planted gaps."""

import datetime as dt
from io import StringIO

from oversight.accounts.models import AuditEvent
from oversight.analysis.alignment import GapKind
from oversight.meetings import demo as meetings_demo
from oversight.meetings.models import Meeting
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity, TermsOfReference
from oversight.roadmap.presenters import alignment_gaps
from oversight.roadmap.services import current_terms, draft_terms


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


def test_demo_terms_v1_approved_by_the_first_strategic_board_and_v2_proposed(demo_plan):
    # The demo command loads the meetings before the roadmap: the Boards are there to approve.
    meetings_demo.load(stdout=StringIO())
    load(stdout=StringIO())
    events = AuditEvent.objects.count()
    load(stdout=StringIO())
    assert AuditEvent.objects.count() == events
    first_board = (
        Meeting.objects.filter(kind=Meeting.Kind.CSB, status="held").order_by("date").first()
    )
    v1, v2 = TermsOfReference.objects.order_by("version")
    assert v1.status == "approved"
    assert v1.approved_by.meeting == first_board
    assert v1.approved_by.text == (
        "The Terms of Reference for the Joint Planning Board are approved (version 1)."
    )
    inaugural = v1.proposed_by.meeting
    assert (inaugural.kind, inaugural.title, inaugural.status, inaugural.cycle) == (
        Meeting.Kind.JOINT_PLANNING_BOARD,
        "Joint Planning Board (inaugural meeting)",
        "held",
        None,
    )
    assert inaugural.date == first_board.date - dt.timedelta(days=28)
    assert inaugural.minutes and inaugural.attendees.filter(name="Mr Kirby").exists()
    assert v2.status == "proposed"
    assert v2.proposed_by.meeting.kind == Meeting.Kind.JOINT_PLANNING_BOARD
    assert v2.proposed_by.meeting.status == "held"
    assert v2.proposed_on > v1.approved_on
    assert current_terms() == v1


def test_demo_terms_wait_for_a_strategic_board_when_none_is_on_record(demo_plan):
    load(stdout=StringIO())
    v1, v2 = TermsOfReference.objects.order_by("version")
    assert (v1.status, v1.proposed_on, v1.approved_by) == ("proposed", dt.date(2025, 7, 5), None)
    assert v2.status == "proposed"
    assert current_terms() is None


def test_demo_brings_drafts_from_before_the_approval_rule_up_to_it(demo_plan):
    # The migration returned every version "approved" by a date alone to draft.
    meetings_demo.load(stdout=StringIO())
    draft_terms(text="Version one, approved the old way", by=None)
    draft_terms(text="Version two", by=None)
    load(stdout=StringIO())
    v1, v2 = TermsOfReference.objects.order_by("version")
    assert (v1.status, v1.text, v2.status) == (
        "approved",
        "Version one, approved the old way",
        "proposed",
    )


def test_demo_gaps_are_the_planted_ones(demo_plan):
    load(stdout=StringIO())
    assert {(g.kind, g.code) for g in alignment_gaps(demo_plan)} == {
        (GapKind.PRIORITY_WITHOUT_ACTIVITY, "P5"),
        (GapKind.ACTIVITY_WITHOUT_FUNDING, "RM-006"),
        (GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, "MTFP-06"),
        (GapKind.FUNDING_OVERCOMMITTED, "MTFP-03"),
        (GapKind.THREAT_NOT_ADDRESSED, "SPR-CIV"),
        (GapKind.PARTNER_COMMITMENT_NEEDED, "RM-002"),
        (GapKind.PARTNER_COMMITMENT_NEEDED, "RM-006"),
        (GapKind.PARTNER_COMMITMENT_NEEDED, "RM-007"),
        (GapKind.JUSTICE_ACTION_NOT_ADDRESSED, "CJ-03"),
        (GapKind.ACTIVITY_SLIPPED, "RM-007"),
    }
