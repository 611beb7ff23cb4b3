"""The shape of a home page section: a titled group of items, and how dates are written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class Item:
    """One line of a section: what, where to act on it, and a flag when it is late."""

    text: str
    url: str = ""
    detail: str = ""
    flag: str = ""  # "Overdue", "Late", "Red"...: said in words, not only in colour
    flag_class: str = ""


@dataclass
class Group:
    """A section of the page: its items, and what to say when there are none."""

    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    empty: str = "Nothing awaits you here."
    more_url: str = ""
    more_label: str = ""
    counted: bool = True  # False when the items are not things to count (users by role)


def days(n: int) -> str:
    """Return "1 day", "3 days"."""
    return f"{n} day{'s' if n != 1 else ''}"


def day(value: dt.date | dt.datetime, fmt: str = "%b %Y") -> str:
    """Return "3 Dec 2026" (`fmt` after the day); a datetime is read in the site's time zone."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {value:{fmt}}"


def time(value: dt.datetime) -> str:
    """Return "3 Dec 2026, 14:05" in the site's time zone."""
    local = timezone.localtime(value)
    return f"{local.day} {local:%b %Y, %H:%M}"
