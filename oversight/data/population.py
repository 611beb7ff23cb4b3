"""Importing resident populations (for rates per 1,000): checked whole, written whole.

A population file (CSV or Excel) has the columns `area` (force, a BCU code or a local
authority of the plan, or any police force by slug or name), `year` (calendar year) and
`population`, and optionally `source`; or it is one of the published ONS layouts by police
force area that `population_layouts` reads (a census table, a wide table of mid-year
estimates). Any problem rejects the whole file with every problem listed by row and column;
otherwise each (area, year) is created or updated in one transaction, with an audit event.

Another force's population is stored under its police.uk slug (for peer comparison,
``oversight peers``); the plan's own force under "force", as its rates per 1,000 read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.analysis.forces import FORCES
from oversight.core.tables import Rejected, RowError, length_error, parse_number, read_table
from oversight.data.models import FORCE_AREA, Population
from oversight.data.population_layouts import (
    Layout,
    LayoutCell,
    census_cells,
    layout_of,
    wide_cells,
)
from oversight.plans.models import Bcu, LocalAuthority, Plan

COLUMNS: tuple[tuple[str, str], ...] = (
    (
        "area",
        "force, a BCU code of the plan, a local authority name, or any police force "
        "by its police.uk slug or name (e.g. south-wales, Avon & Somerset)",
    ),
    ("year", "Calendar year of the estimate, e.g. 2024"),
    ("population", "Resident population, a whole number above 0"),
    ("source", "Optional: where the figure comes from, e.g. ONS mid-year estimates"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
REQUIRED = ("area", "year", "population")
FIRST_YEAR = 1990


@dataclass(frozen=True)
class PopulationRow:
    row: int
    area: str
    year: int
    population: int
    source: str


@dataclass
class PopulationResult:
    """What a population import wrote."""

    file_name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return the outcome as lines of text."""
        if self.errors:
            return [
                f"REJECTED {self.file_name}: {len(self.errors)} problem(s), nothing imported",
                *(f"  {e}" for e in self.errors),
            ]
        return [
            f"Population from {self.file_name}: {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        ]


def area_keys(plan: Plan | None) -> dict[str, str]:
    """Return every accepted area name (lower case) → the area it is stored under.

    Any police force, by slug or a listed name (``analysis.forces``), is stored under its
    slug, the plan's own force under "force"; the plan's BCU codes and local authorities come
    last, so that a local authority named like a force (Wiltshire) stays the local authority.
    """
    own = plan.force_slug if plan is not None else None
    areas = {FORCE_AREA: FORCE_AREA}
    for force in FORCES:
        key = FORCE_AREA if force.slug == own else force.slug
        for name in force.names:
            areas[name.casefold()] = key
    if plan is not None:
        areas[plan.force_slug.lower()] = FORCE_AREA
        for code in Bcu.objects.filter(plan=plan).values_list("code", flat=True):
            areas[code.lower()] = code
        for name in LocalAuthority.objects.filter(bcu__plan=plan).values_list("name", flat=True):
            areas[name.lower()] = name
    return areas


def check_population(
    data: bytes, file_name: str, *, plan: Plan | None, today: dt.date | None = None
) -> list[PopulationRow]:
    """Return the checked rows of a population file; Rejected with every problem if any.

    The file is in Oversight's own layout (``COLUMNS``) or in one of the published layouts
    of ``population_layouts`` (a census table by police force area, or a wide table of ONS
    mid-year estimates), told by its header.
    """
    today = today or timezone.localdate()
    areas = area_keys(plan)
    table = read_table(data, file_name, columns=None, required=())
    layout = layout_of(table)
    if layout is Layout.CENSUS:
        cells = census_cells(table, file_name)
    elif layout is Layout.WIDE:
        cells = wide_cells(table)
    else:
        table = read_table(data, file_name, columns=COLUMN_NAMES, required=REQUIRED)
        cells = [
            LayoutCell(number, "area", c.get("area", ""), c.get("year", ""),
                       c.get("population", ""), c.get("source", ""))
            for number, c in table.rows
        ]  # fmt: skip
    errors: list[RowError] = []
    rows: list[PopulationRow] = []
    first: dict[tuple[str, int], int] = {}
    if not table.rows:
        errors.append(RowError(table.header_row + 1, "-", "the file has no rows"))
    own = layout is Layout.OWN
    for cell in cells:
        number = cell.row
        row_errors: list[RowError] = []
        area = areas.get(cell.name.casefold())
        if not cell.name:
            row_errors.append(RowError(number, cell.column, "required"))
        elif area is None:
            hint = (
                "use force, a BCU code or a local authority of the plan, or a police force"
                if own
                else "not a police force area Oversight knows (oversight/analysis/forces.py)"
            )
            row_errors.append(RowError(number, cell.column, f"unknown area {cell.name!r} ({hint})"))
        year_column = "year" if own or layout is Layout.WIDE else cell.column
        year = _whole(cell.year, year_column, number, row_errors)
        if year is not None and not FIRST_YEAR <= year <= today.year + 1:
            row_errors.append(
                RowError(number, year_column, f"{year} is outside {FIRST_YEAR}..{today.year + 1}")
            )
            year = None
        population_column = "population" if own else cell.column
        population = _whole(cell.population, population_column, number, row_errors)
        if population is not None and population <= 0:
            row_errors.append(RowError(number, population_column, "must be more than 0"))
            population = None
        if area is not None and year is not None and (area, year) in first:
            row_errors.append(
                RowError(number, cell.column, f"duplicate of row {first[(area, year)]}: same "
                         "area and year")
            )  # fmt: skip
        for column, text in (("area", area or ""), ("source", cell.source)):
            limit = Population._meta.get_field(column).max_length
            if (error := length_error(number, column, text, limit)) is not None:
                row_errors.append(error)
        errors += row_errors
        if row_errors or area is None or year is None or population is None:
            continue
        first[(area, year)] = number
        rows.append(PopulationRow(number, area, year, population, cell.source))
    if errors:
        raise Rejected(errors)
    return rows


def _whole(text: str, column: str, number: int, errors: list[RowError]) -> int | None:
    if not text:
        errors.append(RowError(number, column, "required"))
        return None
    try:
        value = parse_number(text.replace(",", ""))
    except ValueError:
        errors.append(RowError(number, column, f"{text!r} is not a number"))
        return None
    if not value.is_integer():
        errors.append(RowError(number, column, f"{text!r} is not a whole number"))
        return None
    return int(value)


def import_population(
    *, data: bytes, file_name: str, plan: Plan | None, by: User | None
) -> PopulationResult:
    """Check a population file and write it whole; the result lists errors if it was rejected."""
    result = PopulationResult(file_name=file_name)
    try:
        rows = check_population(data, file_name, plan=plan)
    except Rejected as exc:
        result.errors = exc.errors
        return result
    with transaction.atomic():
        existing = {(p.area, p.year): p for p in Population.objects.select_for_update()}
        before, after = {}, {}
        # A row without a source is sourced to the file, named as far as the field holds.
        default_source = file_name[: Population._meta.get_field("source").max_length]
        for row in rows:
            source = row.source or default_source
            current = existing.get((row.area, row.year))
            label = f"{row.area} {row.year}"
            if current is None:
                Population.objects.create(
                    area=row.area, year=row.year, population=row.population, source=source
                )
                result.created += 1
                after[label] = row.population
            elif current.population != row.population or current.source != source:
                before[label] = current.population
                current.population, current.source = row.population, source
                current.save(update_fields=["population", "source"])
                result.updated += 1
                after[label] = row.population
            else:
                result.unchanged += 1
        if after:
            audit.record(
                by=by,
                action="data.population_imported",
                object_type="data.Population",
                object_repr=f"population from {file_name}"[:300],
                before=before or None,
                after=after,
                note=f"{result.created} new, {result.updated} updated",
            )
    return result
