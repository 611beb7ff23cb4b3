"""The SQLite database, the DuckDB warehouse and OVERSIGHT_HOME are readable by their owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import oversight
from oversight.config.env import make_private_folder, oversight_home, private_file
from oversight.data.commands_policeuk import import_police_uk

DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_reading_the_home_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_HOME", str(tmp_path / "new" / "home"))
    assert oversight_home() == tmp_path / "new" / "home"
    assert not (tmp_path / "new").exists()


def test_a_home_oversight_creates_is_its_owners_only(tmp_path):
    home = make_private_folder(tmp_path / "new" / "home")
    assert mode(home) == 0o700


def test_an_existing_home_keeps_the_mode_it_was_given(tmp_path):
    home = tmp_path / "shared-home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    assert make_private_folder(home) == home
    assert mode(home) == 0o755


def test_private_file_makes_a_missing_file_and_tightens_an_existing_one(tmp_path):
    made = private_file(tmp_path / "new.sqlite3")
    assert (made.read_bytes(), mode(made)) == (b"", 0o600)
    old = tmp_path / "old.sqlite3"
    old.write_bytes(b"kept")
    old.chmod(0o644)
    private_file(old)
    assert (old.read_bytes(), mode(old)) == (b"kept", 0o600)
    assert not private_file(tmp_path / "no-such-folder" / "db.sqlite3").exists()


def test_the_warehouse_an_import_writes_is_its_owners_only(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    import_police_uk([DEMO / "2022-08"], warehouse_path=path, quiet=True)
    assert mode(path) == 0o600


@pytest.mark.slow
def test_the_database_migrate_creates_is_its_owners_only(tmp_path):
    home = tmp_path / "home"
    env = os.environ | {
        "OVERSIGHT_HOME": str(home),
        "OVERSIGHT_EPHEMERAL_KEY": "true",
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "oversight.config.settings",
    }
    subprocess.run(
        [sys.executable, "-m", "oversight", "migrate", "--no-input", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    database = home / "oversight.sqlite3"
    assert database.stat().st_size > 0  # migrated, not just made
    assert (mode(home), mode(database)) == (0o700, 0o600)
