"""`oversight backup` and `oversight restore`: a whole site round-trips (SQLite, PostgreSQL)."""

import json
import os
import secrets
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import duckdb
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from oversight.accounts.models import User
from oversight.core.backups import warehouse
from oversight.core.backups.manifest import BackupError
from tests.factories.people import persona

SECRET = "backup-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
# The server the PostgreSQL round trip makes its throwaway databases on.
POSTGRES = (
    os.environ.get("DATABASE_URL", "").strip() or "postgres://postgres@127.0.0.1:5432/postgres"
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _env(home: Path, database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "OVERSIGHT_EPHEMERAL_KEY", "OVERSIGHT_WAREHOUSE"}
    }
    env.update(OVERSIGHT_HOME=str(home), SECRET_KEY=SECRET, DATABASE_URL=database_url)
    return env


def _oversight(*args: str, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if ok:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """Return a function giving a new, empty database's DATABASE_URL ("" for SQLite's default)."""
    if request.param == "sqlite":
        yield lambda: ""
        return
    psycopg = pytest.importorskip("psycopg")
    if not POSTGRES.startswith("postgres"):
        pytest.skip("DATABASE_URL names no PostgreSQL server")
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    made = []

    def new() -> str:
        name = f"oversight_backup_test_{secrets.token_hex(4)}"
        admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return urlunsplit(urlsplit(POSTGRES)._replace(path=f"/{name}"))

    yield new
    for name in made:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _counts(db, names: list[tuple[str]]) -> dict[str, int]:
    sql = 'SELECT count(*) FROM "{}"'
    return {n: db.execute(sql.format(n)).fetchone()[0] for (n,) in names}


def _table_rows(home: Path, url: str) -> dict[str, int]:
    """Return every table's row count, read without Oversight."""
    if not url:
        with sqlite3.connect(home / "oversight.sqlite3") as db:
            names = db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
            return _counts(db, names)
    import psycopg

    with psycopg.connect(url) as db:
        names = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        return _counts(db, names)


def _latest_migrations(home: Path, url: str) -> dict[str, str]:
    sql = "SELECT app, max(name) FROM django_migrations GROUP BY app"
    if not url:
        with sqlite3.connect(home / "oversight.sqlite3") as db:
            return dict(db.execute(sql).fetchall())
    import psycopg

    with psycopg.connect(url) as db:
        return dict(db.execute(sql).fetchall())


def _warehouse_rows(home: Path) -> dict[str, int]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as db:
        names = db.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        return _counts(db, names)


@pytest.mark.slow
def test_backup_of_the_demo_restores_into_an_empty_site(tmp_path, database_url):
    source_url, target_url = database_url(), database_url()
    source, target = tmp_path / "source", tmp_path / "restored"
    _oversight("demo", "--no-serve", env=_env(source, source_url))
    backup = tmp_path / "backups" / "nightly"

    made = _oversight("backup", str(backup), env=_env(source, source_url))
    assert "Backing up the" in made.stderr
    assert _mode(backup) == 0o700
    assert {p.name: _mode(p) for p in backup.iterdir()} == {
        "manifest.json": 0o600,
        "database.sqlite3" if not source_url else "database.pgdump": 0o600,
        "warehouse.duckdb": 0o600,
    }
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == ("postgresql" if source_url else "sqlite")
    assert manifest["database"]["tables"] == _table_rows(source, source_url)
    assert manifest["database"]["migrations"] == _latest_migrations(source, source_url)
    assert "publishing" in manifest["database"]["migrations"]
    assert manifest["warehouse"]["tables"] == _warehouse_rows(source)
    assert manifest["oversight_version"]

    restored = _oversight("restore", str(backup), env=_env(target, target_url))
    assert "every count matches its manifest" in restored.stdout
    assert "publishing_panelpaper" in restored.stdout
    assert _table_rows(target, target_url) == _table_rows(source, source_url)
    assert _warehouse_rows(target) == _warehouse_rows(source)
    _oversight("snapshot", "verify", "--all", env=_env(target, target_url))

    again = _oversight("restore", str(backup), env=_env(target, target_url), ok=False)
    assert again.returncode != 0
    assert "is not empty: restore only into an empty one" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_backup_writes_owner_only_files_and_counts_every_table(settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "no-warehouse-yet.duckdb"
    persona("commissioners_team", "olwen")
    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["tables"]["accounts_user"] == User.objects.count() == 1
    assert manifest["warehouse"] is None
    assert {_mode(p) for p in (tmp_path / "backup").iterdir()} == {0o600}


@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="is not empty: back up into a new folder"):
        call_command("backup", str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "keep me"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup_and_a_site_that_is_not_empty(settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "no-warehouse-yet.duckdb"
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="is not empty: restore only into an empty one"):
        call_command("restore", str(tmp_path / "backup"))

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    damaged = tmp_path / "backup" / manifest["database"]["file"]
    data = bytearray(damaged.read_bytes())
    data[-1] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="does not match its size or SHA-256"):
        call_command("restore", str(tmp_path / "backup"))


def test_warehouse_copy_is_whole_while_the_site_reads_it(tmp_path):
    source = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(source)) as db:
        db.execute("CREATE TABLE street_rows AS SELECT range AS id FROM range(1000)")
        db.execute("CREATE VIEW street AS SELECT * FROM street_rows")
    with duckdb.connect(str(source), read_only=True) as reader:
        counts = warehouse.copy(source, tmp_path / "copy.duckdb")
        assert reader.execute("SELECT count(*) FROM street").fetchone()[0] == 1000
    assert counts == {"street_rows": 1000}
    with duckdb.connect(str(tmp_path / "copy.duckdb"), read_only=True) as copy:
        assert copy.execute("SELECT count(*) FROM street").fetchone()[0] == 1000


def test_warehouse_copy_refuses_while_an_import_writes(tmp_path):
    source = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(source)).close()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; db = duckdb.connect(sys.argv[1]);"
            " print('open', flush=True); time.sleep(60)",
            str(source),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(BackupError, match="open for writing"):
            warehouse.copy(source, tmp_path / "copy.duckdb")
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
