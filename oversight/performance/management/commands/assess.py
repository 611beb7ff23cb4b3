"""`oversight assess`: assess every active measure and area for a period and freeze a snapshot."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.accounts.models import User
from oversight.performance import presenters, services


def user_named(username: str | None) -> User | None:
    """Return the user to record in the audit trail, or None for the system."""
    if not username:
        return None
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist as exc:
        raise CommandError(f"--by: no user named {username!r}") from exc


class Command(BaseCommand):
    help = (
        "Assess every active or under-review measure for every area (force, each BCU, and age "
        "bands where the measure has them) for a period, and freeze the result as a new draft "
        "snapshot with its content hash and the import batches it used. Prints the snapshot. "
        "A period after the latest data, or one no measure has data for, is refused and "
        "nothing is created; a measure whose data for the period are not yet in, or whose "
        "series spans an undecided data break, is rated Grey with the reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", metavar="YYYY-MM", help="month to assess (default: the latest with data)"
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--by", metavar="USERNAME", help="user to record in the audit trail")
        parser.add_argument("--note", default="", help="a note kept with the snapshot")

    def handle(self, *args: Any, **options: Any) -> None:
        by = user_named(options["by"])
        started = time.perf_counter()
        try:
            snapshot = services.create_snapshot(
                period=options["period"], by=by, note=options["note"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        if options["json"]:
            self.stdout.write(
                json.dumps(presenters.snapshot_json(snapshot), indent=2, ensure_ascii=False)
            )
            return
        self.stdout.write(presenters.snapshot_table(snapshot))
        count = snapshot.assessments.count()
        self.stdout.write(f"\n{count} assessments frozen in {seconds:.2f} s.")
        held = presenters.readiness_lines(snapshot)
        if held:
            self.stdout.write(
                f"{presenters.readiness(snapshot)['rated']} rated; the rest are held at Grey:"
            )
            for line in held:
                self.stdout.write(f"  {line}")
