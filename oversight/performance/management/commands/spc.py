"""`oversight spc`: an XmR chart of a period,value CSV with the Making Data Count rules."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.analysis.series_csv import SeriesCsvError, read_series
from oversight.analysis.spc import SpcResult, xmr


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def format_table(result: SpcResult) -> str:
    """Return the chart as an aligned text table followed by its icons and warnings."""
    header = ("period", "value", "mean", "lpl", "upl", "label")
    rows = [header] + [
        (
            p.period,
            "missing" if p.value is None else f"{p.value:g}",
            _number(p.mean),
            _number(p.lpl),
            _number(p.upl),
            p.special_cause_type or "Missing",
        )
        for p in result.points
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(width) if i in (0, 5) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    a = result.anhoej
    lines += [
        "",
        f"variation icon: {result.variation_icon}",
        f"assurance icon: {result.assurance_icon or 'none (no target, or neutral)'}",
        f"Anhøj: longest run {a.longest_run} (max {a.longest_run_max}), "
        f"crossings {a.n_crossings} (min {a.n_crossings_min}), "
        f"signal {'yes' if a.runs_signal else 'no'}",
    ]
    lines += [f"warning: {w}" for w in result.warnings]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Print an XmR chart of FILE (CSV with header period,value; an empty value is a missing "
        "month) with the NHS Making Data Count rules, the variation and assurance icons and the "
        "Anhøj run rules."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with the header period,value")
        parser.add_argument(
            "--improvement",
            required=True,
            choices=["up", "down", "neutral"],
            help="which direction is improvement",
        )
        parser.add_argument("--target", type=float, help="target for the assurance icon")
        parser.add_argument(
            "--rebase",
            nargs="+",
            default=[],
            metavar="PERIOD",
            help="periods that start a new group with its own limits",
        )
        parser.add_argument(
            "--no-screen",
            action="store_true",
            help="keep moving-range outliers in the limits (as the MDC Excel tool does)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            points = read_series(options["file"])
            result = xmr(
                points,
                improvement=options["improvement"],
                target=options["target"],
                rebase=options["rebase"],
                screen_outliers=not options["no_screen"],
            )
        except (SeriesCsvError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), indent=2))
        else:
            self.stdout.write(format_table(result))
