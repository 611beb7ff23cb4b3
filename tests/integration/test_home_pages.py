"""Every role lands on its home page: this month's cycle, what awaits it, its notifications."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.accounts.models import User
from oversight.accounts.permissions import Role
from oversight.analysis.cycle import WorkingCalendar
from oversight.data.models import Decision, Finding, FindingKind, ValuesBatch
from oversight.meetings import services as meetings
from oversight.meetings.models import Action, CycleStep, Meeting
from oversight.notifications.models import Delivery, Kind, Notification
from oversight.notifications.services import delivery_of, notify
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.performance.commentary import add_commentary
from oversight.performance.models import Rating
from oversight.publishing import services as publishing
from oversight.themes import services as themes
from oversight.themes.models import Concern
from tests.factories.board import board
from tests.factories.people import PASSWORD, organisation, persona
from tests.factories.publications import ENGLISH_ONLY

pytestmark = pytest.mark.django_db
HOME = "/home/"


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _html(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def _next_board(after_days: int) -> dt.date:
    """Return the first working Thursday at least `after_days` from today."""
    calendar = WorkingCalendar()
    day = timezone.localdate() + dt.timedelta(days=after_days)
    while day.weekday() != 3 or not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _action(title: str, owner: User | None, due_in: int, **extra) -> Action:
    return meetings.create_action(
        title=title,
        owner=owner,
        owner_name="" if owner else "A named officer",
        due_date=timezone.localdate() + dt.timedelta(days=due_in),
        origin=Action.Origin.THEME,
        origin_label="Hate crime",
        by=None,
        **extra,
    )


@pytest.fixture
def presented(force):
    plan = sample.build_plan(bcus=("east",))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0] * 24, start="2023-07", area="force")
    return performance.mark_presented(
        snapshot=performance.create_snapshot(period="2025-06", by=force), by=force
    )


# Signing in, and who may see the page ----------------------------------------------------------


def test_signing_in_lands_on_the_home_page(client, opcc):
    response = client.post(
        reverse("accounts:login"), {"username": opcc.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == HOME


def test_the_public_is_sent_to_sign_in_and_the_root_stays_public(client, db):
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.get("/").url == reverse("publishing:index")


@pytest.mark.parametrize("role", Role.values)
def test_every_role_has_a_home_page_and_a_home_link(client, db, role):
    user = persona(role, f"home-{role}")
    html = _html(client, user)
    assert '<a href="/home/" aria-current="page">Home</a>' in html
    assert "Notifications" in html and 'name="delivery"' in html


# This month ------------------------------------------------------------------------------------


def test_the_cycle_of_the_next_board_comes_first_with_owners_dates_and_status(client, opcc):
    last, current, later = _next_board(-40), _next_board(10), _next_board(45)
    meetings.create_cycles(csb_dates=[last, current, later], calendar=WorkingCalendar(), by=None)
    board_meeting = Meeting.objects.get(kind=Meeting.Kind.CSB, date=current)

    client.force_login(opcc)
    text = _text(client.get(HOME))
    html = client.get(HOME).content.decode()

    assert f"The cycle for the Board on {current:%A} {current.day} {current:%B %Y}" in text
    assert text.count("Joint Performance Management Group") >= 1
    assert "Chief Constable's Gold" in text and "Planned" in text
    assert reverse("meetings:detail", args=[board_meeting.pk]) in html
    assert "No Board pack yet" in text  # there is no snapshot to draw it from
    assert reverse("reports:overview") in html


def test_a_board_with_a_snapshot_links_its_pack(client, force):
    snapshot = board()
    performance.mark_presented(snapshot=snapshot, by=force)
    current = _next_board(10)
    meetings.create_cycles(csb_dates=[current], calendar=WorkingCalendar(), by=None)

    html = _html(client, force)

    assert reverse("reports:board", args=[current.isoformat()]) in html


def test_the_steps_of_the_persons_team_late_or_due_this_week_await_them(client, opcc, force):
    (cycle,) = meetings.create_cycles(
        csb_dates=[_next_board(10)], calendar=WorkingCalendar(), by=None
    )
    today = timezone.localdate()
    steps = {s.key: s for s in cycle.steps.all()}
    CycleStep.objects.filter(pk=steps["briefing"].pk).update(
        planned_date=today - dt.timedelta(days=2)  # joint, late
    )
    CycleStep.objects.filter(pk=steps["chief_constables_gold"].pk).update(
        planned_date=today + dt.timedelta(days=1)  # the force's, tomorrow
    )
    CycleStep.objects.filter(pk=steps["csb"].pk).update(
        planned_date=today + dt.timedelta(days=30)  # the Commissioner's, not yet
    )

    opcc_text = _text(_client_get(client, opcc))
    force_text = _text(_client_get(client, force))

    assert "Late Briefing" in opcc_text and "Late Briefing" in force_text
    assert "2 days ago" in opcc_text
    assert "Chief Constable's Gold (Board" not in opcc_text
    assert "Chief Constable's Gold (Board" in force_text and "planned tomorrow" in force_text


def _client_get(client, user):
    client.force_login(user)
    return client.get(HOME)


# What awaits each role ---------------------------------------------------------------------------


def test_the_commissioners_team_sees_what_others_asked_it_to_approve(client, opcc, presented):
    colleague = persona("commissioners_team", "eleri")
    theirs = publishing.request_publication(snapshot=presented, by=colleague)

    html = _html(client, opcc)
    own = _html(client, colleague)

    assert reverse("publications:detail", args=[theirs.pk]) in html
    assert "Performance in Jun 2025 (request" in html
    assert reverse("publications:detail", args=[theirs.pk]) not in own
    assert "No publication awaits your approval." in own


def test_scrutiny_awaits_an_answer_until_the_force_gives_one(client, opcc, force, presented):
    measure = presented.assessments.first().measure
    question = add_commentary(
        measure=measure,
        kind="scrutiny_question",
        text="Why did this fall in June?",
        by=opcc,
        snapshot=presented,
    )

    assert "“Why did this fall in June?” asked by" in _text(_client_get(client, opcc))
    assert "Scrutiny questions to answer" in _text(_client_get(client, force))
    add_commentary(
        measure=measure, kind="answer", text="A new recording rule.", by=force, parent=question
    )
    assert "Every scrutiny question is answered." in _text(_client_get(client, opcc))


def test_the_force_is_asked_for_commentary_on_each_red_measure(client, force):
    snapshot = performance.mark_presented(snapshot=board(), by=force)
    cells = snapshot.assessments.filter(area="force", breakdown="").with_overrides()
    red = [c.measure for c in cells if c.effective_rating == Rating.RED]
    assert red, "the board factory makes some measures Red"

    html = _html(client, force)
    link = reverse("reports:measure", args=[red[0].code]) + f"?snapshot={snapshot.pk}"
    assert link in html
    assert all(f"{m.code} {m.name}" in html for m in red)

    add_commentary(
        measure=red[0], kind="force_commentary", text="A burglary series.", by=force,
        snapshot=snapshot,
    )  # fmt: skip
    assert link not in _html(client, force)


def test_the_force_is_asked_to_decide_open_findings(client, force, opcc):
    fields = {"force": "gwent", "dataset": "street", "summary": "Burglary 100 → 300 a month"}
    open_one = Finding.objects.create(kind=FindingKind.BREAK, period="2024-10", **fields)
    decided = Finding.objects.create(
        kind=FindingKind.BREAK,
        period="2023-10",
        decision=Decision.REAL_CHANGE,
        reason="Confirmed.",
        **fields,
    )

    html = _html(client, force)

    assert reverse("data:finding", args=[open_one.pk]) in html
    assert reverse("data:finding", args=[decided.pk]) not in html
    assert "Integrity findings to decide" not in _html(client, opcc)


def test_open_actions_come_overdue_first_with_the_organisations_unowned_ones(client, force):
    gwent = organisation("gwent-police", "Gwent Police")
    force.organisation = gwent
    force.save()
    colleague = persona("chief_constables_team", "bethan", org=gwent)
    later = _action("Plan the summer", force, 20)
    late = _action("Explain the burglary rise", force, -9)
    ours = _action("Brief the new BCU commanders", None, 5, organisation=gwent)
    theirs = _action("Bethan's own action", colleague, 3)
    done = _action("Already done", force, -30)
    meetings.update_action(action=done, changes={"status": "done"}, by=None)

    text = _text(_client_get(client, force))

    assert "Overdue Explain the burglary rise" in text and "9 days ago" in text
    assert text.index(late.title) < text.index(ours.title) < text.index(later.title)
    assert theirs.title not in text and done.title not in text


def test_a_partner_sees_its_organisations_follow_ups_and_no_cycle(client, opcc):
    newport = organisation()
    nia = persona("partner", "nia", org=newport)
    torfaen = organisation("torfaen", "Torfaen Council")

    def follow_up(partner, action):
        concern = themes.raise_concern(
            raised_by_name="Ch Supt Evans", raised_by_role=Concern.RaisedByRole.BCU_COMMANDER,
            service="Neighbourhood policing", concern="CCTV footage takes weeks",
            partner=partner, by=opcc,
        )  # fmt: skip
        return themes.add_follow_up(
            concern=concern, action=action, due_date=timezone.localdate(), by=opcc
        )

    mine = follow_up(newport, "Agree a protocol for footage")
    other = follow_up(torfaen, "Torfaen's own follow-up")
    meetings.create_cycles(csb_dates=[_next_board(10)], calendar=WorkingCalendar(), by=None)

    html = _html(client, nia)

    assert "Follow-ups for Newport City Council" in html
    assert reverse("themes:follow_up", args=[mine.pk]) in html
    assert reverse("themes:follow_up", args=[other.pk]) not in html
    assert "The cycle for the Board" not in html and "How recent the data are" not in html
    # Her notification of it is on the page too.
    assert "A follow-up for Newport City Council" in html


def test_the_panel_sees_the_latest_publication_and_its_released_papers(
    client, panel, opcc, presented
):
    approver = persona("commissioners_team", "eleri")
    request = publishing.request_publication(snapshot=presented, by=opcc)
    published = publishing.approve(publication=request, by=approver, welsh_reason=ENGLISH_ONLY)
    paper = publishing.release_paper(
        title="Questions for the Commissioner", file_name="questions.txt",
        data=b"What is the plan for burglary?", by=opcc,
    )  # fmt: skip
    meetings.create_cycles(csb_dates=[_next_board(10)], calendar=WorkingCalendar(), by=None)

    html = _html(client, panel)

    assert reverse("publishing:overview", args=[published.number]) in html
    assert f"Publication {published.number}: performance in Jun 2025" in html
    assert reverse("publishing:panel_paper", args=[paper.pk]) in html
    assert "Awaiting you" not in html and "The cycle for the Board" not in html


def test_an_administrator_sees_imports_and_users(client, administrator, opcc):
    batch = ValuesBatch.objects.create(
        file_name="june-values.csv", sha256="0" * 64, status=ValuesBatch.Status.LOADED, rows=12
    )

    text = _text(_client_get(client, administrator))
    html = client.get(HOME).content.decode()

    assert "Force-supplied values: june-values.csv" in text and "12 rows" in text
    assert reverse("data:batch", args=["values", batch.pk]) in html
    assert "Commissioner's team: 1 active user" in text
    assert "2 active users have no e-mail address" in text
    assert reverse("admin:accounts_user_changelist") in html


# Notifications on the page ---------------------------------------------------------------------


def test_notifications_are_listed_newest_first_and_can_all_be_marked_read(client, force):
    for subject in ("Older", "Newer"):
        notify(users=[force], kind=Kind.ACTION_DUE, subject=subject, url="/meetings/actions/")
    Notification.objects.filter(subject="Older").update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )

    text = _text(_client_get(client, force))
    assert "Notifications (2 unread)" in text
    assert text.index("Unread Newer") < text.index("Unread Older")

    response = client.post(reverse("home:mark_read"))
    assert response.status_code == 302
    text = _text(client.get(HOME))
    assert "Unread" not in text and "Mark all read" not in text
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_home_page_changes_how_notifications_are_emailed(client, partner):
    client.force_login(partner)

    response = client.post(reverse("home:delivery"), {"delivery": Delivery.DIGEST})

    assert response.status_code == 302
    assert delivery_of(partner) == Delivery.DIGEST
    assert re.search(r'value="digest"[^>]*checked', client.get(HOME).content.decode())
    assert client.post(reverse("home:delivery"), {"delivery": "hourly"}).status_code == 400
    assert client.get(reverse("home:mark_read")).status_code == 405
