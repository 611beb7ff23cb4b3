"""Filters for the site pages and the public footer: a month in words, a page's text in blocks."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import dateformat, timezone

from oversight.analysis.periods import parse_period
from oversight.display.page_text import Block, blocks
from oversight.sitepages.defaults import welsh_date

register = template.Library()


@register.filter
def month_long(period: str) -> str:
    """Return "June 2025" for "2025-06" (what is not a month is shown as it is)."""
    try:
        year, month = parse_period(str(period))
    except ValueError:
        return str(period)
    # Django's own month names: Welsh on a Welsh page.
    return dateformat.format(dt.date(year, month, 1), "F Y")


@register.filter
def text_blocks(text: str) -> list[Block]:
    """Return a site page's text as its headings, paragraphs and lists (display.page_text)."""
    return blocks(text or "")


@register.filter
def date_cy(value: dt.datetime | dt.date) -> str:
    """Return a day in Welsh: "5 Mehefin 2025"."""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return welsh_date(value)
