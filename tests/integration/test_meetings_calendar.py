"""Calendar feeds: a revocable token per user, and an ICS of what they own or attend."""

from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.accounts.services import ensure_user
from oversight.analysis.cycle import WorkingCalendar, csb_dates_from_rule
from oversight.meetings import services
from oversight.meetings.feeds import events_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def olwen():
    user, _ = ensure_user(
        username="olwen", password="pw", role="commissioners_team", job_title="Deputy Commissioner",
        by=None,
    )  # fmt: skip
    return user


@pytest.fixture
def cycle(olwen):
    # A Board a month or two ahead, so the feed (which keeps the last quarter) includes it.
    cal = WorkingCalendar()
    start = date.today() + timedelta(days=40)
    csb = csb_dates_from_rule("second Tuesday", start, start + timedelta(days=62), cal)[0]
    return services.create_cycles(csb_dates=[csb], calendar=cal, by=None)[0]


def feed_url(token) -> str:
    return reverse("meetings:feed", args=[token.token])


def test_calendar_token_is_long_and_random(olwen):
    first = services.issue_calendar_token(user=olwen, by=olwen)
    assert len(first.token) >= 43
    second = services.issue_calendar_token(user=olwen, by=olwen)
    assert second.token != first.token or second.pk == first.pk
    assert AuditEvent.objects.filter(action__startswith="calendar_token").count() == 2
    assert all(first.token not in str(e.after) for e in AuditEvent.objects.all())


def test_calendar_feed_parses_and_lists_owned_steps_and_attended_meetings(client, olwen, cycle):
    token = services.issue_calendar_token(user=olwen, by=olwen)
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    # She attends the JPMG and the Board as Deputy Commissioner: timed meeting events.
    jpmg = cycle.meetings.get(kind="jpmg")
    assert events[f"meeting-{jpmg.pk}@oversight"] == "Joint Performance Management Group"
    # Her team owns the briefing jointly, and she does not attend it: an all-day step.
    csb = cycle.csb_date.isoformat()
    assert events[f"csb-{csb}-briefing@oversight"] == "Briefing"
    # The force owns the Gold products alone.
    assert f"csb-{csb}-gold_preparation@oversight" not in events
    # A step she attends as a meeting is not listed twice.
    assert f"csb-{csb}-jpmg@oversight" not in events
    assert f"csb-{csb}-csb_finalisation@oversight" not in events


def test_calendar_feed_of_a_revoked_token_is_not_found(client, olwen, cycle):
    token = services.issue_calendar_token(user=olwen, by=olwen)
    services.revoke_calendar_token(user=olwen, by=olwen)
    assert client.get(feed_url(token)).status_code == 404
    assert AuditEvent.objects.filter(action="calendar_token.revoked").count() == 1


def test_calendar_feed_of_a_replaced_token_is_not_found(client, olwen, cycle):
    old = services.issue_calendar_token(user=olwen, by=olwen).token
    new = services.issue_calendar_token(user=olwen, by=olwen).token
    assert client.get(f"/meetings/calendar/{old}.ics").status_code == 404
    assert client.get(f"/meetings/calendar/{new}.ics").status_code == 200


def test_calendar_feed_with_an_unknown_token_is_not_found(client):
    assert client.get("/meetings/calendar/" + "x" * 43 + ".ics").status_code == 404


def test_calendar_feed_of_a_deactivated_user_is_not_found(client, olwen, cycle):
    token = services.issue_calendar_token(user=olwen, by=olwen)
    olwen.is_active = False
    olwen.save()
    assert client.get(feed_url(token)).status_code == 404


def test_calendar_page_issues_shows_and_revokes(client, olwen):
    client.force_login(olwen)
    assert "Make my calendar address" in client.get(reverse("meetings:calendar")).content.decode()
    client.post(reverse("meetings:calendar_issue"))
    token = olwen.calendar_token
    page = client.get(reverse("meetings:calendar")).content.decode()
    assert f"{token.token}.ics" in page
    client.post(reverse("meetings:calendar_revoke"))
    page = client.get(reverse("meetings:calendar")).content.decode()
    assert f"{token.token}.ics" not in page and "revoked" in page


def test_calendar_events_for_a_partner_are_empty(cycle):
    from oversight.accounts.services import ensure_organisation

    org = ensure_organisation(name="Council", slug="council", kind="council", by=None)
    partner, _ = ensure_user(username="p", password="pw", role="partner", organisation=org, by=None)
    assert events_for(partner) == []
