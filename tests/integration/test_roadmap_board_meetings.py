"""Joint Planning Board meetings kept like the cycle's meetings, and the terms of reference
proposed at one of them and approved only by a decision of the Commissioner's Strategic Board."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from oversight.accounts.models import AuditEvent
from oversight.accounts.permissions import ROLE_PERMISSIONS, Permission, Role
from oversight.accounts.services import ensure_organisation
from oversight.meetings.feeds import events_for
from oversight.meetings.models import Attendee, Meeting
from oversight.roadmap import services
from oversight.roadmap.models import BoardMember, TermsOfReference
from tests.factories.meetings import planning_board, strategic_board

pytestmark = pytest.mark.django_db

INAUGURAL = dt.date(2026, 1, 8)
BOARD = dt.date(2026, 2, 5)
APPROVAL = "The Terms of Reference for the Joint Planning Board are approved (version 1)."


@pytest.fixture
def members():
    opcc = ensure_organisation(name="OPCC", slug="opcc", kind="opcc", by=None)
    force = ensure_organisation(name="Gwent Police", slug="force", kind="force", by=None)
    services.add_board_member(
        name="Ms Howe", job_title="Deputy Commissioner", organisation=opcc, by=None
    )
    services.add_board_member(
        name="Mr Jukes", job_title="Deputy Chief Constable", organisation=force, by=None
    )
    retired = services.add_board_member(name="Mr Gone", by=None)
    BoardMember.objects.filter(pk=retired.pk).update(active=False)


@pytest.fixture
def proposed():
    """Version 1, proposed at a held Board meeting."""
    terms = services.draft_terms(text="Version one text.", by=None)
    return services.propose_terms(terms=terms, meeting=planning_board(INAUGURAL), by=None)


# Meetings ---------------------------------------------------------------------------------


def test_a_board_meeting_is_created_and_minuted_through_the_pages(client, opcc, members):
    client.force_login(opcc)
    form = client.get("/roadmap/board/meetings/new/")
    assert form.status_code == 200
    assert form.context["form"]["title"].value() == "Joint Planning Board"
    day = timezone.localdate() + dt.timedelta(days=14)
    response = client.post(
        "/roadmap/board/meetings/new/",
        {"title": "Joint Planning Board", "date": day.isoformat(), "start_time": "10:00"},
    )
    meeting = Meeting.objects.get(kind=Meeting.Kind.JOINT_PLANNING_BOARD)
    assert response.status_code == 302
    assert response.url == f"/meetings/{meeting.pk}/"
    assert (meeting.cycle, meeting.date, meeting.start_time) == (None, day, dt.time(10, 0))
    # The Board's active members are invited, in their teams; not the meetings' presets.
    assert list(meeting.attendees.values_list("name", "team")) == [
        ("Ms Howe", Attendee.Team.COMMISSIONERS),
        ("Mr Jukes", Attendee.Team.CHIEF_CONSTABLES),
    ]
    assert client.get("/roadmap/board/").content.decode().count(f'href="/meetings/{meeting.pk}/"')

    later = day + dt.timedelta(days=7)
    response = client.post(
        f"/meetings/{meeting.pk}/schedule/",
        {"title": "Joint Planning Board", "date": later.isoformat(), "location": "Room 2"},
    )
    assert response.status_code == 302
    client.post(f"/meetings/{meeting.pk}/attendees/", {"job_title": "Analyst", "team": "other"})
    howe, jukes, analyst = meeting.attendees.order_by("order")
    client.post(
        f"/meetings/{meeting.pk}/attendance/",
        {f"attended-{howe.pk}": "yes", f"attended-{jukes.pk}": "no", f"apologies-{jukes.pk}": "on"},
    )
    client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "Roadmap reviewed.", "held": "on"})
    client.post(f"/meetings/{meeting.pk}/decisions/", {"text": "Adopt the roadmap template."})

    meeting.refresh_from_db()
    assert (meeting.date, meeting.location, meeting.start_time) == (later, "Room 2", None)
    assert (meeting.status, meeting.minutes) == ("held", "Roadmap reviewed.")
    jukes.refresh_from_db()
    assert (jukes.attended, jukes.apologies) == ("no", True)
    assert analyst.job_title == "Analyst"
    assert list(meeting.decisions.values_list("text", flat=True)) == ["Adopt the roadmap template."]
    actions = set(AuditEvent.objects.filter(actor=opcc).values_list("action", flat=True))
    assert actions >= {
        "meeting.created",
        "meeting.rescheduled",
        "attendee.added",
        "attendee.attendance",
        "meeting.minutes",
        "decision.created",
    }
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Adopt the roadmap template." in page
    assert 'href="/roadmap/board/">Joint Planning Board</a>' in page
    assert "Reschedule" in page


def test_a_board_meeting_needs_a_date(client, opcc):
    client.force_login(opcc)
    response = client.post("/roadmap/board/meetings/new/", {"title": "Joint Planning Board"})
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_with_no_members_recorded_the_founding_members_are_invited(opcc):
    meeting = services.schedule_board_meeting(date=INAUGURAL, by=opcc)
    assert "Deputy Commissioner" in meeting.attendees.values_list("job_title", flat=True)


def test_a_cycle_meeting_is_not_rescheduled_on_its_own(client, opcc):
    board = strategic_board(BOARD, is_held=False)
    client.force_login(opcc)
    response = client.post(
        f"/meetings/{board.pk}/schedule/", {"title": "Moved", "date": "2026-02-12"}
    )
    assert response.status_code == 400
    assert "moves with its step" in response.content.decode()
    board.refresh_from_db()
    assert (board.date, board.title) == (BOARD, "Commissioner's Strategic Board")


@pytest.mark.parametrize("who", ["partner", "panel"])
def test_board_meetings_and_terms_are_refused_without_the_board_right(client, who, request):
    meeting = planning_board(INAUGURAL, is_held=False)
    terms = services.draft_terms(text="Draft.", by=None)
    user = request.getfixturevalue(who)
    assert not user.can(Permission.MANAGE_PLANNING_BOARD)
    client.force_login(user)
    day = {"title": "Joint Planning Board", "date": "2026-03-05"}
    assert client.get("/roadmap/board/meetings/new/").status_code == 403
    assert client.post("/roadmap/board/meetings/new/", day).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/schedule/", day).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "x"}).status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/decisions/", {"text": "x"}).status_code == 403
    assert (
        client.post("/roadmap/board/terms/1/propose/", {"meeting": meeting.pk}).status_code == 403
    )
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.decisions.count(), meeting.date) == ("", 0, INAUGURAL)
    terms.refresh_from_db()
    assert terms.status == "draft"


def test_keeping_a_board_meeting_needs_the_planning_board_right(client, force, monkeypatch):
    # A role that keeps the cycle's meetings but not the Board's: the meeting's kind decides.
    monkeypatch.setitem(
        ROLE_PERMISSIONS,
        Role.CHIEF_CONSTABLES_TEAM,
        ROLE_PERMISSIONS[Role.CHIEF_CONSTABLES_TEAM] - {Permission.MANAGE_PLANNING_BOARD},
    )
    board_meeting = planning_board(INAUGURAL, is_held=False)
    csb = strategic_board(BOARD, is_held=False)
    client.force_login(force)
    assert (
        client.post(f"/meetings/{board_meeting.pk}/minutes/", {"minutes": "x"}).status_code == 403
    )
    assert client.post(f"/meetings/{csb.pk}/minutes/", {"minutes": "Met."}).status_code == 302
    page = client.get(f"/meetings/{board_meeting.pk}/").content.decode()
    assert "Edit the minutes" not in page
    assert "Edit the minutes" in client.get(f"/meetings/{csb.pk}/").content.decode()


def test_a_board_meeting_is_in_its_members_calendar_feed(opcc, members):
    BoardMember.objects.filter(name="Ms Howe").update(user=opcc)
    meeting = services.schedule_board_meeting(
        date=timezone.localdate() + dt.timedelta(days=3), location="Room 2", by=None
    )
    (event,) = [e for e in events_for(opcc) if e.summary == meeting.title]
    assert event.description == "Joint Planning Board\nLocation: Room 2"


# Terms of reference -----------------------------------------------------------------------


def test_proposing_at_a_meeting_other_than_the_boards_is_refused():
    terms = services.draft_terms(text="Draft.", by=None)
    board = strategic_board(BOARD)
    with pytest.raises(ValidationError, match="Only the Joint Planning Board proposes"):
        services.propose_terms(terms=terms, meeting=board, by=None)
    terms.refresh_from_db()
    assert terms.status == "draft"
    assert not board.decisions.exists()


def test_proposing_at_a_board_meeting_not_yet_held_is_refused():
    terms = services.draft_terms(text="Draft.", by=None)
    with pytest.raises(ValidationError, match="is not recorded as held"):
        services.propose_terms(
            terms=terms, meeting=planning_board(INAUGURAL, is_held=False), by=None
        )
    assert TermsOfReference.objects.get().status == "draft"


def test_proposing_at_a_strategic_board_through_the_page_is_refused(client, opcc):
    services.draft_terms(text="Draft.", by=None)
    board = strategic_board(BOARD)
    client.force_login(opcc)
    response = client.post("/roadmap/board/terms/1/propose/", {"meeting": board.pk})
    assert response.status_code == 400
    assert TermsOfReference.objects.get().status == "draft"


def test_approving_a_draft_is_refused(client, opcc):
    terms = services.draft_terms(text="Draft.", by=None)
    board = strategic_board(BOARD)
    with pytest.raises(ValidationError, match="is a draft"):
        services.approve_terms(terms=terms, meeting=board, by=None)
    client.force_login(opcc)
    assert client.post("/roadmap/board/terms/1/approve/", {"meeting": board.pk}).status_code == 400
    terms.refresh_from_db()
    assert (terms.status, terms.approved_by) == ("draft", None)
    assert not board.decisions.exists()


def test_approving_at_a_board_meeting_instead_of_the_strategic_board_is_refused(proposed):
    meeting = planning_board(BOARD)
    with pytest.raises(ValidationError, match="Only the Commissioner's Strategic Board approves"):
        services.approve_terms(terms=proposed, meeting=meeting, by=None)
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    assert not meeting.decisions.exists()


def test_approving_at_a_strategic_board_held_before_the_proposal_is_refused(proposed):
    earlier = strategic_board(dt.date(2025, 12, 4))
    with pytest.raises(ValidationError, match="met before the Joint Planning Board proposed"):
        services.approve_terms(terms=proposed, meeting=earlier, by=None)
    assert TermsOfReference.objects.get().status == "proposed"


def test_approval_at_a_strategic_board_is_recorded_there(client, opcc, proposed):
    board = strategic_board(BOARD)
    client.force_login(opcc)
    page = client.get("/roadmap/board/terms/1/").content.decode()
    assert "Approve at a Strategic Board meeting" in page
    assert "Propose at a Joint Planning Board meeting" not in page
    response = client.post("/roadmap/board/terms/1/approve/", {"meeting": board.pk})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "approved"
    assert (proposed.approved_by.meeting, proposed.approved_on) == (board, BOARD)
    assert proposed.proposed_on == INAUGURAL
    assert APPROVAL in client.get(f"/meetings/{board.pk}/").content.decode()
    proposal = "The Joint Planning Board proposes version 1 of its terms of reference"
    assert proposal in client.get(f"/meetings/{proposed.proposed_by.meeting_id}/").content.decode()
    event = AuditEvent.objects.filter(action="roadmap.terms.approved").get()
    assert (event.actor, event.before["status"], event.after["status"]) == (
        opcc,
        "proposed",
        "approved",
    )
    page = client.get("/roadmap/board/terms/1/").content.decode()
    assert "Approve at a Strategic Board meeting" not in page
    with pytest.raises(ValidationError, match="already approved"):
        services.approve_terms(terms=proposed, meeting=board, by=None)


def test_the_propose_control_is_shown_for_drafts_to_board_managers(client, opcc, force, partner):
    services.draft_terms(text="Draft.", by=None)
    planning_board(INAUGURAL)
    for user, shown in ((opcc, True), (force, True), (partner, False)):
        client.force_login(user)
        page = client.get("/roadmap/board/terms/1/").content.decode()
        assert ("Propose at a Joint Planning Board meeting" in page) is shown, user
        assert "Approve at a Strategic Board meeting" not in page


def test_an_earlier_version_is_not_approved_over_a_later_one(proposed):
    board = strategic_board(BOARD)
    v2 = services.draft_terms(text="Version two.", by=None)
    services.propose_terms(terms=v2, meeting=planning_board(INAUGURAL), by=None)
    services.approve_terms(terms=v2, meeting=board, by=None)
    with pytest.raises(ValidationError, match="a later one, is already approved"):
        services.approve_terms(terms=proposed, meeting=board, by=None)
    assert services.current_terms() == v2


def test_the_public_sees_only_the_approved_version(client, proposed):
    page = client.get("/public/roadmap/terms/").content.decode()
    assert "No terms of reference have been approved yet." in page
    assert "Version one text." not in page  # proposed, not approved
    board = strategic_board(BOARD)
    services.approve_terms(terms=proposed, meeting=board, by=None)
    v2 = services.draft_terms(text="Version two text.", by=None)
    services.propose_terms(terms=v2, meeting=planning_board(BOARD), by=None)
    page = client.get("/public/roadmap/terms/").content.decode()
    assert "Version one text." in page
    assert "Version 1, approved by the Commissioner's Strategic Board on 5 February 2026" in page
    assert "Version two text." not in page
    # A later approval supersedes it.
    services.approve_terms(terms=v2, meeting=strategic_board(dt.date(2026, 3, 5)), by=None)
    page = client.get("/public/roadmap/terms/").content.decode()
    assert "Version two text." in page and "Version one text." not in page


def test_the_terms_are_drafted_with_their_welsh_through_the_page(client, opcc):
    client.force_login(opcc)
    response = client.post(
        "/roadmap/board/terms/new/",
        {"text": "Purpose.", "text_cy": "  Diben.  "},
    )
    assert response.status_code == 302
    terms = TermsOfReference.objects.get()
    assert (terms.text, terms.text_cy) == ("Purpose.", "Diben.")
    drafted = AuditEvent.objects.get(action="roadmap.terms.drafted")
    assert drafted.after["text_cy"] == "Diben."
    # The next draft starts from this one, Welsh included.
    page = client.get("/roadmap/board/terms/new/").content.decode()
    assert "Diben." in page


def test_the_public_reads_the_approved_terms_in_welsh(client):
    terms = services.draft_terms(text="Version one text.", text_cy="Testun fersiwn un.", by=None)
    services.propose_terms(terms=terms, meeting=planning_board(INAUGURAL), by=None)
    services.approve_terms(terms=terms, meeting=strategic_board(BOARD), by=None)
    page = client.get("/cy/public/roadmap/terms/").content.decode()
    assert 'lang="cy"' in page
    assert "Testun fersiwn un." in page and "Version one text." not in page
    assert "Fersiwn 1, a gymeradwywyd gan Fwrdd Strategol y Comisiynydd ar 5 Chwefror 2026" in page
    assert 'href="/public/roadmap/terms/"' in page  # the switch to the English page


def test_approved_terms_with_no_welsh_are_shown_in_english_and_said_so(client, proposed):
    services.approve_terms(terms=proposed, meeting=strategic_board(BOARD), by=None)
    page = client.get("/cy/public/roadmap/terms/").content.decode()
    assert "Nid oes fersiwn Gymraeg o'r cylch gorchwyl hwn eto" in page
    assert '<div class="panel" lang="en-GB"><p>Version one text.</p></div>' in page


def test_the_old_public_address_of_the_terms_leads_to_the_public_page(client):
    response = client.get("/roadmap/public/terms/")
    assert response.status_code == 301
    assert response["Location"] == "/public/roadmap/terms/"
