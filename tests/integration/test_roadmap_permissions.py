"""Who may change which activities: enforced in the services, echoed by the pages, audited."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied

from oversight.accounts.models import AuditEvent
from oversight.roadmap import services
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity
from oversight.roadmap.values import values_of
from tests.factories.people import organisation, persona
from tests.factories.publications import published_board


@pytest.fixture
def roadmap(demo_plan):
    load(stdout=StringIO())
    demo_plan.published = True
    demo_plan.save()
    return demo_plan


def renamed(ref: str, title: str = "Renamed"):
    activity = Activity.objects.get(ref=ref)
    values = values_of(activity)
    values.title = title
    return activity, values


# RM-001 force, RM-002 commissioner, RM-009 partner Newport City Council, RM-006 partner ABUHB.
@pytest.mark.parametrize(
    ("who", "allowed", "refused"),
    [
        ("force", ["RM-001"], ["RM-002", "RM-009", "RM-006"]),
        ("opcc", ["RM-002"], ["RM-001", "RM-009", "RM-006"]),
        ("partner", ["RM-009"], ["RM-001", "RM-002", "RM-006"]),
        ("panel", [], ["RM-001", "RM-002", "RM-009", "RM-006"]),
        ("administrator", [], ["RM-001", "RM-002", "RM-009"]),
    ],
)
def test_each_role_changes_only_its_own_perspective(roadmap, request, who, allowed, refused):
    user = request.getfixturevalue(who)
    for ref in allowed:
        activity, values = renamed(ref, f"Changed by {who}")
        assert services.update_activity(activity=activity, values=values, by=user)
        event = AuditEvent.objects.filter(action="roadmap.activity.updated").first()
        assert event.actor == user
        assert event.before["title"] != event.after["title"] == f"Changed by {who}"
    for ref in refused:
        activity, values = renamed(ref)
        with pytest.raises(PermissionDenied):
            services.update_activity(activity=activity, values=values, by=user)
        assert Activity.objects.get(ref=ref).title != "Renamed"


def test_a_team_cannot_hand_an_activity_to_another_perspective(roadmap, force):
    activity, values = renamed("RM-001")
    values.perspective = "commissioner"
    with pytest.raises(PermissionDenied):
        services.update_activity(activity=activity, values=values, by=force)
    assert Activity.objects.get(ref="RM-001").perspective == "force"


def test_partner_creates_only_for_their_own_organisation(roadmap, partner):
    _, values = renamed("RM-009")
    values.ref = "RM-200"
    created = services.create_activity(plan=roadmap, values=values, by=partner)
    assert AuditEvent.objects.filter(
        action="roadmap.activity.created", object_id=str(created.pk), actor=partner
    ).exists()
    values.ref = "RM-201"
    values.partner = organisation("abuhb", "Aneurin Bevan University Health Board")
    with pytest.raises(PermissionDenied):
        services.create_activity(plan=roadmap, values=values, by=partner)


def test_another_partner_cannot_change_newports_activity(roadmap):
    other = persona("partner", "dai", organisation("gwent-yjs", "Gwent Youth Justice Service"))
    activity, values = renamed("RM-009")
    with pytest.raises(PermissionDenied):
        services.update_activity(activity=activity, values=values, by=other)
    activity, values = renamed("RM-007")  # the youth justice service's own
    assert services.update_activity(activity=activity, values=values, by=other)


def test_status_change_and_delete_are_checked_and_audited(roadmap, force, opcc):
    activity = Activity.objects.get(ref="RM-010")
    with pytest.raises(PermissionDenied):
        services.set_status(activity=activity, status="slipped", by=opcc)
    services.set_status(activity=activity, status="slipped", by=force, note="Supplier late")
    event = AuditEvent.objects.get(action="roadmap.activity.status")
    assert (event.before, event.after, event.note) == (
        {"status": "in_progress"},
        {"status": "slipped"},
        "Supplier late",
    )
    with pytest.raises(PermissionDenied):
        services.delete_activity(activity=activity, by=opcc)
    services.delete_activity(activity=activity, by=force)
    assert AuditEvent.objects.get(action="roadmap.activity.deleted").before["ref"] == "RM-010"


def test_edit_page_is_refused_for_another_teams_activity(roadmap, client, force):
    client.force_login(force)
    assert client.get("/roadmap/activities/RM-001/edit/").status_code == 200
    assert client.get("/roadmap/activities/RM-002/edit/").status_code == 403


def test_edit_page_saves_through_the_service(roadmap, client, opcc):
    client.force_login(opcc)
    page = client.get("/roadmap/activities/RM-002/edit/")
    data = {k: v for k, v in page.context["form"].initial.items() if v not in (None, [])}
    data = {
        k: (v.pk if hasattr(v, "pk") else [i.pk for i in v] if isinstance(v, list) else v)
        for k, v in data.items()
    }
    data.update(title="Community fund for anti-social behaviour", public="on")
    response = client.post("/roadmap/activities/RM-002/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert Activity.objects.get(ref="RM-002").title == "Community fund for anti-social behaviour"
    assert AuditEvent.objects.filter(action="roadmap.activity.updated", actor=opcc).exists()


def test_add_form_reports_rule_breaches(roadmap, client, force):
    client.force_login(force)
    response = client.post(
        "/roadmap/activities/new/",
        {"ref": "RM-300", "title": "Backwards", "perspective": "force", "start": "2027Q1",
         "end": "2026Q1", "status": "planned", "public": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["end"] == ["ends (2026Q1) before it starts (2027Q1)"]
    assert errors["public_summary"] == ["a public activity needs a plain-English summary"]
    assert not Activity.objects.filter(ref="RM-300").exists()


@pytest.mark.parametrize("who", ["panel", None])
def test_panel_and_public_read_only_public_activities(roadmap, client, request, who):
    if who:
        client.force_login(request.getfixturevalue(who))
        assert client.get("/roadmap/").status_code == 403
        assert client.get("/roadmap/activities/RM-001/").status_code == 403
    else:
        assert client.get("/roadmap/").status_code == 302
    published_board(roadmap)
    page = client.get("/roadmap/public/", follow=True).content.decode()
    assert "One hub where police, social services and health assess risk" in page
    assert "Domestic abuse safeguarding hub" not in page  # titles are internal
    assert "Integrated offender management" not in page  # not public
    assert "RM-008" not in page
    assert "Not linked to a priority" not in page
    assert client.post("/roadmap/import/").status_code in (302, 403)


def test_a_partners_refused_reassignment_reshows_the_form_with_the_reason(roadmap, client, partner):
    other = organisation("abuhb", "Aneurin Bevan University Health Board")
    client.force_login(partner)
    page = client.get("/roadmap/activities/RM-009/edit/").content.decode()
    # A partner is not offered the fields they may not change.
    assert 'name="partner"' not in page and 'name="perspective"' not in page

    form = _posted("RM-009")
    form.update(title="A new title I typed", partner=str(other.pk))
    response = client.post("/roadmap/activities/RM-009/edit/", form)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Partners may change only their own organisation&#x27;s activities" in html
    assert 'value="A new title I typed"' in html
    assert Activity.objects.get(ref="RM-009").title != "A new title I typed"


def _posted(ref: str) -> dict[str, str]:
    """Return an activity's edit form as the browser would post it unchanged."""
    from oversight.roadmap.forms import ActivityForm

    activity = Activity.objects.get(ref=ref)
    initial = ActivityForm.initial_from(values_of(activity))
    data = {}
    for key, value in initial.items():
        if value is None or key in ("perspective", "partner"):
            continue
        if isinstance(value, list):
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        data[key] = str(getattr(value, "pk", value))
    return data
