"""A planning-catalogue item's intended state, and what is wrong with it; no Django imports.

Forms and the file import build an `ItemValues`; `problems` says, field by field, why it
cannot be saved. Rules that need the database (a code already taken, who may change what)
live in `catalogues`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the type: this module runs without Django
    from oversight.accounts.models import Organisation

CODE_LENGTH = 30  # LinkItem.code
TITLE_LENGTH = 300  # LinkItem.title
MAX_ORDER = 2_147_483_647  # a PositiveIntegerField on every database
# Far above any police budget line, and exact as an Excel number (below 2**53), so an export
# opened and saved in Excel reads back to the same pound.
MAX_AMOUNT = 999_999_999_999
# A partner plan's years: a plan of this century, not a typing slip like 225.
FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 2000, 2100
# Codes go in page addresses (/roadmap/catalogues/mtfp/MTFP-01/), so no "/", "?" or space;
# "new" is the address of the page that adds an item.
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
RESERVED_CODES = frozenset({"new"})
PARTNER_PLAN_FIELDS = (
    "kind",
    "assessment_date",
    "commitments_close",
    "publication_date",
    "first_year",
    "last_year",
)


@dataclass
class ItemValues:
    """Every field of a catalogue item, resolved to objects.

    `amounts` (plan year to whole pounds) is for MTFP lines only: None leaves a line's
    amounts as they are, a dict replaces them. The partner-plan fields are for partner
    plans only.
    """

    code: str
    title: str
    description: str = ""
    order: int = 0
    organisation: Organisation | None = None
    amounts: dict[int, int] | None = None
    kind: str = ""
    assessment_date: dt.date | None = None
    commitments_close: dt.date | None = None
    publication_date: dt.date | None = None
    first_year: int | None = None
    last_year: int | None = None

    def cleaned(self) -> ItemValues:
        """Return the values with text stripped, as they are stored."""
        self.code = self.code.strip()
        self.title = self.title.strip()
        self.description = self.description.strip()
        self.kind = self.kind.strip()
        return self


def code_problem(code: str) -> str | None:
    """Return what is wrong with a new code, or None if it can be used."""
    if not code:
        return "a code is required"
    if len(code) > CODE_LENGTH:
        return f"the code is longer than {CODE_LENGTH} characters ({len(code)})"
    if not _CODE.match(code):
        return (
            f"{code!r} is not a code: use letters, digits, '.', '-' and '_', starting with a "
            "letter or digit (e.g. MTFP-07)"
        )
    if code in RESERVED_CODES:
        return f"{code!r} cannot be a code (it names the page that adds an item)"
    return None


def problems(
    values: ItemValues,
    *,
    years: Mapping[int, str],
    kinds: Collection[str],
    has_amounts: bool,
    is_partner_plan: bool,
    new_code: bool,
) -> list[tuple[str, str]]:
    """Return (field, reason) for everything that stops the values being saved.

    `years` are the plan's years with their labels ({2025: "2025/26"}), `kinds` the
    partner-plan kinds; `new_code` checks the code's form, which an existing item keeps even
    if it predates the rule.
    """
    found: list[tuple[str, str]] = []
    if (new_code or not values.code) and (reason := code_problem(values.code)) is not None:
        found.append(("code", reason))
    if not values.title:
        found.append(("title", "a title is required"))
    elif len(values.title) > TITLE_LENGTH:
        found.append(
            ("title", f"the title is longer than {TITLE_LENGTH} characters ({len(values.title)})")
        )
    if isinstance(values.order, bool) or not 0 <= values.order <= MAX_ORDER:
        found.append(("order", f"the order is a whole number from 0 to {MAX_ORDER:,}"))
    if values.amounts:
        if has_amounts:
            found.extend(("amounts", reason) for reason in amount_problems(values.amounts, years))
        else:
            found.append(("amounts", "only Medium Term Financial Plan lines have amounts"))
    if is_partner_plan:
        found.extend(_partner_plan_problems(values, kinds))
    else:
        for name in PARTNER_PLAN_FIELDS:
            if getattr(values, name) not in (None, ""):
                found.append((name, f"only partner plans have a {name.replace('_', ' ')}"))
    return found


def amount_problems(amounts: Mapping[int, int], years: Mapping[int, str]) -> list[str]:
    """Return why amounts (plan year to pounds) cannot be saved.

    Each must be whole pounds, not negative, in one of `years` (year to label).
    """
    found = []
    for year, amount in sorted(amounts.items()):
        label = years.get(year, str(year))
        if year not in years:
            labels = list(years.values())
            span = f" ({labels[0]} to {labels[-1]})" if labels else ""
            found.append(f"{year} is not a year of the plan{span}")
        elif isinstance(amount, bool) or not isinstance(amount, int):
            found.append(f"{label}: {amount!r} is not a whole number of pounds")
        elif amount < 0:
            found.append(f"{label}: an amount cannot be negative (£{amount:,})")
        elif amount > MAX_AMOUNT:
            found.append(f"{label}: £{amount:,} is more than £{MAX_AMOUNT:,}")
    return found


def _partner_plan_problems(values: ItemValues, kinds: Collection[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if not values.kind:
        found.append(("kind", "a partner plan needs a kind"))
    elif values.kind not in kinds:
        found.append(("kind", f"{values.kind!r} is not one of {', '.join(sorted(kinds))}"))
    # The cycle runs assessment, then the close of commitments, then publication.
    dates = [
        (name, getattr(values, name))
        for name in ("assessment_date", "commitments_close", "publication_date")
        if getattr(values, name) is not None
    ]
    for (earlier, first), (later, second) in itertools.pairwise(dates):
        if first > second:
            found.append(
                (
                    later,
                    f"the {later.replace('_', ' ')} ({second.isoformat()}) is before the "
                    f"{earlier.replace('_', ' ')} ({first.isoformat()})",
                )
            )
    for name in ("first_year", "last_year"):
        year = getattr(values, name)
        if year is not None and not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR:
            found.append((name, f"{year} is not a year from {FIRST_PLAN_YEAR} to {LAST_PLAN_YEAR}"))
    first, last = values.first_year, values.last_year
    if first is not None and last is not None and first > last:
        found.append(("last_year", f"the last year ({last}) is before the first ({first})"))
    return found


def parse_amount(text: str) -> int:
    """Return the whole pounds in a cell ("41200000", "41,200,000", "£41,200,000", "5.0").

    ValueError if it is not a whole number; a sign is kept so that `amount_problems` can say
    a negative amount is negative rather than not a number.
    """
    cleaned = text.replace("£", "").replace(",", "").replace(" ", "")
    match = re.fullmatch(r"(-?\d+)(?:\.0*)?", cleaned)
    if not match:
        raise ValueError(text)
    return int(match[1])
