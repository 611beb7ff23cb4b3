"""Benchmark peer comparison: peers and funnel limits for every force, measure and month.

Builds a fresh site (a temporary OVERSIGHT_HOME, migrated) with the demo plan, imports the
shared 2024 police.uk months of every force (../shared/data/police-uk/2024-01..04) and the
shared population tables (../shared/data/population), untimed, then times:

  (a) counting: every force's rows per month by category, from the warehouse into the
      database (``peers.counts.store_counts``, what an import runs), from empty;
  (b) the comparisons: for every month and every force holding street files, its computed
      peer group and, for every police.uk measure of the plan compared per resident and each
      window (the month, 3 months, 12 months), every force's count, rate, rank and place on
      the exact Poisson and the overdispersion-adjusted funnel — ``Engine.compare``, as
      `oversight peers` and the comparison page run it, each window's funnel computed once;
  (c) the floor: the plain way of the same rates and limits: one GROUP BY force, month and
      crime type over the warehouse, then plain Python summing each measure's window for each
      force with a population and every month, its rate, the pooled rate, normal-approximation
      limits θ ± z·√(θ/n) and the rank — no peers, no exact limits, no marks, no database.

    python benchmarks/peers.py [--repeat 3]

Prints the seconds of each run, the best and the median; the target for (b) is under 2 s.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from pathlib import Path

from _site import REPO, fresh_site

SHARED = REPO.parent / "shared" / "data"
MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04")
TABLES = ("census-2011-pfa-ethnic-group.csv", "ons-mid-year-population-english-pfa-2009-2019.csv")


def plain_rates(counts: list[tuple[str, str, str, int]], measures: list, period: str,
                populations: dict[str, int]) -> int:  # fmt: skip
    """Return how many cells the plain way rates: sums, rates, pooled rate, normal limits, rank."""
    from oversight.analysis.periods import add_months

    by_force: dict[str, dict[tuple[str, str], int]] = {}
    for force, month, crime_type, n in counts:
        by_force.setdefault(force, {})[(month, crime_type)] = n
    cells = 0
    for m in measures:
        for size in (1, 3, 12):
            months = [add_months(period, -i) for i in range(size)]
            rated = []
            for force, cell in by_force.items():
                held = {mo for mo, _ in cell}
                if force not in populations or any(mo not in held for mo in months):
                    continue
                n = sum(v for (mo, t), v in cell.items() if mo in months
                        and (not m.crime_types or t in m.crime_types))  # fmt: skip
                rated.append((n * 1000 / populations[force], force, n, populations[force]))
            if not rated:
                continue
            theta = sum(r[2] for r in rated) / sum(r[3] for r in rated)
            for rank, (rate, _, _, pop) in enumerate(sorted(rated), 1):
                se = math.sqrt(theta / pop) * 1000
                limits = [theta * 1000 + z * se for z in (-3.090, -1.960, 1.960, 3.090)]
                cells += rate > limits[2] or rank > 0
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (SHARED / "police-uk" / MONTHS[0]).is_dir():
        raise SystemExit(f"the shared police.uk files are not at {SHARED / 'police-uk'}")

    with fresh_site("peers") as home:
        from django.conf import settings

        from oversight.data.commands_policeuk import import_police_uk
        from oversight.data.population import import_population
        from oversight.data.warehouse import Warehouse
        from oversight.peers.comparison import Engine
        from oversight.peers.counts import store_counts
        from oversight.peers.inputs import Inputs
        from oversight.peers.measures import plan_measures
        from oversight.peers.models import CountedMonth
        from oversight.plans.catalogue import parse
        from oversight.plans.services import load_catalogue

        warehouse = Path(home) / "warehouse.duckdb"
        settings.WAREHOUSE_PATH = warehouse
        plan, _ = load_catalogue(
            catalogue=parse((REPO / "oversight" / "demo" / "plan.toml").read_text()), by=None
        )
        started = time.perf_counter()
        paths = [SHARED / "police-uk" / m for m in MONTHS]
        assert import_police_uk(paths, warehouse_path=warehouse, quiet=True).ok
        for name in TABLES:
            data = (SHARED / "population" / name).read_bytes()
            assert not import_population(data=data, file_name=name, plan=plan, by=None).errors
        print(f"set up: {len(MONTHS)} months of every force imported, populations loaded "
              f"in {time.perf_counter() - started:.1f} s (untimed)")  # fmt: skip

        runs = []
        for _ in range(args.repeat):
            CountedMonth.objects.all().delete()
            started = time.perf_counter()
            report = store_counts(warehouse_path=warehouse)
            runs.append(time.perf_counter() - started)
        print(f"(a) counting {report.counted} force-months from the warehouse: best "
              f"{min(runs):.3f} s, median {statistics.median(runs):.3f} s")  # fmt: skip

        measures, skipped = plan_measures(plan)
        runs, cells = [], 0
        for _ in range(args.repeat):
            cells, compared = 0, 0
            started = time.perf_counter()
            for period in MONTHS:
                inputs = Inputs.load(last=period, months=12, plan_force=plan.force_slug)
                engine = Engine(inputs, measures)
                for force in sorted(inputs.forces("street")):
                    comparison = engine.compare(force=force, period=period)
                    compared += 1
                    cells += sum(len(w.rows) for m in comparison.measures for w in m.windows)
            runs.append(time.perf_counter() - started)
        print(f"(b) {compared} comparisons (every force holding street files × {len(MONTHS)} "
              f"months), {len(measures)} measures × 3 windows, {cells:,} force rows: best "
              f"{min(runs):.3f} s, median {statistics.median(runs):.3f} s "
              f"({min(runs) / compared * 1000:.1f} ms a comparison; target < 2 s)")  # fmt: skip

        populations = {}
        for force in inputs.forces("street"):
            found = inputs.population(force, 2024)
            if found is not None:
                populations[force] = found.population
        floor_runs, rows = [], 0
        with Warehouse(warehouse, read_only=True) as wh:
            for _ in range(args.repeat):
                started = time.perf_counter()
                counts = wh.connection.execute(
                    "SELECT force, month, crime_type, count(*) FROM street GROUP BY ALL"
                ).fetchall()
                rows = sum(plain_rates(counts, measures, p, populations) for p in MONTHS)
                floor_runs.append(time.perf_counter() - started)
        print(f"(c) floor: one GROUP BY over the warehouse, then plain Python: {rows:,} rated "
              f"cells with normal limits: best {min(floor_runs):.3f} s, median "
              f"{statistics.median(floor_runs):.3f} s")  # fmt: skip
        print(f"(b) is {min(runs) / min(floor_runs):.1f}× the floor; "
              f"{len(skipped)} measure(s) not compared per resident: "
              + ", ".join(n.code for n in skipped))  # fmt: skip


if __name__ == "__main__":
    main()
