"""Take a backup of this site, and restore one into an empty site."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings

from oversight.core.backups import database, manifest, warehouse
from oversight.core.backups.manifest import BackupError

WAREHOUSE_FILE = "warehouse.duckdb"

Progress = Callable[[str], None]


def back_up(*, directory: Path, progress: Progress) -> dict[str, Any]:
    """Write the database, the warehouse and their manifest into `directory`; return the manifest.

    `directory` must be new or empty. Everything is created readable by its owner only.
    """
    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: back up into a new folder")
    with manifest.owner_only():
        directory.mkdir(parents=True, exist_ok=True)
        directory.chmod(0o700)
        try:
            return _write(directory, progress)
        except BaseException:
            # Nothing half-written is left to be mistaken for a backup.
            for path in directory.iterdir():
                path.unlink()
            raise


def _write(directory: Path, progress: Progress) -> dict[str, Any]:
    vendor = database.vendor()
    target = directory / database.FILES[vendor]
    progress(f"Backing up the {vendor} database to {target.name}")
    db = database.back_up(target)
    target.chmod(0o600)
    files = {target.name: manifest.file_entry(target)}
    source = Path(settings.WAREHOUSE_PATH)
    wh = None
    if source.exists():
        progress(f"Backing up the warehouse {source} to {WAREHOUSE_FILE}")
        copy = directory / WAREHOUSE_FILE
        wh = {"file": WAREHOUSE_FILE, "tables": warehouse.copy(source, copy)}
        copy.chmod(0o600)
        files[WAREHOUSE_FILE] = manifest.file_entry(copy)
    else:
        progress(f"No warehouse at {source}: nothing to back up there")
    record = {
        "format": manifest.FORMAT,
        "oversight_version": version("oversight"),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": db,
        "warehouse": wh,
        "files": files,
    }
    progress(f"Writing {manifest.MANIFEST}")
    manifest.write(directory, record)
    return record


def restore(*, directory: Path, progress: Progress) -> dict[str, Any]:
    """Put the backup in `directory` into this site's empty database and warehouse.

    Checks everything first (files against the manifest, an empty database of the same kind, no
    warehouse yet, known migrations), then restores, then recounts every table against the
    manifest. Returns the manifest.
    """
    directory = directory.resolve()
    progress(f"Checking the backup in {directory}")
    record = manifest.read(directory)
    target = Path(settings.WAREHOUSE_PATH)
    progress("Checking that this site is empty")
    database.check_restorable(record["database"])
    if record["warehouse"] and target.exists():
        raise BackupError(
            f"A warehouse already exists at {target}: restore only into an empty site"
        )

    progress(f"Restoring the {record['database']['vendor']} database")
    database.restore(directory / record["database"]["file"])
    if record["warehouse"]:
        progress(f"Restoring the warehouse to {target}")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(directory / record["warehouse"]["file"], partial)
        partial.chmod(0o600)
        partial.replace(target)

    progress("Counting the restored rows")
    tables, _ = database.current_counts()
    wrong = manifest.differences("database", record["database"]["tables"], tables)
    if record["warehouse"]:
        found = warehouse.rows(target)
        wrong += manifest.differences("warehouse", record["warehouse"]["tables"], found)
    if wrong:
        raise BackupError("The restored site does not match the manifest:\n  " + "\n  ".join(wrong))
    return record
