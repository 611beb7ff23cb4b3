"""The DuckDB warehouse of incident-level police.uk rows and the batches that loaded them.

A `Warehouse` wraps one DuckDB file. Every row carries the id of the import batch that loaded
it; `import_batch` records each file's source, checksum, counts and quirks, and which batch a
revised file replaced. Nothing here imports Django: give it a path.

Layout (docs/adr/0004): rows are stored in `street_rows`, `outcomes_rows` and
`stop_and_search_rows`; `street`, `outcomes` and `stop_and_search` are views presenting every
CSV column (snake_case) with `batch_id`, `force` and `month`, which is what queries read. Force,
month and the columns that hold one value per file (Reported by, Falls within, Context) are
stored once per batch in `import_batch`; a row stores such a column only where its value differs
from its batch's (`''` standing for an empty value there; the CSV reader never yields `''`).
Crime IDs (random hex) are stored uncompressed: compressing them cost more than the rest of
the row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from oversight.data.policeuk import COLUMNS, PER_FILE_COLUMNS, Kind, column_types, snake

# One table per kind; each row also carries batch_id, force (the file's slug) and month.
TABLES: dict[Kind, str] = {
    Kind.STREET: "street",
    Kind.OUTCOMES: "outcomes",
    Kind.STOP_AND_SEARCH: "stop_and_search",
}
# Where the rows are stored; the TABLES names are views over these.
ROW_TABLES: dict[Kind, str] = {kind: f"{name}_rows" for kind, name in TABLES.items()}
# The per-file columns kept once per batch in import_batch (Month is import_batch.month).
BATCH_CONSTANTS = ("reported_by", "falls_within", "context")


class BatchStatus:
    """The life of an import batch."""

    LOADED = "loaded"  # its rows are in the warehouse
    SUPERSEDED = "superseded"  # a revised file for the same kind, force and month replaced it
    REJECTED = "rejected"  # validation failed; nothing from it was kept


_BATCH_DDL = """
CREATE TABLE IF NOT EXISTS import_batch (
    id INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    force VARCHAR NOT NULL,
    month VARCHAR NOT NULL,
    rows BIGINT,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    status VARCHAR NOT NULL,
    replaced_batch_id INTEGER,
    row_change BIGINT,
    asb_without_crime_id BIGINT,
    no_location BIGINT,
    repeated_crime_ids BIGINT,
    outside_force_area BIGINT,
    outside_file_month BIGINT,
    errors VARCHAR
)
"""
# A revised file's rows per category against the rows of the batch it replaced: the evidence
# of a revision, which the replaced rows (deleted) could no longer give.
_REVISION_DDL = """
CREATE TABLE IF NOT EXISTS batch_revision (
    batch_id INTEGER NOT NULL,
    replaced_batch_id INTEGER NOT NULL,
    category VARCHAR NOT NULL,
    before_rows BIGINT NOT NULL,
    after_rows BIGINT NOT NULL
)
"""
# The column whose counts a revision compares, per kind.
CATEGORY_COLUMNS: dict[Kind, str] = {
    Kind.STREET: "crime_type",
    Kind.OUTCOMES: "outcome_type",
    Kind.STOP_AND_SEARCH: "object_of_search",
}
_BATCH_CONSTANTS_DDL = [
    f"ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS {name} VARCHAR" for name in BATCH_CONSTANTS
]


@dataclass(frozen=True)
class Batch:
    """One row of `import_batch`: a file load attempt and what it found.

    `repeated_crime_ids` counts rows beyond the first for each Crime ID in the file;
    `outside_force_area` counts rows whose LSOA lies in the other nation (None when the force's
    area cannot be told from the LSOA code, as for BTP); `outside_file_month` counts
    stop-and-search rows dated outside the file's month; `errors` lists
    `{"line", "column", "message"}` for a rejected file.
    """

    id: int
    file_name: str
    source_path: str
    sha256: str
    kind: str
    force: str
    month: str
    rows: int | None
    started_at: datetime
    finished_at: datetime
    status: str
    replaced_batch_id: int | None
    row_change: int | None
    asb_without_crime_id: int | None
    no_location: int | None
    repeated_crime_ids: int | None
    outside_force_area: int | None
    outside_file_month: int | None
    errors: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        """Return the batch as JSON-ready values (timestamps in ISO 8601)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["started_at"] = self.started_at.isoformat()
        data["finished_at"] = self.finished_at.isoformat()
        return data


