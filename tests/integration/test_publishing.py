"""The public and the Panel see only what was published, after disclosure control."""

import pytest
from django.urls import reverse

from oversight.performance import sample, services
from oversight.performance.models import Snapshot
from oversight.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = sample.build_plan(bcus=("east", "west"))
    measure = sample.add_measure(plan, "M01")
    months = 24
    sample.add_series(measure, [100.0] * months, start="2023-07", area="force")
    sample.add_series(
        measure, [97.0 + (i % 2) for i in range(months)], start="2023-07", area="east"
    )
    sample.add_series(measure, [3.0 - (i % 2) for i in range(months)], start="2023-07", area="west")
    Plan.objects.filter(pk=plan.pk).update(published=True)
    return plan


@pytest.fixture
def snapshot(plan, opcc):
    return services.create_snapshot(period="2025-06", by=opcc)


def _publish(snapshot, by):
    services.mark_presented(snapshot=snapshot, by=by)
    services.publish(snapshot=snapshot, by=by)
    return Snapshot.objects.get(pk=snapshot.pk)


def test_a_draft_snapshot_is_not_public(client, snapshot):
    assert client.get(reverse("publishing:overview", args=[snapshot.pk])).status_code == 404
    assert client.get(reverse("publishing:open_data", args=[snapshot.pk])).status_code == 404
    assert (
        "No performance overview has been published"
        in client.get(reverse("publishing:index")).content.decode()
    )


def test_a_presented_but_unpublished_snapshot_is_not_public(client, snapshot, opcc):
    services.mark_presented(snapshot=snapshot, by=opcc)
    assert client.get(reverse("publishing:overview", args=[snapshot.pk])).status_code == 404


def test_a_published_snapshot_is_public_with_ratings_in_words(client, snapshot, opcc):
    published = _publish(snapshot, opcc)
    page = client.get(reverse("publishing:overview", args=[published.pk])).content.decode()
    assert "Measure M01" in page
    assert any(word in page for word in ("Red", "Amber", "Green", "Grey"))


def test_small_bcu_counts_are_withheld_in_pages_and_open_data(client, snapshot, opcc):
    published = _publish(snapshot, opcc)
    page = client.get(reverse("publishing:overview", args=[published.pk])).content.decode()
    assert "fewer than 5" in page
    assert "withheld so another figure cannot be derived" in page
    data = client.get(reverse("publishing:open_data", args=[published.pk])).content.decode()
    west = next(line for line in data.splitlines() if ",west," in line)
    assert ",,fewer than 5," in west


def test_nothing_is_public_while_the_plan_is_unpublished(client, snapshot, opcc, plan):
    published = _publish(snapshot, opcc)
    Plan.objects.filter(pk=plan.pk).update(published=False)
    assert client.get(reverse("publishing:overview", args=[published.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("panel", 200), ("opcc", 200), ("force", 200), ("partner", 403), ("administrator", 403)],
)
def test_panel_view_by_role(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("publishing:panel")).status_code == status


def test_panel_view_needs_sign_in(client):
    assert client.get(reverse("publishing:panel")).status_code == 302
