"""SQL over the warehouse: a measure's rows per month and area, in one query.

A police.uk measure definition (`Measure.police_uk`) selects rows in two steps:

- the *population*: street rows of the listed `crime_types` (every row when none are listed);
  every outcomes or stop-and-search row;
- the *numerator*: those of the population whose outcome is listed — `outcome_types` against
  the street file's `Last outcome category` or the outcomes file's `Outcome type`,
  `search_outcomes` against the stop-and-search `Outcome` (every row when none are listed).

A count is the numerator; a proportion is the numerator over the population. Rows are
counted, never distinct Crime IDs: anti-social behaviour rows have no Crime ID and police.uk
repeats some IDs within a file with different details, so each published row is one crime
(or outcome event). One query per measure groups the force's rows by month and local
authority; `geography.AreaMap` then places each local authority in a BCU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from oversight.analysis.geography import local_authority_from_lsoa_name

# The warehouse table of each police.uk dataset a measure may name.
TABLES = {"street": "street", "outcomes": "outcomes", "stop-and-search": "stop_and_search"}
# Datasets whose rows carry an LSOA (stop-and-search rows have only coordinates).
WITH_LSOA = frozenset({"street", "outcomes"})
# The column each dataset's outcome filter applies to.
OUTCOME_COLUMN = {
    "street": "last_outcome_category",
    "outcomes": "outcome_type",
    "stop-and-search": "outcome",
}
OUTCOME_KEY = {
    "street": "outcome_types",
    "outcomes": "outcome_types",
    "stop-and-search": "search_outcomes",
}

# Local-authority keys for rows that name none.
NO_LOCATION = None  # blank LSOA
UNREADABLE = ""  # an LSOA name without an LSOA code at its end


@dataclass(frozen=True)
class Definition:
    """A measure's police.uk definition, checked."""

    dataset: str
    statistic: str
    crime_types: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()

    @classmethod
    def parse(cls, spec: dict[str, Any]) -> Definition:
        """Return the definition in `Measure.police_uk`; ValueError if it cannot be used."""
        dataset = spec.get("dataset")
        if dataset not in TABLES:
            raise ValueError(f"unknown police.uk dataset {dataset!r}")
        statistic = spec.get("statistic", "count")
        if statistic not in ("count", "rate_per_1000", "proportion"):
            raise ValueError(f"unknown statistic {statistic!r}")
        crime_types = tuple(spec.get("crime_types") or ())
        if crime_types and dataset != "street":
            raise ValueError(f"crime_types apply only to street data, not {dataset}")
        return cls(
            dataset=dataset,
            statistic=statistic,
            crime_types=crime_types,
            outcomes=tuple(spec.get(OUTCOME_KEY[dataset]) or ()),
        )


@dataclass(frozen=True)
class Cell:
    """Rows of one month and local authority: the numerator and the population counted."""

    month: str
    authority: str | None  # None: no location; "": unreadable LSOA name
    numerator: int
    population: int


def authority_lookup(
    connection: duckdb.DuckDBPyConnection, dataset: str, force: str
) -> tuple[list[str], list[str | None]]:
    """Return parallel lists (LSOA name, local authority) for the force's rows of a dataset."""
    rows = connection.execute(
        f"SELECT DISTINCT lsoa_name FROM {TABLES[dataset]}"  # noqa: S608 - constant names
        " WHERE force = ? AND lsoa_name IS NOT NULL AND lsoa_name <> ''",
        [force],
    ).fetchall()
    names = [name for (name,) in rows]
    return names, [local_authority_from_lsoa_name(n) or UNREADABLE for n in names]


def monthly_cells(
    connection: duckdb.DuckDBPyConnection,
    definition: Definition,
    *,
    force: str,
    lookup: tuple[Sequence[str], Sequence[str | None]] | None = None,
) -> list[Cell]:
    """Return the force's rows of a measure per month and local authority (one query).

    `lookup` is `authority_lookup()` for the dataset, computed once and shared by measures;
    stop-and-search rows have no LSOA and all come back with no local authority.
    """
    table = TABLES[definition.dataset]
    conditions, params = ["t.force = ?"], [force]
    if definition.crime_types:
        conditions.append("list_contains(?, t.crime_type)")
        params.append(list(definition.crime_types))
    numerator = "TRUE"
    outcome_params: list[Any] = []
    if definition.outcomes:
        numerator = f"list_contains(?, t.{OUTCOME_COLUMN[definition.dataset]})"
        outcome_params = [list(definition.outcomes)]
    where = " AND ".join(conditions)
    if definition.dataset in WITH_LSOA:
        names, authorities = lookup if lookup is not None else ([], [])
        sql = f"""
            WITH lookup AS (
                SELECT unnest(?::VARCHAR[]) AS lsoa_name, unnest(?::VARCHAR[]) AS authority
            )
            SELECT t.month,
                CASE WHEN t.lsoa_name IS NULL OR t.lsoa_name = '' THEN NULL
                     ELSE coalesce(l.authority, '') END AS authority,
                count(*) FILTER (WHERE {numerator}) AS numerator,
                count(*) AS population
            FROM {table} t LEFT JOIN lookup l ON l.lsoa_name = t.lsoa_name
            WHERE {where}
            GROUP BY ALL
            ORDER BY ALL
        """  # noqa: S608 - table and conditions are constants; values are parameters
        params = [list(names), list(authorities), *outcome_params, *params]
    else:
        sql = f"""
            SELECT t.month, NULL AS authority,
                count(*) FILTER (WHERE {numerator}) AS numerator, count(*) AS population
            FROM {table} t WHERE {where} GROUP BY ALL ORDER BY ALL
        """  # noqa: S608 - as above
        params = [*outcome_params, *params]
    return [
        Cell(month, authority, int(num), int(pop))
        for month, authority, num, pop in connection.execute(sql, params).fetchall()
    ]


def all_rows(connection: duckdb.DuckDBPyConnection, dataset: str, *, force: str) -> list[Cell]:
    """Return every row of the force's dataset per month and local authority."""
    lookup = authority_lookup(connection, dataset, force) if dataset in WITH_LSOA else None
    definition = Definition(dataset=dataset, statistic="count")
    return monthly_cells(connection, definition, force=force, lookup=lookup)
