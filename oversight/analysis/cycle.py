"""The monthly reporting cycle: nine steps counted back in working days from each Board.

Paragraph 10 of the 2013 board paper sets the order of the monthly cycle and paragraph 1 puts
the Joint Performance Management Group (JPMG) seven to ten days before each Commissioner's
Strategic Board (CSB). This module places the nine steps on working days (no weekends, no bank
holidays of England and Wales, no configured closure days), strictly one after another.

Default offsets, in working days before the CSB:

    ======================  ==  ==========================================================
    step                    wd  with a Thursday CSB on 2026-02-05
    ======================  ==  ==========================================================
    force_compstat          13  Mon 2026-01-19
    compstat_debrief        12  Tue 2026-01-20
    gold_preparation        10  Thu 2026-01-22
    briefing                 7  Tue 2026-01-27
    jpmg                     6  Wed 2026-01-28 (8 calendar days before the CSB)
    gold_finalisation        4  Fri 2026-01-30
    chief_constables_gold    2  Tue 2026-02-03
    csb_finalisation         1  Wed 2026-02-04
    csb                      0  Thu 2026-02-05
    ======================  ==  ==========================================================

Placement rules, applied in this order:

1. The JPMG goes on the working day 7 to 10 calendar days before the CSB that is nearest its
   offset's date (ties go to the earlier day). If bank holidays push the offset's date outside
   that window, a note says where it went; if the offset misses the window even in a week
   without holidays, that is a conflict (the configuration contradicts paragraph 1). If no
   working day is in the window, a conflict is reported and the JPMG has no date: nothing is
   guessed.
2. Steps after the JPMG go on their offset's date, or on the first working day after the step
   before them if that is later; each must fall before the CSB, or a conflict is reported.
   Window days further from the offset are tried before giving up.
3. Steps before the JPMG go on their offset's date, or on the last working day before the
   step after them if that is earlier.
4. The CSB keeps its date. If that is not a working day a conflict says so; it is never moved.

No two steps share a day.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

import holidays

JPMG_MIN_DAYS = 7
JPMG_MAX_DAYS = 10


@dataclass(frozen=True)
class StepDefinition:
    """One step of paragraph 10: its key, title, owning role, named owners and default offset."""

    key: str
    title: str
    owner: str
    offset: int
    named_owners: tuple[str, ...] = ()


CHIEF_CONSTABLES_TEAM = "Chief Constable's team"
COMMISSIONERS_TEAM = "Commissioner's team"
JOINT = "Joint"

STEPS: tuple[StepDefinition, ...] = (
    StepDefinition("force_compstat", "Force Compstat", CHIEF_CONSTABLES_TEAM, 13),
    StepDefinition(
        "compstat_debrief",
        "Compstat debrief",
        JOINT,
        12,
        ("Planning and Performance Manager (representing the Commissioner)",),
    ),
    StepDefinition(
        "gold_preparation",
        "Preparation of Chief Constable's Gold products",
        CHIEF_CONSTABLES_TEAM,
        10,
    ),
    StepDefinition(
        "briefing",
        "Briefing",
        JOINT,
        7,
        ("Planning and Performance Manager", "Head of Performance", "Chief Statistician"),
    ),
    StepDefinition("jpmg", "Joint Performance Management Group", JOINT, 6),
    StepDefinition(
        "gold_finalisation",
        "Finalisation of Chief Constable's Gold products",
        CHIEF_CONSTABLES_TEAM,
        4,
    ),
    StepDefinition("chief_constables_gold", "Chief Constable's Gold", CHIEF_CONSTABLES_TEAM, 2),
    StepDefinition(
        "csb_finalisation",
        "Finalise Commissioner's Strategic Board high level presentation and themed area",
        CHIEF_CONSTABLES_TEAM,
        1,
    ),
    StepDefinition("csb", "Commissioner's Strategic Board", COMMISSIONERS_TEAM, 0),
)

STEP_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)
DEFAULT_OFFSETS: dict[str, int] = {s.key: s.offset for s in STEPS}
_JPMG_INDEX = STEP_KEYS.index("jpmg")


class WorkingCalendar:
    """Working days: not a weekend, an England-and-Wales bank holiday or a closure day."""

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self.closures: frozenset[date] = frozenset(closures)
        # England and Wales share their bank holidays; the Wales subdivision of GB lists them,
        # including "observed" substitute days and one-off days such as a state funeral.
        self._holidays = holidays.country_holidays("GB", subdiv="WLS")

    def reason_closed(self, day: date) -> str | None:
        """Return why `day` is not a working day, or None if it is one."""
        if day.weekday() >= 5:
            return day.strftime("%A")
        name = self._holidays.get(day)
        if name:
            return f"bank holiday ({name})"
        if day in self.closures:
            return "closure day"
        return None

    def is_working_day(self, day: date) -> bool:
        """Return True if `day` is a working day."""
        return self.reason_closed(day) is None

    def previous_working_day(self, day: date) -> date:
        """Return the last working day strictly before `day`."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_before(self, day: date, count: int) -> date:
        """Return the working day `count` working days before `day` (`day` itself for 0)."""
        for _ in range(count):
            day = self.previous_working_day(day)
        return day

    def working_days_after(self, day: date, count: int) -> date:
        """Return the working day `count` working days after `day` (`day` itself for 0)."""
        for _ in range(count):
            day = self.next_working_day(day)
        return day