_BATCH_COLUMNS = ", ".join(f.name for f in fields(Batch))
# Each import_batch column's type, from the DDL.
_BATCH_TYPES: dict[str, str] = {
    name: type_
    for name, type_ in re.findall(r"^    (\w+) (\w+)", _BATCH_DDL, re.MULTILINE)
    if name in {f.name for f in fields(Batch)}
} | dict.fromkeys(BATCH_CONSTANTS, "VARCHAR")

# Columns a caller may group or filter monthly counts by, per kind.
GROUPABLE: dict[Kind, frozenset[str]] = {
    kind: frozenset({"force", "month", *(snake(c) for c in COLUMNS[kind])}) - {"date"}
    for kind in Kind
}


def row_columns(kind: Kind) -> dict[str, str]:
    """Return the stored column → DuckDB type mapping of a kind's row table, after batch_id.

    Per-file columns hold only values differing from the batch's; `month` holds a Month that
    differs from the file name's, which rejects the file, so loaded rows never have one.
    """
    out = {}
    for name, type_ in column_types(kind).items():
        if name == "Crime ID":
            type_ += " USING COMPRESSION uncompressed"
        out[snake(name)] = type_
    return out


def _rows_ddl(kind: Kind) -> str:
    body = ",\n    ".join(
        ["batch_id INTEGER NOT NULL"] + [f"{n} {t}" for n, t in row_columns(kind).items()]
    )
    return f"CREATE TABLE IF NOT EXISTS {ROW_TABLES[kind]} (\n    {body}\n)"


def _view_ddl(kind: Kind) -> str:
    per_file = {snake(c) for c in PER_FILE_COLUMNS[kind]}
    columns = ["r.batch_id", "b.force", "b.month"]
    for name in row_columns(kind):
        if name == "month":
            continue
        if name in per_file:
            columns.append(
                f"CASE r.{name} WHEN '' THEN NULL ELSE coalesce(r.{name}, b.{name}) END AS {name}"
            )
        else:
            columns.append(f"r.{name}")
    select = ",\n    ".join(columns)
    return (
        f"CREATE VIEW IF NOT EXISTS {TABLES[kind]} AS SELECT\n    {select}\n"
        f"FROM {ROW_TABLES[kind]} r JOIN import_batch b ON b.id = r.batch_id"
    )


class WarehouseBusy(Exception):
    """Another process has the warehouse open for writing; the message says which."""


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def _busy(path: Path, error: duckdb.IOException) -> WarehouseBusy | None:
    found = _LOCK_HOLDER.search(str(error))
    if found is None:
        return None
    pid = found["pid"]
    try:
        # The holder's own command line says which job it is ("oversight import police-uk …").
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        job = " ".join(w.decode(errors="replace") for w in words if w)
    except OSError:
        job = found["program"]
    return WarehouseBusy(
        f"the warehouse {path} is in use by another job (process {pid}: {job}); "
        "wait for it to finish, then run this again"
    )


