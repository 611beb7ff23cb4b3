"""Every public page type, in Chromium: axe finds no WCAG 2.2 AA violations, it works by
keyboard alone, charts have text alternatives and data tables, it prints cleanly, and it reads
in order with styles off.

To cover a new public page type, add one `PublicPage` line to `PUBLIC_PAGES`; its path
builder gets what the `published_board` fixture published (see tests/functional/conftest.py),
or None for a page checked with nothing published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.functional.accessibility import all_problems, report
from tests.functional.conftest import Published

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class PublicPage:
    """A public page type: how to reach it, what is published first, who is looking."""

    name: str
    # Builds the page's path from what `published_board` published (None if nothing is).
    path: Callable[[Published | None], str]
    published: bool = True
    # A persona fixture from tests/conftest.py (e.g. "panel"); None for a visitor.
    persona: str | None = None
    # A selector to wait for before checking (e.g. a chart drawn by script).
    ready: str = ""
    # Run before the page is opened (e.g. writing the site pages).
    setup: Callable[[], None] | None = None
    # Published with an accountability record (the `published_record` fixture).
    record: bool = False
    # Published with a peer comparison (the `published_peers` fixture).
    peers: bool = False


def _number(published: Published) -> int:
    return published.publication.number


def _write_site_pages() -> None:
    """Write the accessibility statement, privacy notice and contact page as the demo does."""
    import io

    from oversight.sitepages import demo

    demo.load(stdout=io.StringIO())


def _approve_terms() -> None:
    """Approve terms of reference, in English and Welsh, as the Strategic Board does."""
    import datetime as dt

    from oversight.roadmap import services
    from tests.factories.meetings import planning_board, strategic_board

    terms = services.draft_terms(text="Purpose.\n\nMembership.", text_cy="Diben.", by=None)
    services.propose_terms(terms=terms, meeting=planning_board(dt.date(2026, 1, 8)), by=None)
    services.approve_terms(terms=terms, meeting=strategic_board(dt.date(2026, 2, 5)), by=None)


PUBLIC_PAGES = [
    PublicPage("index-unpublished", lambda p: reverse("publishing:index"), published=False),
    PublicPage("index", lambda p: reverse("publishing:index")),
    PublicPage("archive", lambda p: reverse("publishing:archive")),
    # Opens with the hot list: the board's Reds, each with its plain-English words.
    PublicPage(
        "overview",
        lambda p: reverse("publishing:overview", args=[_number(p)]),
        ready="section.hotlist li.hot-item .hot-plain",
    ),
    PublicPage("plan", lambda p: reverse("publishing:plan", args=[_number(p)])),
    PublicPage(
        "measure",
        lambda p: reverse("publishing:measure", args=[_number(p), "PUK01"]),
        ready="figure img",  # the chart that chart_problems must find
    ),
    PublicPage("themes", lambda p: reverse("publishing:themes", args=[_number(p)])),
    PublicPage("roadmap", lambda p: reverse("publishing:roadmap", args=[_number(p)])),
    PublicPage("open-data", lambda p: reverse("publishing:data", args=[_number(p)])),
    # The accountability record: the home's summary, a publication's record, every item's
    # history, and the pages the two teams keep it on.
    PublicPage("index-with-record", lambda p: reverse("publishing:index"), record=True),
    PublicPage("record", lambda p: reverse("publishing:record", args=[_number(p)]), record=True),
    PublicPage("record-history", lambda p: reverse("publishing:record_history"), record=True),
    PublicPage(
        "accountability-record",
        lambda p: reverse("accountability:index"),
        record=True,
        persona="opcc",
    ),
    PublicPage(
        "accountability-item",
        lambda p: reverse(
            "accountability:detail",
            args=p.publication.content["record"]["items"][0]["key"].split(":"),
        ),
        record=True,
        persona="opcc",
    ),
    # The same page types in Welsh (/cy/…): the same checks, lang="cy".
    PublicPage("index-welsh", lambda p: "/cy" + reverse("publishing:index"), record=True),
    PublicPage(
        "measure-welsh",
        lambda p: "/cy" + reverse("publishing:measure", args=[_number(p), "PUK01"]),
        ready="figure img",
    ),
    PublicPage(
        "record-welsh",
        lambda p: "/cy" + reverse("publishing:record", args=[_number(p)]),
        record=True,
    ),
    PublicPage("open-data-welsh", lambda p: "/cy" + reverse("publishing:data", args=[_number(p)])),
    # How we compare, in Welsh: the funnel plot's words and table too.
    PublicPage(
        "compare-welsh",
        lambda p: "/cy" + reverse("publishing:compare", args=[_number(p)]),
        peers=True,
        ready="figure svg",
    ),
    PublicPage("questions-welsh", lambda p: "/cy" + reverse("public_questions:index")),
    PublicPage("ask-welsh", lambda p: "/cy" + reverse("public_questions:ask"), persona="panel"),
    PublicPage(
        "terms-of-reference-welsh",
        lambda p: "/cy" + reverse("sitepages:terms"),
        published=False,
        setup=_approve_terms,
    ),
    PublicPage("sign-in", lambda p: reverse("accounts:login"), published=False),
    # The Commissioner's own pages, in English and (/cy/…) in Welsh.
    PublicPage(
        "accessibility-statement",
        lambda p: reverse("sitepages:accessibility"),
        setup=_write_site_pages,
    ),
    PublicPage(
        "privacy-notice-welsh",
        lambda p: "/cy" + reverse("sitepages:privacy"),
        setup=_write_site_pages,
    ),
    PublicPage(
        "contact", lambda p: reverse("sitepages:contact"), published=False, setup=_write_site_pages
    ),
    PublicPage("panel", lambda p: reverse("publishing:panel"), persona="panel"),
    PublicPage(
        "panel-unpublished", lambda p: reverse("publishing:panel"), published=False, persona="panel"
    ),
    # The Commissioner's team's publishing pages, held to the same standard.
    PublicPage("publishing", lambda p: reverse("publications:list"), persona="opcc"),
    PublicPage(
        "publication-detail",
        lambda p: reverse("publications:detail", args=[p.publication.pk]),
        persona="opcc",
    ),
    PublicPage("panel-papers", lambda p: reverse("publications:papers"), persona="opcc"),
    PublicPage(
        "site-page-edit",
        lambda p: reverse("sitepages_edit:edit", args=["accessibility"]),
        published=False,
        persona="opcc",
    ),
]


@pytest.fixture
def open_public_page(request, live_server, browser):
    """Return a function that publishes what a page type needs and opens it in Chromium."""

    def open_page(public_page: PublicPage):
        fixture = (
            "published_record"
            if public_page.record
            else "published_peers"
            if public_page.peers
            else "published_board"
        )
        published = request.getfixturevalue(fixture) if public_page.published else None
        if public_page.setup:
            public_page.setup()
        if public_page.persona:
            user = request.getfixturevalue(public_page.persona)
            page = request.getfixturevalue("signed_in_page")(user)
        else:
            page = request.getfixturevalue("anonymous_page")
        response = page.goto(live_server.url + public_page.path(published))
        assert response is not None and response.status == 200, public_page.name
        if public_page.ready:
            page.wait_for_selector(public_page.ready, timeout=15000)
        return page

    return open_page


@pytest.mark.parametrize("public_page", PUBLIC_PAGES, ids=lambda p: p.name)
def test_public_page_passes_every_accessibility_check(open_public_page, public_page):
    page = open_public_page(public_page)
    found = all_problems(page)
    assert not found, f"{public_page.name} ({page.url}):\n{report(found)}"
