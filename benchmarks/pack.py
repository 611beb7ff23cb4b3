"""Benchmark `oversight pack --board`: a 40-measure Board pack with charts, as PDF and PPTX.

Builds the board in a fresh SQLite database (a temporary OVERSIGHT_HOME, migrated): the example
plan (32 measures, two BCUs, eight themes) plus 8 more measures, 36 months of synthetic values
for the force, each BCU and the age bands (tests/factories/board.py, as the report tests
build it), frozen and presented as a snapshot, and a Board meeting with its cycle, the JPMG's
accepted escalations, actions and one scheduled theme (``board_meeting``). Then times,
separately, the Board's pack — hot list, overview, a page per Red or special-cause measure, the
scheduled theme, escalations and the action log — built and rendered as PDF (the accessible
HTML printed by WeasyPrint, charts as SVG) and as PowerPoint (native tables, charts as PNG, notes
on every slide). The floor beside it is WeasyPrint printing the same HTML with no chart in it:
what the document's text and tables cost alone. The target is under 10 seconds each.

    python benchmarks/pack.py [--repeat 2] [--all-themes] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path

from _site import fresh_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", help="write the last PDF and PPTX into this folder")
    parser.add_argument(
        "--all-themes",
        action="store_true",
        help="time the snapshot's own pack with all eight themes instead of the Board's",
    )
    args = parser.parse_args()

    with fresh_site("pack"):
        from oversight.display.pdf import html_to_pdf
        from oversight.performance.sample import add_measure
        from oversight.performance.services import create_snapshot, mark_presented
        from oversight.plans.models import Measure
        from oversight.reports.pack import build_pack
        from oversight.reports.pack_html import render_html, render_pdf
        from oversight.reports.pack_pptx import render_pptx
        from tests.factories.board import PERIOD, add_observations, board_meeting, load_plan
        from tests.factories.people import persona

        started = time.perf_counter()
        plan = load_plan()
        for i in range(40 - Measure.objects.filter(plan=plan).count()):
            add_measure(plan, f"BX{i + 1:02d}", breakdowns=("force", "bcu"))
        add_observations(plan, period=PERIOD)
        snapshot = mark_presented(snapshot=create_snapshot(period=PERIOD, by=None), by=None)
        meeting = (
            None
            if args.all_themes
            else board_meeting(snapshot, by=persona("commissioners_team", "olwen"))
        )
        measures = Measure.objects.filter(plan=plan).count()
        print(f"built {measures} measures and snapshot {snapshot.pk} "
              f"({snapshot.assessments.count()} assessments) "
              f"in {time.perf_counter() - started:.2f} s")  # fmt: skip

        results: dict[str, list[float]] = {"pdf": [], "pptx": []}
        outputs: dict[str, bytes] = {}
        for run in range(args.repeat):
            for fmt, render in (("pdf", render_pdf), ("pptx", render_pptx)):
                started, cpu = time.perf_counter(), time.process_time()
                pack = build_pack(snapshot, board=meeting)
                outputs[fmt] = render(pack)
                results[fmt].append(time.perf_counter() - started)
                # CPU time as well: on a busy machine the wall time says more about the load.
                seconds = f"{results[fmt][-1]:.2f} s ({time.process_time() - cpu:.2f} s CPU)"
                print(f"run {run + 1} {fmt}: {len(outputs[fmt]):,} bytes, "
                      f"{len(pack.sections)} measure pages, {len(pack.themes)} themes, "
                      f"{len(pack.charts)} charts, {seconds}")  # fmt: skip
        started = time.perf_counter()
        pack = build_pack(snapshot, board=meeting)
        built = time.perf_counter()
        html = render_html(pack)
        rendered = time.perf_counter()
        html_to_pdf(html)
        printed = time.perf_counter()
        print(f"pdf stages (one run): build {built - started:.2f} s, HTML with SVG charts "
              f"{rendered - built:.2f} s, WeasyPrint {printed - rendered:.2f} s")  # fmt: skip
        # The floor: the same document with its charts taken out, printed the same way.
        plain = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.DOTALL)
        started = time.perf_counter()
        html_to_pdf(plain)
        print(f"floor: WeasyPrint on the same HTML without its charts "
              f"{time.perf_counter() - started:.2f} s")  # fmt: skip
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
