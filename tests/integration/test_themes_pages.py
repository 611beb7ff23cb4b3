"""A review's page: its lifecycle by POST buttons and forms, its trail back and forward."""

from datetime import date

import pytest
from django.urls import reverse

from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.meetings.models import Action, Meeting
from oversight.themes import services
from oversight.themes.models import Concern, ThematicReview
from tests.factories.people import PASSWORD, organisation

pytestmark = pytest.mark.django_db
S = ThematicReview.Status
CHECKLIST = {
    "data_sources": "Recorded crime",
    "trend_evidence": "SPC over 24 months",
    "partner_views": "Councils agree",
    "limitations": "Small numbers",
}


@pytest.fixture
def cycle():
    return meetings.create_cycles(
        csb_dates=[date(2030, 2, 7)], calendar=WorkingCalendar(), by=None
    )[0]


@pytest.fixture
def board(cycle):
    return cycle.meetings.get(kind=Meeting.Kind.CSB)


@pytest.fixture
def jpmg(cycle):
    return cycle.meetings.get(kind=Meeting.Kind.JPMG)


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def test_review_goes_through_its_lifecycle_by_the_pages(client, opcc, force, board, jpmg):
    _login(client, opcc)
    response = client.post(
        reverse("themes:review_new"),
        {"title": "Hate crime", "origin": "commissioner", "rationale": "Directed after Brexit"},
    )
    review = ThematicReview.objects.get()
    assert response.url == reverse("themes:review", args=[review.pk])
    url = reverse("themes:review", args=[review.pk])
    assert (
        client.post(reverse("themes:review_schedule", args=[review.pk]), {"board": board.pk}).url
        == url
    )
    # Presenting now is refused by the service, and the page says why.
    response = client.post(
        reverse("themes:review_transition", args=[review.pk]), {"to": S.PRESENTED}
    )
    assert response.status_code == 400
    assert "cannot go from scheduled to presented" in response.text

    _login(client, force)
    response = client.post(
        reverse("themes:review_findings", args=[review.pk]),
        {"findings": "Under-reporting persists", "recommendations": "Third-party reporting"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("themes:review_transition", args=[review.pk]), {"to": S.PRESENTED}
    )
    assert response.status_code == 400
    assert "rigour" in response.text

    _login(client, opcc)
    page = client.get(url)
    assert "Record the rigour checklist" in page.text
    response = client.post(
        reverse("themes:review_rigour", args=[review.pk]),
        {**CHECKLIST, "jpmg": jpmg.pk, "outcome": "passed"},
    )
    assert response.status_code == 302

    _login(client, force)
    assert "Record as presented to the Board" in client.get(url).text
    client.post(reverse("themes:review_transition", args=[review.pk]), {"to": S.PRESENTED})
    response = client.post(
        reverse("themes:review_action", args=[review.pk]),
        {
            "title": "Fund third-party reporting centres",
            "owner": force.pk,
            "due_date": "2030-04-01",
        },
    )
    assert response.status_code == 302
    client.post(reverse("themes:review_transition", args=[review.pk]), {"to": S.ACTIONS})
    review.refresh_from_db()
    assert review.status == S.ACTIONS
    # Only the Commissioner's team is offered (and allowed) the closing step.
    assert "Close the review" not in client.get(url).text
    response = client.post(reverse("themes:review_transition", args=[review.pk]), {"to": S.CLOSED})
    assert response.status_code == 403

    Action.objects.update(status=Action.Status.DONE)
    _login(client, opcc)
    assert "Close the review" in client.get(url).text
    client.post(reverse("themes:review_transition", args=[review.pk]), {"to": S.CLOSED})
    review.refresh_from_db()
    assert review.status == S.CLOSED


def test_rigour_form_with_a_missing_item_is_refused(client, opcc, force, board, jpmg):
    review = services.propose_review(title="ASB", origin="initial_programme", by=opcc)
    services.schedule(review=review, board=board, by=opcc)
    services.draft_findings(review=review, findings="F", recommendations="", by=force)
    _login(client, opcc)
    response = client.post(
        reverse("themes:review_rigour", args=[review.pk]),
        {**CHECKLIST, "limitations": "", "jpmg": jpmg.pk, "outcome": "passed"},
    )
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.status == S.FINDINGS_DRAFTED


def test_trail_goes_back_to_the_concern_and_forward_to_the_actions(
    client, opcc, force, board, jpmg
):
    compstat = board.cycle.meetings.get(kind=Meeting.Kind.FORCE_COMPSTAT)
    concern = services.raise_concern(
        raised_by_name="Ch Supt Evans",
        raised_by_role=Concern.RaisedByRole.BCU_COMMANDER,
        service="Neighbourhood policing",
        concern="Council CCTV takes weeks",
        barrier="No protocol",
        partner=organisation(),
        raised_at=compstat,
        by=opcc,
    )
    review = services.propose_as_theme(concern=concern, title="CCTV and ASB", by=opcc)
    services.schedule(review=review, board=board, by=opcc)
    services.draft_findings(review=review, findings="F", recommendations="R", by=force)
    services.record_rigour_test(review=review, jpmg=jpmg, outcome="passed", by=opcc, **CHECKLIST)
    services.advance(review=review, to=S.PRESENTED, by=force)
    done = services.add_action(
        review=review,
        title="Sign the CCTV protocol",
        owner=opcc,
        due_date=date(2030, 3, 1),
        by=opcc,
    )
    services.add_action(
        review=review,
        title="Report footage times",
        owner=force,
        due_date=date(2030, 5, 1),
        by=opcc,
    )
    meetings.update_action(action=done, changes={"status": "done"}, by=opcc)

    _login(client, force)
    response = client.get(reverse("themes:review", args=[review.pk]))
    page = response.text
    assert "Compstat concern" in page
    assert reverse("themes:concern", args=[concern.pk]) in page
    assert "Ch Supt Evans" in page
    assert reverse("meetings:detail", args=[compstat.pk]) in page
    assert "Sign the CCTV protocol" in page and "Report footage times" in page
    assert "1 of 2 closed" in page
    trail = response.context["trail"]
    assert (trail.closed, trail.open) == (1, 1)
    # And the actions register names the review as their origin.
    register = client.get(reverse("meetings:actions")).text
    assert "Theme: CCTV and ASB" in register


def test_trail_goes_back_to_a_jpmg_escalation(client, opcc, jpmg):
    escalation = meetings.raise_escalation(
        jpmg=jpmg, area="Anti-social behaviour", reason="Third month up", by=opcc
    )
    review = services.propose_review(
        title="Response to ASB",
        origin="jpmg_recommendation",
        raised_by_escalation=escalation,
        by=opcc,
    )
    _login(client, opcc)
    page = client.get(reverse("themes:review", args=[review.pk])).text
    assert "JPMG escalation" in page and "Third month up" in page
    assert reverse("meetings:detail", args=[jpmg.pk]) in page


def test_trail_shows_a_direction_and_its_rationale(client, opcc):
    review = services.propose_review(
        title="Knife crime",
        origin="chief_constable",
        rationale="Directed by the Chief Constable after two stabbings",
        by=opcc,
    )
    _login(client, opcc)
    page = client.get(reverse("themes:review", args=[review.pk])).text
    assert "Directed by the Chief Constable" in page
    assert "after two stabbings" in page


def test_propose_form_refuses_a_direction_without_a_rationale(client, opcc):
    _login(client, opcc)
    response = client.post(
        reverse("themes:review_new"), {"title": "X", "origin": "significant_event"}
    )
    assert response.status_code == 400
    assert not ThematicReview.objects.exists()


def test_manager_sees_the_steps_open_to_the_review(client, opcc, board):
    review = services.propose_review(title="ASB", origin="initial_programme", by=opcc)
    services.schedule(review=review, board=board, by=opcc)
    _login(client, opcc)
    page = client.get(reverse("themes:review", args=[review.pk])).text
    assert "Take off the programme" in page
