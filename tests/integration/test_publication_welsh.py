"""A publication freezes the plan's Welsh beside its English, and one missing Welsh texts is
approved only when the approver records why (issue 21: the Welsh Language Standards)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.analysis.welsh import missing_welsh
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.plans.models import Measure, Outcome, Plan, Priority, Theme
from oversight.publishing import services
from oversight.publishing.models import Publication, PublicationStatus
from oversight.roadmap.models import Activity
from tests.factories.people import persona

pytestmark = pytest.mark.django_db

REASON = "The translator returns the measure names next week; the Panel meets tomorrow."


@pytest.fixture
def plan():
    plan = sample.build_plan(bcus=("east",))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0] * 24, start="2023-07", area="force")
    sample.add_series(measure, [60.0] * 24, start="2023-07", area="east")
    theme = Theme.objects.create(plan=plan, slug="hate-crime", title="Hate crime")
    measure.themes.add(theme)
    Activity.objects.create(
        plan=plan, ref="RM-005", title="Working title", priority=Priority.objects.get(plan=plan),
        perspective="force", start_year=2025, start_quarter=1, end_year=2026, end_quarter=4,
        public=True, public_summary="Places to report hate crime with support.",
    )  # fmt: skip
    return plan


def _in_welsh(plan: Plan) -> None:
    """Give every text of the plan and its public activity its Welsh version."""
    Plan.objects.filter(pk=plan.pk).update(title_cy="Cynllun prawf")
    Priority.objects.filter(plan=plan).update(title_cy="Lleoedd mwy diogel")
    Outcome.objects.filter(priority__plan=plan).update(title_cy="Llai o droseddau")
    Measure.objects.filter(plan=plan).update(name_cy="Troseddau", description_cy="Cyfrif misol.")
    Theme.objects.filter(plan=plan).update(title_cy="Troseddau casineb")
    Activity.objects.filter(plan=plan).update(
        public_summary_cy="Mannau i riportio troseddau casineb gyda chymorth."
    )


@pytest.fixture
def approver(db):
    return persona("commissioners_team", username="approver")


def _request(opcc) -> Publication:
    snapshot = performance.create_snapshot(period="2025-06", by=opcc)
    snapshot = performance.mark_presented(snapshot=snapshot, by=opcc)
    return services.request_publication(snapshot=snapshot, by=opcc)


def test_the_content_carries_the_welsh_of_the_plan_beside_its_english(plan, opcc, approver):
    _in_welsh(plan)
    content = _request(opcc).content
    assert content["plan"]["title_cy"] == "Cynllun prawf"
    assert content["plan"]["summary_cy"] == ""
    (priority,) = content["plan"]["priorities"]
    assert priority["title_cy"] == "Lleoedd mwy diogel"
    (outcome,) = priority["outcomes"]
    assert outcome["title_cy"] == "Llai o droseddau"
    assert outcome["measures"][0]["name_cy"] == "Troseddau"
    (measure,) = content["measures"]
    assert (measure["name"], measure["name_cy"]) == ("Measure M01", "Troseddau")
    assert measure["description_cy"] == "Cyfrif misol."
    (theme,) = content["themes"]
    assert (theme["title"], theme["title_cy"]) == ("Hate crime", "Troseddau casineb")
    (activity,) = content["roadmap"]["activities"]
    assert activity["summary_cy"] == "Mannau i riportio troseddau casineb gyda chymorth."
    assert missing_welsh(content) == []


def test_welsh_changed_after_the_request_does_not_reach_the_publication(plan, opcc, approver):
    _in_welsh(plan)
    request = _request(opcc)
    Measure.objects.filter(plan=plan).update(name_cy="Newidiwyd wedyn")
    published = services.approve(publication=request, by=approver)
    assert published.content["measures"][0]["name_cy"] == "Troseddau"


def test_a_publication_with_all_its_welsh_needs_no_reason(plan, opcc, approver):
    _in_welsh(plan)
    published = services.approve(publication=_request(opcc), by=approver)
    assert published.number == 1 and published.welsh_missing_reason == ""
    event = AuditEvent.objects.get(action="publication.approved")
    assert event.after["welsh_missing"] == [] and event.after["welsh_missing_reason"] == ""


def test_a_publication_missing_welsh_is_refused_without_a_reason(plan, opcc, approver):
    request = _request(opcc)
    for reason in ("", "   "):
        with pytest.raises(services.PublishingError, match="no Welsh version") as refused:
            services.approve(publication=request, by=approver, welsh_reason=reason)
    assert "Measure M01: name" in str(refused.value)
    request.refresh_from_db()
    assert request.status == PublicationStatus.REQUESTED and request.number is None
    assert not AuditEvent.objects.filter(action="publication.approved").exists()


def test_with_a_reason_it_is_approved_and_the_reason_kept_and_audited(plan, opcc, approver):
    request = _request(opcc)
    published = services.approve(publication=request, by=approver, welsh_reason=f" {REASON} ")
    assert published.status == PublicationStatus.PUBLISHED and published.number == 1
    published.refresh_from_db()
    assert published.welsh_missing_reason == REASON
    event = AuditEvent.objects.get(action="publication.approved")
    assert event.after["welsh_missing_reason"] == REASON
    assert event.after["welsh_missing"] == missing_welsh(published.content)
    assert "Roadmap activity RM-005: summary" in event.after["welsh_missing"]


def test_the_request_page_lists_what_is_missing_and_asks_the_approver_why(
    client, plan, opcc, approver
):
    request = _request(opcc)
    page = reverse("publications:detail", args=[request.pk])
    client.force_login(opcc)
    # The requester sees the list too, before a colleague decides.
    assert "Measure M01: name" in client.get(page).content.decode()
    client.force_login(approver)
    html = client.get(page).content.decode()
    assert "Missing in Welsh" in html
    for text in ("Plan: title", "Priority P1: title", "Outcome P1.1: title",
                 "Theme hate-crime: title", "Roadmap activity RM-005: summary"):  # fmt: skip
        assert text in html, text
    assert 'name="welsh_reason"' in html
    approve = reverse("publications:approve", args=[request.pk])
    refused = client.post(approve, {"note": ""}, follow=True).content.decode()
    assert "no Welsh version" in refused
    assert Publication.objects.get().status == PublicationStatus.REQUESTED
    client.post(approve, {"note": "", "welsh_reason": REASON})
    published = Publication.objects.get()
    assert published.number == 1 and published.welsh_missing_reason == REASON
    assert REASON in client.get(page).content.decode()


def test_the_request_page_asks_nothing_when_the_welsh_is_complete(client, plan, opcc, approver):
    _in_welsh(plan)
    request = _request(opcc)
    client.force_login(approver)
    html = client.get(reverse("publications:detail", args=[request.pk])).content.decode()
    assert "Missing in Welsh" not in html and 'name="welsh_reason"' not in html


def test_the_command_approves_missing_welsh_only_with_a_reason(plan, opcc, approver):
    request = _request(opcc)
    out = io.StringIO()
    with pytest.raises(CommandError, match="no Welsh version"):
        call_command("publication", "approve", str(request.pk), "--by", "approver", stdout=out)
    call_command(
        "publication", "approve", str(request.pk), "--by", "approver",
        "--welsh-reason", REASON, stdout=out,
    )  # fmt: skip
    assert "Published: publication 1" in out.getvalue()
    assert Publication.objects.get().welsh_missing_reason == REASON
