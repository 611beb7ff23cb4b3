"""A frozen text in the reader's language: its Welsh version on a Welsh page, or the English
marked as English.

Published content keeps each text in English under its own key ("name") and in Welsh beside it
("name_cy"). On a Welsh page a missing Welsh text is not hidden: the English is shown inside
an element marked lang="en-GB", with a note in Welsh that says so. The templates use this
through the ``bilingual`` filters; the builders of a page's parts (the pack's "How we compare"
section) call it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

NO_WELSH = "dim fersiwn Gymraeg eto"


def welsh_page() -> bool:
    """Return whether Welsh is the active language."""
    return (get_language() or "").startswith("cy")


def marked_english(english: str) -> SafeString:
    """Return an English text for a Welsh page: marked as English, with the Welsh note."""
    return format_html(
        '<span lang="en-GB">{}</span> <span class="no-welsh">({})</span>', english, NO_WELSH
    )


def text_in_language(item: Mapping[str, Any], field: str) -> str:
    """Return ``item[field]`` in the active language as plain text: its Welsh where there is one.

    For titles, attributes and labels, where a marked English cannot go.
    """
    english = item.get(field) or ""
    return (welsh_page() and item.get(f"{field}_cy")) or english


def in_language(english: str, welsh: str | None) -> str:
    """Return the text in the active language; on a Welsh page without Welsh, marked English."""
    if not welsh_page():
        return english
    if welsh:
        return welsh
    return marked_english(english) if english else ""


def lines_in_language(english: Sequence[str], welsh: Sequence[str] | None) -> list[str]:
    """Return a list of texts in the active language (``welsh`` None: none was frozen)."""
    if not welsh_page():
        return list(english)
    if welsh is not None:
        return list(welsh)
    return [marked_english(text) for text in english]
