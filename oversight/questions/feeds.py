"""The public site's Atom feed: each new publication, and each answer released to the public.

It reads what the public pages read and nothing else: published publications (never a
request) and the Panel's questions whose answer was released to the public, the asker's name
left out as on the public page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from oversight.display.words import month_words
from oversight.publishing.models import Publication
from oversight.questions.models import Question

# Enough for a reader who checks monthly: about two years of publications and answers.
ENTRIES = 40


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    description: str
    at: dt.datetime


def _publication(number: int, period: str, decided_at: dt.datetime, record: dict | None) -> Entry:
    items = len((record or {}).get("items", []))
    told = (
        f" Its accountability record reports on {items} item{'s' if items != 1 else ''}."
        if items
        else ""
    )
    return Entry(
        title=f"Publication {number}: performance in {month_words(period)}",
        link=reverse("publishing:overview", args=[number]),
        description=(
            f"The Commissioner published the performance overview for {month_words(period)}.{told}"
        ),
        at=decided_at,
    )


def _answer(q: Question) -> Entry:
    return Entry(
        title=f"Answered: {q.get_kind_display().lower()} about {q.public_pin_label}",
        link=reverse("public_questions:index") + f"#question-{q.pk}",
        description=f"A Panel member asked: {q.text}\n\nThe answer: {q.answer}",
        at=q.made_public_at or q.released_at,
    )


class PublicFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        name = getattr(settings, "COMMISSIONER_NAME", "") or "Police and Crime Commissioner"
        return f"{name}: publications and answers to the Panel"

    subtitle = (
        "Each new performance publication, and each answer to the Police and Crime Panel "
        "released to the public."
    )
    is_public = True

    def link(self) -> str:
        return reverse("publishing:index")

    def items(self) -> list[Entry]:
        # Only the record of each publication's content is read, not its figures.
        publications = (
            Publication.objects.published()
            .order_by("-number")
            .values_list("number", "period", "decided_at", "content__record")[:ENTRIES]
        )
        answers = Question.objects.public()[:ENTRIES]
        found = [_publication(*p) for p in publications] + [_answer(q) for q in answers]
        return sorted(found, key=lambda e: e.at, reverse=True)[:ENTRIES]

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.at

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.at


public_feed = PublicFeed()
