"""Snapshot pages: who may see them, the override form, and frozen snapshots through the web."""

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.performance import services
from oversight.performance.models import RatingOverride, Snapshot
from oversight.performance.sample import add_measure, add_series, build_plan, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return personas()


@pytest.fixture
def snapshot():
    plan = build_plan(bcus=("east",))
    measure = add_measure(plan, "CRIME")
    add_series(measure, [10, 12, 11, 9, 13, 10, 12, 11, 10, 12, 11, 10, 12, 9], start="2024-05")
    return services.create_snapshot(period=None, by=None)


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def pages(snapshot):
    a = snapshot.assessments.first()
    return [
        reverse("performance:snapshots"),
        reverse("performance:snapshot", args=[snapshot.pk]),
        reverse("performance:override", args=[a.pk]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, snapshot):
    for url in pages(snapshot):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", ["panel_member", "partner", "administrator"])
def test_roles_without_performance_rights_get_403(client, snapshot, people, role):
    client_for(client, people[role])
    for url in pages(snapshot):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["commissioners_team", "chief_constables_team"])
def test_the_force_and_the_commissioners_team_see_snapshots(client, snapshot, people, role):
    client_for(client, people[role])
    for url in pages(snapshot):
        assert client.get(url).status_code == 200


def test_the_detail_page_prints_the_rating_word_and_the_hash(client, snapshot, people):
    client_for(client, people["commissioners_team"])
    html = client.get(reverse("performance:snapshot", args=[snapshot.pk])).content.decode()
    a = snapshot.assessments.first()
    label = a.get_rating_display()
    assert f'<span class="badge rag-{a.rating}">{label}</span>' in html
    assert snapshot.content_hash in html
    assert "Mark as presented" in html


def test_override_without_justification_is_refused_with_an_error(client, snapshot, people):
    client_for(client, people["commissioners_team"])
    a = snapshot.assessments.first()
    url = reverse("performance:override", args=[a.pk])
    response = client.post(url, {"rating": "red", "justification": "  "})
    assert response.status_code == 400
    assert "Give a justification for the override." in response.content.decode()
    assert not RatingOverride.objects.exists()


def test_override_with_justification_is_saved_and_audited(client, snapshot, people):
    client_for(client, people["chief_constables_team"])
    a = snapshot.assessments.first()
    response = client.post(
        reverse("performance:override", args=[a.pk]),
        {"rating": "amber", "justification": "Data correction pending."},
    )
    assert response.status_code == 302
    assert RatingOverride.objects.get().justification == "Data correction pending."
    assert AuditEvent.objects.filter(action="assessment.overridden").count() == 1


def test_a_presented_snapshot_cannot_be_overridden_through_the_web(client, snapshot, people):
    client_for(client, people["chief_constables_team"])
    assert client.post(reverse("performance:present", args=[snapshot.pk])).status_code == 302
    assert Snapshot.objects.get(pk=snapshot.pk).status == "presented"
    a = snapshot.assessments.first()
    response = client.post(
        reverse("performance:override", args=[a.pk]),
        {"rating": "amber", "justification": "After the Board."},
    )
    assert response.status_code == 409
    assert "cannot be overridden" in response.content.decode()
    assert not RatingOverride.objects.exists()
    html = client.get(reverse("performance:snapshot", args=[snapshot.pk])).content.decode()
    assert "Mark as presented" not in html and "frozen" in html


def test_a_presented_snapshot_offers_the_commissioners_team_a_publication_request(
    client, snapshot, people
):
    services.mark_presented(snapshot=snapshot, by=None)
    url = reverse("performance:snapshot", args=[snapshot.pk])
    request_link = f"{reverse('publications:list')}?snapshot={snapshot.pk}"
    client_for(client, people["chief_constables_team"])
    assert request_link not in client.get(url).content.decode()
    client_for(client, people["commissioners_team"])
    assert request_link in client.get(url).content.decode()


def test_assessing_from_the_web_makes_a_new_draft(client, snapshot, people):
    client_for(client, people["chief_constables_team"])
    response = client.post(reverse("performance:assess"))
    newest = Snapshot.objects.latest()
    assert response.status_code == 302 and newest.pk != snapshot.pk
    assert newest.previous == snapshot and newest.created_by == people["chief_constables_team"]


def test_the_navigation_links_to_snapshots_for_performance_roles(client, snapshot, people):
    client_for(client, people["commissioners_team"])
    html = client.get(reverse("performance:snapshots")).content.decode()
    assert f'href="{reverse("performance:snapshots")}"' in html