@dataclass(frozen=True)
class PlannedStep:
    """One step placed in a cycle; `date` is None where it could not be placed."""

    key: str
    title: str
    date: date | None
    owner: str
    named_owners: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Return the step as JSON-ready data."""
        return {
            "step": self.key,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "owner": self.owner,
            "named_owners": list(self.named_owners),
        }


@dataclass(frozen=True)
class Cycle:
    """The nine steps leading to one Board, in paragraph 10's order.

    `conflicts` lists what could not be done as configured (a step without a date, a CSB that
    is not a working day); `notes` lists routine moves, such as a JPMG pushed back into its
    window by a bank holiday.
    """

    csb: date
    steps: tuple[PlannedStep, ...]
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def step(self, key: str) -> PlannedStep:
        """Return the step with this key."""
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_dict(self) -> dict[str, object]:
        """Return the cycle as JSON-ready data."""
        return {
            "csb": self.csb.isoformat(),
            "steps": [s.to_dict() for s in self.steps],
            "conflicts": list(self.conflicts),
            "notes": list(self.notes),
        }


def resolve_offsets(offsets: Mapping[str, int] | None) -> dict[str, int]:
    """Return the default offsets overridden by `offsets`; raise ValueError on a bad one."""
    merged = dict(DEFAULT_OFFSETS)
    for key, value in (offsets or {}).items():
        if key not in merged:
            raise ValueError(f"unknown step {key!r}; steps are {', '.join(STEP_KEYS)}")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"offset for {key} must be a whole number of days >= 0, not {value!r}")
        merged[key] = value
    if merged["csb"] != 0:
        raise ValueError("the csb offset is 0: every other step counts back from it")
    for earlier, later in pairwise(STEP_KEYS):
        if merged[earlier] <= merged[later]:
            raise ValueError(
                f"offsets must fall in paragraph 10's order: {earlier} ({merged[earlier]}) "
                f"must be more working days before the CSB than {later} ({merged[later]})"
            )
    return merged


def _weekdays_before(day: date, count: int) -> date:
    """Return the weekday `count` weekdays before `day`, ignoring holidays and closures."""
    for _ in range(count):
        day -= timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
    return day


def _jpmg_candidates(csb: date, target: date, cal: WorkingCalendar) -> list[date]:
    """Return the working days 7 to 10 calendar days before `csb`, nearest `target` first."""
    window = [csb - timedelta(days=n) for n in range(JPMG_MAX_DAYS, JPMG_MIN_DAYS - 1, -1)]
    working = [d for d in window if cal.is_working_day(d)]
    return sorted(working, key=lambda d: (abs((d - target).days), d))


def _place_after_jpmg(
    csb: date, jpmg: date, targets: Mapping[str, date], cal: WorkingCalendar
) -> tuple[dict[str, date | None], list[str]]:
    """Place the steps between the JPMG and the CSB; return their dates and any conflicts."""
    placed: dict[str, date | None] = {}
    conflicts: list[str] = []
    previous = jpmg
    for key in STEP_KEYS[_JPMG_INDEX + 1 : -1]:
        day = max(targets[key], cal.next_working_day(previous))
        if day >= csb:
            conflicts.append(
                f"{key}: no working day left between {previous.isoformat()} and the CSB "
                f"on {csb.isoformat()}"
            )
            placed[key] = None
            continue
        placed[key] = day
        previous = day
    return placed, conflicts


def plan_cycle(
    csb: date, *, calendar: WorkingCalendar, offsets: Mapping[str, int] | None = None
) -> Cycle:
    """Return the cycle for the Board on `csb`, with any conflicts found while placing it."""
    cal = calendar
    offs = resolve_offsets(offsets)
    targets = {key: cal.working_days_before(csb, offs[key]) for key in STEP_KEYS}
    dates: dict[str, date | None] = {"csb": csb}
    conflicts: list[str] = []
    notes: list[str] = []

    closed = cal.reason_closed(csb)
    if closed:
        conflicts.append(f"csb: {csb.isoformat()} is not a working day ({closed}); not moved")

    # The JPMG anchors the cycle, so it is placed first.
    jpmg_target = targets["jpmg"]
    candidates = _jpmg_candidates(csb, jpmg_target, cal)
    jpmg: date | None = None
    if not candidates:
        first = csb - timedelta(days=JPMG_MAX_DAYS)
        last = csb - timedelta(days=JPMG_MIN_DAYS)
        conflicts.append(
            f"jpmg: no working day from {first.isoformat()} to {last.isoformat()} "
            f"({JPMG_MIN_DAYS} to {JPMG_MAX_DAYS} days before the CSB); not scheduled"
        )
        # The later steps still count back from the CSB, each before the one after it.
        following = csb
        for key in reversed(STEP_KEYS[_JPMG_INDEX + 1 : -1]):
            dates[key] = following = min(targets[key], cal.previous_working_day(following))
    else:
        after: dict[str, date | None] = {}
        after_conflicts: list[str] = []
        for candidate in candidates:
            after, after_conflicts = _place_after_jpmg(csb, candidate, targets, cal)
            if not after_conflicts:
                jpmg = candidate
                break
        else:
            # Nothing fits: keep the nearest day and say what could not be placed.
            jpmg = candidates[0]
            after, after_conflicts = _place_after_jpmg(csb, jpmg, targets, cal)
        gap = (csb - jpmg_target).days
        if not JPMG_MIN_DAYS <= gap <= JPMG_MAX_DAYS:
            moved = (
                f"jpmg: its offset of {offs['jpmg']} working days gives "
                f"{jpmg_target.isoformat()}, {gap} days before the CSB, outside the "
                f"{JPMG_MIN_DAYS} to {JPMG_MAX_DAYS} day window; placed on {jpmg.isoformat()}"
            )
            # An offset that misses the window even in a week without holidays contradicts
            # paragraph 1 and is a conflict; holidays pushing a sound offset out is routine.
            plain = _weekdays_before(csb, offs["jpmg"])
            if JPMG_MIN_DAYS <= (csb - plain).days <= JPMG_MAX_DAYS:
                notes.append(moved)
            else:
                conflicts.append(moved)
        dates.update(after)
        conflicts.extend(after_conflicts)
    dates["jpmg"] = jpmg

    # Steps before the JPMG count back from it (or from the step after it if it has no date).
    following = jpmg or next(d for k in STEP_KEYS[_JPMG_INDEX + 1 :] if (d := dates.get(k)))
    for key in reversed(STEP_KEYS[:_JPMG_INDEX]):
        day = min(targets[key], cal.previous_working_day(following))
        dates[key] = day
        following = day

    steps = tuple(
        PlannedStep(s.key, s.title, dates.get(s.key), s.owner, s.named_owners) for s in STEPS
    )
    return Cycle(csb=csb, steps=steps, conflicts=conflicts, notes=notes)


def plan_cycles(
    csb_dates: Iterable[date],
    *,
    calendar: WorkingCalendar,
    offsets: Mapping[str, int] | None = None,
) -> list[Cycle]:
    """Return one cycle per Board date, in date order; a cycle overlapping the last is flagged."""
    cycles: list[Cycle] = []
    previous: date | None = None
    for csb in sorted(set(csb_dates)):
        cycle = plan_cycle(csb, calendar=calendar, offsets=offsets)
        first = cycle.steps[0].date
        if previous is not None and first is not None and first <= previous:
            cycle.conflicts.append(
                f"force_compstat: {first.isoformat()} is not after the previous CSB on "
                f"{previous.isoformat()}; the two cycles overlap"
            )
        cycles.append(cycle)
        previous = csb
    return cycles


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
_WEEKDAYS = {name.lower(): i for i, name in enumerate(_calendar.day_name)}
_RULE = re.compile(r"^\s*(\w+)\s+(\w+?)s?(?:\s+of\s+(?:each|every|the)\s+month)?\s*$", re.I)


class RuleDates(list):
    """Dates a rule gives (a list of dates) with `conflicts` for those not on a working day."""

    def __init__(self, dates: Iterable[date] = (), conflicts: Iterable[str] = ()) -> None:
        super().__init__(dates)
        self.conflicts: list[str] = list(conflicts)


def parse_rule(rule: str) -> tuple[int, int]:
    """Return (ordinal, weekday) for a rule like "first Thursday"; -1 means the last."""
    match = _RULE.match(rule)
    ordinal = _ORDINALS.get(match.group(1).lower()) if match else None
    weekday = _WEEKDAYS.get(match.group(2).lower()) if match else None
    if ordinal is None or weekday is None:
        raise ValueError(
            f"cannot read the rule {rule!r}: use an ordinal (first, second, third, fourth or "
            f"last) and a weekday, e.g. 'first Thursday' or 'last Wednesday of each month'"
        )
    return ordinal, weekday


def _nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> date:
    """Return the `ordinal`th (or last, for -1) `weekday` of the month."""
    days = [
        d
        for d in _calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[ordinal - 1] if ordinal > 0 else days[-1]


def csb_dates_from_rule(rule: str, start: date, end: date, calendar: WorkingCalendar) -> RuleDates:
    """Return the rule's date in each month from `start` to `end` inclusive, never moved.

    A date that is not a working day stays in the list; `.conflicts` on the result says why.
    """
    if end < start:
        raise ValueError(f"the end {end.isoformat()} is before the start {start.isoformat()}")
    ordinal, weekday = parse_rule(rule)
    result = RuleDates()
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        day = _nth_weekday(year, month, ordinal, weekday)
        if start <= day <= end:
            result.append(day)
            closed = calendar.reason_closed(day)
            if closed:
                result.conflicts.append(
                    f"csb: {rule} gives {day.isoformat()}, not a working day ({closed}); not moved"
                )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result
