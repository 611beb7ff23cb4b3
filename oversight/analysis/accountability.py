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


def _date_words(iso: str | None) -> str:
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {day:%B %Y}"


def _quoted(title: str) -> str:
    return f"\u201c{title}\u201d"


def _action_moves(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    title = _quoted(after["title"])
    if before is None:
        due = f", due {_date_words(after.get('due'))}" if after.get("due") else ""
        return [f"New action {title}{due}."]
    lines = []
    if after["status"] != before["status"]:
        if after["status"] == "done":
            when = _date_words(after.get("completed"))
            lines.append(f"Action {title} closed{f' on {when}' if when else ''}.")
        elif after["status"] == "cancelled":
            lines.append(f"Action {title} cancelled.")
        else:
            lines.append(f"Action {title} is now {after['status_label'].lower()}.")
    if after.get("due") != before.get("due") and after["status"] not in CLOSED_STATUSES:
        lines.append(
            f"Action {title} moved from {_date_words(before.get('due'))} "
            f"to {_date_words(after.get('due'))}."
        )
    return lines


def moved_on(before: dict[str, Any], after: dict[str, Any], *, since: int) -> list[str]:
    """Return, in words, what changed in an item since publication ``since`` froze it."""
    lines: list[str] = []
    if after.get("board_response") and after.get("board_response") != before.get("board_response"):
        lines.append("The Board's response is recorded.")
    if after.get("force_response") and after.get("force_response") != before.get("force_response"):
        lines.append("The force responded to the findings.")
    earlier = {a["id"]: a for a in before.get("actions", [])}
    for action in after.get("actions", []):
        lines.extend(_action_moves(earlier.get(action["id"]), action))
    answered_before = {s["question"] for s in before.get("scrutiny", []) if s.get("answer")}
    for s in after.get("scrutiny", []):
        if s.get("answer") and s["question"] not in answered_before:
            lines.append("The force answered the Commissioner's question.")
    was, now = before.get("verdict") or {}, after.get("verdict") or {}
    if now.get("verdict") and now.get("verdict") != was.get("verdict"):
        if was.get("verdict"):
            lines.append(f"The Commissioner's verdict moved from {was['label']} to {now['label']}.")
        else:
            lines.append(f"The Commissioner recorded a verdict: {now['label']}.")
    if not lines:
        lines.append(f"No change since publication {since}.")
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
    }


def carry_forward(
    item: dict[str, Any], earlier: tuple[int, str, dict[str, Any]] | None
) -> dict[str, Any]:
    """Return ``item`` with its history and movement since the publication that last froze it.

    ``earlier`` is (number, period, item) of the latest publication holding the same item, or
    None when the item is new to the record.
    """
    if earlier is None:
        return {**item, "history": [], "moved_on": [], "first_published": None}
    number, period, before = earlier
    history = [*before.get("history", []), appearance(number, period, before)]
    first = before.get("first_published") or number
    return {
        **item,
        "history": history,
        "moved_on": moved_on(before, item, since=number),
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
