"""oversight pack: build the Strategic Board pack of a snapshot as HTML, PDF or PowerPoint."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from oversight.performance.models import Snapshot
from oversight.reports.pack import build_pack
from oversight.reports.pack_html import render_html, render_pdf
from oversight.reports.pack_pptx import render_pptx


class Command(BaseCommand):
    help = (
        "Build the Commissioner's Strategic Board pack from one frozen snapshot: cover, RAG "
        "summary, overview, a page per red or special-cause measure with its SPC chart, and the "
        "thematic drill-down. Progress is shown on stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--snapshot", required=True, help="Snapshot id, or 'latest' for the newest snapshot"
        )
        parser.add_argument("--theme", help="Only this theme's drill-down (a theme slug)")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=["html", "pdf", "pptx"],
            required=True,
            help="Output format",
        )
        parser.add_argument("-o", "--output", required=True, help="File to write")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot = self._snapshot(options["snapshot"])
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
            fmt = options["fmt"]
            if fmt == "html":
                data = render_html(pack, progress=progress).encode()
            elif fmt == "pdf":
                data = render_pdf(pack, progress=progress)
            else:
                data = render_pptx(pack, progress=progress)
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

    def _snapshot(self, ref: str) -> Snapshot:
        if ref == "latest":
            snapshot = Snapshot.objects.order_by("-created_at", "-id").first()
            if snapshot is None:
                raise CommandError("There is no snapshot yet; run `oversight assess` first.")
            return snapshot
        if not ref.isdigit():
            raise CommandError(f"--snapshot must be an id or 'latest', not {ref!r}")
        snapshot = Snapshot.objects.filter(pk=int(ref)).first()
        if snapshot is None:
            raise CommandError(f"No snapshot {ref}")
        return snapshot
