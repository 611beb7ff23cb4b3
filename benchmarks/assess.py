"""Benchmark `oversight assess`: 40 measures × 10 areas × 60 months, assessed and frozen.

Builds the force in a fresh SQLite database (a temporary OVERSIGHT_HOME, migrated), then times
``services.create_snapshot`` — the same call `oversight assess` makes: one query for the
observations, XmR charts, Compstat windows with their exact tests, RAG ratings, the content hash,
the bulk insert and the audit record. Prints the seconds of each run and the best; the target is
under one second.

    python benchmarks/assess.py [--measures 40] [--areas 10] [--months 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _site import fresh_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=40)
    parser.add_argument("--areas", type=int, default=10, help="force plus areas-1 BCUs")
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with fresh_site("assess"):
        from oversight.performance import assessment, sample, services

        started = time.perf_counter()
        sample.build_force(measures=args.measures, areas=args.areas, months=args.months)
        print(f"built {args.measures} measures × {args.areas} areas × {args.months} months "
              f"in {time.perf_counter() - started:.2f} s")  # fmt: skip

        period = services.latest_period()
        assert period is not None
        started = time.perf_counter()
        rows = len(assessment.assess_period(period).rows)
        print(f"assessment only ({rows} cells): {time.perf_counter() - started:.3f} s")

        runs = []
        for i in range(args.repeat):
            started = time.perf_counter()
            snapshot = services.create_snapshot(period=period, by=None)
            runs.append(time.perf_counter() - started)
            print(f"run {i + 1}: assessed and frozen snapshot {snapshot.pk} "
                  f"({snapshot.assessments.count()} assessments) in {runs[-1]:.3f} s")  # fmt: skip
        print(f"best {min(runs):.3f} s, median {statistics.median(runs):.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
