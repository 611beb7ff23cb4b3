"""`oversight data summary [--json]`: what the warehouse holds, its gaps and its batches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from oversight.data.warehouse import Warehouse


class Command(BaseCommand):
    help = "Report on the police data warehouse: `oversight data summary [--json]`."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        summary = sub.add_parser(
            "summary",
            help="rows per kind, force and month; missing months; import batches",
            description="Rows per kind × force × month, the months missing for each kind and "
            "force between its first and last month, and the import batches.",
        )
        summary.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args: object, **options: Any) -> None:
        with Warehouse(Path(settings.WAREHOUSE_PATH)) as warehouse:
            summary = warehouse.summary()
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        for line in summary_lines(summary):
            self.stdout.write(line)


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """Return the text form of the summary: one line per kind and force, then gaps."""
    spans: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in summary["rows"]:
        spans.setdefault((row["kind"], row["force"]), []).append(row)
    if not spans:
        return ["The warehouse is empty: run `oversight import police-uk PATH...`."]
    lines = [f"{'kind':<16} {'force':<20} {'months':>6} {'first':>8} {'last':>8} {'rows':>11}"]
    for (kind, force), rows in sorted(spans.items()):
        total = sum(r["rows"] for r in rows)
        lines.append(
            f"{kind:<16} {force:<20} {len(rows):>6} {rows[0]['month']:>8} "
            f"{rows[-1]['month']:>8} {total:>11,}"
        )
    for gap in summary["gaps"]:
        lines.append(f"Missing {gap['kind']} {gap['force']}: {', '.join(gap['months'])}")
    statuses: dict[str, int] = {}
    for batch in summary["batches"]:
        statuses[batch["status"]] = statuses.get(batch["status"], 0) + 1
    lines.append(
        "Batches: " + (", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) or "none")
    )
    return lines
