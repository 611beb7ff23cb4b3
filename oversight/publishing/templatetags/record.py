"""Filters for the accountability record: its ISO dates in words, its verdicts' colours."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import dateformat

register = template.Library()

# A verdict takes the colour of the rating it most resembles, with its words always beside it.
VERDICT_CLASS = {"assured": "rag-green", "partly_assured": "rag-amber", "not_assured": "rag-red"}


@register.filter
def day(iso: str | None) -> str:
    """Return an ISO date ("2026-12-03") as the public reads it ("3 December 2026")."""
    if not iso:
        return ""
    try:
        value = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    # Django's own month names: Welsh on a Welsh page.
    return dateformat.format(value, "j F Y")


@register.filter
def verdict_class(verdict: dict | None) -> str:
    return VERDICT_CLASS.get((verdict or {}).get("verdict", ""), "rag-grey")
