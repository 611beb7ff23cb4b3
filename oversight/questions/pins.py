"""What a Panel question may be pinned to: only what the Panel can see, read from the record.

A pin is written as a short token, "figure:3:M01" (publication 3's figure for measure M01),
"theme:3:hate-crime", "activity:3:R-07" or "paper:12". Figures, themes and roadmap activities
are read from a published publication's frozen content, as the public pages read them; a paper
must be released to the Panel (not awaiting release, not withdrawn). Nothing here reads the
live plan, snapshots or roadmap.

A pin's words are in the asker's language: a Panel member asking on the Welsh page chooses
from Welsh words (the plan's Welsh names where it has them), and the question keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from oversight.core.welsh import text_in_language
from oversight.display.words import month_in_language
from oversight.publishing import presenters as show
from oversight.publishing.models import PanelPaper, Publication
from oversight.questions.models import Question

Pin = Question.Pin
LABEL_LENGTH = 300


class PinError(ValueError):
    """A pin that does not name something the Panel can see, with the reason in words."""


@dataclass(frozen=True)
class Pinned:
    """What a question is about: the item, and its words as the Panel sees them."""

    pin: str
    label: str
    publication: Publication | None = None
    key: str = ""
    paper: PanelPaper | None = None

    @property
    def token(self) -> str:
        if self.pin == Pin.PAPER:
            assert self.paper is not None
            return f"paper:{self.paper.pk}"
        assert self.publication is not None
        return f"{self.pin}:{self.publication.number}:{self.key}"


def _cut(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _published(number: int) -> Publication:
    found = Publication.objects.published().filter(number=number).first()
    if found is None:
        raise PinError(f"Publication {number} is not published.")
    return found


def figure_label(publication: Publication, measure: dict[str, Any]) -> str:
    """Return a published figure in words: "Publication 3, M01 All crime: 1,234 in Jun 2025"."""
    words = {
        "number": publication.number,
        "measure": f"{measure['code']} {text_in_language(measure, 'name')}",
        "value": show.figure_text(measure["unit"], measure["value"]),
    }
    if measure.get("latest_period"):
        words["month"] = month_in_language(measure["latest_period"])
        text = _("Publication %(number)s, %(measure)s: %(value)s in %(month)s") % words
    else:
        text = _("Publication %(number)s, %(measure)s: %(value)s") % words
    if measure.get("rating_label"):
        text += f" ({_(measure['rating_label'])})"
    return _cut(text, LABEL_LENGTH)


def theme_label(number: int, theme: dict[str, Any]) -> str:
    return _("Publication %(number)s, theme: %(title)s") % {
        "number": number,
        "title": text_in_language(theme, "title"),
    }


def activity_label(number: int, activity: dict[str, Any]) -> str:
    return _("Publication %(number)s, roadmap activity %(ref)s: %(summary)s") % {
        "number": number,
        "ref": activity["ref"],
        "summary": text_in_language(activity, "summary"),
    }


def paper_label(paper: PanelPaper) -> str:
    return _("Panel paper: %(title)s") % {"title": paper.title}


def _figure(publication: Publication, code: str) -> Pinned:
    measure = show.find_measure(publication.content, code)
    if measure is None:
        raise PinError(f"Publication {publication.number} has no figure for measure {code}.")
    return Pinned(Pin.FIGURE, figure_label(publication, measure), publication, code)


def _theme(publication: Publication, slug: str) -> Pinned:
    theme = next((t for t in publication.content.get("themes", []) if t["slug"] == slug), None)
    if theme is None:
        raise PinError(f"Publication {publication.number} has no theme {slug}.")
    label = _cut(theme_label(publication.number, theme), LABEL_LENGTH)
    return Pinned(Pin.THEME, label, publication, slug)


def _activity(publication: Publication, ref: str) -> Pinned:
    roadmap = publication.content.get("roadmap") or {}
    activity = next((a for a in roadmap.get("activities", []) if a["ref"] == ref), None)
    if activity is None:
        raise PinError(f"Publication {publication.number} has no public roadmap activity {ref}.")
    label = _cut(activity_label(publication.number, activity), LABEL_LENGTH)
    return Pinned(Pin.ACTIVITY, label, publication, ref)


def _paper(pk: int) -> Pinned:
    paper = PanelPaper.objects.released().defer("data").filter(pk=pk).first()
    if paper is None:
        raise PinError("That paper is not released to the Panel.")
    return Pinned(Pin.PAPER, _cut(paper_label(paper), LABEL_LENGTH), paper=paper)


def resolve(token: str) -> Pinned:
    """Return what a pin token names, or raise PinError unless the Panel can see it."""
    kind, _, rest = (token or "").strip().partition(":")
    try:
        if kind == Pin.PAPER:
            return _paper(int(rest))
        number, _, key = rest.partition(":")
        if kind in (Pin.FIGURE, Pin.THEME, Pin.ACTIVITY) and key:
            publication = _published(int(number))
            return {Pin.FIGURE: _figure, Pin.THEME: _theme, Pin.ACTIVITY: _activity}[kind](
                publication, key
            )
    except PinError:
        raise
    except ValueError:  # a number that is not one
        pass
    raise PinError("Choose a published figure, theme, roadmap activity or a Panel paper.")


def latest_publication() -> Publication | None:
    return Publication.objects.published().order_by("-number").first()


def choices(publication: Publication | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the pins a Panel member may choose from, grouped for a select's option groups.

    Every figure, theme and public roadmap activity of `publication` (the latest, as a rule),
    then every paper released to the Panel.
    """
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    if publication is not None:
        content = publication.content
        n = publication.number
        figures = [
            (f"figure:{n}:{m['code']}", figure_label(publication, m)) for m in content["measures"]
        ]
        themes = [(f"theme:{n}:{t['slug']}", theme_label(n, t)) for t in content.get("themes", [])]
        roadmap = content.get("roadmap") or {}
        activities = [
            (f"activity:{n}:{a['ref']}", _cut(activity_label(n, a), 120))
            for a in roadmap.get("activities", [])
        ]
        for title, options in (
            (_("Figures in publication %(number)s") % {"number": n}, figures),
            (_("Themes in publication %(number)s") % {"number": n}, themes),
            (_("Roadmap activities in publication %(number)s") % {"number": n}, activities),
        ):
            if options:
                groups.append((title, options))
    papers = [
        (f"paper:{p.pk}", _cut(paper_label(p), 120))
        for p in PanelPaper.objects.released().defer("data").order_by("-released_at", "-pk")
    ]
    if papers:
        groups.append((_("Papers released to the Panel"), papers))
    return groups
