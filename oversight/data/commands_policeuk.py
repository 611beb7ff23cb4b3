"""`oversight import police-uk PATH...`: find, check and load data.police.uk files.

`import_police_uk()` is what the command runs and what benchmarks and the demo call.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import duckdb
from tqdm import tqdm

from oversight.data.policeuk import READ_ERRORS, Kind, PoliceFile, Skipped, Unreadable, discover
from oversight.data.policeuk_load import FileResult, FileStatus, load, record_rejection
from oversight.data.warehouse import Batch, Warehouse

# Files per transaction and bytes on disk per transaction. Each commit leaves partly filled
# row groups that the closing checkpoint rewrites, so fewer, larger transactions are cheaper
# (docs/adr/0004); the bound keeps what an interrupted run loses to about a year of
# national street files.
CHUNK_FILES = 2048
CHUNK_BYTES = 1024 * 1024 * 1024

# A skipped path that is a failure (the run exits non-zero), not a stray file in a folder.
FAILED = ("no such", "not a readable")

QUIRKS = {
    "asb_without_crime_id": "anti-social behaviour rows without a Crime ID",
    "no_location": "rows without a location",
    "repeated_crime_ids": "rows repeating a Crime ID already in their file",
    "outside_force_area": "rows with an LSOA outside the force's nation",
    "outside_file_month": "stop-and-search rows dated outside their file's month",
}


@dataclass
class ImportReport:
    """What one `import police-uk` run did, file by file."""

    results: list[FileResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def with_status(self, status: str) -> list[FileResult]:
        """Return the results with one `FileStatus`."""
        return [r for r in self.results if r.status == status]

    @property
    def rejected(self) -> list[FileResult]:
        """Return the files that failed validation."""
        return self.with_status(FileStatus.REJECTED)

    @property
    def ok(self) -> bool:
        """Return True when no file was rejected, missing or unreadable."""
        return not self.rejected and not any(s.reason.startswith(FAILED) for s in self.skipped)

    @property
    def rows_loaded(self) -> int:
        """Return the rows written by this run (loaded and replacing files)."""
        return sum(
            r.batch.rows or 0
            for r in self.results
            if r.status in (FileStatus.LOADED, FileStatus.REPLACED)
        )

    def quirk_totals(self) -> dict[str, int]:
        """Return each quirk count summed over the files loaded or replaced by this run."""
        written = [
            r.batch for r in self.results if r.status in (FileStatus.LOADED, FileStatus.REPLACED)
        ]
        return {name: sum(getattr(b, name) or 0 for b in written) for name in QUIRKS}

    def lines(self) -> list[str]:
        """Return the closing summary as lines of text."""
        good = [r for r in self.results if r.status != FileStatus.REJECTED]
        forces = sorted({r.batch.force for r in good})
        months = sorted({r.batch.month for r in good})
        span = f" ({months[0]}..{months[-1]})" if months else ""
        out = [
            f"Files: {len(self.with_status(FileStatus.LOADED))} loaded, "
            f"{len(self.with_status(FileStatus.REPLACED))} replaced, "
            f"{len(self.with_status(FileStatus.UNCHANGED))} unchanged, "
            f"{len(self.rejected)} rejected, {len(self.skipped)} skipped",
            f"Rows loaded: {self.rows_loaded:,}; forces: {len(forces)}; "
            f"months: {len(months)}{span}",
        ]
        out += [f"  {n:,} {QUIRKS[name]}" for name, n in self.quirk_totals().items() if n]
        for r in self.with_status(FileStatus.REPLACED):
            out.append(
                f"Replaced {r.batch.source_path}: batch {r.batch.replaced_batch_id} -> "
                f"{r.batch.id}, rows {r.batch.row_change:+,}"
            )
        for r in self.rejected:
            out.append(f"REJECTED {r.file.label}: {r.error}")
        for s in self.skipped:
            out.append(f"Skipped {s.label}: {s.reason}")
        return out


def import_police_uk(
    paths: Sequence[Path | str],
    *,
    warehouse_path: Path | str,
    quiet: bool = False,
    progress: TextIO | None = None,
) -> ImportReport:
    """Import every police.uk file under `paths` into the warehouse; return the report.

    Identical files already loaded are left alone; a different file for a loaded kind, force
    and month replaces it; a file failing validation is rejected and nothing of it kept.
    """
    files, skipped = discover([Path(p) for p in paths])
    bar = tqdm(
        total=len(files),
        unit="file",
        desc="police.uk",
        file=progress or sys.stderr,
        disable=quiet,
        leave=False,
    )
    results: list[FileResult] = []
    with Warehouse(warehouse_path) as warehouse, ThreadPoolExecutor(max_workers=2) as pool, bar:
        _owner_only(Path(warehouse_path))
        current = warehouse.current_batches()
        # Hashing runs in threads beside DuckDB's reads, all files queued at once.
        digests = {id(file): pool.submit(_digest, file) for file in files}

        def load_files(kind: Kind, chunk: list[PoliceFile]) -> None:
            start = bar.n
            with _progress(bar, warehouse, len(chunk)):
                loaded = load(warehouse, kind, [(f, digests[id(f)]) for f in chunk], current)
            for result in loaded:
                if result.status != FileStatus.REJECTED:
                    current[_key(result.batch)] = result.batch
            results.extend(loaded)
            bar.update(start + len(loaded) - bar.n)
            bar.refresh()  # update() skips drawing within 0.1 s of the follower's last draw

        # A file for a kind, force and month the warehouse lacks (its first copy in this run)
        # loads at once, hashed meanwhile; only the others wait for their hash, which tells
        # an unchanged file from a revised one, after the first copies have loaded.
        new, known = _split_new(files, current)
        sizes = _sizes(files)
        for kind in Kind:
            for chunk in _chunks(new[kind], sizes):
                load_files(kind, chunk)
        pending: dict[Kind, list[PoliceFile]] = {kind: [] for kind in Kind}
        for file in known:
            kind = file.name.kind
            sha, error = digests[id(file)].result()
            if error is not None:
                results.append(record_rejection(warehouse, file, sha, error))
                bar.update(1)
                continue
            key = _key_of(file)
            if any(_key_of(f) == key for f in pending[kind]):
                load_files(kind, pending[kind])  # a second copy: let the first commit before it
                pending[kind] = []
            old = current.get(key)
            if old is not None and old.sha256 == sha:
                results.append(FileResult(file, FileStatus.UNCHANGED, old))
                bar.update(1)
                continue
            pending[kind].append(file)
            size = sum(sizes[id(f)] for f in pending[kind])
            if len(pending[kind]) >= CHUNK_FILES or size >= CHUNK_BYTES:
                load_files(kind, pending[kind])
                pending[kind] = []
        for kind in Kind:
            if pending[kind]:
                load_files(kind, pending[kind])
    order = {id(file): index for index, file in enumerate(files)}
    results.sort(key=lambda r: order[id(r.file)])
    return ImportReport(results=results, skipped=skipped)


def _owner_only(path: Path) -> None:
    """Make the warehouse readable and writable by its owner only (if it is theirs to change)."""
    if path.exists() and path.stat().st_uid == os.getuid():
        path.chmod(0o600)


@contextmanager
def _progress(bar: tqdm, warehouse: Warehouse, files: int) -> Iterator[None]:
    """Move the bar through a load of `files` files as far as DuckDB says its queries are.

    The bar stays short of the load's last file; the caller moves it on once they are done.
    """
    if bar.disable or files < 2:
        yield
        return
    con = warehouse.connection
    con.execute("SET enable_progress_bar = true")  # tracked for query_progress(), not printed
    con.execute("SET enable_progress_bar_print = false")
    start = bar.n
    done = threading.Event()

    def follow() -> None:
        while not done.wait(0.2):
            try:
                share = con.query_progress() / 100  # -1 between queries
            except duckdb.Error:  # e.g. while a failed load rolls back: no progress to show
                continue
            step = min(files - 1, int(share * files))
            if bar.n < start + step:
                bar.update(start + step - bar.n)

    follower = threading.Thread(target=follow, daemon=True)
    follower.start()
    try:
        yield
    finally:
        done.set()
        follower.join()
        con.execute("SET enable_progress_bar = false")


def _digest(file: PoliceFile) -> tuple[str, dict | None]:
    """Return the file's sha256, or "" and why it could not be read (line, column, message).

    Hashing reads every byte once, so it is also where the reading bounds are checked.
    """
    try:
        return file.scan(), None
    except Unreadable as exc:
        return "", exc.as_error()
    except READ_ERRORS as exc:
        return "", {"line": None, "column": None, "message": f"cannot read the file: {exc}"}


def _split_new(
    files: list[PoliceFile], current: dict[tuple[str, str, str], Batch]
) -> tuple[dict[Kind, list[PoliceFile]], list[PoliceFile]]:
    """Split files into first copies of keys not loaded (by kind) and the rest, in order."""
    new: dict[Kind, list[PoliceFile]] = {kind: [] for kind in Kind}
    known: list[PoliceFile] = []
    seen = set(current)
    for file in files:
        key = _key_of(file)
        if key in seen:
            known.append(file)
        else:
            seen.add(key)
            new[file.name.kind].append(file)
    return new, known


def _chunks(files: list[PoliceFile], sizes: dict[int, int]) -> Iterator[list[PoliceFile]]:
    """Yield consecutive runs of files within CHUNK_FILES files and CHUNK_BYTES bytes."""
    chunk: list[PoliceFile] = []
    size = 0
    for file in files:
        chunk.append(file)
        size += sizes[id(file)]
        if len(chunk) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _key(batch: Batch) -> tuple[str, str, str]:
    return (batch.kind, batch.force, batch.month)


def _key_of(file: PoliceFile) -> tuple[str, str, str]:
    return (file.name.kind.value, file.name.force, file.name.month)


def _sizes(files: list[PoliceFile]) -> dict[int, int]:
    """Return each file's bytes on disk by id(); a zip member counts as extracted (it will be)."""
    return {
        id(file): file.path.stat().st_size if file.member is None else file.member_size or 0
        for file in files
    }


# -- the `import police-uk` subcommand --------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `oversight import police-uk`."""
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="CSV, .csv.gz or .zip files, or folders of them (searched recursively)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar; print only rejected files"
    )


def run(options: dict, *, warehouse_path: Path, stdout: TextIO, stderr: TextIO) -> int:
    """Run `oversight import police-uk` with parsed options; return the exit status.

    The import refreshes the plan's measures and runs the integrity checks itself
    (oversight/data/updates.py), and says what changed.
    """
    # Imported here: the loader above runs without Django (the import benchmark uses it bare).
    from oversight.data.updates import import_and_refresh

    update = import_and_refresh(
        options["paths"],
        warehouse_path=warehouse_path,
        by=None,
        quiet=options["quiet"],
        progress=stderr,
    )
    for line in update.lines():
        if line.startswith(("REJECTED", "Skipped")):
            stderr.write(line + "\n")
        elif not options["quiet"]:
            stdout.write(line + "\n")
    return 0 if update.ok else 1
