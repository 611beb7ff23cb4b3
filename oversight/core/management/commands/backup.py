"""`oversight backup DIR`: a consistent copy of the database and the warehouse, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core.backups.manifest import BackupError
from oversight.core.backups.services import back_up


class Command(BaseCommand):
    help = (
        "Back up the site into DIR (new or empty): the database (SQLite through its backup API; "
        "PostgreSQL with pg_dump, which must be on PATH), the DuckDB warehouse, and "
        "manifest.json with each file's SHA-256 and size, the migrations applied, the rows of "
        "every table and the Oversight version. Files are readable by their owner only. "
        "Uploaded Panel papers are in the database; SECRET_KEY and the rest of the "
        "configuration are not backed up. Progress goes to stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Folder to write (new or empty)")

    def handle(self, *args: object, **options: object) -> None:
        directory = Path(str(options["directory"]))
        try:
            record = back_up(directory=directory, progress=self.stderr.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        db = record["database"]
        self.stdout.write(f"Backed up to {directory.resolve()}")
        self.stdout.write(
            f"  database ({db['vendor']}): {len(db['tables'])} tables, "
            f"{sum(db['tables'].values()):,} rows"
        )
        if record["warehouse"]:
            tables = record["warehouse"]["tables"]
            self.stdout.write(f"  warehouse: {len(tables)} tables, {sum(tables.values()):,} rows")
        for name, entry in sorted(record["files"].items()):
            self.stdout.write(f"  {name}: {entry['size']:,} bytes, sha256 {entry['sha256']}")
