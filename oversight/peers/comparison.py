"""A force against its peers and all forces: rates per 1,000, ranks and funnel plots.

For each compared measure (``measures``) and each window — the month, the latest 3 months and
the latest 12 — every force gets one row with a status:

- ``excluded``: known not to compare per resident (``analysis.forces.NOT_COMPARABLE``), with
  the reason; its count is shown, never a rate;
- ``missing``: a month of the window has no file for it, named; nothing is compared (a
  missing month is never a zero);
- ``no_population``: no population is loaded for it: its count only, said so;
- ``compared``: its count, population (the year nearest the window's last month, named),
  rate per 1,000, rank among all compared forces and within the group, and where it falls on
  the funnel (Poisson, and allowing for overdispersion). An open data break touching the
  measure is marked beside it: it is compared, but not silently.

The funnel of a window is the same whichever force is looked at (its units are every compared
force, its target their pooled rate), so an ``Engine`` computes it once and marks the force
and its group on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from oversight.analysis.forces import BY_SLUG, NOT_COMPARABLE, force_name, not_comparable
from oversight.analysis.funnel import Funnel, Overdispersion, Unit, funnel
from oversight.analysis.periods import add_months, period_range
from oversight.analysis.similarity import Profile
from oversight.peers.groups import Group, choose, profiles
from oversight.peers.inputs import ForcePopulation, Inputs
from oversight.peers.measures import ComparedMeasure, NotCompared

# (key, months, label): each label marked for the catalogue, shown through gettext.
WINDOWS: tuple[tuple[str, int, str], ...] = (
    ("month", 1, gettext_noop("latest month")),
    ("3-months", 3, gettext_noop("latest 3 months")),
    ("12-months", 12, gettext_noop("latest 12 months")),
)
RANK_ORDER = "1 = the lowest rate"
# The police.uk datasets as a sentence names them ("no street file for 2024-02"): the English
# are the keys, marked for the catalogue.
DATASET_WORDS = {
    "street": gettext_noop("street"),
    "outcomes": gettext_noop("outcomes"),
    "stop-and-search": gettext_noop("stop-and-search"),
}


def dataset_words(dataset: str) -> str:
    """Return a dataset's name for a sentence, in the active language."""
    return _(DATASET_WORDS[dataset]) if dataset in DATASET_WORDS else dataset


class Status:
    COMPARED = "compared"
    MISSING = "missing"
    NO_POPULATION = "no_population"
    EXCLUDED = "excluded"


@dataclass
class ForceRow:
    """One force in one window of one measure."""

    force: str
    name: str
    status: str
    count: int | None = None
    population: ForcePopulation | None = None
    rate: float | None = None
    rank: int | None = None  # among all compared forces
    placement: str | None = None
    adjusted_placement: str | None = None
    limits: dict[str, float] | None = None
    marks: list[str] = field(default_factory=list)

    def to_dict(
        self, *, of: int, role: str, group_rank: int | None, group_of: int
    ) -> dict[str, object]:
        p = self.population
        return {
            "force": self.force,
            "name": self.name,
            "role": role,
            "status": self.status,
            "count": self.count,
            "population": p.population if p else None,
            "population_year": p.year if p else None,
            "population_source": p.source if p else None,
            "rate_per_1000": self.rate,
            "rank": self.rank,
            "of": of if self.rank else None,
            "group_rank": group_rank,
            "group_of": group_of if group_rank else None,
            "funnel": self.placement,
            "funnel_overdispersed": self.adjusted_placement,
            "limits": self.limits,
            "marks": self.marks,
        }


@dataclass
class Window:
    """One window of one measure: every force's row and the funnel of the compared ones."""

    key: str
    label: str
    months: list[str]
    rows: list[ForceRow]
    funnel: Funnel | None
    available: bool = True
    reason: str = ""
    group_rate: float | None = None
    # Set when a force is looked at: force → "force" or "peer" (others are "other"), and the
    # rank within the group of each of its compared members.
    roles: dict[str, str] = field(default_factory=dict)
    group_ranks: dict[str, int] = field(default_factory=dict)

    @property
    def compared(self) -> list[ForceRow]:
        return [r for r in self.rows if r.status == Status.COMPARED]

    def row(self, force: str) -> ForceRow | None:
        return next((r for r in self.rows if r.force == force), None)

    def role(self, force: str) -> str:
        """Return "force", "peer" or "other"."""
        return self.roles.get(force, "other")

    def to_dict(self) -> dict[str, object]:
        of = len(self.compared)
        group_of = len(self.group_ranks)
        spread: Overdispersion | None = self.funnel.overdispersion if self.funnel else None
        return {
            "window": self.key,
            "label": self.label,
            "months": self.months,
            "available": self.available,
            "reason": self.reason or None,
            "target_rate_per_1000": self.funnel.target_rate if self.funnel else None,
            "group_rate_per_1000": self.group_rate,
            "overdispersion": spread.to_dict() if spread else None,
            "rank_order": RANK_ORDER,
            "forces": [
                r.to_dict(
                    of=of,
                    role=self.role(r.force),
                    group_rank=self.group_ranks.get(r.force),
                    group_of=group_of,
                )
                for r in self.rows
            ],
        }


