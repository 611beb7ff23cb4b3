"""The backup's manifest: what each file holds, its checksum, and the counts to verify."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
# Bumped when the layout of a backup changes, so an old restore refuses a new backup.
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@contextmanager
def owner_only() -> Iterator[None]:
    """Create files and folders readable by their owner only (umask 077) within the block.

    A backup holds every account's password hash and every unpublished figure; the umask also
    covers files that pg_dump writes.
    """
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def sha256(path: Path) -> str:
    """Return the file's SHA-256 as hex."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entry(path: Path) -> dict[str, Any]:
    """Return the manifest's record of one file: its SHA-256 and size in bytes."""
    return {"sha256": sha256(path), "size": path.stat().st_size}


def write(directory: Path, manifest: dict[str, Any]) -> Path:
    """Write the manifest last and atomically: a folder with one holds a whole backup."""
    path = directory / MANIFEST
    partial = directory / f".{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    partial.chmod(0o600)
    partial.replace(path)
    return path


def read(directory: Path) -> dict[str, Any]:
    """Return the manifest of the backup in `directory`, checking each file's size and hash."""
    path = directory / MANIFEST
    if not path.exists():
        raise BackupError(f"{directory} holds no {MANIFEST}: it is not a complete backup")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path} is backup format {manifest.get('format')!r}; this Oversight reads {FORMAT}"
        )
    for name, expected in manifest["files"].items():
        file = directory / name
        if not file.exists():
            raise BackupError(f"{file} is missing from the backup")
        if file_entry(file) != expected:
            raise BackupError(f"{file} does not match its size or SHA-256 in {MANIFEST}: damaged")
    return manifest


def differences(kind: str, expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """Return a line for each table whose row count differs from the manifest's."""
    return [
        f"{kind} table {name}: {expected.get(name)} rows in the manifest, {found.get(name)} now"
        for name in sorted(set(expected) | set(found))
        if expected.get(name) != found.get(name)
    ]
