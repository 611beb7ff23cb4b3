"""Load police.uk files into the warehouse: DuckDB's CSV reader, SQL checks, all or nothing.

Files of one kind are read together by one `read_csv` (so DuckDB can spread them over its
threads) inside one transaction. The reader converts types and records every malformed line
(wrong column count, unconvertible value) with its line and column; one aggregate query per
batch then checks the Month against the file name, coordinate ranges, and counts the quirks.
A file that fails any check has its rows deleted before the commit, so nothing from it is
kept, and it is recorded as a rejected batch; the other files of the transaction commit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from oversight.data.policeuk import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    WELSH_FORCES,
    Kind,
    PoliceFile,
    column_types,
    first_bad_line,
    header_problem,
    outside_area_rule,
    snake,
)
from oversight.data.warehouse import TABLES, Batch, BatchStatus, Warehouse


class FileStatus:
    """What an import did with one file."""

    LOADED = "loaded"  # first load of this kind, force and month
    REPLACED = "replaced"  # a revised file replaced the loaded one
    UNCHANGED = "unchanged"  # the same bytes were already loaded: nothing done
    REJECTED = "rejected"  # failed validation: nothing kept


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file, with its batch (the existing one when unchanged)."""

    file: PoliceFile
    status: str
    batch: Batch

    @property
    def error(self) -> str | None:
        """Return "line N, column C: message" for a rejected file, else None."""
        if not self.batch.errors:
            return None
        first = self.batch.errors[0]
        where = [f"line {first['line']}"] if first.get("line") else []
        if first.get("column"):
            where.append(f"column {first['column']!r}")
        return ", ".join([*where, first["message"]]) if where else first["message"]


_LINE = re.compile(r"Line: (\d+)")
_COLUMN = re.compile(r'column "([^"]+)"')


def load(
    warehouse: Warehouse,
    kind: Kind,
    items: Sequence[tuple[PoliceFile, str]],
    current: dict[tuple[str, str, str], Batch],
) -> list[FileResult]:
    """Load files of one kind, each with its sha256, in one transaction; return each outcome.

    `current` maps (kind, force, month) to the loaded batch; a file for a key already there
    replaces it. No two items may share a key. `current` is not modified.
    """
    started = _now()
    headers_ok: list[tuple[PoliceFile, str]] = []
    rejected: list[tuple[PoliceFile, str, dict]] = []
    for file, sha in items:
        problem = header_problem(file)
        if problem is None:
            headers_ok.append((file, sha))
        else:
            rejected.append((file, sha, {"line": 1, "column": None, "message": problem}))

    con = warehouse.connection
    with ExitStack() as stack:
        paths = [stack.enter_context(file.local_path()) for file, _ in headers_ok]
        try:
            con.begin()
            results = _read_and_check(warehouse, kind, headers_ok, paths, current, started)
            results += [_reject(warehouse, f, sha, err, started) for f, sha, err in rejected]
            con.commit()
            return _in_order(items, results)
        except duckdb.Error as exc:
            con.rollback()
            if len(headers_ok) > 1:
                # One unreadable file spoils a multi-file read: load each on its own instead.
                results = []
                for item in items:
                    results += load(warehouse, kind, [item], current)
                return results
            error = _error_from_exception(exc)
    # A single file DuckDB could not read at all.
    con.begin()
    result = _reject(warehouse, items[0][0], items[0][1], error, started)
    con.commit()
    return [result]


def _in_order(items: Sequence[tuple[PoliceFile, str]], results: list[FileResult]):
    position = {id(file): i for i, (file, _) in enumerate(items)}
    return sorted(results, key=lambda r: position[id(r.file)])


