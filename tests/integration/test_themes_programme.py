"""The rolling programme: Boards flagged with no theme or two; an urgent theme moves the rest on."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from oversight.accounts.models import AuditEvent
from oversight.analysis.cycle import WorkingCalendar, csb_dates_from_rule
from oversight.analysis.programme import NO_THEME, several_themes
from oversight.meetings import services as meetings
from oversight.meetings.models import Meeting
from oversight.themes import services
from oversight.themes.lifecycle import LifecycleError
from oversight.themes.models import Reschedule, ThematicReview
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.django_db
S = ThematicReview.Status


@pytest.fixture
def boards():
    """The CSB meetings of the next four months (first Thursdays from next month)."""
    today = timezone.localdate()
    start = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    calendar = WorkingCalendar()
    dates = csb_dates_from_rule("first Thursday", start, start + dt.timedelta(days=110), calendar)
    meetings.create_cycles(csb_dates=dates[:4], calendar=calendar, by=None)
    found = list(Meeting.objects.filter(kind=Meeting.Kind.CSB).order_by("date"))
    assert len(found) == 4
    return found


def _scheduled(title, board, by):
    review = services.propose_review(title=title, origin="initial_programme", by=by)
    return services.schedule(review=review, board=board, by=by)


def test_insert_urgent_moves_the_later_reviews_one_board_on_with_the_reason(boards, opcc):
    b1, b2, b3, b4 = boards
    first, second, third = (_scheduled(t, b, opcc) for t, b in (("A", b1), ("B", b2), ("C", b3)))
    urgent = services.propose_review(
        title="Knife crime", origin="significant_event", rationale="Two stabbings", by=opcc
    )
    moved = services.insert_urgent(
        review=urgent, board=b2, reason="Two fatal stabbings in Newport", by=opcc
    )
    for review in (first, second, third, urgent):
        review.refresh_from_db()
    assert (urgent.status, urgent.board) == (S.SCHEDULED, b2)
    assert first.board == b1
    assert (second.board, third.board) == (b3, b4)
    assert {m.review for m in moved} == {second, third}
    for record in moved:
        assert record.displaced_by == urgent
        assert "Two fatal stabbings in Newport" in record.reason
        assert "Knife crime" in record.reason
    assert Reschedule.objects.get(review=second).moved_from == b2.date
    assert AuditEvent.objects.filter(action="thematic_review.rescheduled").count() == 2
    event = AuditEvent.objects.get(action="thematic_review.inserted_urgent")
    assert (event.actor, event.note) == (opcc, "Two fatal stabbings in Newport")


def test_insert_urgent_past_the_last_board_leaves_the_review_awaiting_one(client, boards, opcc):
    last = _scheduled("Older people", boards[3], opcc)
    urgent = services.propose_review(
        title="Fraud", origin="public_concern", rationale="Rise in courier fraud", by=opcc
    )
    services.insert_urgent(review=urgent, board=boards[3], reason="Courier fraud", by=opcc)
    last.refresh_from_db()
    assert (last.status, last.board_id, last.board_date) == (S.SCHEDULED, None, None)
    assert "No later Board is planned" in Reschedule.objects.get(review=last).reason
    client.login(username=opcc.username, password=PASSWORD)
    page = client.get(reverse("themes:programme")).text
    assert "Awaiting a Board" in page and "Older people" in page


def test_insert_urgent_moves_a_scheduled_review_forward(boards, opcc):
    a = _scheduled("A", boards[0], opcc)
    urgent = _scheduled("Urgent", boards[2], opcc)
    services.insert_urgent(review=urgent, board=boards[0], reason="Event", by=opcc)
    a.refresh_from_db()
    urgent.refresh_from_db()
    assert (urgent.board, a.board) == (boards[0], boards[1])
    assert Reschedule.objects.get(review=urgent).moved_from == boards[2].date


def test_insert_urgent_leaves_presented_reviews_alone(boards, opcc, force):
    done = _scheduled("Done", boards[1], opcc)
    ThematicReview.objects.filter(pk=done.pk).update(status=S.PRESENTED)
    urgent = services.propose_review(title="U", origin="initial_programme", by=opcc)
    assert services.insert_urgent(review=urgent, board=boards[1], reason="x", by=opcc) == []
    done.refresh_from_db()
    assert done.board == boards[1]
    with pytest.raises(LifecycleError):
        services.insert_urgent(review=done, board=boards[2], reason="x", by=opcc)


def test_insert_urgent_refuses_no_reason_or_no_board(boards, opcc, partner):
    urgent = services.propose_review(title="U", origin="initial_programme", by=opcc)
    with pytest.raises(ValueError, match="urgent"):
        services.insert_urgent(review=urgent, board=boards[0], reason=" ", by=opcc)
    with pytest.raises(ValueError, match="No Strategic Board"):
        services.insert_urgent(
            review=urgent, board=boards[0].date + dt.timedelta(days=1), reason="x", by=opcc
        )
    with pytest.raises(PermissionDenied):
        services.insert_urgent(review=urgent, board=boards[0], reason="x", by=partner)
    urgent.refresh_from_db()
    assert urgent.status == S.PROPOSED


def test_programme_flags_boards_with_no_theme_or_two(client, boards, opcc):
    _scheduled("Domestic violence", boards[0], opcc)
    _scheduled("Hate crime", boards[2], opcc)
    _scheduled("Older people", boards[2], opcc)
    _scheduled("Victim satisfaction", boards[3], opcc)
    client.login(username=opcc.username, password=PASSWORD)
    response = client.get(reverse("themes:programme"))
    assert response.status_code == 200
    lines = {b.date: b for b in response.context["page"].boards}
    assert [lines[b.date].flag for b in boards] == ["", NO_THEME, several_themes(2), ""]
    assert response.context["page"].flagged == 2
    assert NO_THEME in response.text and several_themes(2) in response.text


def test_programme_page_urgent_form_moves_the_others(client, boards, opcc):
    later = _scheduled("Later", boards[1], opcc)
    urgent = services.propose_review(
        title="Urgent", origin="significant_event", rationale="Event", by=opcc
    )
    client.login(username=opcc.username, password=PASSWORD)
    url = reverse("themes:review_urgent", args=[urgent.pk])
    assert client.post(url, {"board": boards[1].pk, "reason": ""}).status_code == 400
    response = client.post(url, {"board": boards[1].pk, "reason": "Flooding"})
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.board == boards[2]
    page = client.get(reverse("themes:review", args=[later.pk])).text
    assert "Flooding" in page and "Urgent" in page
