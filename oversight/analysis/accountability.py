"""The accountability record's rules: verdicts, and how an item moved on between publications.

An item of the record is plain JSON, frozen into a publication (an escalated measure or area
with the Board's response, or a thematic review's findings with the force's response, and in
either case the actions that followed and the Commissioner's verdict). Nothing here reads a
database: `moved_on` compares the item as a later publication froze it with the same item as
the publication before froze it, and `across` gathers every appearance of each item from the
published record, for the public page of what the Commissioner has asked and what happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ASSURED = "assured"
PARTLY_ASSURED = "partly_assured"
NOT_ASSURED = "not_assured"
VERDICTS: dict[str, str] = {
    ASSURED: "Assured",
    PARTLY_ASSURED: "Partly assured",
    NOT_ASSURED: "Not assured",
}
CLOSED_STATUSES = frozenset({"done", "cancelled"})


def verdict_label(verdict: str) -> str:
    """Return a verdict in words; an unknown code is refused rather than shown."""
    try:
        return VERDICTS[verdict]
    except KeyError:
        raise ValueError(
            f"Unknown verdict {verdict!r}: choose {', '.join(VERDICTS.values())}."
        ) from None


WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")  # fmt: skip
# What moved on, in English and in Welsh (the Welsh a draft for a translator, docs/welsh.md).
WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "new": "New action {title}{due}.",
        "due": ", due {when}",
        "closed": "Action {title} closed{on}.",
        "on": " on {when}",
        "cancelled": "Action {title} cancelled.",
        "now": "Action {title} is now {status}.",
        "status": {
            "open": "open",
            "in_progress": "in progress",
            "done": "done",
            "cancelled": "cancelled",
        },
        "moved": "Action {title} moved from {was} to {now}.",
        "board": "The Board's response is recorded.",
        "force": "The force responded to the findings.",
        "answered": "The force answered the Commissioner's question.",
        "verdict_moved": "The Commissioner's verdict moved from {was} to {now}.",
        "verdict_first": "The Commissioner recorded a verdict: {now}.",
        "verdicts": VERDICTS,
        "no_change": "No change since publication {since}.",
    },
    "cy": {
        "new": "Cam gweithredu newydd {title}{due}.",
        "due": ", erbyn {when}",
        "closed": "Cwblhawyd y cam gweithredu {title}{on}.",
        "on": " ar {when}",
        "cancelled": "Canslwyd y cam gweithredu {title}.",
        "now": "Mae'r cam gweithredu {title} bellach {status}.",
        "status": {
            "open": "ar agor",
            "in_progress": "ar waith",
            "done": "wedi'i gwblhau",
            "cancelled": "wedi'i ganslo",
        },
        "moved": "Symudwyd dyddiad y cam gweithredu {title} o {was} i {now}.",
        "board": "Mae ymateb y Bwrdd wedi'i gofnodi.",
        "force": "Ymatebodd yr heddlu i'r canfyddiadau.",
        "answered": "Atebodd yr heddlu gwestiwn y Comisiynydd.",
        "verdict_moved": "Newidiodd dyfarniad y Comisiynydd o {was} i {now}.",
        "verdict_first": "Cofnododd y Comisiynydd ddyfarniad: {now}.",
        "verdicts": {
            ASSURED: "Sicrwydd",
            PARTLY_ASSURED: "Sicrwydd rhannol",
            NOT_ASSURED: "Dim sicrwydd",
        },
        "no_change": "Dim newid ers cyhoeddiad {since}.",
    },
}


def _date_words(iso: str | None, language: str = "en") -> str:
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso[:10])
    if language == "cy":
        return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {day:%B %Y}"


def _quoted(title: str) -> str:
    return f"\u201c{title}\u201d"


def _action_moves(
    before: dict[str, Any] | None, after: dict[str, Any], words: dict[str, Any], language: str
) -> list[str]:
    title = _quoted(after["title"])

    def when(iso: str | None) -> str:
        return _date_words(iso, language)

    if before is None:
        due = words["due"].format(when=when(after.get("due"))) if after.get("due") else ""
        return [words["new"].format(title=title, due=due)]
    lines = []
    if after["status"] != before["status"]:
        if after["status"] == "done":
            done = when(after.get("completed"))
            on = words["on"].format(when=done) if done else ""
            lines.append(words["closed"].format(title=title, on=on))
        elif after["status"] == "cancelled":
            lines.append(words["cancelled"].format(title=title))
        else:
            status = words["status"].get(after["status"], after["status_label"].lower())
            lines.append(words["now"].format(title=title, status=status))
    if after.get("due") != before.get("due") and after["status"] not in CLOSED_STATUSES:
        lines.append(
            words["moved"].format(
                title=title, was=when(before.get("due")), now=when(after.get("due"))
            )
        )
    return lines


def moved_on(
    before: dict[str, Any], after: dict[str, Any], *, since: int, language: str = "en"
) -> list[str]:
    """Return, in words, what changed in an item since publication ``since`` froze it."""
    words = WORDS[language]
    lines: list[str] = []
    if after.get("board_response") and after.get("board_response") != before.get("board_response"):
        lines.append(words["board"])
    if after.get("force_response") and after.get("force_response") != before.get("force_response"):
        lines.append(words["force"])
    earlier = {a["id"]: a for a in before.get("actions", [])}
    for action in after.get("actions", []):
        lines.extend(_action_moves(earlier.get(action["id"]), action, words, language))
    answered_before = {s["question"] for s in before.get("scrutiny", []) if s.get("answer")}
    for s in after.get("scrutiny", []):
        if s.get("answer") and s["question"] not in answered_before:
            lines.append(words["answered"])
    was, now = before.get("verdict") or {}, after.get("verdict") or {}
    if now.get("verdict") and now.get("verdict") != was.get("verdict"):
        labels = words["verdicts"]
        if was.get("verdict"):
            lines.append(
                words["verdict_moved"].format(
                    was=labels[was["verdict"]], now=labels[now["verdict"]]
                )
            )
        else:
            lines.append(words["verdict_first"].format(now=labels[now["verdict"]]))
    if not lines:
        lines.append(words["no_change"].format(since=since))
    return lines


def appearance(number: int, period: str, item: dict[str, Any]) -> dict[str, Any]:
    """Return what an item's history keeps of one publication's version of it."""
    actions = item.get("actions", [])
    verdict = item.get("verdict") or {}
    return {
        "number": number,
        "period": period,
        "verdict": verdict.get("verdict", ""),
        "verdict_label": verdict.get("label", ""),
        "actions_open": sum(1 for a in actions if a["status"] not in CLOSED_STATUSES),
        "actions_closed": sum(1 for a in actions if a["status"] in CLOSED_STATUSES),
        "moved_on": list(item.get("moved_on", [])),
        "moved_on_cy": list(item.get("moved_on_cy", [])),
    }


def carry_forward(
    item: dict[str, Any], earlier: tuple[int, str, dict[str, Any]] | None
) -> dict[str, Any]:
    """Return ``item`` with its history and movement since the publication that last froze it.

    ``earlier`` is (number, period, item) of the latest publication holding the same item, or
    None when the item is new to the record.
    """
    if earlier is None:
        return {
            **item,
            "history": [],
            "moved_on": [],
            "moved_on_cy": [],
            "first_published": None,
        }
    number, period, before = earlier
    history = [*before.get("history", []), appearance(number, period, before)]
    first = before.get("first_published") or number
    return {
        **item,
        "history": history,
        "moved_on": moved_on(before, item, since=number),
        "moved_on_cy": moved_on(before, item, since=number, language="cy"),
        "first_published": first,
    }


@dataclass
class Thread:
    """One item of the record across the publications that carried it, the latest last."""

    key: str
    latest: dict[str, Any]
    number: int
    period: str
    appearances: list[dict[str, Any]] = field(default_factory=list)

    @property
    def open_actions(self) -> int:
        return sum(1 for a in self.latest.get("actions", []) if a["status"] not in CLOSED_STATUSES)


def across(publications: Iterable[tuple[int, str, dict[str, Any] | None]]) -> list[Thread]:
    """Gather each item of the record from every publication, by (number, period, record).

    The latest publication's version of an item is the one shown; the appearances list every
    publication that carried it, in order. Items most recently published come first.
    """
    threads: dict[str, Thread] = {}
    for number, period, record in sorted(publications, key=lambda p: p[0]):
        for item in (record or {}).get("items", []):
            thread = threads.get(item["key"])
            if thread is None:
                thread = threads[item["key"]] = Thread(item["key"], item, number, period)
            thread.latest, thread.number, thread.period = item, number, period
            thread.appearances.append(appearance(number, period, item))
    return sorted(threads.values(), key=lambda t: (-t.number, t.latest.get("title", "")))
