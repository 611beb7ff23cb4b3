"""oversight pack: build the Strategic Board pack of a snapshot as HTML, PDF or PowerPoint."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from oversight.reports.pack import build_pack
from oversight.reports.pages import chosen_snapshot
from oversight.reports.renderers import RENDERERS, render


class Command(BaseCommand):
    help = (
        "Build the Commissioner's Strategic Board pack from one snapshot's record: cover, RAG "
        "summary, overview, a page per red or special-cause measure with its SPC chart, and the "
        "thematic drill-down. The same snapshot gives the same pack, whenever it is built. "
        "Progress is shown on stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--snapshot",
            required=True,
            help="Snapshot id, or 'current' for the latest presented one ('latest' also works)",
        )
        parser.add_argument("--theme", help="Only this theme's drill-down (a theme slug)")
        parser.add_argument(
            "--format", dest="fmt", choices=list(RENDERERS), required=True, help="Output format"
        )
        parser.add_argument("-o", "--output", required=True, help="File to write")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ref = options["snapshot"]
        if ref not in ("current", "latest") and not ref.isdigit():
            raise CommandError(f"--snapshot must be an id or 'current', not {ref!r}")
        snapshot = chosen_snapshot(None if ref in ("current", "latest") else ref)
        if snapshot is None:
            raise CommandError(
                f"No snapshot {ref}"
                if ref.isdigit()
                else "There is no snapshot yet; run `oversight assess` first."
            )
        bar = tqdm(
            total=1, unit="step", file=sys.stderr, disable=options["no_progress"], leave=False
        )

        def progress(step: str, done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.set_description(step)
            bar.refresh()

        try:
            bar.set_description("building the pack")
            pack = build_pack(snapshot, theme_slug=options["theme"], progress=progress)
            bar.reset()
            data = render(pack, options["fmt"], progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        path = Path(options["output"])
        path.write_bytes(data)
        self.stdout.write(
            f"Wrote {path} ({len(data):,} bytes): snapshot {snapshot.pk} for {snapshot.period}, "
            f"{len(pack.overview_rows)} measures, {len(pack.sections)} measure pages, "
            f"{len(pack.themes)} themes."
        )
