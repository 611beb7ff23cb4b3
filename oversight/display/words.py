"""Words for what the charts and ratings show, so colour and icons are never the only signal."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import dateformat
from django.utils.translation import gettext_noop

from oversight.analysis.compstat import format_number
from oversight.analysis.periods import parse_period
from oversight.analysis.units import Unit

VARIATION_WORDS = {
    "common_cause": gettext_noop("Common cause variation"),
    "improvement_high": gettext_noop("Special cause improvement (high)"),
    "improvement_low": gettext_noop("Special cause improvement (low)"),
    "concern_high": gettext_noop("Special cause concern (high)"),
    "concern_low": gettext_noop("Special cause concern (low)"),
    "neutral_high": gettext_noop("Special cause variation (high), neither improvement nor concern"),
    "neutral_low": gettext_noop("Special cause variation (low), neither improvement nor concern"),
    "": gettext_noop("No SPC chart (too few points)"),
}

ASSURANCE_WORDS = {
    "consistent_pass": "Consistently passing the target",
    "consistent_fail": "Consistently failing the target",
    "inconsistent": "Hit and miss: the target may or may not be met",
    "": "No target to assure against",
}

# Point types as the chart legend names them (a point's special-cause label is in its tooltip).
POINT_WORDS = {
    "common_cause": gettext_noop("Common cause"),
    "special_cause_concern": gettext_noop("Special cause concern"),
    "special_cause_improvement": gettext_noop("Special cause improvement"),
    "special_cause_neutral_high": gettext_noop("Special cause (neutral)"),
    "special_cause_neutral_low": gettext_noop("Special cause (neutral)"),
}

UNIT_WORDS = {u.value: u.label for u in Unit}

BREAKDOWN_WORDS = {
    "": "All people",
    "age:under-18": "Under 18",
    "age:18-and-over": "18 and over",
}

WINDOW_TITLES = {
    "month": "Month on previous month",
    "same_month_last_year": "Month on same month last year",
    "year_to_date": "Year to date on last year",
    "rolling_12": "Rolling 12 months on previous 12",
}


def variation_words(icon: str | None) -> str:
    """Return the variation icon in words: "Special cause concern (high)"."""
    return VARIATION_WORDS.get(icon or "", icon or "")


def assurance_words(icon: str | None) -> str:
    """Return the assurance icon in words: "Consistently failing the target"."""
    return ASSURANCE_WORDS.get(icon or "", icon or "")


def breakdown_words(breakdown: str) -> str:
    """Return a breakdown in words: "Under 18"."""
    if breakdown in BREAKDOWN_WORDS:
        return BREAKDOWN_WORDS[breakdown]
    return breakdown.split(":", 1)[-1].replace("-", " ").capitalize()


def unit_words(unit: str, *, daily_rate: bool = False) -> str:
    """Return the axis title of a unit: "Count per day" for a count charted as a daily rate."""
    words = UNIT_WORDS.get(unit, unit.capitalize())
    return f"{words} per day" if daily_rate and unit == "count" else words


def month_words(period: str) -> str:
    """Return "Mar 2025" for "2025-03"."""
    year, month = parse_period(period)
    return f"{calendar.month_abbr[month]} {year}"


def month_in_language(period: str) -> str:
    """Return "Mar 2025" for "2025-03" in the active language ("Maw 2025" on a Welsh page)."""
    year, month = parse_period(period)
    return dateformat.format(dt.date(year, month, 1), "M Y")


def number(value: float | None, *, unit: str = "count") -> str:
    """Return a value for a table: thousands separators, at most two decimals, "–" if none."""
    if value is None:
        return "–"
    text = format_number(round(float(value), 2))
    return f"{text}%" if unit == "percentage" else text
