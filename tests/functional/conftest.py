"""Browser tests: Chromium (Debian's package) driven by Playwright against the live server."""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (fixtures, force_login) would otherwise be refused as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def board_snapshot(transactional_db):
    from tests.factories.board import board

    return board()


@pytest.fixture
def signed_in_page(browser, live_server, client, transactional_db):
    """Return a function that opens a browser page signed in as a user (by session cookie)."""
    from django.conf import settings

    contexts = []

    def open_as(user):
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context = browser.new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        contexts.append(context)
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def anonymous_page(browser, live_server):
    """Return a browser page of a visitor who is not signed in."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@dataclass(frozen=True)
class Published:
    """What `published_board` published: the board's snapshot and its publication."""

    snapshot: Any
    publication: Any


@pytest.fixture
def published_board(board_snapshot, opcc):
    """Return the board's snapshot, presented, and its publication, requested and approved."""
    from oversight.performance.models import Snapshot
    from oversight.performance.services import mark_presented
    from oversight.plans.models import Plan
    from oversight.publishing.services import approve, request_publication
    from tests.factories.people import persona

    mark_presented(snapshot=board_snapshot, by=opcc)
    Plan.objects.update(published=True)
    # A publication needs a second person of the Commissioner's team to approve it.
    approver = persona("commissioners_team", "approver")
    publication = approve(
        publication=request_publication(snapshot=board_snapshot, by=opcc), by=approver
    )
    return Published(Snapshot.objects.get(pk=board_snapshot.pk), publication)


@pytest.fixture
def published_record(board_snapshot, opcc):
    """Return the board's publication carrying an accountability record of two items.

    An escalation of the board's first measure, answered by the Board with two actions and a
    verdict, and a thematic review the Board considered, with the force's response.
    """
    import datetime as dt

    from django.utils import timezone

    from oversight.accountability import services as accountability
    from oversight.analysis.cycle import WorkingCalendar
    from oversight.meetings import services as meetings
    from oversight.performance.models import Snapshot
    from oversight.performance.services import mark_presented
    from oversight.plans.models import Measure, Plan
    from oversight.publishing.services import approve, request_publication
    from oversight.themes.models import ThematicReview
    from tests.factories.people import persona

    force = persona("chief_constables_team", "record-force")
    day = timezone.localdate() - dt.timedelta(days=30)
    (cycle,) = meetings.create_cycles(csb_dates=[day], calendar=WorkingCalendar(), by=None)
    escalation = meetings.raise_escalation(
        jpmg=cycle.meetings.get(kind="jpmg"),
        area="Force-wide",
        reason="Seven months above the average.",
        measure=Measure.objects.get(code="PUK01"),
        by=opcc,
    )
    meetings.decide_escalation(escalation=escalation, accept=True, reason="Yes.", by=opcc)
    meetings.record_csb_response(escalation=escalation, response="A plan by March.", by=opcc)
    for title, status in (("Report the results", "done"), ("Publish the plan", "open")):
        action = meetings.create_action(
            title=title, owner=force, owner_name="", due_date=day + dt.timedelta(days=20),
            origin="escalation", origin_escalation=escalation, by=opcc,
        )  # fmt: skip
        meetings.update_action(action=action, changes={"status": status}, by=opcc)
    review = ThematicReview.objects.create(
        title="Domestic abuse",
        origin="initial_programme",
        status=ThematicReview.Status.PRESENTED,
        findings="Repeat victimisation fell in the East only.",
        recommendations="Extend the weekend rota.",
        presented_at=timezone.now(),
    )
    accountability.respond_to_findings(review=review, text="We accept them.", by=force)
    keys = [f"escalation:{escalation.pk}", f"review:{review.pk}"]
    for key in keys:
        accountability.record_verdict(
            key=key, verdict="partly_assured", reasons="More to do.", by=opcc
        )
    mark_presented(snapshot=board_snapshot, by=opcc)
    Plan.objects.update(published=True)
    approver = persona("commissioners_team", "approver")
    publication = approve(
        publication=request_publication(snapshot=board_snapshot, by=opcc, record_keys=keys),
        by=approver,
    )
    return Published(Snapshot.objects.get(pk=board_snapshot.pk), publication)
