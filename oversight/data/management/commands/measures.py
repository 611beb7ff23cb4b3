"""`oversight measures refresh [--measure CODE ...]`: police.uk measures from the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.data.refresh import RefreshError, refresh_measures
from oversight.plans.models import Plan


class Command(BaseCommand):
    help = "Compute measure values: `oversight measures refresh [--measure CODE ...]`."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        refresh = sub.add_parser(
            "refresh",
            help="aggregate the police.uk warehouse into monthly values per force and BCU",
            description="For every police.uk measure of the plan (not retired), count the "
            "warehouse rows per month for the force and each BCU (LSOA -> local authority -> "
            "BCU) and store them as observations, replacing the measures' previous values in "
            "one transaction. Rows are counted, not distinct Crime IDs. Rows with no location "
            "or outside every BCU count in the force value only, and are reported per month. "
            "Rates per 1,000 need a population (`oversight import population`); proportions "
            "store numerator and denominator. Months the warehouse lacks stay missing.",
        )
        refresh.add_argument(
            "--measure",
            action="append",
            default=[],
            metavar="CODE",
            help="refresh only this measure (repeatable); default every police.uk measure",
        )

    def handle(self, *args: object, **options: Any) -> None:
        plan = Plan.objects.first()
        if plan is None:
            raise CommandError("No plan is loaded: run `oversight plan load FILE.toml` first.")
        try:
            report = refresh_measures(
                plan=plan,
                warehouse_path=Path(settings.WAREHOUSE_PATH),
                codes=options["measure"],
                by=None,
            )
        except RefreshError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
