"""`oversight restore DIR`: a backup into an empty site, checked against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core.backups.manifest import BackupError
from oversight.core.backups.services import restore


class Command(BaseCommand):
    help = (
        "Restore the backup in DIR (written by `oversight backup`) into this site, which must "
        "be empty: an OVERSIGHT_HOME with no database or warehouse yet, or for PostgreSQL an "
        "empty database in DATABASE_URL (pg_restore must be on PATH). Checks each file's "
        "SHA-256 first, then recounts every table against the manifest and prints the counts. "
        "Run `oversight migrate` afterwards if this Oversight is newer than the backup's."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Folder holding the backup")

    def handle(self, *args: object, **options: object) -> None:
        directory = Path(str(options["directory"]))
        try:
            record = restore(directory=directory, progress=self.stderr.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup of {record['created_at']} (Oversight "
            f"{record['oversight_version']}); every count matches its manifest:"
        )
        parts = [("database", record["database"]["tables"])]
        if record["warehouse"]:
            parts.append(("warehouse", record["warehouse"]["tables"]))
        for part, tables in parts:
            self.stdout.write(f"  {part}: {len(tables)} tables, {sum(tables.values()):,} rows")
            for table, rows in tables.items():
                self.stdout.write(f"    {table:<48} {rows:>12,}")
