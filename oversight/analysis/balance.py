"""Balance of the roadmap across the plan's years: activity and funding per priority per year.

The paper asks the Joint Planning Board for "the right balance of activity in each of the four
years". Pure: the plan's priorities and years and the activities in, a table out, with a
warning for each priority that has nothing planned in a year of the plan.

An activity counts in every year it runs. A stopped activity counts in its status column but
not towards a year being planned, and its money is not counted as funded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from oversight.analysis.alignment import STOPPED, year_label


@dataclass(frozen=True)
class BalancePriority:
    code: str
    title: str


@dataclass(frozen=True)
class BalanceActivity:
    """What the balance needs of an activity: when it runs and what it is to spend."""

    ref: str
    priority_code: str | None
    start_year: int
    end_year: int
    status: str
    funding: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Cell:
    """One priority in one year: how many activities run, by status, and their funding."""

    refs: tuple[str, ...]
    statuses: tuple[tuple[str, int], ...]
    funded: int

    @property
    def count(self) -> int:
        return len(self.refs)

    @property
    def live(self) -> int:
        return self.count - dict(self.statuses).get(STOPPED, 0)


@dataclass(frozen=True)
class BalanceRow:
    code: str
    title: str
    cells: tuple[Cell, ...]

    @property
    def funded(self) -> int:
        return sum(c.funded for c in self.cells)


@dataclass(frozen=True)
class EmptyYear:
    """A priority with nothing (live) planned in a year of the plan."""

    code: str
    title: str
    year: int
    stopped: tuple[str, ...]

    @property
    def message(self) -> str:
        text = f"{self.code} {self.title} has nothing planned in {year_label(self.year)}"
        if self.stopped:
            text += f" (only stopped activities: {', '.join(self.stopped)})"
        return text + "."


@dataclass(frozen=True)
class Balance:
    years: tuple[int, ...]
    rows: tuple[BalanceRow, ...]
    totals: tuple[Cell, ...]
    empty_years: tuple[EmptyYear, ...]

    @property
    def year_labels(self) -> tuple[str, ...]:
        return tuple(year_label(y) for y in self.years)


def _cell(activities: Sequence[BalanceActivity], year: int) -> Cell:
    running = [a for a in activities if a.start_year <= year <= a.end_year]
    statuses = Counter(a.status for a in running)
    funded = sum(
        amount for a in running if a.status != STOPPED for y, amount in a.funding if y == year
    )
    return Cell(
        refs=tuple(sorted(a.ref for a in running)),
        statuses=tuple(sorted(statuses.items())),
        funded=funded,
    )


def balance(
    *,
    priorities: Sequence[BalancePriority],
    years: Sequence[int],
    activities: Sequence[BalanceActivity],
) -> Balance:
    """Return activity and funding per priority per plan year, and every empty year.

    Activities with no priority are left out of the rows (the alignment report lists them)
    but counted in the totals.
    """
    by_priority: dict[str | None, list[BalanceActivity]] = {}
    for a in activities:
        by_priority.setdefault(a.priority_code, []).append(a)
    rows, empty = [], []
    for p in priorities:
        mine = by_priority.get(p.code, [])
        cells = tuple(_cell(mine, year) for year in years)
        rows.append(BalanceRow(p.code, p.title, cells))
        for year, cell in zip(years, cells, strict=True):
            if cell.live == 0:
                stopped = tuple(
                    a.ref for a in mine if a.start_year <= year <= a.end_year
                )  # all of them are stopped, if any
                empty.append(EmptyYear(p.code, p.title, year, stopped))
    totals = tuple(_cell(activities, year) for year in years)
    return Balance(tuple(years), tuple(rows), totals, tuple(empty))