def _read_and_check(
    warehouse: Warehouse,
    kind: Kind,
    items: list[tuple[PoliceFile, str]],
    paths: list[Path],
    current: dict[tuple[str, str, str], Batch],
    started: datetime,
) -> list[FileResult]:
    if not items:
        return []
    con = warehouse.connection
    table = TABLES[kind]
    first_id = warehouse.next_batch_id()
    ids = list(range(first_id, first_id + len(items)))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE load_map AS SELECT unnest(?) AS filename,"
        " unnest(?) AS batch_id, unnest(?) AS force, unnest(?) AS month",
        [
            [str(p) for p in paths],
            ids,
            [f.name.force for f, _ in items],
            [f.name.month for f, _ in items],
        ],
    )
    con.execute("DROP TABLE IF EXISTS load_rejects")
    con.execute("DROP TABLE IF EXISTS load_scans")
    types = column_types(kind)
    csv_columns = [c for c in types if c != "Month"]
    month = 'r."Month"' if "Month" in types else "m.month"
    targets = ", ".join(["batch_id", "force", "month", *(snake(c) for c in csv_columns)])
    sources = ", ".join(["m.batch_id", "m.force", month, *(f'r."{c}"' for c in csv_columns)])
    con.execute(
        f"""INSERT INTO {table} ({targets})
        SELECT {sources}
        FROM read_csv(?, columns = ?, header = true, auto_detect = false, filename = true,
            delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
            store_rejects = true, rejects_table = 'load_rejects', rejects_scan = 'load_scans'
        ) r JOIN load_map m ON r.filename = m.filename""",  # noqa: S608 - names are constants
        [[str(p) for p in paths], types],
    )
    errors = _reader_errors(con)
    stats = _batch_stats(con, kind, first_id)

    results: list[FileResult] = []
    bad_ids: list[int] = []
    for (file, sha), path, batch_id in zip(items, paths, ids, strict=True):
        row = stats.get(batch_id, {})
        error = errors.get(str(path)) or _rule_error(file, row)
        key = (kind.value, file.name.force, file.name.month)
        old = current.get(key)
        batch = Batch(
            id=batch_id,
            file_name=file.file_name,
            source_path=file.label,
            sha256=sha,
            kind=kind.value,
            force=file.name.force,
            month=file.name.month,
            rows=None if error else row.get("rows", 0),
            started_at=started,
            finished_at=started,
            status=BatchStatus.REJECTED if error else BatchStatus.LOADED,
            replaced_batch_id=None if error or old is None else old.id,
            row_change=None if error or old is None else row.get("rows", 0) - (old.rows or 0),
            asb_without_crime_id=row.get("asb_without_crime_id", 0),
            no_location=row.get("no_location", 0),
            repeated_crime_ids=row.get("repeated_crime_ids", 0),
            outside_force_area=row.get("outside_force_area", 0),
            outside_file_month=row.get("outside_file_month", 0),
            errors=[error] if error else [],
        )
        if kind is Kind.STOP_AND_SEARCH or outside_area_rule(file.name.force) is None:
            batch = replace(batch, outside_force_area=None)
        if kind is not Kind.STREET:
            batch = replace(batch, asb_without_crime_id=None)
        if kind is Kind.STOP_AND_SEARCH:
            batch = replace(batch, repeated_crime_ids=None)
        else:
            batch = replace(batch, outside_file_month=None)
        if error:
            bad_ids.append(batch_id)
            status = FileStatus.REJECTED
        elif old is not None:
            warehouse.supersede(old)
            status = FileStatus.REPLACED
        else:
            status = FileStatus.LOADED
        results.append(FileResult(file, status, batch))
    if bad_ids:
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, batch_id)", [bad_ids])  # noqa: S608
    finished = _now()
    results = [replace(r, batch=replace(r.batch, finished_at=finished)) for r in results]
    warehouse.insert_batches([r.batch for r in results])
    return results


