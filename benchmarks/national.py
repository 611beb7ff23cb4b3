"""Benchmark Oversight at national scale: every force, 36 months, imported, refreshed, shown.

Builds a street-level set in the data.police.uk layout with `build_dataset` of
import_police_uk.py (real rows of ../shared/data/police-uk resampled per force, each force
keeping its real share; about 500,000 rows a month, the size of the national street file),
then times each stage beside a floor measured in the same run, with seconds, CPU seconds,
rows a second and the stage's peak resident memory:

  (a) the import, through `import_police_uk` (what `oversight import police-uk` runs), into a
      fresh warehouse; floor: DuckDB's bare `read_csv` count over the same files; beside it
      the plain store (`CREATE TABLE AS` of the typed read), the floor DESIGN.md sets;
  (b) a refresh of one force's police.uk measures (`refresh_measures`, as `oversight measures
      refresh`: the demo plan's, for Gwent; the integrity monitor it runs included); floor:
      one DuckDB GROUP BY month, crime type over that force's street rows; then the monitor
      alone, over every force (as the refresh runs it) and over that force only;
  (c) the assessment of that force for the latest month (`create_snapshot`, as
      `oversight assess`; force-supplied measures have no values and are Grey); no floor;
  (d) the overview (/reports/) and one measure page through Django's test client, signed in
      as a Commissioner's team user, the snapshot presented so they are cached, and the Data
      page (/data/, which reads the warehouse and is never cached): the process's first
      request (cold), the median of 5 with the cache emptied before each (miss) and of 5
      cached (warm); floor: a CSS file served by WhiteNoise through the same client, its first
      request and the median of 5.

The site is a temporary OVERSIGHT_HOME on SQLite with the in-memory cache, migrated by
`python -m oversight migrate`; it and the warehouse are removed at the end. The data set is
cached under benchmarks/_data/national-ROWS-MONTHSm (3.7 GiB at the default size).

    python benchmarks/national.py [--rows 18000000] [--months 36] [--force gwent]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
from import_police_uk import DATA_DIR, REPO, build_dataset, files_of, time_bare, time_store

from oversight.data.commands_policeuk import import_police_uk

T = TypeVar("T")
PLAN = REPO / "oversight" / "demo" / "plan.toml"
FLOOR_CSS = "/static/core/oversight.css"
REPEAT = 5  # requests of a warm process per page: the median is shown


@dataclass
class Stage:
    """One timed stage: wall and CPU seconds, rows handled and peak resident memory."""

    name: str
    seconds: float
    cpu: float
    peak_mb: int
    rows: int | None = None
    floor: Stage | None = None

    def line(self) -> str:
        """Return the stage as one row of the results table."""
        rate = f"{self.rows / self.seconds:>12,.0f}" if self.rows else f"{'':>12}"
        out = f"{self.name:<44}{self.seconds:>10.4f}{self.cpu:>8.2f}{rate}{self.peak_mb:>9,}"
        if self.floor is not None:
            ratio = self.seconds / self.floor.seconds
            out += f"   {ratio:>7,.1f}x {self.floor.name} ({self.floor.seconds:.4f} s)"
        return out


def _peak_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024


def timed(
    name: str, work: Callable[[], T], rows: Callable[[T], int] | None = None
) -> tuple[T, Stage]:
    """Run `work` once; return its result and the stage (peak memory from the stage's start)."""
    # Linux: writing 5 resets the process's peak resident size to its current one.
    Path("/proc/self/clear_refs").write_text("5")
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    stage = Stage(name, time.perf_counter() - start, time.process_time() - cpu, _peak_mb())
    stage.rows = rows(result) if rows else None
    return result, stage


def _query(warehouse: Path, sql: str, params: list[Any]) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def import_stage(root: Path, warehouse: Path) -> list[Stage]:
    """Time the bare read (floor), the plain store (DESIGN.md's floor) and the import."""
    files = files_of(root)
    (_, _, count), floor = timed("bare read_csv count", lambda: time_bare(files))
    (_, _, kept), store = timed("plain store (CREATE TABLE AS)", lambda: time_store(files))
    floor.rows, store.rows, store.floor = count, kept, floor
    report, stage = timed(
        "(a) import police-uk",
        lambda: import_police_uk([root], warehouse_path=warehouse, quiet=True),
        lambda r: r.rows_loaded,
    )
    if report.rejected:
        raise SystemExit(f"import rejected files: {report.rejected[0].error}")
    stage.floor = floor
    print(f"import / plain store: {stage.seconds / store.seconds:.2f}x")
    return [floor, store, stage]


def site_env(home: Path, warehouse: Path) -> None:
    """Point this process (and the migrate it starts) at a fresh home and the warehouse."""
    os.environ.pop("DATABASE_URL", None)  # SQLite in the temporary home, never a real database
    os.environ.update(
        OVERSIGHT_HOME=str(home),
        DJANGO_SETTINGS_MODULE="oversight.config.settings",
        OVERSIGHT_EPHEMERAL_KEY="true",
        OVERSIGHT_WAREHOUSE=str(warehouse),
        OVERSIGHT_CACHE="memory",  # the pages stage empties the cache: never a shared one
    )
    migrate = [sys.executable, "-m", "oversight", "migrate", "--no-input"]
    done = subprocess.run(migrate, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"oversight migrate failed:\n{done.stderr[-3000:]}")


def site_stages(warehouse: Path, force: str) -> list[Stage]:
    """Load the demo plan, then time the refresh, the monitor, the assessment and the pages."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from oversight.accounts.services import ensure_user
    from oversight.data.monitor import run_monitor
    from oversight.data.refresh import refresh_measures
    from oversight.performance.services import create_snapshot, mark_presented
    from oversight.plans.catalogue import parse
    from oversight.plans.services import load_catalogue

    plan, _ = load_catalogue(catalogue=parse(PLAN.read_text(encoding="utf-8")), by=None)
    if plan.force_slug != force:
        raise SystemExit(f"the demo plan is for {plan.force_slug}, not {force}")
    stages = []
    cells, floor = timed(
        f"GROUP BY month, crime type ({force})",
        lambda: _query(
            warehouse,
            "SELECT month, crime_type, count(*) FROM street WHERE force = ? GROUP BY ALL",
            [force],
        ),
    )
    floor.rows = sum(n for _, _, n in cells)
    report, stage = timed(
        f"(b) measures refresh ({force})",
        lambda: refresh_measures(plan=plan, warehouse_path=warehouse, by=None),
    )
    stage.rows, stage.floor = floor.rows, floor
    stages += [floor, stage]
    print(f"refresh: {report.written:,} values, {len(report.monitor.found)} findings, "
          f"{len(report.monitor.forces)} forces checked")  # fmt: skip
    for name, forces in (("every force", None), (force, [force])):
        _, monitor = timed(
            f"    integrity monitor alone, {name}",
            lambda forces=forces: run_monitor(warehouse_path=warehouse, forces=forces),
        )
        stages.append(monitor)

    snapshot, stage = timed(
        f"(c) assess ({force}, latest month)",
        lambda: create_snapshot(period=None, by=None),
    )
    stages.append(stage)
    ratings: dict[str, int] = {}
    for rating in snapshot.assessments.values_list("rating", flat=True):
        ratings[rating] = ratings.get(rating, 0) + 1
    print(f"assessed {snapshot.period}: {sum(ratings.values())} cells, {ratings}")
    mark_presented(snapshot=snapshot, by=None)  # a presented snapshot's pages are cached

    user, _ = ensure_user(
        username="commissioners_team",
        password="benchmark-only-password",  # noqa: S106 - a throwaway site
        role="commissioners_team",
        first_name="Commissioner's team",
        by=None,
    )
    client = Client()
    client.force_login(user)

    def get(path: str) -> Callable[[], int]:
        def fetch() -> int:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            # A static file is streamed: read it all, as a server would send it.
            body = b"".join(response) if response.streaming else response.content
            return len(body)

        return fetch

    def median(name: str, path: str, before: Callable[[], None] = lambda: None) -> Stage:
        runs = []
        for _ in range(REPEAT):
            before()
            size, stage = timed(name, get(path))
            runs.append(stage)
        stage = sorted(runs, key=lambda r: r.seconds)[REPEAT // 2]
        stage.name += f", {size // 1024} KiB" if path != FLOOR_CSS else ""
        return stage

    # Cold: the process's first request of the page (templates loaded, modules imported on
    # first use, nothing cached); miss: a warm process, the cache emptied; warm: cached.
    _, cold_floor = timed("static CSS (cold)", get(FLOOR_CSS))
    floor = median("static CSS (warm)", FLOOR_CSS)
    stages += [cold_floor, floor]
    pages = {"overview": "/reports/", "measure PUK01": "/reports/measures/PUK01/", "data": "/data/"}
    for name, path in pages.items():
        size, cold = timed(f"(d) {name} (cold)", get(path))
        cold.name += f", {size // 1024} KiB"
        cold.floor = cold_floor
        miss = median(f"(d) {name} (miss)", path, before=cache.clear)
        warm = median(f"(d) {name} (warm)", path)
        miss.floor = warm.floor = floor
        stages += [cold, miss, warm]
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=18_000_000, help="street rows in all")
    parser.add_argument("--months", type=int, default=36, help="months, from 2024-01")
    parser.add_argument("--force", default="gwent", help="the force of the demo plan")
    args = parser.parse_args()

    start = time.perf_counter()
    # The builder's own cache key is the row count alone; name the months too.
    root = build_dataset(
        args.rows, months=args.months, root=DATA_DIR / f"national-{args.rows}-{args.months}m"
    )
    files = files_of(root)
    forces = sorted({Path(f).name[8:].removesuffix("-street.csv") for f in files})
    if args.force not in forces:
        raise SystemExit(f"{args.force} is not among the data set's forces: {', '.join(forces)}")
    size = sum(Path(f).stat().st_size for f in files) / 2**30
    print(f"data set: {len(files):,} files, {len(forces)} forces, {args.months} months, "
          f"{size:.1f} GiB under {root.relative_to(REPO)} "
          f"(ready in {time.perf_counter() - start:.0f} s)")  # fmt: skip
    load = os.getloadavg()[0]

    tmp = Path(tempfile.mkdtemp(prefix="oversight-bench-national-"))
    try:
        warehouse = tmp / "warehouse.duckdb"
        stages = import_stage(root, warehouse)
        print(f"warehouse: {warehouse.stat().st_size / 2**30:.2f} GiB")
        site_env(tmp / "home", warehouse)
        stages += site_stages(warehouse, args.force)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{'stage':<44}{'seconds':>10}{'CPU s':>8}{'rows/s':>12}{'peak MB':>9}   × floor")
    for stage in stages:
        print(stage.line())
    print(f"load average (1 min): {load:.2f} before, {os.getloadavg()[0]:.2f} after; "
          f"{os.cpu_count()} cores")  # fmt: skip


if __name__ == "__main__":
    main()
