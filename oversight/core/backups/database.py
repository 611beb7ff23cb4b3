"""The Django database in a backup: SQLite's backup API, or PostgreSQL's pg_dump and pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from oversight.core.backups.manifest import BackupError

# The file the database goes to in a backup, per vendor.
FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _counts(cursor: Any, tables: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Return rows per table and the latest applied migration per app, read through `cursor`."""
    rows = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")  # noqa: S608 - listed tables
        rows[table] = int(cursor.fetchone()[0])
    migrations = {}
    if "django_migrations" in rows:
        # Names are numbered, so the greatest applied name is the app's latest.
        cursor.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
        migrations = dict(cursor.fetchall())
    return rows, migrations


def vendor() -> str:
    """Return which database DATABASE_URL selects: "sqlite" or "postgresql"."""
    if connection.vendor not in FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def back_up(target: Path) -> dict[str, Any]:
    """Write one consistent copy of the database to `target`; return its manifest entry.

    The counts are read from the same moment as the copy: from the copy itself on SQLite, and
    inside the transaction whose snapshot pg_dump exports on PostgreSQL.
    """
    kind = vendor()
    if kind == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            cursor = copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            tables, migrations = _counts(copy.cursor(), [n for (n,) in cursor.fetchall()])
        finally:
            copy.close()
    else:
        tables, migrations = _pg_dump(target)
    return {"vendor": kind, "file": target.name, "tables": tables, "migrations": migrations}


def _pg_dump(target: Path) -> tuple[dict[str, int], dict[str, str]]:
    pg_dump = _tool("pg_dump")
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
        return _counts(cursor, connection.introspection.table_names(cursor))


def current_counts() -> tuple[dict[str, int], dict[str, str]]:
    """Return rows per table and latest migration per app of the database as it is now."""
    with connection.cursor() as cursor:
        return _counts(cursor, connection.introspection.table_names(cursor))


def check_restorable(entry: dict[str, Any]) -> None:
    """Refuse, saying why, unless the backup's database can go into this empty database."""
    kind = vendor()
    if entry["vendor"] != kind:
        raise BackupError(
            f"The backup holds a {entry['vendor']} database but DATABASE_URL selects {kind}: "
            "restore into the same kind of database"
        )
    if connection.introspection.table_names():
        raise BackupError(
            f"The database ({_describe()}) is not empty: restore only into an empty one "
            "(a new OVERSIGHT_HOME for SQLite, a new database in DATABASE_URL for PostgreSQL)"
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [f"{a}.{n}" for a, n in entry["migrations"].items() if (a, n) not in known]
    if unknown:
        raise BackupError(
            "The backup was made by a newer Oversight (this one lacks migrations "
            f"{', '.join(unknown)}): install that version, restore, then upgrade"
        )
    if kind == "postgresql":
        _tool("pg_restore")


def restore(source: Path) -> None:
    """Put the backup's database in place of this empty one."""
    if vendor() == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(source, partial)
        partial.chmod(0o600)
        partial.replace(target)
        return
    # One transaction: a failure leaves the database as empty as it was.
    _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ]
    )


def _describe() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(settings["NAME"])
    return f"{settings['NAME']} on {settings.get('HOST') or 'localhost'}"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not on PATH: install PostgreSQL's client programs, of the server's "
            "version or newer (Debian: apt-get install postgresql-client)"
        )
    return path


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client program on DATABASE_URL's database; the password goes by env."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        program = Path(command[0]).name
        raise BackupError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")