@dataclass
class MeasureComparison:
    measure: ComparedMeasure
    windows: list[Window]

    def to_dict(self) -> dict[str, object]:
        return {**self.measure.to_dict(), "windows": [w.to_dict() for w in self.windows]}


@dataclass
class Comparison:
    """Everything `oversight peers` prints and the comparison page shows."""

    force: str
    period: str
    population: ForcePopulation | None
    group: Group
    measures: list[MeasureComparison]
    not_compared: list[NotCompared]
    notes: list[str]

    @property
    def name(self) -> str:
        return force_name(self.force)

    def to_dict(self) -> dict[str, object]:
        p = self.population
        return {
            "force": self.force,
            "force_name": self.name,
            "period": self.period,
            "population": {
                "population": p.population, "year": p.year, "source": p.source
            } if p else None,
            "peer_group": self.group.to_dict(),
            "excluded": [{"force": f, "name": force_name(f), "reason": r}
                         for f, r in NOT_COMPARABLE.items()],
            "measures": [m.to_dict() for m in self.measures],
            "not_compared": [{"code": n.code, "name": n.name, "reason": n.reason}
                             for n in self.not_compared],
            "notes": self.notes,
        }  # fmt: skip


def listed_forces(inputs: Inputs, dataset: str) -> list[str]:
    """Return the forces a window lists: every territorial force and any other holding data."""
    territorial = {f.slug for f in BY_SLUG.values() if f.nation in ("England", "Wales")}
    return sorted(territorial | inputs.forces(dataset))


def _ranks(rows: Sequence[ForceRow]) -> dict[str, int]:
    """Return force → standard competition rank by rate (1 = lowest; ties share a rank)."""
    ordered = sorted(rows, key=lambda r: r.rate or 0.0)
    ranks, previous, rank = {}, None, 0
    for i, row in enumerate(ordered):
        if row.rate != previous:
            rank, previous = i + 1, row.rate
        ranks[row.force] = rank
    return ranks


