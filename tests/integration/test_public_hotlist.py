"""The public overview opens with the hot list in plain English: every Red first, then every
rating changed since the publication before; frozen with the publication, absent from old ones."""

import pytest
from django.urls import reverse
from lxml import html

from oversight.publishing.freeze import content_hash
from oversight.publishing.models import Publication, PublicationStatus
from tests.factories.publications import publish
from tests.factories.two_boards import CHANGED, two_boards

pytestmark = pytest.mark.django_db

HIGHER = (
    "Higher than usual: the latest month was above the range we would expect from the last "
    "three years — worse than usual, because lower is better for this measure."
)


@pytest.fixture
def publications():
    boards = two_boards()
    return publish(boards.previous), publish(boards.current)


def _doc(client, number):
    response = client.get(reverse("publishing:overview", args=[number]))
    assert response.status_code == 200
    return html.fromstring(response.content)


def _items(doc):
    return doc.xpath("//section[@class='hotlist']//li[contains(@class, 'hot-item')]")


def _name(item) -> str:
    return item.xpath(".//p[@class='hot-title']/a")[0].text_content()


def test_the_overview_opens_with_the_reds_in_plain_english(client, publications):
    first, _ = publications
    content = first.content
    reds = [m for m in content["measures"] if m["rating"] == "red"]
    assert reds
    doc = _doc(client, first.number)
    items = _items(doc)
    # The first publication: Reds only, in plan order, before the table of every measure.
    assert [_name(i) for i in items] == [m["name"] for m in reds]
    for item, measure in zip(items, reds, strict=True):
        assert item.xpath(".//span[contains(@class, 'badge')]")[0].text_content() == "Red"
        assert item.xpath(".//p[@class='hot-plain']")[0].text_content() == measure["plain"]
    text = doc.text_content()
    assert text.index(reds[0]["name"]) < text.index("Ratings and latest figures")
    assert "This is the first publication" in text


def test_a_rating_changed_since_the_last_publication_is_listed_with_the_change(
    client, publications
):
    _, second = publications
    changes = second.change_record.ratings
    assert any(c.code == CHANGED for c in changes)
    items = _items(_doc(client, second.number))
    names = [_name(i) for i in items]
    for change in changes:
        assert change.name in names
    changed = next(i for i in items if _name(i).startswith("Burglary"))
    assert "Rating changed from Green to Red since publication 1" in changed.text_content()
    assert changed.xpath(".//p[@class='hot-plain']")[0].text_content() == HIGHER
    # Reds first, then the measures whose rating changed to something else.
    ratings = [i.xpath(".//span[contains(@class, 'badge')]")[0].text_content() for i in items]
    assert ratings == sorted(ratings, key=lambda r: r != "Red")
    assert "Red" in ratings and set(ratings) - {"Red"}


def test_the_plain_words_are_frozen_in_the_content(publications):
    for publication in publications:
        assert all(m["plain"] for m in publication.content["measures"])
        assert content_hash(publication.content) == publication.content_hash


def test_the_measure_page_says_what_its_figures_mean(client, publications):
    _, second = publications
    measure = next(m for m in second.content["measures"] if m["code"] == CHANGED)
    page = client.get(reverse("publishing:measure", args=[second.number, CHANGED]))
    assert measure["plain"] in page.content.decode()


def test_an_older_publication_without_plain_words_shows_no_hot_list(client, publications):
    first, _ = publications
    content = {
        **first.content,
        "measures": [
            {k: v for k, v in m.items() if k != "plain"} for m in first.content["measures"]
        ],
    }
    old = Publication.objects.create(
        number=3,
        snapshot=first.snapshot,
        period=first.period,
        status=PublicationStatus.PUBLISHED,
        threshold=first.threshold,
        content=content,
        content_hash=content_hash(content),
        decided_at=first.decided_at,
    )
    doc = _doc(client, old.number)
    assert not doc.xpath("//section[@class='hotlist']")
    assert "Ratings and latest figures" in doc.text_content()
