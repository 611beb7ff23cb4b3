"""Who may see and change what in the themes app, role by role."""

from datetime import date

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.themes import services
from oversight.themes.models import Concern, FollowUpUpdate, ThematicReview
from tests.factories.people import PASSWORD, organisation, persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_org():
    return organisation(slug="torfaen-council", name="Torfaen County Borough Council")


@pytest.fixture
def register(opcc, partner, other_org):
    """A concern with Newport (the partner's organisation) and one with Torfaen."""
    built = {}
    for key, org in (("own", partner.organisation), ("other", other_org)):
        concern = services.raise_concern(
            raised_by_name="BCU commander",
            raised_by_role=Concern.RaisedByRole.BCU_COMMANDER,
            service="Neighbourhood policing",
            concern=f"Concern with {org}",
            partner=org,
            owner=opcc,
            by=opcc,
        )
        built[key] = services.add_follow_up(
            concern=concern, action=f"Agreed with {org}", due_date=date(2026, 6, 1), by=opcc
        )
    return built


@pytest.fixture
def review(opcc):
    return services.propose_review(title="Hate crime", origin="initial_programme", by=opcc)


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _internal_pages(review, register):
    concern = register["own"].concern
    return [
        reverse("themes:programme"),
        reverse("themes:review", args=[review.pk]),
        reverse("themes:concern", args=[concern.pk]),
    ]


def test_partner_sees_only_its_organisations_follow_ups(client, partner, register):
    _login(client, partner)
    page = client.get(reverse("themes:follow_ups"))
    assert page.status_code == 200
    assert "Agreed with Newport City Council" in page.text
    assert "Torfaen" not in page.text
    own = client.get(reverse("themes:follow_up", args=[register["own"].pk]))
    assert own.status_code == 200
    assert "Concern with Newport City Council" in own.text


def test_partner_gets_404_for_another_organisations_follow_up(client, partner, register):
    _login(client, partner)
    url = reverse("themes:follow_up", args=[register["other"].pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"status": "done", "text": "Not ours"})
    assert response.status_code == 404
    assert not FollowUpUpdate.objects.exists()


def test_partner_can_update_its_follow_up(client, partner, register):
    _login(client, partner)
    url = reverse("themes:follow_up", args=[register["own"].pk])
    response = client.post(url, {"status": "in_progress", "text": "Protocol drafted"})
    assert response.status_code == 302
    follow_up = register["own"]
    follow_up.refresh_from_db()
    assert follow_up.status == "in_progress"
    update = FollowUpUpdate.objects.get()
    assert (update.by, update.text) == (partner, "Protocol drafted")
    event = AuditEvent.objects.get(action="follow_up.updated")
    assert event.actor == partner and event.after["status"] == "in_progress"


def test_partner_update_needs_text(client, partner, register):
    _login(client, partner)
    url = reverse("themes:follow_up", args=[register["own"].pk])
    assert client.post(url, {"status": "done", "text": ""}).status_code == 400
    assert not FollowUpUpdate.objects.exists()


def test_partner_cannot_see_the_programme_reviews_or_the_register(
    client, partner, review, register
):
    _login(client, partner)
    for url in _internal_pages(review, register):
        assert client.get(url).status_code == 403, url
    # "Concerns" in a partner's navigation leads to its own follow-ups.
    response = client.get(reverse("themes:concerns"))
    assert response.status_code == 302
    assert response.url == reverse("themes:follow_ups")


def test_partner_cannot_change_reviews_or_concerns(client, partner, review, register):
    _login(client, partner)
    concern = register["own"].concern
    posts = [
        (reverse("themes:review_new"), {"title": "X", "origin": "initial_programme"}),
        (reverse("themes:review_transition", args=[review.pk]), {"to": "scheduled"}),
        (reverse("themes:concern_new"), {}),
        (reverse("themes:concern_status", args=[concern.pk]), {"status": "closed", "note": "x"}),
        (reverse("themes:concern_propose", args=[concern.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert ThematicReview.objects.count() == 1


def test_panel_sees_nothing_of_the_themes_app(client, panel, review, register):
    _login(client, panel)
    for url in [
        *_internal_pages(review, register),
        reverse("themes:concerns"),
        reverse("themes:follow_ups"),
        reverse("themes:follow_up", args=[register["own"].pk]),
    ]:
        assert client.get(url).status_code == 403, url


def test_administrator_sees_nothing_of_the_themes_app(client, administrator, review, register):
    _login(client, administrator)
    for url in [*_internal_pages(review, register), reverse("themes:concerns")]:
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_sign_in(client, review, register):
    urls = [
        *_internal_pages(review, register),
        reverse("themes:concerns"),
        reverse("themes:follow_ups"),
        reverse("themes:follow_up", args=[register["own"].pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url
    response = client.post(reverse("themes:follow_up", args=[register["own"].pk]), {"text": "x"})
    assert response.status_code == 302
    assert not FollowUpUpdate.objects.exists()


@pytest.mark.parametrize("who", ["opcc", "force"])
def test_commissioners_and_chief_constables_teams_see_every_page(
    client, request, who, review, register
):
    _login(client, request.getfixturevalue(who))
    for url in [
        *_internal_pages(review, register),
        reverse("themes:concerns"),
        reverse("themes:review_new"),
        reverse("themes:concern_new"),
    ]:
        assert client.get(url).status_code == 200, url


def test_commissioners_team_follows_up_with_every_partner(client, opcc, register):
    _login(client, opcc)
    page = client.get(reverse("themes:follow_ups"))
    assert "Newport" in page.text and "Torfaen" in page.text
    url = reverse("themes:follow_up", args=[register["other"].pk])
    assert client.post(url, {"status": "done", "text": "Agreed"}).status_code == 302


def test_chief_constables_team_does_not_update_partners_follow_ups(client, force, register):
    _login(client, force)
    assert client.get(reverse("themes:follow_ups")).status_code == 403
    url = reverse("themes:follow_up", args=[register["own"].pk])
    assert client.post(url, {"status": "done", "text": "x"}).status_code == 403


def test_partner_of_another_org_sees_only_its_own(client, register, other_org):
    torfaen = persona("partner", "tomos", org=other_org)
    _login(client, torfaen)
    page = client.get(reverse("themes:follow_ups"))
    assert "Torfaen" in page.text and "Newport" not in page.text
    assert client.get(reverse("themes:follow_up", args=[register["own"].pk])).status_code == 404


def test_navigation_shows_each_role_its_links(client, opcc, force, partner, panel):
    _login(client, opcc)
    page = client.get(reverse("themes:programme")).text
    assert "Thematic programme" in page and ">Concerns<" in page
    client.logout()
    # The Chief Constable's team manages concerns without updating partners' follow-ups.
    _login(client, force)
    page = client.get(reverse("themes:programme")).text
    assert "Thematic programme" in page and ">Concerns<" in page
    client.logout()
    _login(client, partner)
    page = client.get(reverse("themes:follow_ups")).text
    assert ">Concerns<" in page and "Thematic programme" not in page
