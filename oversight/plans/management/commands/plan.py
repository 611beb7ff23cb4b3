"""`oversight plan load FILE.toml` and `oversight plan export`."""

from pathlib import Path

import tomli_w
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.plans.catalogue import CatalogueError, parse
from oversight.plans.models import Plan
from oversight.plans.services import export_catalogue, load_catalogue


class Command(BaseCommand):
    help = "Load the plan catalogue from TOML (all or nothing), or export it as TOML."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Validate and load a plan file; nothing on any error.")
        load.add_argument("file", type=Path)
        export = sub.add_parser("export", help="Print the catalogue as TOML that load accepts.")
        export.add_argument("--force", dest="force_slug", help="The force slug of the plan")
        export.add_argument("-o", "--output", type=Path, help="Write to this file")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "load":
            self._load(options["file"])
        else:
            self._export(options.get("force_slug"), options.get("output"))

    def _load(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror}") from exc
        try:
            catalogue = parse(text)
        except CatalogueError as exc:
            lines = "\n".join(f"  {path}: {p}" for p in exc.problems)
            raise CommandError(
                f"{path}: {len(exc.problems)} problem(s); nothing was loaded:\n{lines}"
            ) from exc
        plan, counts = load_catalogue(catalogue=catalogue, by=None)
        self.stdout.write(
            f"Loaded {plan.title}: {counts['priorities']} priorities, {counts['outcomes']} "
            f"outcomes, {counts['measures']} measures ({counts['measures_changed']} new or "
            f"changed), {counts['bcus']} BCUs, {counts['themes']} themes."
        )

    def _export(self, force_slug: str | None, output: Path | None) -> None:
        plans = Plan.objects.all()
        if force_slug:
            plans = plans.filter(force_slug=force_slug)
        plan = plans.first()
        if plan is None:
            raise CommandError("No plan is loaded; run `oversight plan load FILE.toml` first.")
        text = tomli_w.dumps(export_catalogue(plan))
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
