"""Which published texts have no Welsh version, in words, from a publication's frozen content.

Published content keeps each text in English under its own key ("name") and its Welsh version
beside it under the key with "_cy" added ("name_cy"). The Welsh Language Standards ask that
what the public reads be in Welsh too, so a publication request lists every text still missing
its Welsh before it is approved. Content frozen before Welsh was kept has no "_cy" keys: all
its texts are missing. An English text that is empty needs no Welsh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

WELSH_SUFFIX = "_cy"


def welsh_key(key: str) -> str:
    """Return the key that holds the Welsh version of the text under ``key``."""
    return f"{key}{WELSH_SUFFIX}"


def _missing(item: Mapping[str, Any], keys: Iterable[str], label: str) -> list[str]:
    found = []
    for key in keys:
        english = item.get(key)
        if not isinstance(english, str) or not english.strip():
            continue
        welsh = item.get(welsh_key(key))
        if not isinstance(welsh, str) or not welsh.strip():
            found.append(f"{label}: {key}")
    return found


def _measures(content: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    """Yield each measure the content shows: in the plan's words, then those rated."""
    for priority in (content.get("plan") or {}).get("priorities") or []:
        for outcome in priority.get("outcomes") or []:
            yield from outcome.get("measures") or []
    yield from content.get("measures") or []


def missing_welsh(content: Mapping[str, Any]) -> list[str]:
    """Return each published text of ``content`` with no Welsh version, in words, in order.

    For example "Plan: summary", "Priority P1: description", "Outcome P1.1: title",
    "Measure PUK02: name", "Theme violence: title", "Roadmap activity RM-001: summary".
    """
    found: list[str] = []
    plan = content.get("plan") or {}
    found += _missing(plan, ("title", "summary"), "Plan")
    for priority in plan.get("priorities") or []:
        found += _missing(priority, ("title", "description"), f"Priority {priority.get('code')}")
        for outcome in priority.get("outcomes") or []:
            found += _missing(outcome, ("title", "description"), f"Outcome {outcome.get('code')}")
    for measure in _measures(content):
        found += _missing(measure, ("name", "description"), f"Measure {measure.get('code')}")
    for theme in content.get("themes") or []:
        found += _missing(theme, ("title", "description"), f"Theme {theme.get('slug')}")
    for activity in (content.get("roadmap") or {}).get("activities") or []:
        found += _missing(activity, ("summary",), f"Roadmap activity {activity.get('ref')}")
    # A measure is in the plan's words and among those rated: name each text once.
    return list(dict.fromkeys(found))
