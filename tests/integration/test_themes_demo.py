"""The demo's thematic programme and concerns register: paragraph 6's themes, safe to run twice."""

from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.accounts.models import AuditEvent
from oversight.demo.steps import load_plan
from oversight.meetings import demo as meetings_demo
from oversight.meetings.models import Action, Meeting
from oversight.themes import demo
from oversight.themes.models import Concern, FollowUp, ThematicReview
from tests.factories.people import PASSWORD, persona

pytestmark = pytest.mark.django_db
S = ThematicReview.Status


@pytest.fixture
def loaded():
    """The demo's people, plan and year of cycles, then the themes step."""
    users = {
        "opcc": persona("commissioners_team", "opcc"),
        "force": persona("chief_constables_team", "force"),
        "partner": persona("partner", "partner"),
    }
    out = StringIO()
    load_plan(stdout=out)
    meetings_demo.load(stdout=out)
    demo.load(stdout=out)
    assert "Thematic programme: 8 reviews (7 new)" in out.getvalue()
    return users


def test_demo_is_safe_to_run_twice(loaded):
    counts = (ThematicReview.objects.count(), Concern.objects.count(), AuditEvent.objects.count())
    out = StringIO()
    demo.load(stdout=out)
    assert counts == (
        ThematicReview.objects.count(),
        Concern.objects.count(),
        AuditEvent.objects.count(),
    )
    assert "(0 new)" in out.getvalue()


def test_demo_programme_has_paragraph_6s_themes_over_the_coming_boards(loaded):
    initial = ThematicReview.objects.filter(origin="initial_programme")
    assert sorted(initial.values_list("title", flat=True)) == sorted(
        t for t, _, _ in demo.PROGRAMME
    )
    assert initial.filter(title__startswith="Youth offending").count() == 2
    assert all(r.theme is not None and r.lead is not None for r in initial)
    coming = initial.filter(board_date__gte=timezone.localdate()).order_by("board_date")
    assert coming.count() == 6
    assert all(r.board.kind == Meeting.Kind.CSB for r in coming)
    assert [r.status for r in coming] == [S.FINDINGS_DRAFTED] + [S.SCHEDULED] * 5
    assert len({r.board_date for r in coming}) == 6
    upcoming = Meeting.objects.filter(kind=Meeting.Kind.CSB, date__gte=timezone.localdate())
    assert upcoming.count() >= 12


def test_demo_presents_one_review_with_its_rigour_test_and_actions(loaded):
    review = ThematicReview.objects.get(title="Domestic violence")
    assert review.status == S.ACTIONS
    assert review.board_date < timezone.localdate()
    assert review.findings and review.recommendations
    test = review.latest_rigour_test
    assert test.outcome == "passed" and test.jpmg.cycle == review.board.cycle
    assert review.actions.count() == 2
    assert set(review.actions.values_list("origin", flat=True)) == {Action.Origin.THEME}


def test_demo_concerns_follow_up_with_newport_and_one_is_a_theme(client, loaded):
    assert Concern.objects.count() == 2
    assert set(Concern.objects.values_list("partner__slug", flat=True)) == {"newport-council"}
    assert set(FollowUp.objects.values_list("organisation__slug", flat=True)) == {"newport-council"}
    proposed = ThematicReview.objects.get(origin="compstat_concern")
    assert proposed.status == S.PROPOSED and proposed.raised_by_concern is not None
    assert client.login(username="partner", password=PASSWORD)
    page = client.get(reverse("themes:follow_ups"))
    assert len(page.context["follow_ups"]) == 2


def test_demo_programme_page_flags_the_boards_with_no_theme(client, loaded):
    assert client.login(username="opcc", password=PASSWORD)
    page = client.get(reverse("themes:programme"))
    assert page.status_code == 200
    assert page.context["page"].flagged >= 1
    assert "Youth offending: 18 and over" in page.text
