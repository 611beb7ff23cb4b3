"""The meetings pages: who may see them, and the forms on them working without JavaScript."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.accounts.services import ensure_organisation, ensure_user
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services
from oversight.meetings.models import Action, Meeting

pytestmark = pytest.mark.django_db


def persona(username: str, role: str, **extra):
    user, _ = ensure_user(username=username, password="pw", role=role, by=None, **extra)
    return user


@pytest.fixture
def opcc():
    return persona("opcc", "commissioners_team", job_title="Deputy Commissioner")


@pytest.fixture
def force():
    return persona("force", "chief_constables_team", job_title="Deputy Chief Constable")


@pytest.fixture
def partner():
    org = ensure_organisation(name="Newport City Council", slug="newport", kind="council", by=None)
    return persona("partner", "partner", organisation=org)


@pytest.fixture
def panel():
    return persona("panel", "panel_member")


@pytest.fixture
def cycle():
    return services.create_cycles(
        csb_dates=[date(2026, 2, 5)], calendar=WorkingCalendar(), by=None
    )[0]


@pytest.fixture
def jpmg(cycle):
    return cycle.meetings.get(kind=Meeting.Kind.JPMG)


@pytest.fixture
def pages(jpmg):
    return [
        reverse("meetings:cycles"),
        reverse("meetings:cycle", args=["2026-02-05"]),
        reverse("meetings:detail", args=[jpmg.pk]),
        reverse("meetings:actions"),
        reverse("meetings:action_create"),
        reverse("meetings:calendar"),
    ]


def test_pages_redirect_anonymous_to_login(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", ["partner", "panel"])
def test_pages_forbid_partner_and_panel(client, pages, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in pages:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("who", ["opcc", "force"])
def test_pages_open_to_both_teams(client, pages, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_posts_forbid_partner(client, partner, jpmg):
    client.force_login(partner)
    step = jpmg.cycle.steps.get(key="jpmg")
    for url in [
        reverse("meetings:minutes", args=[jpmg.pk]),
        reverse("meetings:step_status", args=[step.pk]),
        reverse("meetings:review_add", args=[jpmg.pk]),
        reverse("meetings:calendar_issue"),
    ]:
        assert client.post(url, {}).status_code == 403, url


def test_cycle_list_shows_the_steps_with_owners_and_warnings(client, opcc, cycle):
    step = cycle.steps.get(key="jpmg")
    services.redate_step(step=step, planned_date=date(2026, 2, 3), reason="Room", by=opcc)
    client.force_login(opcc)
    html = client.get(reverse("meetings:cycle", args=["2026-02-05"])).content.decode()
    assert "Joint Performance Management Group" in html
    assert "outside the 7 to 10 day window" in html
    assert "Chief Constable&#x27;s team" in html


def test_attendance_form_records_attendance(client, opcc, jpmg):
    client.force_login(opcc)
    attendee = jpmg.attendees.get(job_title="Chief Statistician")
    response = client.post(
        reverse("meetings:attendance", args=[jpmg.pk]),
        {f"attended-{attendee.pk}": "no", f"apologies-{attendee.pk}": "on"},
    )
    assert response.status_code == 302
    attendee.refresh_from_db()
    assert attendee.attended == "no" and attendee.apologies
    assert AuditEvent.objects.filter(action="attendee.attendance").count() == 1


def test_minutes_and_decisions_are_saved(client, force, jpmg):
    client.force_login(force)
    client.post(reverse("meetings:minutes", args=[jpmg.pk]), {"minutes": "Met.", "held": "on"})
    client.post(reverse("meetings:decision_add", args=[jpmg.pk]), {"text": "Review ASB."})
    jpmg.refresh_from_db()
    assert jpmg.minutes == "Met." and jpmg.status == Meeting.Status.HELD
    assert jpmg.decisions.get().text == "Review ASB."
    page = client.get(reverse("meetings:detail", args=[jpmg.pk])).content.decode()
    assert "Review ASB." in page


def test_escalation_form_without_a_reason_shows_the_error(client, opcc, jpmg):
    escalation = services.raise_escalation(jpmg=jpmg, area="Hate crime", reason="Rising", by=opcc)
    client.force_login(opcc)
    response = client.post(
        reverse("meetings:escalation_decide", args=[escalation.pk]), {"decision": "accept"}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    escalation.refresh_from_db()
    assert escalation.status == "proposed"


def test_escalation_form_accepts_onto_the_board_agenda(client, opcc, jpmg):
    escalation = services.raise_escalation(jpmg=jpmg, area="Hate crime", reason="Rising", by=opcc)
    client.force_login(opcc)
    response = client.post(
        reverse("meetings:escalation_decide", args=[escalation.pk]),
        {"decision": "accept", "reason": "Third month rising"},
    )
    assert response.status_code == 302
    csb = jpmg.cycle.meetings.get(kind="csb")
    page = client.get(reverse("meetings:detail", args=[csb.pk])).content.decode()
    assert "Escalation: Hate crime" in page
    assert "Third month rising" in page


def test_action_register_filters_and_shows_overdue(client, opcc, force, jpmg):
    services.create_action(
        title="Report on hate crime", owner=force, owner_name="", origin="meeting",
        origin_meeting=jpmg, due_date=date.today() - timedelta(days=3), by=opcc,
    )  # fmt: skip
    services.create_action(
        title="Write to partners", owner=opcc, owner_name="", origin="concern",
        origin_label="Concern 4: night-time economy", due_date=date.today() + timedelta(days=9),
        by=opcc,
    )  # fmt: skip
    client.force_login(opcc)
    html = client.get(reverse("meetings:actions")).content.decode()
    assert "Overdue" in html and "Compstat concern: Concern 4: night-time economy" in html
    html = client.get(reverse("meetings:actions"), {"owner": force.pk}).content.decode()
    assert "Report on hate crime" in html and "Write to partners" not in html
    html = client.get(reverse("meetings:actions"), {"overdue": "on"}).content.decode()
    assert "Write to partners" not in html


def test_action_forms_create_and_update(client, opcc, force, jpmg):
    client.force_login(force)
    response = client.post(
        reverse("meetings:action_create"),
        {"title": "Refresh the ASB data", "origin": "meeting", "origin_meeting": jpmg.pk,
         "owner": force.pk, "due_date": "2026-03-01", "status": "open"},
    )  # fmt: skip
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.origin_meeting == jpmg
    response = client.post(
        reverse("meetings:action_edit", args=[action.pk]),
        {"title": "Refresh the ASB data", "owner": force.pk, "due_date": "2026-03-08",
         "status": "in_progress"},
    )  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress" and action.due_date == date(2026, 3, 8)


def test_action_form_without_an_owner_shows_the_error(client, opcc):
    client.force_login(opcc)
    response = client.post(
        reverse("meetings:action_create"),
        {"title": "X", "origin": "theme", "origin_label": "Hate crime", "due_date": "2026-03-01",
         "status": "open"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Choose an owner or give their name." in response.content.decode()


def test_plan_form_creates_a_year_of_cycles(client, opcc):
    client.force_login(opcc)
    response = client.post(
        reverse("meetings:plan"), {"start": "2026-02", "end": "2027-01", "rule": "first Thursday"}
    )
    assert response.status_code == 302
    from oversight.meetings.models import ReportingCycle

    assert ReportingCycle.objects.count() == 12


def test_nav_shows_the_cycle_to_the_teams_only(client, opcc, partner):
    client.force_login(opcc)
    assert "Reporting cycle" in client.get(reverse("meetings:actions")).content.decode()
    client.force_login(partner)
    assert "Reporting cycle" not in client.get(reverse("plans:home")).content.decode()
