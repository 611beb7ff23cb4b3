"""The Compstat concerns register: concerns, follow-ups with partners, and concerns as themes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.meetings.models import Meeting
from oversight.themes import services
from oversight.themes.lifecycle import LifecycleError
from oversight.themes.models import Concern, ThematicReview
from tests.factories.people import PASSWORD, organisation, persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def newport():
    return organisation()


@pytest.fixture
def compstat():
    cycle = meetings.create_cycles(
        csb_dates=[date(2026, 2, 5)], calendar=WorkingCalendar(), by=None
    )[0]
    return cycle.meetings.get(kind=Meeting.Kind.FORCE_COMPSTAT)


def _concern(by, partner_org, **extra):
    fields = {
        "raised_by_name": "Ch Supt Evans",
        "raised_by_role": Concern.RaisedByRole.BCU_COMMANDER,
        "service": "Neighbourhood policing",
        "concern": "CCTV footage takes weeks",
        "barrier": "No protocol with the council",
        "partner": partner_org,
        "owner": by if by is not None and by.role == "commissioners_team" else None,
        "by": by,
    }
    return services.raise_concern(**{**fields, **extra})


def test_raise_concern_at_compstat_is_audited(opcc, newport, compstat):
    concern = _concern(opcc, newport, raised_at=compstat)
    assert (concern.status, concern.raised_on) == ("open", compstat.date)
    event = AuditEvent.objects.get(action="concern.raised")
    assert event.actor == opcc and event.after["barrier"] == "No protocol with the council"


def test_raise_concern_checks_its_fields(opcc, force, newport, compstat):
    with pytest.raises(ValueError, match="BCU or service"):
        _concern(opcc, newport, service="")
    with pytest.raises(ValueError, match="BCU commander or a head of service"):
        _concern(opcc, newport, raised_by_role="constable")
    with pytest.raises(ValueError, match="Commissioner's team"):
        _concern(opcc, newport, owner=force)
    board = compstat.cycle.meetings.get(kind=Meeting.Kind.CSB)
    with pytest.raises(ValueError, match="Force Compstat"):
        _concern(opcc, newport, raised_at=board)
    assert not Concern.objects.exists()


def test_raise_concern_refused_to_partners_and_panel(partner, panel, newport):
    for who in (partner, panel):
        with pytest.raises(PermissionDenied):
            _concern(who, newport)


def test_force_may_record_a_concern(force, newport):
    assert _concern(force, newport).created_by == force


def test_follow_up_moves_an_open_concern_to_following_up(opcc, newport):
    concern = _concern(opcc, newport)
    follow_up = services.add_follow_up(
        concern=concern, action="Agree a protocol", due_date=date(2026, 3, 1), by=opcc
    )
    concern.refresh_from_db()
    assert concern.status == "following_up"
    assert follow_up.organisation == newport
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "follow_up.added",
        "concern.following_up",
    }


def test_concern_status_transitions_are_checked(opcc, newport):
    concern = _concern(opcc, newport)
    with pytest.raises(ValueError, match="resolved"):
        services.set_concern_status(concern=concern, status="resolved", by=opcc)
    services.set_concern_status(concern=concern, status="resolved", note="Protocol", by=opcc)
    assert concern.resolved_on is not None
    services.set_concern_status(concern=concern, status="closed", note="Done", by=opcc)
    with pytest.raises(LifecycleError):
        services.set_concern_status(concern=concern, status="open", by=opcc)
    with pytest.raises(LifecycleError):
        services.add_follow_up(concern=concern, action="x", due_date=date(2026, 3, 1), by=opcc)


def test_partner_updates_only_its_organisations_follow_up(opcc, partner, newport):
    own = services.add_follow_up(
        concern=_concern(opcc, newport), action="Own", due_date=date(2026, 3, 1), by=opcc
    )
    other_org = organisation(slug="torfaen", name="Torfaen")
    other = services.add_follow_up(
        concern=_concern(opcc, other_org), action="Other", due_date=date(2026, 3, 1), by=opcc
    )
    services.update_follow_up(follow_up=own, text="Drafted", status="in_progress", by=partner)
    with pytest.raises(PermissionDenied):
        services.update_follow_up(follow_up=other, text="No", status="done", by=partner)
    other.refresh_from_db()
    assert other.status == "open"


def test_partner_without_the_permission_cannot_update(opcc, newport, force):
    follow_up = services.add_follow_up(
        concern=_concern(opcc, newport), action="x", due_date=date(2026, 3, 1), by=opcc
    )
    with pytest.raises(PermissionDenied):
        services.update_follow_up(follow_up=follow_up, text="x", status="done", by=force)


def test_propose_as_theme_keeps_the_link_back(opcc, newport, compstat):
    concern = _concern(opcc, newport, raised_at=compstat)
    review = services.propose_as_theme(concern=concern, by=opcc)
    assert review.origin == ThematicReview.Origin.COMPSTAT_CONCERN
    assert review.raised_by_concern == concern
    assert review.status == ThematicReview.Status.PROPOSED
    assert "Ch Supt Evans" in review.rationale
    assert list(concern.reviews.all()) == [review]
    assert AuditEvent.objects.filter(action="concern.proposed_as_theme").count() == 1
    with pytest.raises(LifecycleError, match="already proposed"):
        services.propose_as_theme(concern=concern, by=opcc)


def test_propose_as_theme_refused_to_partners(opcc, partner, newport):
    concern = _concern(opcc, newport)
    with pytest.raises(PermissionDenied):
        services.propose_as_theme(concern=concern, by=partner)


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_register_filters_by_status_bcu_or_service_and_organisation(
    client, opcc, newport, demo_plan
):
    torfaen = organisation(slug="torfaen", name="Torfaen")
    east = demo_plan.bcus.get(code="east")
    _concern(opcc, newport, concern="Alpha in East", bcu=east, service="")
    beta = _concern(opcc, torfaen, concern="Beta in custody", service="Custody")
    services.set_concern_status(concern=beta, status="closed", note="x", by=opcc)
    _login(client, opcc)
    url = reverse("themes:concerns")

    def shown(**params):
        page = client.get(url, params)
        assert page.status_code == 200
        return sorted(c.concern for c in page.context["concerns"])

    assert shown() == ["Alpha in East", "Beta in custody"]
    assert shown(status="closed") == ["Beta in custody"]
    assert shown(where="east") == ["Alpha in East"]
    assert shown(where="custody") == ["Beta in custody"]
    assert shown(organisation=newport.pk) == ["Alpha in East"]


def test_concern_pages_record_follow_up_and_propose(client, opcc, newport):
    _login(client, opcc)
    response = client.post(
        reverse("themes:concern_new"),
        {
            "raised_by_name": "Head of Public Protection",
            "raised_by_role": "head_of_service",
            "service": "Public protection",
            "concern": "Safeguarding referrals get no feedback",
            "barrier": "Referrals closed silently",
            "partner": newport.pk,
            "owner": opcc.pk,
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    response = client.post(
        reverse("themes:concern_follow_up", args=[concern.pk]),
        {"action": "Confirm outcomes within 28 days", "due_date": "2026-03-01"},
    )
    assert response.status_code == 302
    response = client.post(reverse("themes:concern_propose", args=[concern.pk]))
    review = ThematicReview.objects.get()
    assert response.url == reverse("themes:review", args=[review.pk])
    page = client.get(reverse("themes:concern", args=[concern.pk])).text
    assert "Confirm outcomes within 28 days" in page and review.title in page


def test_concern_form_needs_a_bcu_or_service(client, opcc, newport):
    _login(client, opcc)
    response = client.post(
        reverse("themes:concern_new"),
        {
            "raised_by_name": "X",
            "raised_by_role": "bcu_commander",
            "concern": "Y",
            "partner": newport.pk,
        },
    )
    assert response.status_code == 400
    assert not Concern.objects.exists()


def test_another_partner_persona_cannot_reach_the_register(client, newport):
    _login(client, persona("partner", "rhys", org=newport))
    assert client.get(reverse("themes:concerns")).status_code == 302
    assert client.get(reverse("themes:concern_new")).status_code == 403
