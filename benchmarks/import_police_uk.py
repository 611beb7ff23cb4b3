"""Benchmark `oversight import police-uk` against pandas and DuckDB's bare CSV read.

Builds a street-level data set in the exact data.police.uk layout (one folder per month, one
plain CSV per force and month, as the zip archives hold them), resampled from the real street
files in ../shared/data/police-uk, then times:

  (a) the import, through the same function `oversight import police-uk` calls, into a fresh
      warehouse (validation and the write included);
  (b) a plain pandas pipeline reading the same files and grouping to monthly counts by force
      and crime type: `pandas` reads each file whole, as `pd.read_csv(file)` does; `pandas-3`
      reads only the three columns it groups by, as text (a tuned pipeline, for comparison);
  (c) DuckDB's bare `read_csv` count over the same files (the floor the target is set against:
      type auto-detection, no column converted);
  (d) a typed read: every column parsed with the import's own types and reader options and
      counted, i.e. all the reading the import does and none of its writing;
  (e) a plain store: the same typed read kept as one table in a fresh DuckDB file with
      CREATE TABLE AS, no check, no hashing, i.e. the write alone, done the plainest way.

    python benchmarks/import_police_uk.py --rows 3000000 --repeat 3

With --repeat N the bare read, typed read, store and import run N times, alternating; the
median and the fastest of each are printed, with the process CPU seconds of the median run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "police-uk"
DATA_DIR = REPO / "benchmarks" / "_data"

sys.path.insert(0, str(REPO))

from oversight.data.commands_policeuk import import_police_uk  # noqa: E402
from oversight.data.policeuk import STREET_COLUMNS, Kind, column_types  # noqa: E402
from oversight.data.policeuk_load import READ_OPTIONS  # noqa: E402


def build_dataset(
    rows: int,
    *,
    months: int = 12,
    seed: int = 20240101,
    sources: list[str] | None = None,
    root: Path | None = None,
) -> Path:
    """Write about `rows` street rows as YYYY-MM/YYYY-MM-<force>-street.csv; return the root.

    Each force keeps its real share of rows; rows are drawn with replacement from that force's
    real street files (`sources`, by default every shared one) and relabelled with the target
    month. The set is cached by size under benchmarks/_data unless `root` is given.
    """
    # "v2": sets cached by the builder before it read quoted values correctly are not reused.
    root = root or DATA_DIR / f"street-{rows}-v2"
    if (root / ".complete").exists():
        return root
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    sources = sources or sorted(str(p) for p in SHARED.glob("*/*-street.csv.gz"))
    if not sources:
        raise SystemExit(f"no street files under {SHARED}")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    # Read as the import does: sniffing the first file would miss the quoting of values such
    # as "Bournemouth, Christchurch and Poole 001A" and split them in two.
    text = dict.fromkeys(STREET_COLUMNS, "VARCHAR")
    con.execute(
        "CREATE TABLE real AS SELECT * EXCLUDE (filename),"  # noqa: S608 - constant options
        " regexp_extract(filename, '\\d{4}-\\d{2}-(.+)-street', 1) AS force"
        f" FROM read_csv(?, columns = ?, {READ_OPTIONS})",
        [sources, text],
    )
    con.execute(
        "CREATE TABLE real_n AS SELECT *, row_number() OVER (PARTITION BY force) - 1 AS rn"
        " FROM real"
    )
    shares = con.execute(
        "SELECT force, count(*) AS n, count(*) / count(DISTINCT Month) AS per_month"
        " FROM real GROUP BY force ORDER BY force"
    ).fetchall()
    total_per_month = sum(per_month for _, _, per_month in shares)
    columns = ", ".join(f'"{c}"' for c in STREET_COLUMNS if c != "Month")
    for m in range(months):
        month = f"2024-{m + 1:02d}" if months <= 12 else f"{2024 + m // 12}-{m % 12 + 1:02d}"
        (root / month).mkdir()
        for force, n, per_month in shares:
            size = round(rows / months * per_month / total_per_month)
            out = root / month / f"{month}-{force}-street.csv"
            con.execute(
                f"""COPY (
                    SELECT r."Crime ID", '{month}' AS "Month",
                        {columns.replace('"Crime ID", ', "")}
                    FROM range({size}) t(i)
                    JOIN real_n r ON r.force = '{force}'
                        AND r.rn = hash(t.i, {seed + m}) % {n}
                ) TO '{out}' (HEADER, DELIMITER ',')"""  # noqa: S608 - generated names
            )
    (root / ".complete").touch()
    return root


def files_of(root: Path) -> list[str]:
    """Return every CSV under root, sorted."""
    return sorted(str(p) for p in root.glob("*/*.csv"))


Run = tuple[float, float, int]  # wall seconds, process CPU seconds, rows


def time_import(root: Path) -> Run:
    """Import root into a fresh warehouse; return (seconds, CPU seconds, rows loaded)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        cpu = time.process_time()
        report = import_police_uk([root], warehouse_path=Path(tmp) / "w.duckdb", quiet=True)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
    if report.rejected:
        raise SystemExit(f"import rejected files: {report.rejected[0].error}")
    return elapsed, cpu, report.rows_loaded


