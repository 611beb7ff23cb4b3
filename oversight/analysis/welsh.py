"""Which published texts have no Welsh version, in words, from a publication's frozen content.

Published content keeps each text in English under its own key ("name") and its Welsh version
beside it under the key with "_cy" added ("name_cy"). The Welsh Language Standards ask that
what the public reads be in Welsh too, so a publication request lists every text still missing
its Welsh before it is approved. Content frozen before Welsh was kept has no "_cy" keys: all
its texts are missing. An English text that is empty needs no Welsh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WELSH_SUFFIX = "_cy"
# The texts of a priority, an outcome and a theme.
TEXTS = ("title", "description")


@dataclass(frozen=True)
class MissingText:
    """One published text with no Welsh version: whose it is, which text, and in words.

    ``kind`` is "plan", "priority", "outcome", "measure", "theme" or "activity"; ``code`` the
    item's code (a theme's slug, an activity's ref, the plan's force slug); ``key`` the English
    text's key ("title"); ``words`` as the publication request lists it ("Outcome P1.1: title").
    """

    kind: str
    code: str
    key: str
    words: str


def welsh_key(key: str) -> str:
    """Return the key that holds the Welsh version of the text under ``key``."""
    return f"{key}{WELSH_SUFFIX}"


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def needs_welsh(english: object, welsh: object) -> bool:
    """Return whether a text lacks its Welsh version: it has English and no Welsh."""
    return _has_text(english) and not _has_text(welsh)


def _missing(
    item: Mapping[str, Any], keys: Iterable[str], kind: str, label: str, code_key: str
) -> list[MissingText]:
    code = str(item.get(code_key) or "")
    return [
        MissingText(kind, code, key, f"{label}: {key}")
        for key in keys
        if needs_welsh(item.get(key), item.get(welsh_key(key)))
    ]


def _measures(content: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    """Yield each measure the content shows: in the plan's words, then those rated."""
    for priority in (content.get("plan") or {}).get("priorities") or []:
        for outcome in priority.get("outcomes") or []:
            yield from outcome.get("measures") or []
    yield from content.get("measures") or []


def missing_welsh_texts(content: Mapping[str, Any]) -> list[MissingText]:
    """Return each published text of ``content`` with no Welsh version, once each, in order."""
    found: list[MissingText] = []
    plan = content.get("plan") or {}
    found += _missing(plan, ("title", "summary"), "plan", "Plan", "force_slug")
    for p in plan.get("priorities") or []:
        found += _missing(p, TEXTS, "priority", f"Priority {p.get('code')}", "code")
        for o in p.get("outcomes") or []:
            found += _missing(o, TEXTS, "outcome", f"Outcome {o.get('code')}", "code")
    for m in _measures(content):
        found += _missing(m, ("name", "description"), "measure", f"Measure {m.get('code')}", "code")
    for t in content.get("themes") or []:
        found += _missing(t, TEXTS, "theme", f"Theme {t.get('slug')}", "slug")
    for a in (content.get("roadmap") or {}).get("activities") or []:
        found += _missing(a, ("summary",), "activity", f"Roadmap activity {a.get('ref')}", "ref")
    # A measure is in the plan's words and among those rated: name each text once.
    return list(dict.fromkeys(found))


#: A plan's texts as they stand: (kind, code, key) → (the English, its Welsh).
CurrentTexts = Mapping[tuple[str, str, str], tuple[str, str]]


def _plan_items(content: Mapping[str, Any]) -> Iterable[tuple[str, str, Any, tuple[str, ...]]]:
    """Yield (kind, code, item, keys) for each text-holding item of the plan in ``content``."""
    plan = content.get("plan") or {}
    yield "plan", str(plan.get("force_slug") or ""), plan, ("title", "summary")
    for p in plan.get("priorities") or []:
        yield "priority", str(p.get("code") or ""), p, TEXTS
        for o in p.get("outcomes") or []:
            yield "outcome", str(o.get("code") or ""), o, TEXTS
    for m in _measures(content):
        yield "measure", str(m.get("code") or ""), m, ("name", "description")
    for t in content.get("themes") or []:
        yield "theme", str(t.get("slug") or ""), t, TEXTS


def with_current_welsh(content: dict[str, Any], current: CurrentTexts) -> list[str]:
    """Give ``content`` the plan's Welsh as it stands now; return the texts it changed, in words.

    A snapshot freezes the plan's Welsh when it is made; Welsh written or corrected since (on
    the Welsh texts page) reaches the publication requested after it. A Welsh text is taken only
    where the plan's English is still the English the snapshot froze, so no Welsh is shown
    beside an English text it was not written for. ``content`` is changed in place.
    """
    changed: list[str] = []
    for kind, code, item, keys in _plan_items(content):
        for key in keys:
            english, welsh = current.get((kind, code, key), (None, ""))
            if english is None or english != (item.get(key) or ""):
                continue
            if (item.get(welsh_key(key)) or "") != welsh:
                item[welsh_key(key)] = welsh
                changed.append(f"{kind.capitalize()} {code}: {key}")
    # A measure is in the plan's words and among those rated: name each text once.
    return list(dict.fromkeys(changed))


def missing_welsh(content: Mapping[str, Any]) -> list[str]:
    """Return each published text of ``content`` with no Welsh version, in words, in order.

    For example "Plan: summary", "Priority P1: description", "Outcome P1.1: title",
    "Measure PUK02: name", "Theme violence: title", "Roadmap activity RM-001: summary".
    """
    return [text.words for text in missing_welsh_texts(content)]
