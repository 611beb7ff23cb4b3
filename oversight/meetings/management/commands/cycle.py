"""`oversight cycle tick`: the reporting cycle's scheduled job, for cron or a systemd timer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.meetings.tick import ARREARS, tick

TICK_DESCRIPTION = (
    "Run once a day from cron or a systemd timer. For each plan's force, fetch the police.uk "
    "months after the latest month its measures were computed from, up to the month before "
    f"last (data.police.uk publishes about {ARREARS} months in arrears), that the warehouse "
    "lacks, from data.police.uk's archive as `oversight fetch police-uk` does; then refresh the "
    "force's measures and report the integrity monitor's new findings. A month not yet "
    "published is reported and tried again next time. Also lists the reporting-cycle steps "
    "overdue or due today or tomorrow, with their owners. Running it again fetches nothing "
    "new. Exits non-zero only on a real failure (network, a corrupt download, a rejected file)."
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "The monthly reporting cycle's scheduled work: `oversight cycle tick` fetches the "
        "police.uk months due, refreshes the measures and lists the steps due."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        run = sub.add_parser(
            "tick",
            help="fetch the police.uk months due, refresh the measures, list the steps due",
            description=TICK_DESCRIPTION,
        )
        run.add_argument(
            "--dry-run", action="store_true", help="say what would be fetched; change nothing"
        )
        run.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="act as on this day (default: today, in the site's time zone)",
        )
        run.add_argument("--quiet", action="store_true", help="no progress bars on stderr")

    def handle(self, *args: object, **options: Any) -> None:
        today = _date(options["today"]) if options["today"] else None
        stderr = getattr(self.stderr, "_out", self.stderr)
        report = tick(
            today=today,
            dry_run=options["dry_run"],
            progress=None if options["quiet"] else stderr,
        )
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            for failure in report.failures:
                self.stderr.write(f"FAILED {failure}")
            raise CommandError(f"cycle tick: {len(report.failures)} failure(s)")
