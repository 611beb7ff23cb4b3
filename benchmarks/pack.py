"""Benchmark `oversight pack`: a 40-measure Strategic Board pack with charts, as PDF and PPTX.

Builds the board in a fresh SQLite database (a temporary OVERSIGHT_HOME, migrated): the example
plan (32 measures, two BCUs, eight themes) plus 8 more measures, 36 months of synthetic values
for the force, each BCU and the age bands (tests/factories/board.py, as the report tests
build it), frozen as a snapshot. Then times, separately, the pack built and rendered as PDF
(the accessible HTML printed by WeasyPrint, charts as SVG) and as PowerPoint (native tables,
charts as PNG), each from the snapshot. Prints the seconds of each run and the best; the target
is under 10 seconds each.

    python benchmarks/pack.py [--repeat 2] [--theme SLUG] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from _site import fresh_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", help="write the last PDF and PPTX into this folder")
    parser.add_argument(
        "--theme", help="build the pack with one theme's drill-down (default: all eight themes)"
    )
    args = parser.parse_args()

    with fresh_site("pack"):
        from oversight.display.pdf import html_to_pdf
        from oversight.performance.sample import add_measure
        from oversight.performance.services import create_snapshot
        from oversight.plans.models import Measure
        from oversight.reports.pack import build_pack
        from oversight.reports.pack_html import render_html, render_pdf
        from oversight.reports.pack_pptx import render_pptx
        from tests.factories.board import PERIOD, add_observations, load_plan

        started = time.perf_counter()
        plan = load_plan()
        for i in range(40 - Measure.objects.filter(plan=plan).count()):
            add_measure(plan, f"BX{i + 1:02d}", breakdowns=("force", "bcu"))
        add_observations(plan, period=PERIOD)
        snapshot = create_snapshot(period=PERIOD, by=None)
        measures = Measure.objects.filter(plan=plan).count()
        print(f"built {measures} measures and snapshot {snapshot.pk} "
              f"({snapshot.assessments.count()} assessments) "
              f"in {time.perf_counter() - started:.2f} s")  # fmt: skip

        results: dict[str, list[float]] = {"pdf": [], "pptx": []}
        outputs: dict[str, bytes] = {}
        for run in range(args.repeat):
            for fmt, render in (("pdf", render_pdf), ("pptx", render_pptx)):
                started, cpu = time.perf_counter(), time.process_time()
                pack = build_pack(snapshot, theme_slug=args.theme)
                outputs[fmt] = render(pack)
                results[fmt].append(time.perf_counter() - started)
                # CPU time as well: on a busy machine the wall time says more about the load.
                seconds = f"{results[fmt][-1]:.2f} s ({time.process_time() - cpu:.2f} s CPU)"
                print(f"run {run + 1} {fmt}: {len(outputs[fmt]):,} bytes, "
                      f"{len(pack.sections)} measure pages, {len(pack.themes)} themes, "
                      f"{len(pack.charts)} charts, {seconds}")  # fmt: skip
        started = time.perf_counter()
        pack = build_pack(snapshot, theme_slug=args.theme)
        built = time.perf_counter()
        html = render_html(pack)
        rendered = time.perf_counter()
        html_to_pdf(html)
        printed = time.perf_counter()
        print(f"pdf stages (one run): build {built - started:.2f} s, HTML with SVG charts "
              f"{rendered - built:.2f} s, WeasyPrint {printed - rendered:.2f} s")  # fmt: skip
        for fmt, runs in results.items():
            print(f"{fmt}: best {min(runs):.2f} s (target < 10 s)")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average {load:.2f} on {os.cpu_count()} CPUs")
        if args.keep:
            folder = Path(args.keep)
            folder.mkdir(parents=True, exist_ok=True)
            for fmt, data in outputs.items():
                (folder / f"pack.{fmt}").write_bytes(data)


if __name__ == "__main__":
    main()
