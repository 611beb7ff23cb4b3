"""`oversight import SOURCE ...`: bring outside data into Oversight, one subcommand per source."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.data import commands_policeuk, commands_values


@dataclass(frozen=True)
class Source:
    """One `oversight import` subcommand: its help, its arguments and what runs it.

    `run(options, warehouse_path=, stdout=, stderr=)` returns the exit status.
    """

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[..., int]


# Register import sources here, one line each (e.g. "values", "population").
SOURCES: dict[str, Source] = {
    "police-uk": Source(
        help="data.police.uk street, outcomes and stop-and-search CSVs, folders or zips",
        add_arguments=commands_policeuk.add_arguments,
        run=commands_policeuk.run,
    ),
    "values": Source(
        help=commands_values.VALUES_HELP,
        add_arguments=commands_values.add_values_arguments,
        run=commands_values.run_values,
    ),
    "population": Source(
        help=commands_values.POPULATION_HELP,
        add_arguments=commands_values.add_population_arguments,
        run=commands_values.run_population,
    ),
}


class Command(BaseCommand):
    help = "Import data: `oversight import police-uk PATH...`."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
        for name, source in SOURCES.items():
            source.add_arguments(sub.add_parser(name, help=source.help, description=source.help))

    def handle(self, *args: object, **options: object) -> None:
        source = SOURCES[str(options["source"])]
        status = source.run(
            options,
            warehouse_path=Path(settings.WAREHOUSE_PATH),
            stdout=self._stream(self.stdout),
            stderr=self._stream(self.stderr),
        )
        if status:
            raise CommandError(f"import {options['source']} failed", returncode=status)

    @staticmethod
    def _stream(wrapper: object) -> TextIO:
        # OutputWrapper styles and buffers; subcommands write plain text to the raw stream.
        return getattr(wrapper, "_out", wrapper)  # type: ignore[return-value]
