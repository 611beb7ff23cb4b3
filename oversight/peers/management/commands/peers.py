"""`oversight peers`: a force against its most similar forces and all forces, per measure."""

from __future__ import annotations

import argparse
import json
from typing import Any, ClassVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.analysis.forces import BY_SLUG
from oversight.analysis.periods import validate_period
from oversight.peers.report import text_lines
from oversight.peers.services import ComparisonError, compare_force, latest_period, refresh_counts
from oversight.plans.models import Plan


def _month(value: str) -> str:
    try:
        return validate_period(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _slug(value: str) -> str:
    if value not in BY_SLUG:
        raise argparse.ArgumentTypeError(f"unknown police.uk force {value!r}")
    return value


class Command(BaseCommand):
    requires_system_checks: ClassVar[list[str]] = []
    help = (
        "Compare a force with its peer group and with all forces: for each police.uk measure, "
        "each force's count, population, rate per 1,000 residents, rank and place on the funnel "
        "plot, over the month, the latest 3 months and the latest 12."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.description = (
            self.help + " Peers are those given with --peers, else those set for the force in "
            "OVERSIGHT_PEER_GROUPS, else the forces most similar in crime mix and population "
            "(oversight/analysis/similarity.py), each with the reason it was chosen. Funnel "
            "limits are exact Poisson 95 % and 99.8 % limits around the pooled rate "
            "(Spiegelhalter 2005), with a second placement allowing for overdispersion. A "
            "force with a missing month, no population, or known not to compare per resident "
            "(British Transport Police, City of London, Greater Manchester) is marked with its "
            "reason, never shown as zero; an open data break is marked beside the force. "
            "Every force's monthly counts are first brought up to date from the warehouse."
        )
        parser.add_argument(
            "--force", type=_slug, metavar="SLUG",
            help="the police.uk force slug (default: the plan's force)",
        )  # fmt: skip
        parser.add_argument(
            "--period", type=_month, metavar="YYYY-MM",
            help="the month compared (default: the latest street month held)",
        )  # fmt: skip
        parser.add_argument(
            "--measure", action="append", default=[], metavar="CODE",
            help="a measure code of the plan (repeat for more; default: every police.uk "
            "measure counted per resident; without a plan: all-crime and each crime type)",
        )  # fmt: skip
        parser.add_argument(
            "--peers", metavar="SLUG,SLUG,...",
            help="the peer group to use instead of the set or computed one (e.g. the Home "
            "Office's Most Similar Group for the force)",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: object, **options: Any) -> None:
        plan = Plan.objects.first()
        force = options["force"] or (plan.force_slug if plan else None)
        if force is None:
            raise CommandError("Give --force SLUG: no plan is loaded to take the force from.")
        counted = refresh_counts(warehouse_path=settings.WAREHOUSE_PATH)
        period = options["period"] or latest_period()
        if period is None:
            raise CommandError(
                "No police.uk street files are held: import some first "
                "(oversight import police-uk PATH...)."
            )
        peers = None
        source = ""
        if options["peers"]:
            peers = [p.strip() for p in options["peers"].split(",") if p.strip()]
            unknown = [p for p in peers if p not in BY_SLUG]
            if unknown:
                raise CommandError(f"unknown police.uk force(s) in --peers: {', '.join(unknown)}")
            source = "given with --peers"
        try:
            comparison = compare_force(
                force=force, period=period, codes=options["measure"], peers=peers,
                source=source, plan=plan,
            )  # fmt: skip
        except ComparisonError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
            return
        self.stdout.write(counted.line())
        self.stdout.write("\n".join(text_lines(comparison)))
