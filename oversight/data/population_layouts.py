"""The published population tables that `oversight import population` reads as they come.

Besides its own layout (columns area, year, population, source), the import reads two
layouts in which ONS tables by police force area are published, told apart by their header:

- **Census by police force area** (Nomis, e.g. the 2011 Census ethnic group table summed to
  police force areas): a first column ``PFAyyNM`` (the area's name) and a column whose name
  contains ``All categories`` (the total of usual residents). The year is the Census year,
  taken from a four-digit year in the file name or, failing that, 2011; the source reads
  "Census usual residents".
- **ONS mid-year estimates, wide**: a first column ``year`` and one column per police force
  area, one row a year (the layout of the shared ONS 2009–2019 table, and of any newer
  estimates a user lays out the same way); the source reads "ONS mid-year population
  estimate".

Each gives rows of (name, year, population) with where they came from in the file; the
import checks them like its own rows and maps each name to a force through the explicit
table in ``analysis.forces``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from oversight.core.tables import Table


class Layout(StrEnum):
    OWN = "own"
    CENSUS = "census"
    WIDE = "wide"


CENSUS_SOURCE = "Census usual residents"
WIDE_SOURCE = "ONS mid-year population estimate"
_PFA_NAME = re.compile(r"pfa\d\dnm")
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class LayoutCell:
    """One population figure of a published table and where it is in the file."""

    row: int
    column: str  # the column to name in an error
    name: str
    year: str
    population: str
    source: str


def layout_of(table: Table) -> Layout:
    """Return which layout a table's header is in."""
    header = table.header
    if header and _PFA_NAME.fullmatch(header[0]) and _total_column(header) is not None:
        return Layout.CENSUS
    if header and header[0] == "year" and len(header) > 1 and "population" not in header:
        return Layout.WIDE
    return Layout.OWN


def _total_column(header: list[str]) -> str | None:
    return next((h for h in header if "all categories" in h), None)


def census_cells(table: Table, file_name: str) -> list[LayoutCell]:
    """Return a census table's total per police force area."""
    name_column, total = table.header[0], _total_column(table.header)
    assert total is not None
    found = _YEAR.search(file_name)
    year = found.group(0) if found else "2011"
    source = CENSUS_SOURCE
    return [
        LayoutCell(number, name_column, cells.get(name_column, ""), year,
                   cells.get(total, ""), source)
        for number, cells in table.rows
    ]  # fmt: skip


def wide_cells(table: Table) -> list[LayoutCell]:
    """Return each (year row, force column) figure of a wide table of estimates."""
    out = []
    for number, cells in table.rows:
        year = cells.get("year", "")
        for column in table.header[1:]:
            if column:
                out.append(
                    LayoutCell(number, column, column, year, cells.get(column, ""), WIDE_SOURCE)
                )
    return out
