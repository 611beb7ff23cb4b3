"""`oversight calendar`: the monthly reporting cycles for a run of months, as text, JSON or ICS."""

from __future__ import annotations

import calendar as _calendar
import json
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.analysis.cycle import (
    STEP_KEYS,
    Cycle,
    WorkingCalendar,
    csb_dates_from_rule,
    parse_rule,
    plan_cycles,
    resolve_offsets,
)
from oversight.analysis.ical import build_calendar, cycle_events

DEFAULT_RULE = "first Thursday"
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _month(value: str, option: str) -> tuple[int, int]:
    """Return (year, month) from YYYY-MM or raise CommandError naming the option."""
    if not _MONTH.match(value or ""):
        raise CommandError(f"{option} must be a month as YYYY-MM, e.g. 2026-02, not {value!r}")
    year, month = int(value[:4]), int(value[5:])
    if not 1 <= month <= 12:
        raise CommandError(f"{option} must be a month as YYYY-MM, e.g. 2026-02, not {value!r}")
    return year, month


def _date(value: str, option: str) -> date:
    """Return a date from YYYY-MM-DD or raise CommandError naming the option."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


def _offsets(values: list[str]) -> dict[str, int]:
    """Return offsets from STEP=N strings, checked against paragraph 10's order."""
    offsets: dict[str, int] = {}
    for value in values:
        key, sep, number = value.partition("=")
        if not sep or not number.strip().isdigit():
            raise CommandError(f"--offset must be STEP=N (working days), not {value!r}")
        offsets[key.strip()] = int(number)
    try:
        resolve_offsets(offsets)
    except ValueError as e:
        raise CommandError(f"--offset: {e}") from None
    return offsets


def format_table(cycles: list[Cycle]) -> str:
    """Return the cycles as aligned text, one block per Board, conflicts after each."""
    lines: list[str] = []
    if not cycles:
        lines.append("No Board dates in that range.")
    title_width = max(len(s.title) for c in cycles for s in c.steps) if cycles else 0
    owner_width = max(len(s.owner) for c in cycles for s in c.steps) if cycles else 0
    for cycle in cycles:
        lines.append(f"Commissioner's Strategic Board {cycle.csb:%a %d %b %Y}")
        for step in cycle.steps:
            when = f"{step.date:%a %Y-%m-%d}" if step.date else "NOT SCHEDULED "
            gap = f"{(cycle.csb - step.date).days:>3}d" if step.date else "   -"
            row = (
                f"  {when}  {gap}  {step.title.ljust(title_width)}  {step.owner.ljust(owner_width)}"
            )
            if step.named_owners:
                row += "  " + ", ".join(step.named_owners)
            lines.append(row.rstrip())
        for conflict in cycle.conflicts:
            lines.append(f"  CONFLICT  {conflict}")
        for note in cycle.notes:
            lines.append(f"  note      {note}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class Command(BaseCommand):
    help = (
        "Print the monthly reporting cycles (paragraph 10's nine steps, counted back in working "
        "days from each Commissioner's Strategic Board) for the months --from to --to, as a "
        "table, JSON or an ICS calendar. Board dates come from --csb or from --csb-rule "
        f"(default '{DEFAULT_RULE}'). Working days exclude weekends, the bank holidays of "
        "England and Wales and any --closure days. Conflicts (a step that cannot be placed, a "
        "Board on a non-working day) are reported, never silently resolved."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="first month, YYYY-MM")
        parser.add_argument("--to", dest="end", required=True, help="last month, YYYY-MM")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--csb",
            action="append",
            default=[],
            metavar="DATE",
            help="a Board date, YYYY-MM-DD; repeat for more",
        )
        source.add_argument(
            "--csb-rule",
            metavar="RULE",
            help=f"Board day of each month, e.g. 'last Wednesday' (default '{DEFAULT_RULE}')",
        )
        parser.add_argument(
            "--closure",
            action="append",
            default=[],
            metavar="DATE",
            help="a closure day that is not a working day, YYYY-MM-DD; repeat for more",
        )
        parser.add_argument(
            "--offset",
            action="append",
            default=[],
            metavar="STEP=N",
            help=f"working days before the Board for a step ({', '.join(STEP_KEYS)})",
        )
        parser.add_argument(
            "--format", choices=["table", "json", "ics"], default="table", help="output format"
        )
        parser.add_argument(
            "--time", metavar="HH:MM", help="ICS only: timed events at this time, not all-day"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        start_year, start_month = _month(options["start"], "--from")
        end_year, end_month = _month(options["end"], "--to")
        start = date(start_year, start_month, 1)
        end = date(end_year, end_month, _calendar.monthrange(end_year, end_month)[1])
        if end < start:
            raise CommandError(f"--to {options['end']} is before --from {options['start']}")
        closures = [_date(v, "--closure") for v in options["closure"]]
        offsets = _offsets(options["offset"])
        at: time | None = None
        if options["time"]:
            try:
                at = datetime.strptime(options["time"], "%H:%M").time()
            except ValueError:
                raise CommandError(f"--time must be HH:MM, not {options['time']!r}") from None
        cal = WorkingCalendar(closures)

        if options["csb"]:
            csb_dates = [_date(v, "--csb") for v in options["csb"]]
            outside = [d for d in csb_dates if not start <= d <= end]
            if outside:
                raise CommandError(
                    f"--csb {outside[0].isoformat()} is outside {start.isoformat()} to "
                    f"{end.isoformat()} (--from/--to)"
                )
        else:
            rule = options["csb_rule"] or DEFAULT_RULE
            try:
                parse_rule(rule)
            except ValueError as e:
                raise CommandError(f"--csb-rule: {e}") from None
            csb_dates = csb_dates_from_rule(rule, start, end, cal)
            # A Board on a non-working day is kept; plan_cycle reports it in its cycle.

        cycles = plan_cycles(csb_dates, calendar=cal, offsets=offsets)
        fmt = options["format"]
        if fmt == "json":
            text = json.dumps([c.to_dict() for c in cycles], indent=2) + "\n"
            payload = text.encode()
        elif fmt == "ics":
            name = f"Oversight reporting cycle {options['start']} to {options['end']}"
            payload = build_calendar(cycle_events(cycles, at=at), name=name)
        else:
            payload = format_table(cycles).encode()

        if options["output"]:
            try:
                Path(options["output"]).write_bytes(payload)
            except OSError as e:
                raise CommandError(f"cannot write {options['output']}: {e.strerror}") from None
            n = sum(bool(c.conflicts) for c in cycles)
            self.stderr.write(f"wrote {len(cycles)} cycles to {options['output']}")
            if n:
                self.stderr.write(f"{n} cycles have conflicts")
        else:
            self.stdout.write(payload.decode(), ending="")
