"""The Panel's questions: a Panel member asks about a published figure; the Commissioner's team
assigns, answers and releases it by its due date; it appears on the Panel's page, and on the
public page only when published there. One past its date is on the team's home page and the
next JPMG's agenda. Who may do what; nothing unreleased reaches the public."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from oversight.accounts.models import AuditEvent, User
from oversight.accounts.permissions import Role
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.meetings.models import Meeting
from oversight.notifications.models import Kind, Notification
from oversight.publishing import services as publishing
from oversight.publishing.models import Publication
from oversight.questions import services as questions
from oversight.questions.models import Question
from oversight.questions.pins import PinError, resolve
from oversight.questions.reminders import remind_overdue
from tests.factories.notifications import addressed
from tests.factories.publications import published_board
from tests.integration.test_access_sweep import _path, _public_routes

pytestmark = pytest.mark.django_db
ASK = "/public/questions/ask/"
REGISTER = "/questions/"
PANEL = "/public/panel/"
PUBLIC = "/public/questions/"
HOME = "/home/"


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return _words(response.content.decode())


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _group(response, key: str) -> str:
    """Return the HTML of one section of the home page."""
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="group-{key}"' in html, key
    return html.split(f'id="group-{key}"', 1)[1].split("</section>", 1)[0]


def _actions(question: Question) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="questions.Question", object_id=str(question.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _next_board(after_days: int) -> dt.date:
    """Return the first working Thursday at least `after_days` from today."""
    calendar = WorkingCalendar()
    day = timezone.localdate() + dt.timedelta(days=after_days)
    while day.weekday() != 3 or not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def publication() -> Publication:
    return published_board()


@pytest.fixture
def figure(publication) -> tuple[str, dict]:
    """The pin of the publication's first figure, and the figure."""
    measure = publication.content["measures"][0]
    return f"figure:{publication.number}:{measure['code']}", measure


@pytest.fixture
def people(panel, opcc, force):
    """Gareth of the Panel asks; Olwen of the Commissioner's team assigns; Matt answers."""
    return addressed(panel), addressed(opcc), addressed(force)


def _ask(pin: str, by, text: str = "Why did this rise?", **extra) -> Question:
    return questions.ask(kind="question", text=text, pin=pin, by=by, **extra)


# The Done-when flow ---------------------------------------------------------------------------


