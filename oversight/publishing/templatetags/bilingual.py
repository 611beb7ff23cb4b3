"""Show a published text in the reader's language: its Welsh version on a Welsh page.

Published content keeps each text in English under its own key ("name") and in Welsh beside it
("name_cy"). On a Welsh page a missing Welsh text is not hidden: the English is shown, marked
as English, with a note in Welsh that says so (``oversight.core.welsh``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from oversight.core.welsh import marked_english
from oversight.core.welsh import welsh_page as _welsh

register = template.Library()


def _get(obj: Any, field: str) -> str:
    if isinstance(obj, dict):
        return obj.get(field) or ""
    return getattr(obj, field, "") or ""


@register.filter
def in_language(obj: Any, field: str) -> SafeString | str:
    """Return ``obj[field]`` in the page's language, as HTML; a missing Welsh text is marked."""
    english = _get(obj, field)
    if not _welsh():
        return english
    welsh = _get(obj, f"{field}_cy")
    if welsh:
        return welsh
    if not english:
        return ""
    return marked_english(english)


@register.filter
def in_language_text(obj: Any, field: str) -> str:
    """Return ``obj[field]`` in the page's language as plain text (for titles and attributes)."""
    english = _get(obj, field)
    if not _welsh():
        return english
    return _get(obj, f"{field}_cy") or english


@register.filter
def lines_in_language(obj: Any, field: str) -> list[str]:
    """Return the list ``obj[field]`` in the page's language (``field_cy`` on a Welsh page)."""
    english = _get(obj, field) or []
    if not _welsh():
        return english
    return _get(obj, f"{field}_cy") or english


@register.filter
def as_written(text: Any) -> SafeString | str:
    """Return a text people wrote (in English) marked as English on a Welsh page.

    The accountability record's texts (a concern, the Board's response, an answer, a verdict's
    reasons) are kept as written, with no Welsh version; a screen reader reads them as English.
    """
    if not text or not _welsh():
        return text
    return format_html('<span lang="en-GB">{}</span>', text)


@register.filter
def change_in_language(change: str) -> str:
    """Return a recorded change ("added", or "Planned → In progress") in the page's language."""
    return " → ".join(gettext(part) for part in str(change).split(" → "))