class Warehouse:
    """An open DuckDB warehouse file; use as a context manager or call `close()`."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            busy = _busy(self.path, exc)
            if busy is None:
                raise
            raise busy from exc
        # Rows are ordered by batch, not by arrival: letting DuckDB append in any order makes
        # multi-file loads parallel.
        self.connection.execute("SET preserve_insertion_order = false")
        self.connection.execute("SET enable_progress_bar = false")
        # Stop-and-search times are labelled UTC; months are compared in UTC.
        self.connection.execute("SET TimeZone = 'UTC'")
        if not read_only:
            self._create_schema()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the file)."""
        self.connection.close()

    def _create_schema(self) -> None:
        con = self.connection
        con.execute(_BATCH_DDL)
        con.execute(_REVISION_DDL)
        for statement in _BATCH_CONSTANTS_DDL:
            con.execute(statement)
        base_tables = {
            name
            for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_type = 'BASE TABLE' AND table_schema = 'main'"
            ).fetchall()
        }
        for kind in Kind:
            con.execute(_rows_ddl(kind))
            if TABLES[kind] in base_tables:
                self._migrate_row_table(kind)
            con.execute(_view_ddl(kind))

    def _migrate_row_table(self, kind: Kind) -> None:
        """Move rows from the first layout (one table holding every column) into the new one.

        The batches there carry no per-file values, so every row keeps its own.
        """
        con = self.connection
        names = [n for n in row_columns(kind) if n != "month"]
        columns = ", ".join(["batch_id", *names])
        con.begin()
        con.execute(
            f"INSERT INTO {ROW_TABLES[kind]} ({columns})"  # noqa: S608 - constant names
            f" SELECT {columns} FROM {TABLES[kind]}"
        )
        con.execute(f"DROP TABLE {TABLES[kind]}")
        con.commit()

    # -- batches -------------------------------------------------------------------------

    def batches(
        self, *, status: str | None = None, ids: Iterable[int] | None = None
    ) -> list[Batch]:
        """Return import batches, oldest first, optionally only one status or given ids."""
        where, params = [], []
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if ids is not None:
            where.append("list_contains(?, id)")
            params.append(list(ids))
        sql = f"SELECT {_BATCH_COLUMNS} FROM import_batch"  # noqa: S608 - constant names
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.connection.execute(sql + " ORDER BY id", params).fetchall()
        return [_batch(row) for row in rows]

    def current_batches(self) -> dict[tuple[str, str, str], Batch]:
        """Return the loaded batch for each (kind, force, month) in the warehouse."""
        return {(b.kind, b.force, b.month): b for b in self.batches(status=BatchStatus.LOADED)}

    def next_batch_id(self) -> int:
        """Return the id the next batch will take."""
        (top,) = self.connection.execute("SELECT coalesce(max(id), 0) FROM import_batch").fetchone()
        return int(top) + 1

    def insert_batches(
        self,
        batches: Sequence[Batch],
        constants: dict[int, dict[str, str | None]] | None = None,
    ) -> None:
        """Record batches in one statement (inside the caller's transaction).

        `constants` maps a batch id to its per-file values (`reported_by`, `falls_within`,
        `context`): what every row of the batch holds unless the row stores its own.
        """
        if not batches:
            return
        columns: dict[str, list[Any]] = {name: [] for name in _BATCH_TYPES}
        for batch in batches:
            kept = (constants or {}).get(batch.id, {})
            values = {f.name: getattr(batch, f.name) for f in fields(batch)}
            values["errors"] = json.dumps(batch.errors) if batch.errors else None
            for name, column in columns.items():
                column.append(kept.get(name) if name in BATCH_CONSTANTS else values[name])
        # One list per column: binding a VALUES row per batch costs more than the rows do.
        select = ", ".join(f"unnest(?::{type_}[])" for type_ in _BATCH_TYPES.values())
        self.connection.execute(
            f"INSERT INTO import_batch ({', '.join(columns)}) SELECT {select}",
            list(columns.values()),
        )

    def delete_rows(self, kind: Kind | str, batch_ids: Sequence[int]) -> None:
        """Delete the rows of the given batches of a kind (inside the caller's transaction)."""
        if batch_ids:
            self.connection.execute(
                f"DELETE FROM {ROW_TABLES[Kind(kind)]} WHERE list_contains(?, batch_id)",  # noqa: S608
                [list(batch_ids)],
            )

    def supersede(self, old: Batch, new_id: int | None = None) -> None:
        """Delete a replaced batch's rows and mark it superseded (inside a transaction).

        With ``new_id``, first record each category's rows in both batches (``revisions``).
        """
        if new_id is not None:
            self._record_revision(Kind(old.kind), old.id, new_id)
        self.delete_rows(old.kind, [old.id])
        self.connection.execute(
            "UPDATE import_batch SET status = ? WHERE id = ?", [BatchStatus.SUPERSEDED, old.id]
        )

    def _record_revision(self, kind: Kind, old_id: int, new_id: int) -> None:
        column = CATEGORY_COLUMNS[kind]
        self.connection.execute(
            f"""
            INSERT INTO batch_revision
            SELECT ?, ?, category, count(*) FILTER (WHERE batch_id = ?),
                count(*) FILTER (WHERE batch_id = ?)
            FROM (SELECT batch_id, coalesce({column}, '') AS category FROM {ROW_TABLES[kind]}
                  WHERE batch_id = ? OR batch_id = ?)
            GROUP BY category
            """,  # noqa: S608 - constant names
            [new_id, old_id, old_id, new_id, old_id, new_id],
        )

    def revisions(self) -> list[dict[str, Any]]:
        """Return every recorded revision: the new and replaced batch, month and category rows."""
        rows = self.connection.execute(
            """
            SELECT r.batch_id, r.replaced_batch_id, b.kind, b.force, b.month,
                list(struct_pack(category := r.category, before := r.before_rows,
                                 after := r.after_rows) ORDER BY r.category)
            FROM batch_revision r JOIN import_batch b ON b.id = r.batch_id
            GROUP BY ALL ORDER BY r.batch_id
            """
        ).fetchall()
        return [
            {
                "batch_id": batch_id,
                "replaced_batch_id": replaced,
                "kind": kind,
                "force": force,
                "month": month,
                "categories": {c["category"]: (c["before"], c["after"]) for c in cats},
            }
            for batch_id, replaced, kind, force, month, cats in rows
        ]

    # -- summaries -----------------------------------------------------------------------

    def row_counts(self) -> list[dict[str, Any]]:
        """Return rows per kind × force × month of the loaded batches, sorted."""
        rows = self.connection.execute(
            "SELECT kind, force, month, rows FROM import_batch WHERE status = ?"
            " ORDER BY kind, force, month",
            [BatchStatus.LOADED],
        ).fetchall()
        return [{"kind": k, "force": f, "month": m, "rows": n} for k, f, m, n in rows]

    def gaps(self) -> list[dict[str, Any]]:
        """Return, per kind and force, the months missing between its first and last month.

        Only kind+force pairs with at least one missing month are listed.
        """
        rows = self.connection.execute(
            """
            WITH loaded AS (
                SELECT kind, force, strptime(month, '%Y-%m')::DATE AS m
                FROM import_batch WHERE status = ?
            ), spans AS (
                SELECT kind, force, min(m) AS first, max(m) AS last FROM loaded GROUP BY ALL
            ), expected AS (
                SELECT kind, force, unnest(generate_series(first, last, INTERVAL 1 MONTH))::DATE
                    AS m
                FROM spans
            )
            SELECT kind, force, list(strftime(m, '%Y-%m') ORDER BY m)
            FROM (SELECT * FROM expected EXCEPT SELECT * FROM loaded)
            GROUP BY ALL ORDER BY kind, force
            """,
            [BatchStatus.LOADED],
        ).fetchall()
        return [{"kind": k, "force": f, "months": months} for k, f, months in rows]

    def summary(self) -> dict[str, Any]:
        """Return the `oversight data summary --json` document: rows, gaps and batches."""
        return {
            "rows": self.row_counts(),
            "gaps": self.gaps(),
            "batches": [b.as_json() for b in self.batches()],
        }

    # -- queries for measures ------------------------------------------------------------

    def monthly_counts(
        self,
        kind: Kind | str,
        *,
        by: Sequence[str] = (),
        where: dict[str, str | Sequence[str]] | None = None,
        forces: Sequence[str] | None = None,
        months: tuple[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Return row counts per force and month (and any `by` columns), with their batch ids.

        `by` and the keys of `where` are warehouse column names of the kind (`crime_type`,
        `last_outcome_category`, `lsoa_code`, `lsoa_name`, `outcome_type`, `outcome`, …);
        a `where` value may be one value or a list of values. `months` is an inclusive
        ("YYYY-MM", "YYYY-MM") range. Each result row is
        `{"force", "month", *by, "rows", "batch_id"}`; `batch_id` is the loaded batch the
        rows came from (one per kind, force and month). Rows are counted, never distinct
        Crime IDs; rows without a location count too.
        """
        kind = Kind(kind)
        columns = [c for c in by if c not in ("force", "month")]
        unknown = (set(columns) | set(where or {})) - GROUPABLE[kind]
        if unknown:
            raise ValueError(f"unknown {kind} column(s): {', '.join(sorted(unknown))}")
        conditions, params = [], []
        for column, value in (where or {}).items():
            values = [value] if isinstance(value, str) else list(value)
            conditions.append(f"list_contains(?, {column})")
            params.append(values)
        if forces is not None:
            conditions.append("list_contains(?, force)")
            params.append(list(forces))
        if months is not None:
            conditions.append("month BETWEEN ? AND ?")
            params.extend(months)
        group = ", ".join(["force", "month", *columns])
        sql = f"SELECT {group}, count(*) AS rows, any_value(batch_id) AS batch_id"
        sql += f" FROM {TABLES[kind]}"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += f" GROUP BY {group} ORDER BY {group}"
        cursor = self.connection.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def total_rows(self, kind: Kind | str) -> int:
        """Return how many rows of a kind the warehouse holds."""
        table = ROW_TABLES[Kind(kind)]
        (n,) = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        return int(n)


def _batch(row: tuple[Any, ...]) -> Batch:
    values = dict(zip((f.name for f in fields(Batch)), row, strict=True))
    values["errors"] = json.loads(values["errors"]) if values["errors"] else []
    return Batch(**values)
