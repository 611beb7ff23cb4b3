"""The public Atom feed: new publications and answers released to the public, nothing else."""

import xml.etree.ElementTree as ET

import pytest

from oversight.questions import services as questions
from tests.factories.people import persona
from tests.factories.publications import published_board

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client) -> list[str]:
    response = client.get("/public/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (the site's own feed, in a test)
    return [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")]


def test_the_feed_lists_publications_and_only_answers_released_to_the_public(client):
    publication = published_board()
    asker, team = persona("panel_member", "feed-asker"), persona("commissioners_team", "feed-t")
    pin = f"figure:{publication.number}:{publication.content['measures'][0]['code']}"
    public = questions.ask(kind="question", text="Asked in public?", pin=pin, by=asker)
    questions.save_answer(question=public, answer="Answered in public.", by=team)
    questions.release(question=public, to_public=True, by=team)
    panel_only = questions.ask(kind="question", text="Panel only 5c1d?", pin=pin, by=asker)
    questions.save_answer(question=panel_only, answer="For the Panel 5c1d.", by=team)
    questions.release(question=panel_only, to_public=False, by=team)
    drafted = questions.ask(kind="question", text="Draft 8e2a?", pin=pin, by=asker)
    questions.save_answer(question=drafted, answer="Draft answer 8e2a.", by=team)

    titles = _entries(client)
    assert any(t.startswith(f"Publication {publication.number}:") for t in titles)
    assert sum(t.startswith("Answered:") for t in titles) == 1
    body = client.get("/public/feed.atom").content.decode()
    assert "Answered in public." in body
    assert "5c1d" not in body and "8e2a" not in body


def test_the_feed_is_empty_but_valid_before_anything_is_published(client):
    assert _entries(client) == []