def time_pandas(files: list[str], *, tuned: bool = False) -> Run:
    """Read every file with pandas and group to monthly counts by force and crime type.

    Plain reads each file whole with pandas' defaults; tuned reads only the grouped columns.
    """
    import pandas as pd

    options: dict = {}
    if tuned:
        options = {"usecols": ["Month", "Reported by", "Crime type"], "dtype": "string"}
    start = time.perf_counter()
    cpu = time.process_time()
    frames = [pd.read_csv(f, **options) for f in files]
    data = pd.concat(frames, ignore_index=True)
    counts = data.groupby(["Reported by", "Month", "Crime type"]).size()
    return time.perf_counter() - start, time.process_time() - cpu, int(counts.sum())


def _time_query(sql: str, params: list) -> Run:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    start = time.perf_counter()
    cpu = time.process_time()
    row = con.execute(sql, params).fetchone()
    elapsed = time.perf_counter() - start
    return elapsed, time.process_time() - cpu, int(row[0])


def time_bare(files: list[str]) -> Run:
    """Count the rows with DuckDB's bare read_csv (types auto-detected): the floor."""
    return _time_query("SELECT count(*) FROM read_csv(?, header=true)", [files])


def time_typed(files: list[str]) -> Run:
    """Read every column as the import does (its types and options) and count each one."""
    return _time_query(
        f"SELECT count(*), count(COLUMNS(* EXCLUDE (filename))) FROM read_csv(?, columns = ?,"  # noqa: S608
        f" {READ_OPTIONS})",
        [files, column_types(Kind.STREET)],
    )


def time_store(files: list[str]) -> Run:
    """Keep the same rows in a fresh warehouse file the plainest way: CREATE TABLE AS.

    The typed read into one table, with no check, no hashing and no bookkeeping: the least
    an import that keeps every row in DuckDB writes.
    """
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "store.duckdb"))
        con.execute("SET enable_progress_bar = false")
        start = time.perf_counter()
        cpu = time.process_time()
        con.execute(
            "CREATE TABLE street AS SELECT * EXCLUDE (filename)"  # noqa: S608 - constant options
            f" FROM read_csv(?, columns = ?, {READ_OPTIONS})",
            [files, column_types(Kind.STREET)],
        )
        con.close()
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
        con = duckdb.connect(str(Path(tmp) / "store.duckdb"), read_only=True)
        rows = con.execute("SELECT count(*) FROM street").fetchone()[0]
        con.close()
    return elapsed, cpu, int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=6_000_000, help="rows to generate")
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the pandas run")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time the reads and the import this many times, alternating; report the median",
    )
    args = parser.parse_args()

    start = time.perf_counter()
    root = build_dataset(args.rows)
    files = files_of(root)
    print(f"data set: {len(files)} files under {root.relative_to(REPO)}", end=" ")
    print(f"(ready in {time.perf_counter() - start:.1f} s)")

    # On a shared machine the floor moves with the load: alternate the runs.
    load_before = os.getloadavg()[0]
    runs: dict[str, list[Run]] = {"bare": [], "typed": [], "store": [], "import": []}
    for _ in range(max(1, args.repeat)):
        runs["bare"].append(time_bare(files))
        runs["typed"].append(time_typed(files))
        runs["store"].append(time_store(files))
        runs["import"].append(time_import(root))
    if not args.skip_pandas:
        runs["pandas"] = [time_pandas(files) for _ in range(max(1, args.repeat))]
        runs["pandas-3"] = [time_pandas(files, tuned=True) for _ in range(max(1, args.repeat))]
    median: dict[str, float] = {}
    for name, timed in runs.items():
        walls = sorted(timed)
        middle = walls[(len(walls) - 1) // 2]
        median[name] = statistics.median(w for w, _, _ in timed)
        rows = timed[0][2]
        print(
            f"{name:>8}: {rows:>10,} rows; median {median[name]:6.2f} s"
            f" = {rows / median[name]:>11,.0f} rows/s ({middle[1]:.2f} CPU s);"
            f" fastest {walls[0][0]:6.2f} s"
        )
    print(f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    imp = median["import"]
    print(f"import / bare read:  {imp / median['bare']:.2f}x (medians)")
    print(f"import / typed read: {imp / median['typed']:.2f}x")
    print(f"store / bare read:   {median['store'] / median['bare']:.2f}x")
    print(f"import / store:      {imp / median['store']:.2f}x")
    if "pandas" in median:
        print(f"pandas / import:     {median['pandas'] / imp:.2f}x")
        print(f"pandas-3 / import:   {median['pandas-3'] / imp:.2f}x")


if __name__ == "__main__":
    main()
