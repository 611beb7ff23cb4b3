"""The performance pages: overview filters and sorting, measure and theme pages, per-role access."""

import pytest
from django.urls import reverse

from oversight.performance.models import Assessment
from tests.factories.board import board


@pytest.fixture
def snapshot(db):
    return board()


def test_overview_shows_one_row_per_measure_with_words(client, force, snapshot):
    client.force_login(force)
    response = client.get(reverse("reports:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    force_rows = Assessment.objects.filter(snapshot=snapshot, area="force", breakdown="")
    for a in force_rows.select_related("measure"):
        assert reverse("reports:measure", args=[a.measure.code]) in html
    assert "Special cause concern (high)" in html or "Special cause concern (low)" in html
    assert "Sample data" in html
    assert 'class="badge rag-red">Red<' in html


def test_overview_filters_by_priority_theme_and_bcu(client, force, snapshot):
    client.force_login(force)
    html = client.get(reverse("reports:overview"), {"priority": "P2"}).content.decode()
    assert "DA01" in html and "PUK01" not in html
    html = client.get(reverse("reports:overview"), {"theme": "hate-crime"}).content.decode()
    assert "HC01" in html and "PUK01" not in html
    html = client.get(reverse("reports:overview"), {"bcu": "east"}).content.decode()
    assert "East Gwent BCU" in html and "(East Gwent BCU)" in html


def test_overview_sorts_by_rating_with_aria_sort(client, force, snapshot):
    client.force_login(force)
    html = client.get(reverse("reports:overview"), {"sort": "rating"}).content.decode()
    assert 'aria-sort="ascending"' in html
    body = html.split("<tbody>", 1)[1]
    assert body.index("rag-red") < body.index("rag-green")


def test_measure_page_has_chart_fallback_history_lineage_and_definition_link(
    client, opcc, snapshot
):
    client.force_login(opcc)
    response = client.get(reverse("reports:measure", args=["PUK01"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="chart-spc-spec"' in html and "<svg" in html
    assert 'role="img" aria-label="PUK01' in html
    assert "Data table for this chart" in html
    assert reverse("plans:measure", args=["PUK01"]) in html
    assert "police.uk batch wh-2025-09: " in html  # the lineage the snapshot froze
    assert "Rating history" in html and "by BCU" in html


def test_theme_pages_list_measures_and_bcu_comparison(client, force, snapshot):
    client.force_login(force)
    assert client.get(reverse("reports:themes")).status_code == 200
    html = client.get(reverse("reports:theme", args=["youth-offending"])).content.decode()
    assert "Under 18" in html and "18 and over" in html
    html = client.get(reverse("reports:theme", args=["anti-social-behaviour"])).content.decode()
    assert "BCU comparison" in html and "West Gwent BCU" in html


@pytest.mark.parametrize(
    "name,args",
    [
        ("reports:overview", []),
        ("reports:measure", ["PUK01"]),
        ("reports:themes", []),
        ("reports:theme", ["hate-crime"]),
    ],
)
def test_internal_pages_by_role(client, snapshot, force, opcc, partner, panel, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
    for person, status in ((partner, 403), (panel, 403), (force, 200), (opcc, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status, person.username
        client.logout()


def test_snapshot_page_lists_downloads(client, opcc, partner, snapshot):
    client.force_login(partner)
    assert client.get(reverse("reports:snapshot", args=[snapshot.pk])).status_code == 403
    client.force_login(opcc)
    html = client.get(reverse("reports:snapshot", args=[snapshot.pk])).content.decode()
    for fmt in ("html", "pdf", "pptx"):
        assert reverse("reports:pack", args=[snapshot.pk, fmt]) in html


def test_the_snapshot_page_offers_the_pack_downloads(client, django_user_model):
    from oversight.performance import sample, services
    from tests.factories.people import persona

    plan = sample.build_plan()
    sample.add_series(sample.add_measure(plan, "M01"), [10.0] * 14, start="2024-05")
    user = persona("chief_constables_team", "pack-reader")
    snapshot = services.create_snapshot(period="2025-06", by=user)
    client.force_login(user)
    page = client.get(f"/performance/snapshots/{snapshot.pk}/").content.decode()
    for fmt in ("pdf", "pptx", "html"):
        assert f"/reports/snapshots/{snapshot.pk}/pack.{fmt}" in page
