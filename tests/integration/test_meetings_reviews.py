"""Measure fitness reviews at the JPMG: keep, amend (a new version) or retire."""

from datetime import date

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.accounts.services import ensure_user
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services
from oversight.meetings.models import Meeting
from oversight.plans.models import Measure, MeasureStatus, Outcome, Plan, Priority

pytestmark = pytest.mark.django_db


@pytest.fixture
def force():
    user, _ = ensure_user(username="force", password="pw", role="chief_constables_team", by=None)
    return user


@pytest.fixture
def jpmg():
    cycle = services.create_cycles(
        csb_dates=[date(2026, 2, 5)], calendar=WorkingCalendar(), by=None
    )[0]
    return cycle.meetings.get(kind=Meeting.Kind.JPMG)


@pytest.fixture
def measure():
    plan = Plan.objects.create(
        title="Plan", force_name="Gwent", force_slug="gwent", first_year=2025, last_year=2028
    )
    priority = Priority.objects.create(plan=plan, code="P1", title="Safer", kind="policing")
    outcome = Outcome.objects.create(priority=priority, code="O1", title="Less crime")
    return Measure.objects.create(
        plan=plan, outcome=outcome, code="M1", name="Burglary", unit="count", improvement="down",
        source="police-uk", target=100,
    )  # fmt: skip


def test_review_amend_creates_a_new_measure_version(jpmg, measure, force):
    review = services.review_measure(
        jpmg=jpmg, measure=measure, decision="amend", reason="Target met two years running",
        effective_from=date(2026, 4, 1), changes={"target": 90}, by=force,
    )  # fmt: skip
    measure.refresh_from_db()
    assert measure.version == 2 and measure.target == 90
    assert measure.effective_from == date(2026, 4, 1)
    version = measure.versions.get(version=2)
    assert version.reason == "Target met two years running"
    assert review.resulting_version == 2
    assert AuditEvent.objects.filter(action="measure.amended").count() == 1
    assert AuditEvent.objects.filter(action="measure_review.created").count() == 1


def test_review_retire_ends_the_measure(jpmg, measure, force):
    services.review_measure(
        jpmg=jpmg, measure=measure, decision="retire", reason="Replaced by M9",
        effective_from=date(2026, 3, 31), changes={}, by=force,
    )  # fmt: skip
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.RETIRED
    assert measure.effective_to == date(2026, 3, 31)


def test_review_keep_changes_nothing_but_is_recorded(jpmg, measure, force):
    review = services.review_measure(
        jpmg=jpmg, measure=measure, decision="keep", reason="Still fit for purpose",
        effective_from=None, changes=None, by=force,
    )  # fmt: skip
    measure.refresh_from_db()
    assert measure.version == 1 and review.decision == "keep"


def test_review_without_a_reason_is_refused(jpmg, measure, force):
    with pytest.raises(ValueError, match="reason"):
        services.review_measure(
            jpmg=jpmg, measure=measure, decision="keep", reason=" ", effective_from=None,
            changes=None, by=force,
        )  # fmt: skip


def test_review_form_amends_through_the_page(client, jpmg, measure, force):
    client.force_login(force)
    response = client.post(
        reverse("meetings:review_add", args=[jpmg.pk]),
        {"measure": measure.pk, "decision": "amend", "reason": "Clearer name",
         "effective_from": "2026-04-01", "new_name": "Residential burglary"},
    )  # fmt: skip
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.name == "Residential burglary" and measure.version == 2
    page = client.get(reverse("meetings:detail", args=[jpmg.pk])).content.decode()
    assert "Clearer name" in page and "version 2" in page


def test_review_form_amend_without_changes_shows_the_error(client, jpmg, measure, force):
    client.force_login(force)
    response = client.post(
        reverse("meetings:review_add", args=[jpmg.pk]),
        {"measure": measure.pk, "decision": "amend", "reason": "x", "effective_from": "2026-04-01"},
    )
    assert response.status_code == 400
    assert "An amendment needs at least one change." in response.content.decode()
