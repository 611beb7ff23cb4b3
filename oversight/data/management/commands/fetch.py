"""`oversight fetch SOURCE ...`: download published data and import it, one subcommand per source.

`fetch_police_uk()` downloads one force's months from a data.police.uk archive into a
temporary folder, checks every file's CRC-32 and size, and only then imports them with
`import_police_uk` (all or nothing per file; unchanged files are left alone). A download that
fails or is cut short imports nothing. `refresh_force()` then refreshes the measures of the
force's plan. `oversight cycle tick` runs both on a schedule.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management.base import CommandError

from oversight.data.commands_policeuk import ImportReport, import_police_uk
from oversight.data.fetch import (
    Client,
    Downloaded,
    FetchError,
    NotInArchive,
    NotPublished,
    archive_url,
    open_archive,
)
from oversight.data.monitor import MonitorReport, run_monitor
from oversight.data.policeuk import Kind
from oversight.data.policeuk_load import FileStatus
from oversight.data.refresh import RefreshReport, refresh_measures
from oversight.data.sources import Source, SourcesCommand
from oversight.plans.models import Plan

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
LATEST = "latest"


def client_from_settings() -> Client:
    """Return the HTTP client the settings describe (timeout and size limit)."""
    return Client(timeout=settings.POLICE_UK_TIMEOUT, max_bytes=settings.POLICE_UK_MAX_BYTES)


def byte_size(n: int) -> str:
    """Return a byte count as people read it: KiB below a MiB, MiB above."""
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n / 1024:,.1f} KiB"


@dataclass
class PoliceUkFetch:
    """What one fetch from one archive downloaded and imported."""

    force: str
    url: str
    archive_bytes: int
    fetched_bytes: int
    ranged: bool
    files: list[Downloaded] = field(default_factory=list)
    imported: ImportReport = field(default_factory=ImportReport)
    # Months asked for that the archive does not hold for the force, and why.
    missing: dict[str, str] = field(default_factory=dict)

    @property
    def months(self) -> list[str]:
        """Return the months whose files were downloaded."""
        return sorted({f.name.month for f in self.files})

    @property
    def changed(self) -> bool:
        """Return True when the import loaded or replaced a file."""
        return any(
            r.status in (FileStatus.LOADED, FileStatus.REPLACED) for r in self.imported.results
        )

    def lines(self) -> list[str]:
        """Return what was read and imported, as lines of text."""
        if self.ranged:
            share = 100 * self.fetched_bytes / self.archive_bytes if self.archive_bytes else 0
            how = (
                f"Read {byte_size(self.fetched_bytes)} of {self.url} "
                f"({byte_size(self.archive_bytes)}, {share:.1f} %) by Range requests."
            )
        else:
            how = (
                f"Downloaded {self.url} whole ({byte_size(self.fetched_bytes)}): "
                "its server ignores Range requests."
            )
        months = ", ".join(self.months) or "no months"
        out = [
            how,
            f"Downloaded {len(self.files)} file(s) for {self.force} ({months}), "
            "CRC-32 and size checked:",
        ]
        out += [f"  {f.member}: {f.size:,} bytes" for f in self.files]
        out += self.imported.lines()
        return out


def fetch_police_uk(
    *,
    force: str,
    wanted: Mapping[str, Sequence[Kind] | None],
    url: str,
    warehouse_path: Path | str,
    client: Client,
    progress: TextIO | None = None,
    strict: bool = True,
) -> PoliceUkFetch:
    """Download the wanted months of one force from the archive at `url`; import them.

    `wanted` maps each month to the datasets to take, or None for every one the archive
    holds. With `strict`, a month, force or dataset the archive lacks raises NotInArchive
    before anything is downloaded; otherwise it is listed in `missing`. Raises NotPublished
    (HTTP 404) and FetchError; after either the warehouse is as it was.
    """
    with tempfile.TemporaryDirectory(prefix="oversight-fetch-") as tmp:
        work = Path(tmp)
        with open_archive(url, client=client, workdir=work, progress=progress) as archive:
            members, missing = [], {}
            for month, kinds in sorted(wanted.items()):
                try:
                    members += archive.select(force=force, month=month, kinds=kinds)
                except NotInArchive as exc:
                    if strict:
                        raise
                    missing[month] = str(exc)
            files = archive.extract(members, work / "files", progress=progress)
        result = PoliceUkFetch(
            force, url, archive.size, archive.fetched, archive.ranged, files, missing=missing
        )
        if files:
            result.imported = import_police_uk(
                [work / "files"],
                warehouse_path=warehouse_path,
                quiet=progress is None,
                progress=progress,
            )
    return result


@dataclass
class ForceRefresh:
    """The measures refreshed for a force's plans, or the monitor's run when it has none."""

    force: str
    refreshed: list[RefreshReport] = field(default_factory=list)
    monitor: MonitorReport | None = None

    @property
    def monitors(self) -> list[MonitorReport]:
        """Return every run of the integrity monitor this refresh made."""
        runs = [r.monitor for r in self.refreshed if r.monitor is not None]
        return runs + ([self.monitor] if self.monitor is not None else [])

    def lines(self, *, brief: bool = False) -> list[str]:
        """Return the refresh reports (only their first lines when brief) and the monitor's."""
        if not self.refreshed:
            out = [f"No plan for {self.force}: no measures to refresh."]
            return out + (self.monitor.lines() if self.monitor is not None else [])
        out = []
        for report in self.refreshed:
            out += report.lines()[:1] if brief else report.lines()
            if brief and report.monitor is not None:
                out += report.monitor.lines()[:1]  # its head line: counts of findings
        return out