def test_a_question_on_a_published_figure_is_answered_in_time_and_shown_to_the_panel(
    client, people, figure, django_capture_on_commit_callbacks
):
    gareth, olwen, matt = people
    pin, measure = figure

    # Gareth asks from the figure's link.
    client.force_login(gareth)
    form = client.get(ASK, {"pin": pin})
    assert form.status_code == 200
    assert f'<option value="{pin}" selected>' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ASK,
            {"kind": "question", "pin": pin, "text": "Why has this figure risen since June?"},
        )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response.url == f"{PANEL}#question-{question.pk}"
    today = timezone.localdate()
    assert question.due_date == WorkingCalendar().working_days_after(today, 15)
    assert question.asked_by == gareth and question.publication.number == int(pin.split(":")[1])
    assert measure["code"] in question.pin_label and measure["name"] in question.pin_label
    asked = Notification.objects.get(user=olwen, kind=Kind.QUESTION_ASKED)
    assert ["olwen@example.org"] in [m.to for m in mail.outbox]
    assert asked.url == f"/questions/{question.pk}/"
    page = _text(client.get(PANEL))
    assert "Why has this figure risen since June?" in page
    assert "Received, awaiting assignment" in page and "Due " in page

    # Olwen sees it in the register, assigns it to Matt, who is told.
    client.force_login(olwen)
    assert "Why has this figure risen since June?" in _text(client.get(REGISTER))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/assign/", {"assignee": matt.pk})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["matt@example.org"]]
    assert Notification.objects.filter(user=matt, kind=Kind.QUESTION_ASSIGNED).count() == 1

    # Matt drafts the answer: the Panel does not see a draft.
    client.force_login(matt)
    assert client.get(f"/questions/{question.pk}/").status_code == 200
    response = client.post(
        f"/questions/{question.pk}/answer/", {"answer": "Recording improved in July."}
    )
    assert response.status_code == 302
    client.force_login(gareth)
    page = _text(client.get(PANEL))
    assert "Recording improved in July." not in page
    assert "Answer drafted, awaiting release" in page

    # Olwen releases it to the Panel only; Gareth is told and reads it.
    client.force_login(olwen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/release/", {})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["gareth@example.org"]]
    assert "Recording improved in July." in mail.outbox[0].body
    question.refresh_from_db()
    assert question.is_released and not question.public and question.answered_in_time

    client.force_login(gareth)
    page = _text(client.get(PANEL))
    assert "Recording improved in July." in page and "within the due date" in page
    assert "Recording improved in July." not in _text(client.get(PUBLIC))

    # Then, by choice, on the public site too, asked by "a Panel member".
    client.force_login(olwen)
    assert client.post(f"/questions/{question.pk}/release/", {"public": "on"}).status_code == 302
    client.logout()
    public = _text(client.get(PUBLIC))
    assert "Why has this figure risen since June?" in public
    assert "Recording improved in July." in public
    assert "Asked by a Panel member" in public and gareth.display_name not in public
    assert _actions(question) == [
        "question.asked",
        "question.assigned",
        "question.answer_saved",
        "question.released",
        "question.made_public",
    ]


def test_an_answer_released_with_the_public_box_ticked_is_public_at_once(people, figure):
    gareth, olwen, _ = people
    question = _ask(figure[0], gareth)
    questions.save_answer(question=question, answer="Here is the answer.", by=olwen)
    question = questions.release(question=question, to_public=True, by=olwen)
    assert question.public and question.made_public_at == question.released_at
    assert list(Question.objects.public()) == [question]


def test_an_unanswered_question_past_its_date_is_on_the_home_page_and_the_next_jpmg(
    client, people, figure
):
    gareth, olwen, matt = people
    asked = timezone.now() - dt.timedelta(days=40)
    late = _ask(figure[0], gareth, "Where is the breakdown by age?", at=asked)
    on_time = _ask(figure[0], gareth, "A question asked today.")
    today = timezone.localdate()
    assert late.due_date < today < on_time.due_date

    client.force_login(olwen)
    group = _group(client.get(HOME), "panel_questions")
    assert "Panel questions awaiting an answer (2)" in _words(group)
    item = group.split(f'href="/questions/{late.pk}/"')[0].rsplit("<li>", 1)[1]
    assert "Overdue" in item
    later_item = group.split(f'href="/questions/{on_time.pk}/"')[0].rsplit("<li>", 1)[1]
    assert "Overdue" not in later_item
    assert "Where is the breakdown by age?" in group

    # The next JPMG lists the overdue question; the JPMG after it does not.
    first, second = _next_board(14), _next_board(50)
    meetings.create_cycles(csb_dates=[first, second], calendar=WorkingCalendar(), by=None)
    next_jpmg, later_jpmg = Meeting.objects.filter(kind=Meeting.Kind.JPMG).order_by("date")
    page = _text(client.get(reverse("meetings:detail", args=[next_jpmg.pk])))
    assert "Overdue Panel questions (1)" in page
    assert "Where is the breakdown by age?" in page
    assert "A question asked today." not in page
    assert "Overdue Panel questions" not in _text(
        client.get(reverse("meetings:detail", args=[later_jpmg.pk]))
    )
    csb = Meeting.objects.filter(kind=Meeting.Kind.CSB).order_by("date").first()
    assert "Overdue Panel questions" not in _text(
        client.get(reverse("meetings:detail", args=[csb.pk]))
    )

    # Answered and released, it leaves both.
    questions.save_answer(question=late, answer="The breakdown is attached.", by=matt)
    questions.release(question=late, to_public=False, by=olwen)
    assert f'href="/questions/{late.pk}/"' not in _group(client.get(HOME), "panel_questions")
    page = _text(client.get(reverse("meetings:detail", args=[next_jpmg.pk])))
    assert "Overdue Panel questions" not in page


def test_a_question_due_before_the_next_jpmg_meets_is_on_its_agenda(client, people, figure):
    gareth, olwen, _ = people
    question = _ask(figure[0], gareth)
    meetings.create_cycles(csb_dates=[_next_board(60)], calendar=WorkingCalendar(), by=None)
    jpmg = Meeting.objects.get(kind=Meeting.Kind.JPMG)
    assert question.due_date < jpmg.date
    client.force_login(olwen)
    page = _text(client.get(reverse("meetings:detail", args=[jpmg.pk])))
    assert "Overdue Panel questions (1)" in page and "Why did this rise?" in page


def test_the_force_sees_the_questions_assigned_to_it_on_its_home_page(client, people, figure):
    gareth, olwen, matt = people
    question = _ask(figure[0], gareth, "Assigned to the force.")
    _ask(figure[0], gareth, "Not assigned to anyone.")
    questions.assign(question=question, assignee=matt, by=olwen)
    client.force_login(matt)
    page = _text(client.get(HOME))
    assert "Panel questions for you to answer (1)" in page
    assert "Assigned to the force." in page and "Not assigned to anyone." not in page


def test_the_panel_member_sees_their_questions_on_their_home_page(client, people, figure):
    gareth, _, _ = people
    _ask(figure[0], gareth, "On my home page.")
    client.force_login(gareth)
    page = _text(client.get(HOME))
    assert "Your questions to the Commissioner's team" in page
    assert "Received, awaiting assignment" in page


@override_settings(QUESTION_WORKING_DAYS=5)
def test_the_setting_sets_how_many_working_days_an_answer_takes(people, figure):
    question = _ask(figure[0], people[0])
    today = timezone.localdate()
    assert question.due_date == WorkingCalendar().working_days_after(today, 5)


def test_an_overdue_question_notifies_who_answers_it_once(people, figure):
    gareth, olwen, matt = people
    # The Commissioner's team: Olwen, and the requester and approver of the publication.
    team = sorted(User.objects.filter(role=Role.COMMISSIONERS_TEAM).values_list("username"))
    assert len(team) == 3
    asked = timezone.now() - dt.timedelta(days=40)
    unassigned = _ask(figure[0], gareth, "Nobody has this yet.", at=asked)
    assigned = _ask(figure[0], gareth, "Matt has this.", at=asked)
    questions.assign(question=assigned, assignee=matt, by=olwen)
    today = timezone.localdate()

    assert remind_overdue(today=today) == {Kind.QUESTION_OVERDUE.value: 4}
    assert remind_overdue(today=today + dt.timedelta(days=1)) == {Kind.QUESTION_OVERDUE.value: 0}
    notes = Notification.objects.filter(kind=Kind.QUESTION_OVERDUE)
    assert sorted(notes.values_list("user__username", "url")) == sorted(
        [(name, f"/questions/{unassigned.pk}/") for (name,) in team]
        + [(matt.username, f"/questions/{assigned.pk}/")]
    )


# What a question may be pinned to ----------------------------------------------------------------


def test_a_question_may_be_pinned_to_a_theme_or_a_released_paper(people, publication):
    gareth, olwen, _ = people
    theme = publication.content["themes"][0]
    question = _ask(f"theme:{publication.number}:{theme['slug']}", gareth)
    assert question.pin == Question.Pin.THEME and theme["title"] in question.pin_label
    assert question.pin_url().endswith(f"#theme-{theme['slug']}")
    paper = publishing.release_paper(
        title="Budget report", file_name="budget.txt", data=b"Budget.", by=olwen
    )
    question = _ask(f"paper:{paper.pk}", gareth)
    assert question.pin_label == "Panel paper: Budget report"
    assert question.public_pin_label == "A paper released to the Police and Crime Panel"
    assert question.pin_url() == reverse("publishing:panel_paper", args=[paper.pk])
    assert question.pin_url(for_public=True) == ""


def test_a_pin_must_be_something_the_panel_can_see(people, publication, figure):
    gareth, olwen, _ = people
    n = publication.number
    withdrawn = publishing.release_paper(
        title="Old paper", file_name="old.txt", data=b"Old.", by=olwen
    )
    publishing.withdraw_paper(paper=withdrawn, by=olwen, reason="Superseded")
    awaiting = publishing.file_panel_paper(publication=publication, by=olwen)
    for pin, said in [
        (f"figure:{n}:NOPE", "has no figure for measure NOPE"),
        (f"figure:{n + 1}:{figure[1]['code']}", f"Publication {n + 1} is not published"),
        (f"theme:{n}:no-such-theme", "has no theme no-such-theme"),
        (f"activity:{n}:R-99", "no public roadmap activity R-99"),
        (f"paper:{withdrawn.pk}", "not released to the Panel"),
        (f"paper:{awaiting.pk}", "not released to the Panel"),
        ("paper:x", "Choose a published figure"),
        ("", "Choose a published figure"),
        ("measure:1:M01", "Choose a published figure"),
    ]:
        with pytest.raises(PinError, match=said):
            resolve(pin)
        with pytest.raises(ValueError):
            _ask(pin, gareth)
    assert not Question.objects.exists()


def test_the_ask_form_offers_the_latest_publications_figures_and_refuses_a_hidden_pin(
    client, people, figure, publication
):
    gareth = people[0]
    client.force_login(gareth)
    html = client.get(ASK).content.decode()
    assert f'<option value="{figure[0]}">' in html
    assert f"Figures in publication {publication.number}" in html
    response = client.post(ASK, {"kind": "question", "pin": "figure:99:M01", "text": "Hidden?"})
    assert response.status_code == 400
    response = client.post(ASK, {"kind": "question", "pin": figure[0], "text": "  "})
    assert response.status_code == 400
    assert not Question.objects.exists()


# Who may do what --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, people, figure):
    question = _ask(figure[0], people[0])
    for path in (ASK, REGISTER, f"/questions/{question.pk}/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    for action in ("assign", "answer", "release"):
        response = client.post(f"/questions/{question.pk}/{action}/", {"answer": "x"})
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.get(PUBLIC).status_code == 200


def test_only_the_panel_asks(client, people, partner, administrator, figure):
    _, olwen, matt = people
    for user in (olwen, matt, partner, administrator):
        client.force_login(user)
        assert client.get(ASK).status_code == 403
        post = client.post(ASK, {"kind": "question", "pin": figure[0], "text": "Not mine"})
        assert post.status_code == 403
    with pytest.raises(ValueError, match="Only members of the Police and Crime Panel"):
        _ask(figure[0], olwen)
    assert not Question.objects.exists()


def test_the_force_answers_but_only_the_commissioners_team_assigns_and_releases(
    client, people, figure
):
    gareth, _, matt = people
    question = _ask(figure[0], gareth)
    url = f"/questions/{question.pk}"
    client.force_login(matt)
    assert client.get(REGISTER).status_code == 200
    assert client.post(f"{url}/assign/", {"assignee": matt.pk}).status_code == 403
    assert client.post(f"{url}/answer/", {"answer": "Ours."}).status_code == 302
    assert client.post(f"{url}/release/", {}).status_code == 403
    with pytest.raises(ValueError, match="Only the Commissioner's team releases"):
        questions.release(question=question, to_public=False, by=matt)
    question.refresh_from_db()
    assert question.answer == "Ours." and not question.is_released


def test_the_panel_partners_and_administrators_see_no_register(
    client, people, partner, administrator, figure
):
    gareth = people[0]
    question = _ask(figure[0], gareth)
    for user in (gareth, partner, administrator):
        client.force_login(user)
        assert client.get(REGISTER).status_code == 403
        assert client.get(f"/questions/{question.pk}/").status_code == 403
        assert client.post(f"/questions/{question.pk}/answer/", {"answer": "x"}).status_code == 403


def test_a_question_is_assigned_only_to_either_team(client, people, partner, figure):
    gareth, olwen, _ = people
    question = _ask(figure[0], gareth)
    with pytest.raises(ValueError, match="cannot answer the Panel's questions"):
        questions.assign(question=question, assignee=partner, by=olwen)
    with pytest.raises(ValueError, match="cannot answer the Panel's questions"):
        questions.assign(question=question, assignee=gareth, by=olwen)
    client.force_login(olwen)
    html = client.get(f"/questions/{question.pk}/").content.decode()
    assert f'<option value="{partner.pk}"' not in html
    response = client.post(f"/questions/{question.pk}/assign/", {"assignee": partner.pk})
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.assigned_to is None


def test_a_released_answer_never_changes(people, figure):
    gareth, olwen, matt = people
    question = _ask(figure[0], gareth)
    with pytest.raises(ValueError, match="Save an answer before releasing it"):
        questions.release(question=question, to_public=False, by=olwen)
    questions.save_answer(question=question, answer="The answer.", by=matt)
    questions.release(question=question, to_public=False, by=olwen)
    with pytest.raises(ValueError, match="no longer changes"):
        questions.save_answer(question=question, answer="Another answer.", by=matt)
    with pytest.raises(ValueError, match="no longer changes"):
        questions.assign(question=question, assignee=matt, by=olwen)
    with pytest.raises(ValueError, match="already been released"):
        questions.release(question=question, to_public=False, by=olwen)
    question.refresh_from_db()
    assert question.answer == "The answer."


# Nothing unreleased reaches the public ------------------------------------------------------------


def test_the_public_reads_only_answers_released_to_the_public(client, people, figure):
    gareth, olwen, matt = people
    secrets = {
        "asked": "Unreleased question 4a1f",
        "draft": "Draft answer 9b2e",
        "panel_question": "Panel-only question 7c3d",
        "panel_answer": "Panel-only answer 1d5a",
    }
    drafted = _ask(figure[0], gareth, secrets["asked"])
    questions.save_answer(question=drafted, answer=secrets["draft"], by=matt)
    panel_only = _ask(figure[0], gareth, secrets["panel_question"])
    questions.save_answer(question=panel_only, answer=secrets["panel_answer"], by=matt)
    questions.release(question=panel_only, to_public=False, by=olwen)
    public = _ask(figure[0], gareth, "A public question")
    questions.save_answer(question=public, answer="A public answer", by=matt)
    questions.release(question=public, to_public=True, by=olwen)

    client.logout()
    page = _text(client.get(PUBLIC))
    assert "A public question" in page and "A public answer" in page
    # Every public URL, as the anonymous sweep walks them, this page among them.
    assert "public/questions/" in _public_routes()
    real = {("", "code"): figure[1]["code"], ("", "number"): public.publication.number}
    for route in _public_routes():
        response = client.get(_path(route, real))
        body = b"".join(response) if response.streaming else response.content
        for secret in secrets.values():
            assert secret.encode() not in body, (route, secret)
        assert gareth.display_name.encode() not in body, route

    # The Panel reads what was released to it, never a draft.
    client.force_login(gareth)
    panel = _text(client.get(PANEL))
    assert secrets["panel_answer"] in panel and secrets["draft"] not in panel


def test_a_panel_member_asks_in_welsh_on_the_welsh_page(client, people, figure, publication):
    gareth = people[0]
    pin, measure = figure
    client.force_login(gareth)
    page = client.get("/cy" + ASK, {"pin": pin})
    assert page.status_code == 200
    text = _text(page)
    assert "Gofyn i dîm y Comisiynydd" in text and "Am beth ydych chi'n gofyn?" in text
    # The figures to choose from are in Welsh: the publication's words, with the month in Welsh.
    assert f"Cyhoeddiad {publication.number}, {measure['code']} " in text
    assert 'label="Ffigurau yng nghyhoeddiad' in page.content.decode()
    # The page has its English twin.
    assert f'href="{ASK}?pin=' in page.content.decode()
    response = client.post("/cy" + ASK, {"kind": "question", "pin": pin, "text": "Pam?"})
    assert response.status_code == 302 and response["Location"].startswith("/cy/public/panel/")
    question = Question.objects.get()
    assert question.pin_label.startswith(f"Cyhoeddiad {publication.number}, ")
    panel = _text(client.get(response["Location"]))
    assert "Anfonwyd eich cwestiwn at dîm y Comisiynydd" in panel


def test_the_old_ask_address_leads_to_the_panels_page(client, people, figure):
    client.force_login(people[0])
    response = client.get("/questions/ask/", {"pin": figure[0]})
    assert response.status_code == 302
    assert response["Location"] == f"{ASK}?pin={figure[0].replace(':', '%3A')}"
