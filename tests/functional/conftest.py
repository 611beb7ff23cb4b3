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
        publication=request_publication(snapshot=board_snapshot, by=opcc),
        by=approver,
        welsh_reason="Test plan: English only",
    )
    return Published(Snapshot.objects.get(pk=board_snapshot.pk), publication)


@pytest.fixture
def published_peers(transactional_db, opcc):
    """Return the board's publication with a peer comparison frozen (other forces counted)."""
    from oversight.performance.models import Snapshot
    from tests.factories.board import board
    from tests.factories.peers import counted_world
    from tests.factories.publications import publish

    counted_world()
    snapshot = board()
    publication = publish(snapshot)
    return Published(Snapshot.objects.get(pk=snapshot.pk), publication)


@pytest.fixture
def published_record(board_snapshot, opcc):
    """Return the board's publication carrying an accountability record of two items."""
    from oversight.performance.models import Snapshot
    from oversight.performance.services import mark_presented
    from oversight.plans.models import Plan
    from oversight.publishing.services import approve, request_publication
    from tests.factories.people import persona
    from tests.factories.record import record_keys

    keys = record_keys(opcc=opcc)
    mark_presented(snapshot=board_snapshot, by=opcc)
    Plan.objects.update(published=True)
    approver = persona("commissioners_team", "approver")
    publication = approve(
        publication=request_publication(snapshot=board_snapshot, by=opcc, record_keys=keys),
        by=approver,
        welsh_reason="Test plan: English only",
    )
    return Published(Snapshot.objects.get(pk=board_snapshot.pk), publication)
