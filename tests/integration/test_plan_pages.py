import pytest
from django.urls import reverse

from oversight.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_home_shows_priorities_outcomes_and_measures_to_internal_users(client, force, demo_plan):
    client.force_login(force)
    page = client.get(reverse("plans:home")).content.decode()
    assert "Keep neighbourhoods safe" in page
    assert "P1.1 Less crime in our neighbourhoods" in page
    assert "Anti-social behaviour incidents" in page


def test_the_working_plan_is_never_shown_to_the_public(client, demo_plan):
    # Even a plan flagged published: the public reads the plan frozen in a publication.
    Plan.objects.update(published=True)
    assert client.get(reverse("plans:home")).url == reverse("publishing:index")
    response = client.get(reverse("plans:measure", args=["PUK08"]))
    assert response.url.startswith(reverse("accounts:login"))


def test_measure_page_shows_definition_and_version_history(client, opcc, demo_plan):
    client.force_login(opcc)
    page = client.get(reverse("plans:measure", args=["PUK13"])).content.decode()
    assert "Suspect charged" in page
    assert "Version history" in page
    assert "Loaded from the plan file" in page


def test_force_supplied_measure_is_labelled_sample(client, opcc, demo_plan):
    client.force_login(opcc)
    page = client.get(reverse("plans:measure", args=["VS01"])).content.decode()
    assert "sample values" in page


def test_unknown_measure_is_404(client, opcc, demo_plan):
    client.force_login(opcc)
    assert client.get(reverse("plans:measure", args=["NOPE"])).status_code == 404


def test_base_layout_has_skip_link_and_landmarks(client):
    page = client.get(reverse("publishing:index")).content.decode()
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert 'role="banner"' in page and 'role="contentinfo"' in page
    assert 'lang="en-GB"' in page


def test_the_stylesheet_is_served_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/static/core/oversight.css")
    assert response.status_code == 200
    assert b".skip-link" in b"".join(response.streaming_content)
