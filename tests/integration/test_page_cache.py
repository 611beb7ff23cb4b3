"""What never changes is drawn once: a publication's public pages and a presented snapshot's
overview and measure pages are kept by what they show, and served again without a render, while
anything that does change (a newer publication, a newer draft, a signed-in visitor's header, a
draft snapshot) is drawn afresh."""

from unittest import mock

import pytest
from django.urls import reverse
from lxml import html

from oversight.performance.services import create_snapshot
from oversight.reports import pages
from tests.factories.publications import publish
from tests.factories.two_boards import CHANGED, two_boards

pytestmark = pytest.mark.django_db


@pytest.fixture
def boards():
    return two_boards()


def test_a_public_page_is_kept_and_answers_a_reload_with_not_modified(
    client, boards, django_assert_max_num_queries
):
    publication = publish(boards.current)
    url = reverse("publishing:measure", args=[publication.number, CHANGED])
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and first["ETag"]
    # Served again from what was kept, with no render: two queries, which publication is the
    # latest and (sitepages.schedule) when the next is due, which the footer says.
    with django_assert_max_num_queries(2):
        again = client.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content


def test_a_newer_publication_is_shown_at_once(client, boards):
    first = publish(boards.previous)
    home = client.get(reverse("publishing:index"))
    assert reverse("publishing:overview", args=[first.number]) in home.content.decode()
    second = publish(boards.current)
    home_after = client.get(reverse("publishing:index"))
    assert home_after["ETag"] != home["ETag"]
    assert reverse("publishing:overview", args=[second.number]) in home_after.content.decode()


def test_a_signed_in_visitor_is_drawn_their_own_public_page(client, boards, opcc):
    publication = publish(boards.current)
    url = reverse("publishing:overview", args=[publication.number])
    client.get(url)  # kept for the public
    client.force_login(opcc)
    mine = client.get(url)
    assert opcc.display_name in mine.content.decode()
    assert "ETag" not in mine
    client.logout()
    # Signed out, the visitor still has a session (and a message may wait): drawn, not kept.
    assert opcc.display_name not in client.get(url).content.decode()


def test_a_presented_overview_is_drawn_once(client, boards, opcc):
    client.force_login(opcc)
    url = reverse("reports:overview")
    with mock.patch("oversight.reports.views._overview", wraps=_overview()) as draw:
        first = client.get(url)
        second = client.get(url)
        filtered = client.get(url, {"sort": "rating"})
    assert draw.call_count == 2  # the plain page once, the sorted one once
    assert _main(first) == _main(second)
    assert filtered.status_code == 200


def test_a_newer_draft_shows_on_a_kept_overview(client, boards, opcc):
    client.force_login(opcc)
    url = reverse("reports:overview")
    assert "newer draft" not in client.get(url).content.decode()
    draft = create_snapshot(period=boards.current.period, by=None)
    page = client.get(url).content.decode()
    assert "A newer draft is being prepared" in page and f"snapshot {draft.pk}" in page


def test_a_draft_overview_is_drawn_every_time(client, boards, opcc):
    draft = create_snapshot(period=boards.current.period, by=None)
    client.force_login(opcc)
    with mock.patch("oversight.reports.views._overview", wraps=_overview()) as draw:
        client.get(reverse("reports:overview"), {"snapshot": draft.pk})
        client.get(reverse("reports:overview"), {"snapshot": draft.pk})
    assert draw.call_count == 2


def test_a_presented_measure_page_draws_its_charts_once_and_its_thread_live(client, boards, opcc):
    client.force_login(opcc)
    url = reverse("reports:measure", args=[CHANGED])
    with mock.patch("oversight.reports.pages._measure_record", wraps=pages._measure_record) as draw:
        first = client.get(url)
        question = {"kind": "scrutiny_question", "text": "Why did burglary rise in September?"}
        client.post(url, question)
        second = client.get(url)
    assert draw.call_count == 1
    assert first.status_code == second.status_code == 200
    assert "chart-spc" in second.content.decode()
    assert "Why did burglary rise in September?" in second.content.decode()


def _main(response) -> bytes:
    """Return the page's main content: the header's sign-out form has a fresh token each time."""
    return html.tostring(html.fromstring(response.content).xpath("//main")[0])


def _overview():
    from oversight.reports import views

    return views._overview


def test_a_presented_overview_answers_a_reload_with_not_modified(client, boards, opcc):
    client.force_login(opcc)
    url = reverse("reports:overview")
    first = client.get(url)
    etag = first["ETag"]
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    # A newer draft changes what the page says, so the tag no longer matches.
    create_snapshot(period=boards.current.period, by=None)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_tag_is_the_sessions_own(client, boards, opcc, force):
    client.force_login(opcc)
    url = reverse("reports:overview")
    etag = client.get(url)["ETag"]
    client.force_login(force)  # a new session: its sign-out token differs
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_draft_overview_has_no_tag(client, boards, opcc):
    draft = create_snapshot(period=boards.current.period, by=None)
    client.force_login(opcc)
    assert "ETag" not in client.get(reverse("reports:overview"), {"snapshot": draft.pk})
