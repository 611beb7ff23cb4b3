"""`oversight roadmap import FILE.xlsx|FILE.csv` and `oversight roadmap export`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core.tables import Rejected
from oversight.plans.models import Plan
from oversight.roadmap.rows import export_rows, load_table, to_csv, to_xlsx
from oversight.roadmap.services import import_table


class Command(BaseCommand):
    help = (
        "Import the roadmap from Excel or CSV (validated, all or nothing; one row per activity, "
        "keyed by its ref) or export it in the same form."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "import",
            help="Check every row and create or update activities by ref; nothing on any error.",
        )
        load.add_argument("file", type=Path, help="A .xlsx or .csv file, as export writes it")
        out = sub.add_parser("export", help="Write every activity, one row each, as xlsx or csv.")
        out.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
        out.add_argument(
            "-o", "--output", type=Path, help="Write to this file (default: csv to standard out)"
        )

    def handle(self, *args: object, **options: object) -> None:
        plan = Plan.objects.first()
        if plan is None:
            raise CommandError("No plan is loaded; run `oversight plan load FILE.toml` first.")
        if options["action"] == "import":
            self._import(plan, options["file"])
        else:
            self._export(plan, options["format"], options.get("output"))

    def _import(self, plan: Plan, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror}") from exc
        try:
            result = import_table(plan=plan, table=load_table(data, path.name), by=None)
        except Rejected as exc:
            lines = "\n".join(f"  {path}: {e}" for e in exc.errors)
            raise CommandError(
                f"{path}: {len(exc.errors)} problem(s); nothing was imported:\n{lines}"
            ) from exc
        self.stdout.write(
            f"Imported {path.name}: {len(result.created)} added, {len(result.updated)} changed, "
            f"{len(result.unchanged)} unchanged."
        )

    def _export(self, plan: Plan, fmt: str, output: Path | None) -> None:
        rows = export_rows(plan)
        data = to_xlsx(rows) if fmt == "xlsx" else to_csv(rows)
        if output is not None:
            output.write_bytes(data)
            self.stderr.write(f"Wrote {len(rows)} activities to {output}")
        elif fmt == "xlsx":
            raise CommandError("Give -o FILE.xlsx: a workbook cannot go to the terminal.")
        else:
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            sys.stdout.flush()
