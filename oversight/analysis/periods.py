"""Month arithmetic on "YYYY-MM" period strings.

A period is a calendar month written as ``"YYYY-MM"`` (for example ``"2025-04"``). Periods are
kept as strings everywhere so that they sort, print and serialise without conversion; this
module is the one place that parses them. The financial year runs from April to March.
"""

from __future__ import annotations

import calendar
import re

__all__ = [
    "FINANCIAL_YEAR_START_MONTH",
    "add_months",
    "days_in_month",
    "financial_year_label",
    "financial_year_start",
    "format_period",
    "months_between",
    "parse_period",
    "period_range",
    "validate_period",
]

FINANCIAL_YEAR_START_MONTH = 4  # April

_PERIOD_RE = re.compile(r"(\d{4})-(\d{2})")


def parse_period(period: str) -> tuple[int, int]:
    """Return (year, month) for a "YYYY-MM" string; raise ValueError if it is not one."""
    if not isinstance(period, str):
        raise ValueError(f"period must be a 'YYYY-MM' string, got {period!r}")
    match = _PERIOD_RE.fullmatch(period)
    if match is None:
        raise ValueError(f"period must look like 'YYYY-MM', got {period!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"period {period!r} has month {month}; months run 01 to 12")
    if year < 1:
        raise ValueError(f"period {period!r} has year {year}; years start at 0001")
    return year, month


def validate_period(period: str) -> str:
    """Return the period unchanged if it is a valid "YYYY-MM" string; raise ValueError if not."""
    parse_period(period)
    return period


def format_period(year: int, month: int) -> str:
    """Return the "YYYY-MM" string for a year and month."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1 to 12, got {month}")
    if not 1 <= year <= 9999:
        raise ValueError(f"year must be 1 to 9999, got {year}")
    return f"{year:04d}-{month:02d}"


def _index(period: str) -> int:
    year, month = parse_period(period)
    return year * 12 + (month - 1)


def _from_index(index: int) -> str:
    year, month0 = divmod(index, 12)
    return format_period(year, month0 + 1)


def add_months(period: str, months: int) -> str:
    """Return the period ``months`` after ``period`` (before it when negative)."""
    return _from_index(_index(period) + months)


def months_between(start: str, end: str) -> int:
    """Return how many months ``end`` is after ``start`` (negative when it is before)."""
    return _index(end) - _index(start)


def period_range(start: str, end: str) -> list[str]:
    """Return every period from ``start`` to ``end`` inclusive; empty when ``end`` < ``start``."""
    first, last = _index(start), _index(end)
    return [_from_index(i) for i in range(first, last + 1)]


def financial_year_start(period: str) -> str:
    """Return the April that opens the financial year containing ``period``."""
    year, month = parse_period(period)
    start_year = year if month >= FINANCIAL_YEAR_START_MONTH else year - 1
    return format_period(start_year, FINANCIAL_YEAR_START_MONTH)


def financial_year_label(period: str) -> str:
    """Return the financial year containing ``period`` as board papers write it, e.g. "2024/25"."""
    start_year, _ = parse_period(financial_year_start(period))
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def days_in_month(period: str) -> int:
    """Return the number of days in the period's month (29 for a leap-year February)."""
    year, month = parse_period(period)
    return calendar.monthrange(year, month)[1]
