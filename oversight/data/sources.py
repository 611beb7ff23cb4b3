"""The shape of `oversight import` and `oversight fetch`: one subcommand per data source.

Each source gives its help, its arguments and a function that runs it with the parsed options,
the warehouse path and plain text streams, returning the exit status.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


@dataclass(frozen=True)
class Source:
    """One subcommand: its help, its arguments and what runs it.

    `run(options, warehouse_path=, stdout=, stderr=)` returns the exit status.
    """

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[..., int]
    description: str = ""


class SourcesCommand(BaseCommand):
    """A verb whose subcommands are its `sources`; a non-zero status says `failure`."""

    sources: ClassVar[dict[str, Source]] = {}
    failure = ""
    requires_system_checks: ClassVar[list[str]] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
        for name, source in self.sources.items():
            described = source.description or source.help
            source.add_arguments(sub.add_parser(name, help=source.help, description=described))

    def handle(self, *args: object, **options: Any) -> None:
        source = self.sources[str(options["source"])]
        status = source.run(
            options,
            warehouse_path=Path(settings.WAREHOUSE_PATH),
            stdout=_plain(self.stdout),
            stderr=_plain(self.stderr),
        )
        if status:
            verb = f"{type(self).__module__.rsplit('.', 1)[-1]} {options['source']}"
            said = f"{verb}: {self.failure}" if self.failure else f"{verb} failed"
            raise CommandError(said, returncode=status)


def _plain(wrapper: object) -> TextIO:
    # OutputWrapper styles and buffers; subcommands write plain text to the raw stream.
    return getattr(wrapper, "_out", wrapper)  # type: ignore[return-value]
