"""Escalations from the JPMG and the actions register: origins, reasons and the audit trail."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.accounts.services import ensure_user
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services
from oversight.meetings.models import Action, AgendaItem, Escalation, Meeting
from oversight.performance.models import Assessment, Snapshot
from oversight.plans.models import Measure, Outcome, Plan, Priority

pytestmark = pytest.mark.django_db


@pytest.fixture
def opcc():
    user, _ = ensure_user(username="opcc", password="pw", role="commissioners_team", by=None)
    return user


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


def make_measure(code: str, name: str) -> Measure:
    plan, _ = Plan.objects.get_or_create(
        title="Plan", force_name="Gwent", force_slug="gwent", first_year=2025, last_year=2028
    )
    priority, _ = Priority.objects.get_or_create(
        plan=plan, code="P1", title="Safer", kind="policing"
    )
    outcome, _ = Outcome.objects.get_or_create(priority=priority, code="O1", title="Less crime")
    return Measure.objects.create(
        plan=plan, outcome=outcome, code=code, name=name, unit="count", improvement="down",
        source="police-uk",
    )  # fmt: skip


def assess(snapshot, measure, *, rating="green", variation="", assurance="", area="force"):
    return Assessment.objects.create(
        snapshot=snapshot, measure=measure, area=area, period="2026-01", rating=rating,
        reasons=[], headline=f"{rating.title()}: {measure.name}", variation_icon=variation,
        assurance_icon=assurance, unit="count",
    )  # fmt: skip


@pytest.fixture
def snapshot():
    snap = Snapshot.objects.create(period="2026-01", content_hash="0" * 64)
    assess(snap, make_measure("M1", "Burglary"), variation="concern_high")
    assess(snap, make_measure("M2", "Hate crime"), assurance="consistent_fail")
    assess(snap, make_measure("M3", "ASB"), rating="red")
    assess(snap, make_measure("M4", "Robbery"), rating="green", variation="improvement_low")
    return snap


def test_escalations_proposed_from_a_snapshot_carry_source_and_reason(jpmg, snapshot, opcc, force):
    overdue = services.create_action(
        title="Burglary plan", owner=force, owner_name="", origin="meeting", origin_meeting=jpmg,
        due_date=jpmg.date - timedelta(days=5), by=opcc,
    )  # fmt: skip
    created = services.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=opcc)
    by_source = {e.source: e for e in created}
    assert set(by_source) == {
        "special_cause_concern", "failing_assurance", "red", "overdue_action"
    }  # fmt: skip
    assert by_source["special_cause_concern"].measure.code == "M1"
    assert (
        "Special-cause variation of concern (high values)"
        in by_source["special_cause_concern"].reason
    )
    assert "Failing assurance" in by_source["failing_assurance"].reason
    assert by_source["overdue_action"].action == overdue
    assert "5 days before this meeting" in by_source["overdue_action"].reason
    assert all(e.snapshot_id == snapshot.pk for e in created if e.measure_id)
    assert all(e.csb == jpmg.cycle.meetings.get(kind="csb") for e in created)
    assert AuditEvent.objects.filter(action="escalation.proposed").count() == 4


def test_the_meeting_page_links_each_proposal_to_its_snapshot(client, jpmg, snapshot, opcc):
    services.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=opcc)
    client.force_login(opcc)

    page = client.get(reverse("meetings:detail", args=[jpmg.pk])).text

    link = f'<a href="{reverse("performance:snapshot", args=[snapshot.pk])}">'
    assert page.count(link) == 3


def test_escalations_are_not_proposed_twice(jpmg, snapshot, opcc):
    services.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=opcc)
    assert services.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=opcc) == []
    assert Escalation.objects.count() == 3


def test_escalation_without_a_reason_cannot_be_decided(jpmg, opcc):
    escalation = services.raise_escalation(jpmg=jpmg, area="Hate crime", reason="Up", by=opcc)
    with pytest.raises(ValueError, match="reason"):
        services.decide_escalation(escalation=escalation, accept=True, reason="  ", by=opcc)
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.PROPOSED


def test_escalation_accepted_goes_onto_the_board_agenda_and_is_audited(jpmg, snapshot, opcc):
    escalation = services.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=opcc)[0]
    services.decide_escalation(escalation=escalation, accept=True, reason="Sustained", by=opcc)
    csb = jpmg.cycle.meetings.get(kind="csb")
    item = csb.agenda.get(origin=AgendaItem.Origin.ESCALATION)
    assert item.escalation == escalation and "Sustained" in item.purpose
    event = AuditEvent.objects.get(action="escalation.accepted")
    assert event.before["status"] == "proposed" and event.after["status"] == "accepted"
    assert event.note == "Sustained" and event.actor == opcc


def test_escalation_rejected_keeps_its_reason_and_stays_off_the_agenda(jpmg, opcc):
    escalation = services.raise_escalation(jpmg=jpmg, area="Hate crime", reason="Up", by=opcc)
    services.decide_escalation(escalation=escalation, accept=False, reason="One month", by=opcc)
    escalation.refresh_from_db()
    assert escalation.decision_reason == "One month" and escalation.decided_by == opcc
    assert not jpmg.cycle.meetings.get(kind="csb").agenda.filter(escalation=escalation).exists()
    assert AuditEvent.objects.filter(action="escalation.rejected").count() == 1
    with pytest.raises(ValueError, match="already"):
        services.decide_escalation(escalation=escalation, accept=True, reason="Again", by=opcc)


def test_escalation_board_response_is_recorded_and_audited(jpmg, opcc):
    escalation = services.raise_escalation(jpmg=jpmg, area="Hate crime", reason="Up", by=opcc)
    with pytest.raises(ValueError, match="accepted"):
        services.record_csb_response(escalation=escalation, response="Noted", by=opcc)
    services.decide_escalation(escalation=escalation, accept=True, reason="Rising", by=opcc)
    services.record_csb_response(escalation=escalation, response="Theme in May", by=opcc)
    escalation.refresh_from_db()
    assert escalation.csb_response == "Theme in May" and escalation.responded_at
    event = AuditEvent.objects.get(action="escalation.responded")
    assert event.before["csb_response"] == "" and event.after["csb_response"] == "Theme in May"


def test_action_carries_its_origin(jpmg, opcc, force):
    escalation = services.raise_escalation(jpmg=jpmg, area="Hate crime", reason="Up", by=opcc)
    from_meeting = services.create_action(
        title="A", owner=force, owner_name="", origin="meeting", origin_meeting=jpmg,
        due_date=date(2026, 3, 1), by=opcc,
    )  # fmt: skip
    from_escalation = services.create_action(
        title="B", owner=None, owner_name="Chief Inspector Rees", origin="escalation",
        origin_escalation=escalation, due_date=date(2026, 3, 1), by=opcc,
    )  # fmt: skip
    from_theme = services.create_action(
        title="C", owner=opcc, owner_name="", origin="theme", origin_label="Theme: Hate crime",
        due_date=date(2026, 3, 1), by=opcc,
    )  # fmt: skip
    assert from_meeting.origin_display.startswith("Meeting: Joint Performance Management Group")
    assert from_escalation.origin_display == "Escalation: Hate crime"
    assert from_theme.origin_display == "Theme: Theme: Hate crime"
    assert from_escalation.owner_display == "Chief Inspector Rees"
    with pytest.raises(ValueError, match="origin_label"):
        services.create_action(
            title="D", owner=opcc, owner_name="", origin="concern", due_date=date(2026, 3, 1),
            by=opcc,
        )  # fmt: skip
    with pytest.raises(ValueError, match="names the meeting"):
        services.create_action(
            title="E", owner=opcc, owner_name="", origin="meeting", due_date=date(2026, 3, 1),
            by=opcc,
        )  # fmt: skip


def test_action_every_change_is_audited(jpmg, opcc, force):
    action = services.create_action(
        title="A", owner=force, owner_name="", origin="meeting", origin_meeting=jpmg,
        due_date=date(2026, 3, 1), by=opcc,
    )  # fmt: skip
    services.update_action(action=action, changes={"status": "in_progress"}, by=force)
    services.update_action(action=action, changes={"due_date": date(2026, 3, 8)}, by=opcc)
    services.update_action(action=action, changes={"status": "done"}, by=force)
    services.update_action(action=action, changes={"status": "done"}, by=force)  # no change
    events = list(AuditEvent.objects.filter(object_type="meetings.Action").order_by("id"))
    assert [e.action for e in events] == [
        "action.created", "action.updated", "action.updated", "action.updated"
    ]  # fmt: skip
    assert events[1].before["status"] == "open" and events[1].after["status"] == "in_progress"
    assert (
        events[2].before["due_date"] == "2026-03-01" and events[2].after["due_date"] == "2026-03-08"
    )
    assert events[3].after["completed_at"] is not None
    services.delete_action(action=action, reason="Duplicate", by=opcc)
    assert not Action.objects.exists()
    assert AuditEvent.objects.get(action="action.deleted").before["title"] == "A"


def test_action_past_its_due_date_is_overdue_until_done(jpmg, opcc):
    action = services.create_action(
        title="A", owner=opcc, owner_name="", origin="meeting", origin_meeting=jpmg,
        due_date=date.today() - timedelta(days=1), by=opcc,
    )  # fmt: skip
    assert action.is_overdue
    services.update_action(action=action, changes={"status": "done"}, by=opcc)
    assert not action.is_overdue
