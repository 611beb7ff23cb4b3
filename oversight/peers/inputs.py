"""What a peer comparison reads from the database, read once for a span of months.

Counts per force and month (``models``), resident populations (``data.Population``: another
force's under its slug, the plan's own under "force") and the integrity monitor's open
findings. Nothing here reads the warehouse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from oversight.analysis.periods import add_months
from oversight.data.breaks import location_only
from oversight.data.models import FORCE_AREA, Decision, Finding, FindingKind, Population
from oversight.peers.measures import ComparedMeasure
from oversight.peers.models import CountedMonth, ForceCount


@dataclass(frozen=True)
class ForcePopulation:
    """A force's resident population for a year, and where the figure came from."""

    force: str
    population: int
    year: int
    source: str

    @property
    def label(self) -> str:
        """Return "2019, ONS mid-year population estimate" (the year first, then the source)."""
        return f"{self.year}, {self.source}" if self.source else str(self.year)


def nearest_year(years: dict[int, tuple[int, str]], year: int) -> int | None:
    """Return the year nearest ``year`` among those held; on a tie, the earlier one."""
    if not years:
        return None
    return min(years, key=lambda y: (abs(y - year), y))


@dataclass(frozen=True)
class OpenBreak:
    """An open data break or outcome-mix shift of a force (holding its ratings)."""

    pk: int
    force: str
    dataset: str
    period: str
    categories: tuple[str, ...]
    summary: str

    def touches(self, measure: ComparedMeasure) -> bool:
        """Return whether it touches the force's value of a measure (not just its BCUs)."""
        if self.dataset != measure.dataset:
            return False
        chosen = measure.crime_types if measure.dataset == "street" else measure.outcomes
        if measure.dataset == "stop-and-search":
            return True
        return not chosen or bool(set(chosen) & set(self.categories))

    def words(self) -> str:
        # The finding's summary is the integrity monitor's, in English.
        return _(
            "open data break from %(period)s (finding %(finding)s, undecided): %(summary)s"
        ) % {"period": self.period, "finding": self.pk, "summary": self.summary}


@dataclass
class Inputs:
    """Counts, populations and open findings for the months first..last."""

    first: str
    last: str
    # dataset → force → the months held
    held: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    # (dataset, force, month) → [(category, outcome, rows)]
    counts: dict[tuple[str, str, str], list[tuple[str, str, int]]] = field(default_factory=dict)
    # force → year → (population, source)
    populations: dict[str, dict[int, tuple[int, str]]] = field(default_factory=dict)
    breaks: dict[str, list[OpenBreak]] = field(default_factory=dict)
    latest: dict[str, str] = field(default_factory=dict)  # dataset → latest month counted
    _categories: dict[tuple[str, str, str], dict[str, int]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def load(cls, *, last: str, months: int = 12, plan_force: str | None = None) -> Inputs:
        """Read everything for the ``months`` months up to ``last``."""
        first = add_months(last, -(months - 1))
        inputs = cls(first=first, last=last)
        held: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        span = CountedMonth.objects.filter(period__gte=first, period__lte=last)
        for dataset, force, period in span.values_list("dataset", "force", "period"):
            held[dataset][force].add(period)
        inputs.held = {d: dict(f) for d, f in held.items()}
        counts: dict[tuple[str, str, str], list[tuple[str, str, int]]] = defaultdict(list)
        rows = ForceCount.objects.filter(month__period__gte=first, month__period__lte=last)
        for dataset, force, period, category, outcome, n in rows.values_list(
            "month__dataset", "month__force", "month__period", "category", "outcome", "rows"
        ):
            counts[(dataset, force, period)].append((category, outcome, n))
        inputs.counts = dict(counts)
        inputs.populations = read_populations(plan_force)
        inputs.breaks = open_breaks()
        for dataset, period in CountedMonth.objects.values_list("dataset", "period"):
            if period > inputs.latest.get(dataset, ""):
                inputs.latest[dataset] = period
        return inputs

    def forces(self, dataset: str) -> set[str]:
        """Return the forces with any month of a dataset in the span."""
        return set(self.held.get(dataset, {}))

    def missing(self, dataset: str, force: str, months: list[str]) -> list[str]:
        """Return the months of ``months`` a force has no file for."""
        have = self.held.get(dataset, {}).get(force, set())
        return [m for m in months if m not in have]

    def count(self, measure: ComparedMeasure, force: str, months: list[str]) -> int:
        """Return the force's rows of a measure over months it holds (callers check missing)."""
        total = 0
        for month in months:
            key = (measure.dataset, force, month)
            if measure.outcomes:
                total += sum(n for c, o, n in self.counts.get(key, ()) if measure.selects(c, o))
                continue
            # Without an outcome filter the rows per category are enough (and much quicker).
            by_category = self._by_category(key)
            if measure.crime_types:
                total += sum(by_category.get(c, 0) for c in measure.crime_types)
            else:
                total += sum(by_category.values())
        return total

    def _by_category(self, key: tuple[str, str, str]) -> dict[str, int]:
        found = self._categories.get(key)
        if found is None:
            found = defaultdict(int)
            for category, _, n in self.counts.get(key, ()):
                found[category] += n
            self._categories[key] = found
        return found

    def mix(self, force: str, months: list[str]) -> dict[str, int]:
        """Return the force's street rows per crime type over the months."""
        out: dict[str, int] = defaultdict(int)
        for month in months:
            for category, n in self._by_category(("street", force, month)).items():
                out[category] += n
        return dict(out)

    def population(self, force: str, year: int) -> ForcePopulation | None:
        """Return the force's population for the year nearest ``year``, or None."""
        years = self.populations.get(force, {})
        chosen = nearest_year(years, year)
        if chosen is None:
            return None
        population, source = years[chosen]
        return ForcePopulation(force, population, chosen, source)

    def breaks_touching(self, measure: ComparedMeasure, force: str, last: str) -> list[OpenBreak]:
        """Return the force's open breaks touching a measure, found at or before ``last``."""
        return [b for b in self.breaks.get(force, []) if b.period <= last and b.touches(measure)]


def read_populations(plan_force: str | None) -> dict[str, dict[int, tuple[int, str]]]:
    """Return force → year → (population, source); the plan's "force" rows under its slug."""
    out: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
    own: dict[int, tuple[int, str]] = {}
    for area, year, population, source in Population.objects.values_list(
        "area", "year", "population", "source"
    ):
        if area == FORCE_AREA:
            own[year] = (population, source)
        else:
            out[area][year] = (population, source)
    if plan_force:
        # Rows stored under the slug before the plan was loaded count too; "force" wins.
        out[plan_force] = {**out.get(plan_force, {}), **own}
    return dict(out)


def open_breaks() -> dict[str, list[OpenBreak]]:
    """Return force → the open findings that hold ratings (breaks and outcome-mix shifts)."""
    found = Finding.objects.filter(decision=Decision.OPEN, still_detected=True).exclude(
        kind=FindingKind.REVISION
    )
    out: dict[str, list[OpenBreak]] = defaultdict(list)
    for finding in found:
        if location_only(finding):
            continue  # moves rows between BCUs, not the force's total
        out[finding.force].append(
            OpenBreak(
                finding.pk,
                finding.force,
                finding.dataset,
                finding.period,
                tuple(finding.categories),
                finding.summary,
            )
        )
    return dict(out)