class Engine:
    """Peer comparisons over one Inputs, each window's funnel computed once for all forces."""

    def __init__(self, inputs: Inputs, measures: Sequence[ComparedMeasure]) -> None:
        self.inputs = inputs
        self.measures = list(measures)
        self._windows: dict[tuple[str, str, int], Window] = {}
        self._profiles: dict[str, tuple[dict[str, Profile], list[str]]] = {}

    def window(self, measure: ComparedMeasure, period: str, key: str, size: int, label: str
               ) -> Window:  # fmt: skip
        """Return every force's row of a window ending at ``period``, with its funnel."""
        cached = self._windows.get((measure.code, period, size))
        if cached is not None:
            return cached
        months = period_range(add_months(period, -(size - 1)), period)
        inputs = self.inputs
        rows = []
        year = int(period[:4])
        for force in listed_forces(inputs, measure.dataset):
            row = ForceRow(force, force_name(force), Status.COMPARED)
            missing = inputs.missing(measure.dataset, force, months)
            held = [m for m in months if m not in missing]
            if held:
                row.count = inputs.count(measure, force, held)
            row.population = inputs.population(force, year)
            if force in NOT_COMPARABLE:
                row.status = Status.EXCLUDED
                row.marks.append(_("excluded: %(reason)s") % {"reason": not_comparable(force)})
            elif missing:
                row.status = Status.MISSING
                row.count = None  # part of a window is not the window
                row.marks.append(
                    _("no %(dataset)s file for %(months)s")
                    % {"dataset": dataset_words(measure.dataset), "months": ", ".join(missing)}
                )
            elif row.population is None:
                row.status = Status.NO_POPULATION
                row.marks.append(_("no population loaded: counts only"))
            for found in inputs.breaks_touching(measure, force, months[-1]):
                row.marks.append(found.words())
            rows.append(row)
        compared = [r for r in rows if r.status == Status.COMPARED]
        window = Window(key, label, months, rows, None)
        if not compared:
            window.available = False
            window.reason = _(
                "no force holds every %(dataset)s month of %(first)s..%(last)s with a population"
            ) % {"dataset": dataset_words(measure.dataset), "first": months[0], "last": months[-1]}
        else:
            units = [Unit(r.force, r.count or 0, r.population.population)  # type: ignore[union-attr]
                     for r in compared]  # fmt: skip
            window.funnel = funnel(units)
            for row, unit in zip(compared, units, strict=True):
                row.rate = unit.rate
            ranks = _ranks(compared)
            for row in compared:
                placed = window.funnel.placed(row.force)
                assert placed is not None
                row.rank = ranks[row.force]
                row.placement = placed.placement.value
                row.adjusted_placement = (
                    placed.adjusted_placement.value if placed.adjusted_placement else None
                )
                row.limits = placed.limits.to_dict()
        self._windows[(measure.code, period, size)] = window
        return window

    def compare(
        self,
        *,
        force: str,
        period: str,
        supplied: Sequence[str] | None = None,
        source: str = "",
        not_compared: Sequence[NotCompared] = (),
    ) -> Comparison:
        """Return the force against its peers and all forces for the month ``period``."""
        if period not in self._profiles:
            self._profiles[period] = profiles(self.inputs, period, int(period[:4]))
        group = choose(self.inputs, force=force, period=period, supplied=supplied, source=source,
                       profiled=self._profiles[period])  # fmt: skip
        members = {force, *group.slugs}
        out = []
        for measure in self.measures:
            windows = []
            for key, size, label in WINDOWS:
                base = self.window(measure, period, key, size, label)
                windows.append(_looked_at(base, force, members))
            out.append(MeasureComparison(measure, windows))
        notes = _notes(self.inputs, force, period, out)
        return Comparison(
            force=force,
            period=period,
            population=self.inputs.population(force, int(period[:4])),
            group=group,
            measures=out,
            not_compared=list(not_compared),
            notes=notes,
        )


def _looked_at(base: Window, force: str, members: set[str]) -> Window:
    """Return the window with the force, its peers and their group ranks marked (rows shared)."""
    roles = {f: ("force" if f == force else "peer") for f in members}
    group = [r for r in base.rows if r.force in roles and r.status == Status.COMPARED]
    window = Window(base.key, base.label, base.months, base.rows, base.funnel, base.available,
                    base.reason, roles=roles, group_ranks=_ranks(group))  # fmt: skip
    residents = sum(r.population.population for r in group if r.population)
    if residents:
        window.group_rate = sum(r.count or 0 for r in group) / residents * 1000
    own = window.row(force)
    if base.available and (own is None or own.status != Status.COMPARED):
        said = own.marks[0] if own and own.marks else _("not held")
        window.reason = _("%(force)s is not compared in this window: %(why)s") % {
            "force": force_name(force), "why": said
        }  # fmt: skip
    return window


def _notes(inputs: Inputs, force: str, period: str, measures: list[MeasureComparison]) -> list[str]:
    notes = []
    years = {
        r.population.label
        for m in measures[:1]
        for w in m.windows[:1]
        for r in w.compared
        if r.population
    }
    if len(years) > 1:
        notes.append(
            _(
                "Populations come from different years and sources (each is named beside its "
                "rate): %(years)s. The 2011 Census is the only table covering the Welsh forces."
            )
            % {"years": "; ".join(sorted(years))}
        )
    latest = inputs.latest.get("street")
    if latest and latest < period:
        notes.append(
            _("The latest street month counted is %(latest)s, before %(period)s.")
            % {"latest": latest, "period": period}
        )
    if measures and measures[0].windows:
        w = measures[0].windows[0]
        spread = w.funnel.overdispersion if w.funnel else None
        if spread is not None and spread.overdispersed:
            measure = measures[0].measure
            notes.append(
                _(
                    "Forces differ far more than chance (φ = %(phi)s for %(measure)s): on "
                    "Poisson limits most forces fall outside; the limits allowing for "
                    "overdispersion (Spiegelhalter 2005) say which are unusual among forces."
                )
                % {"phi": f"{spread.phi:,.0f}", "measure": measure.name_in_language().lower()}
            )
    return notes
