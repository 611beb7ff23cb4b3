"""A consistent copy of the DuckDB warehouse, and its rows per table."""

from __future__ import annotations

from pathlib import Path

import duckdb

from oversight.core.backups.manifest import BackupError


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _rows(connection: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, int]:
    tables = connection.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?"
        " ORDER BY schema_name, table_name",
        [catalog],
    ).fetchall()
    counts = {}
    for schema, table in tables:
        name = table if schema == "main" else f"{schema}.{table}"
        sql = f'SELECT count(*) FROM "{catalog}"."{schema}"."{table}"'  # noqa: S608 - catalog names
        counts[name] = int(connection.execute(sql).fetchone()[0])
    return counts


def _attach_source(connection: duckdb.DuckDBPyConnection, source: Path) -> None:
    try:
        connection.execute(f"ATTACH {_literal(source)} AS source (READ_ONLY)")
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise BackupError(
            f"The warehouse {source} is open for writing (an import or a refresh is running?): "
            f"try again when it has finished. DuckDB said: {exc}"
        ) from exc


def copy(source: Path, target: Path) -> dict[str, int]:
    """Copy the warehouse into a new DuckDB file; return the copy's rows per table.

    DuckDB copies inside one read-only transaction, so the copy is one moment's state even
    while web requests read the file; a writer (an import) holds it exclusively and must finish
    first. The copy is a fresh file, so it carries no write-ahead log and no deleted rows.
    """
    connection = duckdb.connect(":memory:")
    try:
        _attach_source(connection, source)
        connection.execute(f"ATTACH {_literal(target)} AS target")
        connection.execute("COPY FROM DATABASE source TO target")
        return _rows(connection, "target")
    finally:
        connection.close()


def rows(path: Path) -> dict[str, int]:
    """Return the rows per table of the warehouse at `path`."""
    connection = duckdb.connect(":memory:")
    try:
        _attach_source(connection, path)
        return _rows(connection, "source")
    finally:
        connection.close()