def refresh_force(*, force: str, warehouse_path: Path | str) -> ForceRefresh:
    """Refresh the measures of every plan for the force; without one, run the monitor alone."""
    plans = list(Plan.objects.filter(force_slug=force).order_by("pk"))
    if not plans:
        return ForceRefresh(
            force, monitor=run_monitor(warehouse_path=warehouse_path, forces=[force])
        )
    return ForceRefresh(
        force, [refresh_measures(plan=p, warehouse_path=warehouse_path, by=None) for p in plans]
    )


# -- the `fetch police-uk` subcommand ---------------------------------------------------------


def _month(value: str) -> str:
    if not _MONTH.match(value):
        raise argparse.ArgumentTypeError(f"a month is YYYY-MM, e.g. 2024-01, not {value!r}")
    return value


def _archive(value: str) -> str:
    return value if value == LATEST else _month(value)


def _datasets(value: str) -> list[Kind]:
    kinds = []
    for name in (part.strip() for part in value.split(",")):
        if name not in {k.value for k in Kind}:
            choices = ", ".join(k.value for k in Kind)
            raise argparse.ArgumentTypeError(f"unknown dataset {name!r}: choose from {choices}")
        kinds.append(Kind(name))
    return list(dict.fromkeys(kinds))


def add_police_uk_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `oversight fetch police-uk`."""
    parser.add_argument(
        "--force", required=True, metavar="SLUG", help="the police.uk force id, e.g. gwent"
    )
    parser.add_argument(
        "--month", required=True, type=_month, metavar="YYYY-MM", help="the month of data to fetch"
    )
    parser.add_argument(
        "--datasets",
        type=_datasets,
        metavar="LIST",
        help="comma-separated: street, outcomes, stop-and-search (default: every one the "
        "archive holds for the force and month; one named and missing is an error)",
    )
    parser.add_argument(
        "--archive-month",
        type=_archive,
        metavar="YYYY-MM|latest",
        help="read this month's archive, or latest.zip; every archive re-issues the months "
        "before it (default: the archive of --month itself)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bars on stderr")


POLICE_UK_HELP = (
    "download one force's data.police.uk files for a month from the published archive "
    "(reading only their bytes where the server allows), check them and import them"
)
POLICE_UK_DESCRIPTION = (
    "Download one force's street, outcomes and stop-and-search files for a month from "
    "data.police.uk's monthly archive (OVERSIGHT_POLICE_UK_ARCHIVE), then import them as "
    "`oversight import police-uk` does and refresh the measures of the force's plan. Only the "
    "archive's directory and the wanted files are read, by HTTP Range requests; a server that "
    "ignores Range is downloaded whole, up to OVERSIGHT_POLICE_UK_MAX_MB. Each file's CRC-32 "
    "and size are checked before anything is imported, so a failed or cut-short download "
    "changes nothing. Transient failures are retried a few times with a growing wait."
)


def run_police_uk(options: dict, *, warehouse_path: Path, stdout: TextIO, stderr: TextIO) -> int:
    """Run `oversight fetch police-uk` with parsed options; return the exit status."""
    force, month = options["force"], options["month"]
    archive = options["archive_month"] or month
    if archive != LATEST and archive < month:
        raise CommandError(
            f"--archive-month {archive} is before --month {month}: an archive holds its own "
            "month and the months before it"
        )
    url = archive_url(settings.POLICE_UK_ARCHIVE, archive)
    progress = None if options["quiet"] else stderr
    try:
        result = fetch_police_uk(
            force=force,
            wanted={month: options["datasets"]},
            url=url,
            warehouse_path=warehouse_path,
            client=client_from_settings(),
            progress=progress,
        )
    except NotPublished as exc:
        what = f"{month} yet" if archive == month else f"the {archive} archive yet"
        raise CommandError(
            f"data.police.uk has not published {what}: {exc.url} answers HTTP 404"
        ) from None
    except FetchError as exc:
        raise CommandError(f"fetch police-uk: {exc}") from None
    for line in result.lines():
        (stderr if line.startswith(("REJECTED", "Skipped")) else stdout).write(line + "\n")
    if result.changed:
        for line in refresh_force(force=force, warehouse_path=warehouse_path).lines():
            stdout.write(line + "\n")
    else:
        stdout.write("Nothing new in the warehouse: the measures were not refreshed.\n")
    return 0 if result.imported.ok else 1


# Register fetch sources here, one entry each.
SOURCES: dict[str, Source] = {
    "police-uk": Source(
        help=POLICE_UK_HELP,
        description=POLICE_UK_DESCRIPTION,
        add_arguments=add_police_uk_arguments,
        run=run_police_uk,
    ),
}


class Command(SourcesCommand):
    help = (
        "Download published data and import it: "
        "`oversight fetch police-uk --force SLUG --month YYYY-MM`."
    )
    sources = SOURCES
    failure = "some files were rejected"