def _reader_errors(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """Return the first malformed line the CSV reader met in each file, keyed by path."""
    tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    if "load_rejects" not in tables:
        return {}
    rows = con.execute(
        """SELECT s.file_path, min(e.line), arg_min(e.column_name, e.line),
            arg_min(e.error_message, e.line)
        FROM load_rejects e JOIN load_scans s USING (scan_id, file_id)
        GROUP BY s.file_path"""
    ).fetchall()
    return {
        path: {"line": int(line), "column": column, "message": message.strip()}
        for path, line, column, message in rows
    }


def _batch_stats(con: duckdb.DuckDBPyConnection, kind: Kind, first_id: int) -> dict[int, dict]:
    """Return per new batch: rows, month bounds, coordinate faults and quirk counts."""
    low_lat, high_lat = LATITUDE_RANGE
    low_lon, high_lon = LONGITUDE_RANGE
    welsh = ", ".join(f"'{f}'" for f in sorted(WELSH_FORCES))
    parts = {
        "rows": "count(*)",
        "min_month": "min(month)",
        "max_month": "max(month)",
        "no_location": "count(*) FILTER (latitude IS NULL AND longitude IS NULL)",
        "bad_coordinates": f"""count(*) FILTER (
            (latitude IS NULL) <> (longitude IS NULL)
            OR latitude NOT BETWEEN {low_lat} AND {high_lat}
            OR longitude NOT BETWEEN {low_lon} AND {high_lon})""",
    }
    if kind is Kind.STREET:
        parts["asb_without_crime_id"] = (
            "count(*) FILTER (crime_type = 'Anti-social behaviour' AND crime_id IS NULL)"
        )
    if kind is Kind.STOP_AND_SEARCH:
        parts["outside_file_month"] = (
            "count(*) FILTER (strftime(date::TIMESTAMP, '%Y-%m') <> month)"
        )
    else:
        parts["repeated_crime_ids"] = "count(crime_id) - count(DISTINCT crime_id)"
        parts["outside_force_area"] = f"""count(*) FILTER (CASE WHEN force IN ({welsh})
            THEN lsoa_code NOT LIKE 'W%' ELSE lsoa_code LIKE 'W%' END)"""
    select = ", ".join(f"{sql} AS {name}" for name, sql in parts.items())
    cursor = con.execute(
        f"SELECT batch_id, {select} FROM {TABLES[kind]}"  # noqa: S608 - SQL built from constants
        " WHERE batch_id >= ? GROUP BY batch_id",
        [first_id],
    )
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def _rule_error(file: PoliceFile, row: dict) -> dict | None:
    """Return the first line breaking the Month or coordinate rules, if SQL found any."""
    wrong_month = (
        file.name.kind is not Kind.STOP_AND_SEARCH
        and row.get("rows")
        and (row["min_month"] != file.name.month or row["max_month"] != file.name.month)
    )
    bad_coordinates = bool(row.get("bad_coordinates"))
    if not (wrong_month or bad_coordinates):
        return None
    problem = first_bad_line(file, month=bool(wrong_month), coordinates=bad_coordinates)
    if problem is None:  # pragma: no cover - SQL and Python disagree; still reject
        return {"line": None, "column": None, "message": "Month or coordinates out of range"}
    return {"line": problem.line, "column": problem.column, "message": problem.message}


def _reject(
    warehouse: Warehouse, file: PoliceFile, sha: str, error: dict, started: datetime
) -> FileResult:
    batch = Batch(
        id=warehouse.next_batch_id(),
        file_name=file.file_name,
        source_path=file.label,
        sha256=sha,
        kind=file.name.kind.value,
        force=file.name.force,
        month=file.name.month,
        rows=None,
        started_at=started,
        finished_at=_now(),
        status=BatchStatus.REJECTED,
        replaced_batch_id=None,
        row_change=None,
        asb_without_crime_id=None,
        no_location=None,
        repeated_crime_ids=None,
        outside_force_area=None,
        outside_file_month=None,
        errors=[error],
    )
    warehouse.insert_batches([batch])
    return FileResult(file, FileStatus.REJECTED, batch)


def record_rejection(warehouse: Warehouse, file: PoliceFile, sha: str, message: str) -> FileResult:
    """Record, in its own transaction, a file rejected before any row was read."""
    con = warehouse.connection
    con.begin()
    error = {"line": None, "column": None, "message": message}
    result = _reject(warehouse, file, sha, error, _now())
    con.commit()
    return result


def _error_from_exception(exc: Exception) -> dict:
    text = str(exc)
    line = _LINE.search(text)
    column = _COLUMN.search(text)
    return {
        "line": int(line[1]) if line else None,
        "column": column[1] if column else None,
        "message": text.strip().splitlines()[0],
    }


def _now() -> datetime:
    return datetime.now(UTC)
