"""A publication request's missing Welsh links to where each text is written, and Welsh written
on the Welsh texts page is what the next publication request freezes, even of a snapshot made
before it was written (where the English is still the snapshot's)."""

import re

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.plans.models import Measure, Priority, Theme
from oversight.publishing import services
from oversight.publishing.models import Publication
from oversight.roadmap.models import Activity
from tests.factories.people import persona

pytestmark = pytest.mark.django_db

NAME_CY = "Troseddau a gofnodwyd"


@pytest.fixture
def plan():
    """A plan whose texts have no Welsh, with a measure to publish and two public activities:
    the force's, and the Commissioner's."""
    plan = sample.build_plan(bcus=("east",))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0] * 24, start="2023-07", area="force")
    sample.add_series(measure, [60.0] * 24, start="2023-07", area="east")
    measure.themes.add(Theme.objects.create(plan=plan, slug="hate-crime", title="Hate crime"))
    Activity.objects.create(
        plan=plan, ref="RM-005", title="Working title", priority=Priority.objects.get(plan=plan),
        perspective="force", start_year=2025, start_quarter=1, end_year=2026, end_quarter=4,
        public=True, public_summary="Places to report hate crime with support.",
    )  # fmt: skip
    Activity.objects.create(
        plan=plan, ref="RM-006", title="Commissioner's survey", perspective="commissioner",
        start_year=2025, start_quarter=1, end_year=2025, end_quarter=4, public=True,
        public_summary="A survey of victims' experience.",
    )  # fmt: skip
    return plan


def _publish_request(opcc) -> Publication:
    snapshot = performance.create_snapshot(period="2025-06", by=opcc)
    snapshot = performance.mark_presented(snapshot=snapshot, by=opcc)
    return services.request_publication(snapshot=snapshot, by=opcc)


def test_each_missing_text_links_to_the_form_that_writes_its_welsh(client, plan, opcc):
    request = _publish_request(opcc)
    client.force_login(persona("commissioners_team", username="approver"))
    html = client.get(reverse("publications:detail", args=[request.pk])).content.decode()
    measure_form = reverse("plans:welsh_edit", args=["measure", "M01"])

    def plan_form(kind: str, code: str) -> str:
        return reverse("plans:welsh_edit", args=[kind, code]) + "#id_title_cy"

    for words, url in [
        ("Plan: title", plan_form("plan", "test")),
        ("Priority P1: title", plan_form("priority", "P1")),
        ("Outcome P1.1: title", plan_form("outcome", "P1.1")),
        ("Measure M01: name", f"{measure_form}#id_name_cy"),
        ("Theme hate-crime: title", plan_form("theme", "hate-crime")),
        ("Roadmap activity RM-006: summary",
         reverse("roadmap:activity_edit", args=["RM-006"]) + "#id_public_summary_cy"),
    ]:  # fmt: skip
        link = f'<a href="{url}">Add the Welsh<span class="visually-hidden"> of {words}</span></a>'
        assert f"<li>{words}: {link}</li>" in html, words
    # The Commissioner's team changes only its own activities: the force writes this one.
    assert (
        "<li>Roadmap activity RM-005: summary (the Chief Constable&#x27;s team writes its Welsh, "
        "on the activity's page)</li>"
    ) in html
    assert f'href="{reverse("plans:welsh")}?show=missing"' in html
    # Every link leads to a form the approver may use.
    for url in re.findall(r'<a href="([^"]+)">Add the Welsh', html):
        assert client.get(url).status_code == 200, url


def test_an_item_the_plan_no_longer_holds_is_listed_without_a_link(client, plan, opcc):
    request = _publish_request(opcc)
    Activity.objects.filter(ref="RM-006").delete()
    client.force_login(persona("commissioners_team", username="approver"))
    html = client.get(reverse("publications:detail", args=[request.pk])).content.decode()
    assert "<li>Roadmap activity RM-006: summary</li>" in html
    assert 'Add the Welsh<span class="visually-hidden"> of Measure M01: name' in html


def test_welsh_saved_on_the_page_is_what_the_next_publication_freezes(client, plan, opcc):
    client.force_login(opcc)
    form = reverse("plans:welsh_edit", args=["measure", "M01"])
    assert client.post(form, {"name_cy": f" {NAME_CY} "}).status_code == 302
    priority_form = reverse("plans:welsh_edit", args=["priority", "P1"])
    assert client.post(priority_form, {"title_cy": "Lleoedd mwy diogel"}).status_code == 302
    content = _publish_request(opcc).content
    (measure,) = content["measures"]
    assert measure["name_cy"] == NAME_CY
    (priority,) = content["plan"]["priorities"]
    assert priority["title_cy"] == "Lleoedd mwy diogel"
    assert priority["outcomes"][0]["measures"][0]["name_cy"] == NAME_CY
    html = client.get(reverse("publications:detail", args=[Publication.objects.get().pk]))
    assert "Measure M01: name" not in html.content.decode()


def test_welsh_written_after_the_snapshot_reaches_the_publication_requested_after_it(
    client, plan, opcc
):
    snapshot = performance.create_snapshot(period="2025-06", by=opcc)
    client.force_login(opcc)
    client.post(reverse("plans:welsh_edit", args=["measure", "M01"]), {"name_cy": NAME_CY})
    assert Measure.objects.get(code="M01").name_cy == NAME_CY
    snapshot = performance.mark_presented(snapshot=snapshot, by=opcc)
    request = services.request_publication(snapshot=snapshot, by=opcc)
    assert request.content["measures"][0]["name_cy"] == NAME_CY
    assert request.content["plan"]["priorities"][0]["outcomes"][0]["measures"][0]["name_cy"] == (
        NAME_CY
    )
    # The snapshot keeps what it froze; the request says what it took from the plan since.
    assert snapshot.context["plan"]["priorities"][0]["outcomes"][0]["measures"][0]["name_cy"] == ""
    requested = AuditEvent.objects.get(action="publication.requested")
    assert requested.after["welsh_since_snapshot"] == ["Measure M01: name"]


def test_welsh_is_not_taken_for_an_english_text_changed_since_the_snapshot(client, plan, opcc):
    snapshot = performance.create_snapshot(period="2025-06", by=opcc)
    Measure.objects.filter(code="M01").update(name="Crimes recorded (amended)", name_cy=NAME_CY)
    snapshot = performance.mark_presented(snapshot=snapshot, by=opcc)
    content = services.request_publication(snapshot=snapshot, by=opcc).content
    # The Welsh was written for the new English, not for the name the snapshot froze.
    assert content["measures"][0]["name_cy"] == ""
    assert content["measures"][0]["name"] != "Crimes recorded (amended)"
