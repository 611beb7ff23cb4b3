"""oversight pack: build a Board's pack, or a snapshot's, as HTML, PDF or PowerPoint."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from oversight.performance.models import Snapshot
from oversight.reports import board as boards
from oversight.reports import builds
from oversight.reports.models import PackBuild
from oversight.reports.pages import chosen_snapshot
from oversight.reports.renderers import RENDERERS


class Command(BaseCommand):
    help = (
        "Build the Commissioner's Strategic Board pack. With --board YYYY-MM-DD, the pack for "
        "that Board from its snapshot: the Board's date on the cover, the hot list (every Red "
        "and every change since the last Board), the overview, the theme scheduled for that "
        "Board, the escalations the JPMG accepted and the action log. With --snapshot ID, a "
        "snapshot's own pack with every theme. A pack is built once for its inputs and kept; "
        "asking again writes the kept file. Progress is shown on stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--board", metavar="YYYY-MM-DD", help="the Board's date")
        which.add_argument(
            "--snapshot", help="Snapshot id, or 'current' for the latest presented one"
        )
        parser.add_argument("--theme", help="This theme's drill-down (a theme slug)")
        parser.add_argument(
            "--format", dest="fmt", choices=list(RENDERERS), required=True, help="Output format"
        )
        parser.add_argument("-o", "--output", required=True, help="File to write")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        meeting = None
        if options["board"]:
            try:
                day = dt.date.fromisoformat(options["board"])
            except ValueError as exc:
                raise CommandError(f"--board must be a date such as 2026-12-03: {exc}") from exc
            try:
                meeting = boards.board_meeting(day)
                snapshot = boards.board_snapshot(meeting)
            except boards.NoSuchBoard as exc:
                raise CommandError(str(exc)) from exc
        else:
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
            build = builds.request_build(
                snapshot=snapshot,
                fmt=options["fmt"],
                board=meeting,
                theme=options["theme"] or "",
                background=False,
                progress=progress,
            )
        except builds.BuildError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        if build.status == PackBuild.Status.FAILED:
            raise CommandError(f"The pack could not be built: {build.error}")
        if not build.is_ready:
            raise CommandError(f"The pack is being built elsewhere (build {build.pk}); try again.")
        path = Path(options["output"])
        path.write_bytes(bytes(build.content))
        what = f"the Board of {meeting.date:%d %B %Y}" if meeting else "its own pack"
        self.stdout.write(
            f"Wrote {path} ({build.size:,} bytes): {what}, from snapshot {snapshot.pk} "
            f"for {snapshot.period} (build {build.pk}, sha256 {build.sha256[:12]})."
        )

    def _snapshot(self, ref: str) -> Snapshot:
        if ref not in ("current", "latest") and not ref.isdigit():
            raise CommandError(f"--snapshot must be an id or 'current', not {ref!r}")
        snapshot = chosen_snapshot(None if ref in ("current", "latest") else ref)
        if snapshot is None:
            raise CommandError(
                f"No snapshot {ref}"
                if ref.isdigit()
                else "There is no snapshot yet; run `oversight assess` first."
            )
        return snapshot
