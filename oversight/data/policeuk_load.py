"""Load police.uk files into the warehouse: one pass of DuckDB's CSV reader, SQL checks.

Files of one kind are read together by one `INSERT … SELECT … FROM read_csv([...])` (so DuckDB
spreads them over its threads) inside one transaction; the reader converts types and fails on
a malformed line (wrong column count, unconvertible value). One aggregate query over the
inserted rows then checks, per file, the Month against the file name and the coordinate
ranges, and counts the quirks. A file failing those checks has its rows deleted before the
commit and is recorded as a rejected batch; the other files of the transaction commit.

When the reader fails, the transaction is rolled back; the file its error names is read again
on its own to find its first bad line and column, rejected, and the others are loaded again.
Only then is a rejects table used, so the pass every good file takes carries no bookkeeping.

A file's sha256 may still be being computed (in another thread) when its load starts: it is
needed only to record the batch, after DuckDB has read the rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from oversight.data.policeuk import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    MAX_LINE_BYTES,
    PER_FILE_COLUMNS,
    READ_ERRORS,
    WELSH_FORCES,
    Kind,
    PoliceFile,
    Unreadable,
    column_types,
    first_bad_line,
    outside_area_rule,
    read_head,
    snake,
)
from oversight.data.warehouse import ROW_TABLES, Batch, BatchStatus, Warehouse, row_columns


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
_FILE = re.compile(r"^\s*file = (.+)$", re.MULTILINE)

# DuckDB's reader holds a line in memory, so its bound is the one the scan checks; its buffer
# stays at DuckDB's default size (16 lines of its default 2,000,000 bytes).
READ_OPTIONS = (
    "header = true, auto_detect = false, filename = true, delim = ',', quote = '\"',"
    " escape = '\"', strict_mode = true, null_padding = false,"
    f" max_line_size = {MAX_LINE_BYTES}, buffer_size = 32000000"
)

# A file's sha256 of its uncompressed bytes, or "" and why the file could not be read (a batch
# error: line, column, message). Computing it scans the file against the reading bounds.
Digest = Future[tuple[str, dict | None]]
Head = tuple[PoliceFile, Digest, dict[str, str | None]]  # file, digest, first row's per-file values


def load(
    warehouse: Warehouse,
    kind: Kind,
    items: Sequence[tuple[PoliceFile, Digest]],
    current: dict[tuple[str, str, str], Batch],
) -> list[FileResult]:
    """Load files of one kind, each with its digest, in one transaction; return each outcome.

    `current` maps (kind, force, month) to the loaded batch; a file for a key already there
    replaces it. No two items may share a key. `current` is not modified. A file that cannot
    be read (its digest says why) is rejected.
    """
    started = _now()
    heads: list[Head] = []
    results: list[FileResult] = []
    for file, digest in items:
        error, first = _head_error(file, digest)
        if error is None:
            heads.append((file, digest, first))
            continue
        sha, unreadable = digest.result()
        results.append(_record(warehouse, file, sha, unreadable or error, started))
    results += _load_readable(warehouse, kind, heads, current, started)
    return _in_order(items, results)


def _head_error(file: PoliceFile, digest: Digest) -> tuple[dict | None, dict[str, str | None]]:
    """Return why the file is rejected before DuckDB reads it (or None), and its first row.

    A file whose scan has already failed, or whose size passes the bound, is not read again;
    a .gz that could expand past the size bound is read only once its scan has passed.
    """
    if digest.done() and (failed := digest.result()[1]) is not None:
        return failed, {}
    try:
        if (problem := file.size_problem()) is not None:
            return Unreadable(problem).as_error(), {}
        problem, first = read_head(file)
    except Unreadable as exc:
        return exc.as_error(), {}
    except READ_ERRORS as exc:
        return _cannot_read(exc), {}
    if problem is not None:
        return {"line": 1, "column": None, "message": problem}, {}
    if file.may_pass_size_bound():
        return digest.result()[1], first
    return None, first


def _cannot_read(exc: Exception) -> dict:
    return {"line": None, "column": None, "message": f"cannot read the file: {exc}"}


def _load_readable(
    warehouse: Warehouse,
    kind: Kind,
    heads: list[Head],
    current: dict[tuple[str, str, str], Batch],
    started: datetime,
) -> list[FileResult]:
    """Load files whose header is right; on a reader error reject that file, load the rest."""
    if not heads:
        return []
    con = warehouse.connection
    with ExitStack() as stack:
        # A zip member is extracted, and checked as it is; one that breaks a bound is rejected.
        paths: list[Path] = []
        extracted: list[Head] = []
        unreadable: list[FileResult] = []
        for head in heads:
            file, digest, _ = head
            try:
                paths.append(stack.enter_context(file.local_path()))
            except (Unreadable, *READ_ERRORS) as exc:
                error = exc.as_error() if isinstance(exc, Unreadable) else _cannot_read(exc)
                unreadable.append(_record(warehouse, file, digest.result()[0], error, started))
            else:
                extracted.append(head)
        heads = extracted
        if not heads:
            return unreadable
        try:
            con.begin()
            results = _read_and_check(warehouse, kind, heads, paths, current, started)
            con.commit()
            return unreadable + results
        except duckdb.Error as exc:
            con.rollback()
            bad = _failed_file(exc, paths)
            if bad is None and len(heads) > 1:
                bad = -1  # the error names no file of ours: load each on its own
            else:
                bad = bad or 0
                error = _reader_error(con, kind, paths[bad]) or _error_from_exception(exc)
    if bad < 0:
        return unreadable + [
            r for head in heads for r in _load_readable(warehouse, kind, [head], current, started)
        ]
    file, digest, _ = heads[bad]
    sha, failed = digest.result()
    rejected = _record(warehouse, file, sha, failed or error, started)
    rest = heads[:bad] + heads[bad + 1 :]
    return [*unreadable, rejected, *_load_readable(warehouse, kind, rest, current, started)]


def _in_order(items: Sequence[tuple[PoliceFile, Digest]], results: list[FileResult]):
    position = {id(file): i for i, (file, _) in enumerate(items)}
    return sorted(results, key=lambda r: position[id(r.file)])


def _read_and_check(
    warehouse: Warehouse,
    kind: Kind,
    heads: list[Head],
    paths: list[Path],
    current: dict[tuple[str, str, str], Batch],
    started: datetime,
) -> list[FileResult]:
    con = warehouse.connection
    first_id = warehouse.next_batch_id()
    ids = list(range(first_id, first_id + len(heads)))
    per_file = PER_FILE_COLUMNS[kind]
    # The value each per-file column should hold: the file name's month, else the first row's.
    expected = {
        snake(c): [f.name.month if c == "Month" else first[c] for f, _, first in heads]
        for c in per_file
    }
    con.execute(
        "CREATE OR REPLACE TEMP TABLE load_map AS"
        " SELECT unnest(?::INTEGER[]) AS batch_id, unnest(?::VARCHAR[]) AS file_month",
        [ids, [f.name.month for f, _, _ in heads]],
    )
    # A row's file is its position in the list read (DuckDB's file_index), so its batch id and
    # its file's expected values need no join; the values come as one list per column.
    types = column_types(kind)
    params: list = [[str(p) for p in paths], types, first_id]
    sources = ["$3 + r.file_index"]
    for column in types:
        name = snake(column)
        if name in expected:
            # Stored only where it differs from the file's value; '' stands for an empty one
            # (the reader never yields ''), which makes the test one nullif.
            params.append([value or "" for value in expected[name]])
            value = f"(${len(params)}::VARCHAR[])[r.file_index::BIGINT + 1]"
            sources.append(f"nullif(coalesce(r.\"{column}\", ''), {value})")
        else:
            sources.append(f'r."{column}"')
    targets = ", ".join(["batch_id", *row_columns(kind)])
    con.execute(
        f"INSERT INTO {ROW_TABLES[kind]} ({targets}) SELECT {', '.join(sources)}"  # noqa: S608
        f" FROM read_csv($1, columns = $2, {READ_OPTIONS}) r",
        params,
    )
    stats = _batch_stats(con, kind, first_id)

    results: list[FileResult] = []
    bad_ids: list[int] = []
    constants: dict[int, dict[str, str | None]] = {}
    for (file, digest, first), batch_id in zip(heads, ids, strict=True):
        row = stats.get(batch_id, {})
        rows = row.get("rows", 0)
        sha, unreadable = digest.result()
        error = unreadable or _rule_error(file, row)
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
            rows=None if error else rows,
            started_at=started,
            finished_at=started,
            status=BatchStatus.REJECTED if error else BatchStatus.LOADED,
            replaced_batch_id=None if error or old is None else old.id,
            row_change=None if error or old is None else rows - (old.rows or 0),
            asb_without_crime_id=row.get("asb_without_crime_id", 0),
            no_location=row.get("no_location", 0),
            repeated_crime_ids=row.get("repeated_crime_ids", 0),
            outside_force_area=_outside_force_area(file.name.force, row),
            outside_file_month=row.get("outside_file_month", 0),
            errors=[error] if error else [],
        )
        if kind is Kind.STOP_AND_SEARCH:
            batch = replace(batch, outside_force_area=None, repeated_crime_ids=None)
        else:
            batch = replace(batch, outside_file_month=None)
        if kind is not Kind.STREET:
            batch = replace(batch, asb_without_crime_id=None)
        if error:
            bad_ids.append(batch_id)
            status = FileStatus.REJECTED
        else:
            constants[batch_id] = {snake(c): v for c, v in first.items() if c != "Month"}
            if old is not None:
                warehouse.supersede(old, new_id=batch_id)
                status = FileStatus.REPLACED
            else:
                status = FileStatus.LOADED
        results.append(FileResult(file, status, batch))
    warehouse.delete_rows(kind, bad_ids)
    finished = _now()
    results = [replace(r, batch=replace(r.batch, finished_at=finished)) for r in results]
    warehouse.insert_batches([r.batch for r in results], constants)
    return results


def _failed_file(exc: Exception, paths: list[Path]) -> int | None:
    """Return the index of the file a CSV reader error names, if it names one of ours."""
    match = _FILE.search(str(exc))
    if match is None:
        return None
    named = match[1].strip()
    for index, path in enumerate(paths):
        if str(path) == named:
            return index
    return None


def _reader_error(con: duckdb.DuckDBPyConnection, kind: Kind, path: Path) -> dict | None:
    """Read one failed file again, keeping rejects, and return its first bad line and column."""
    try:
        con.execute("DROP TABLE IF EXISTS load_rejects")
        con.execute("DROP TABLE IF EXISTS load_scans")
        con.execute(
            "SELECT count(COLUMNS(*)) FROM read_csv(?, columns = ?,"  # noqa: S608 - constants
            f" {READ_OPTIONS}, store_rejects = true,"
            " rejects_table = 'load_rejects', rejects_scan = 'load_scans')",
            [str(path), column_types(kind)],
        ).fetchall()
        row = con.execute(
            "SELECT min(line), arg_min(column_name, line), arg_min(error_message, line)"
            " FROM load_rejects"
        ).fetchone()
    except duckdb.Error:
        return None
    if row is None or row[0] is None:
        return None
    line, column, message = row
    return {"line": int(line), "column": column, "message": message.strip()}


def _batch_stats(con: duckdb.DuckDBPyConnection, kind: Kind, first_id: int) -> dict[int, dict]:
    """Return per new batch: rows, Month mismatches, coordinate faults and quirk counts."""
    low_lat, high_lat = LATITUDE_RANGE
    low_lon, high_lon = LONGITUDE_RANGE
    parts = {
        "rows": "count(*)",
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
            "count(*) FILTER (strftime(date::TIMESTAMP, '%Y-%m') <> m.file_month)"
        )
        source = f"{ROW_TABLES[kind]} r JOIN load_map m USING (batch_id)"
    else:
        parts["month_mismatches"] = "count(month)"  # rows whose Month is not the file's
        parts["repeated_crime_ids"] = "count(crime_id) - count(DISTINCT crime_id)"
        parts["welsh_lsoas"] = "count(*) FILTER (lsoa_code LIKE 'W%')"
        parts["lsoas"] = "count(lsoa_code)"
        source = ROW_TABLES[kind]
    select = ", ".join(f"{sql} AS {name}" for name, sql in parts.items())
    cursor = con.execute(
        f"SELECT batch_id, {select} FROM {source}"  # noqa: S608 - SQL built from constants
        " WHERE batch_id >= ? GROUP BY batch_id",
        [first_id],
    )
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def _outside_force_area(force: str, row: dict) -> int | None:
    """Return the rows with an LSOA in the other nation, or None where that cannot be told."""
    if outside_area_rule(force) is None:
        return None
    welsh = row.get("welsh_lsoas", 0)
    return row.get("lsoas", 0) - welsh if force in WELSH_FORCES else welsh


def _rule_error(file: PoliceFile, row: dict) -> dict | None:
    """Return the first line breaking the Month or coordinate rules, if SQL found any."""
    wrong_month = bool(row.get("month_mismatches"))
    bad_coordinates = bool(row.get("bad_coordinates"))
    if not (wrong_month or bad_coordinates):
        return None
    try:
        problem = first_bad_line(file, month=wrong_month, coordinates=bad_coordinates)
    except READ_ERRORS:  # pragma: no cover - DuckDB read the file; Python cannot name the line
        problem = None
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


def record_rejection(warehouse: Warehouse, file: PoliceFile, sha: str, error: dict) -> FileResult:
    """Record, in its own transaction, a file rejected before any row was read."""
    return _record(warehouse, file, sha, error, _now())


def _record(
    warehouse: Warehouse, file: PoliceFile, sha: str, error: dict, started: datetime
) -> FileResult:
    con = warehouse.connection
    con.begin()
    result = _reject(warehouse, file, sha, error, started)
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
