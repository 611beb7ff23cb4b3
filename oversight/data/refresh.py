"""`oversight measures refresh`: police.uk measures aggregated from the warehouse to observations.

For every police.uk measure of the plan still in use (not retired), one query per measure
(see `aggregation`) gives the force's rows per month and local authority; the plan's BCUs
then give:

- a *force* value per month from every row the force reported, located or not;
- a value per *BCU* (when the measure has the "bcu" breakdown) from the rows whose local
  authority the BCU covers. Rows with no location, or in a local authority no BCU covers,
  are in the force value but in no BCU value; they are counted and reported per month.

Statistics: `count` (rows; see `aggregation` on rows versus Crime IDs); `rate_per_1000`
(count per 1,000 residents, from the `Population` row of the area and calendar year — without
one the cell is not written and the report says so); `proportion` (numerator ÷ population,
×100 for a percentage measure; both stored). Only months the warehouse holds for the force
and dataset are written, so a missing month stays missing; a loaded month with no matching
row is a true zero. Every value records the warehouse batches it came from. All measures are
written in one transaction that first deletes the measures' previous values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.data.aggregation import (
    NO_LOCATION,
    WITH_LSOA,
    Cell,
    Definition,
    all_rows,
    authority_lookup,
    monthly_cells,
)
from oversight.data.geography import AreaMap
from oversight.data.models import FORCE_AREA, Observation, Population, SourceMonth
from oversight.data.monitor import MonitorReport, run_monitor
from oversight.data.warehouse import Warehouse
from oversight.plans.models import Measure, MeasureStatus, Plan, Source, Unit


class RefreshError(ValueError):
    """The refresh could not start (unknown measure code, no plan)."""


@dataclass
class Unplaced:
    """Rows of one dataset and month that are in the force value but in no BCU."""

    no_location: int = 0
    outside: dict[str, int] = field(default_factory=dict)  # local authority → rows

    @property
    def outside_total(self) -> int:
        return sum(self.outside.values())

    @property
    def total(self) -> int:
        return self.no_location + self.outside_total


@dataclass
class MeasureRefresh:
    """What the refresh wrote for one measure, and the cells it could not write."""

    code: str
    dataset: str
    written: int = 0
    months: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    no_population: set[tuple[str, int]] = field(default_factory=set)


@dataclass
class RefreshReport:
    """The outcome of one refresh."""

    force: str
    measures: list[MeasureRefresh] = field(default_factory=list)
    # (dataset, month) → rows not placed in a BCU.
    unplaced: dict[tuple[str, str], Unplaced] = field(default_factory=dict)
    deleted: int = 0
    datasets: list[str] = field(default_factory=list)
    monitor: MonitorReport | None = None

    @property
    def written(self) -> int:
        return sum(m.written for m in self.measures)

    def lines(self) -> list[str]:
        """Return the report as lines of text."""
        out = [
            f"Refreshed {len(self.measures)} police.uk measure(s) for {self.force}: "
            f"{self.written:,} values written, {self.deleted:,} previous values replaced."
        ]
        for m in self.measures:
            span = f" ({m.months[0]}..{m.months[-1]})" if m.months else ""
            out.append(
                f"  {m.code} [{m.dataset}]: {m.written:,} values, {len(m.months)} months{span}"
            )
            out += [f"    {p}" for p in m.problems]
            if m.no_population:
                cells = ", ".join(f"{a} {y}" for a, y in sorted(m.no_population))
                out.append(f"    no rate where no population is loaded: {cells}")
        if self.unplaced:
            out += self.unplaced_lines()
        if self.monitor is not None:
            out += self.monitor.lines()
        return out

    def unplaced_lines(self) -> list[str]:
        """Return, per month, the rows in no BCU: a table, then the commonest authorities."""
        datasets = sorted({d for d, _ in self.unplaced})
        months = sorted({m for _, m in self.unplaced})
        head = "".join(f"{d + ' no location':>24}{d + ' outside':>20}" for d in datasets)
        out = [
            "Rows in the force values but in no BCU (every row of the dataset):",
            f"  {'month':<8}{head}",
        ]
        authorities: dict[str, int] = defaultdict(int)
        for month in months:
            cells = ""
            for d in datasets:
                u = self.unplaced.get((d, month), Unplaced())
                cells += f"{u.no_location:>24,}{u.outside_total:>20,}"
                for la, n in u.outside.items():
                    authorities[la] += n
            out.append(f"  {month:<8}{cells}")
        top = sorted(authorities.items(), key=lambda kv: (-kv[1], kv[0]))
        if top:
            named = ", ".join(f"{la} {n:,}" for la, n in top[:8])
            rest = f" and {len(top) - 8} more" if len(top) > 8 else ""
            out.append(f"  Outside the BCUs: {named}{rest}.")
        return out


def refreshable_measures(plan: Plan, codes: Sequence[str] = ()) -> list[Measure]:
    """Return the plan's police.uk measures in use, or those named (RefreshError if unknown)."""
    measures = Measure.objects.filter(plan=plan, source=Source.POLICE_UK).exclude(
        status=MeasureStatus.RETIRED
    )
    if not codes:
        return list(measures.order_by("code"))
    found = {m.code: m for m in measures.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise RefreshError(
            "not a police.uk measure of the plan in use: " + ", ".join(sorted(missing))
        )
    return [found[c] for c in sorted(set(codes))]


def refresh_measures(
    *,
    plan: Plan,
    warehouse_path: Path | str,
    codes: Sequence[str] = (),
    by: User | None,
) -> RefreshReport:
    """Aggregate the plan's police.uk measures from the warehouse and store them; return how."""
    measures = refreshable_measures(plan, codes)
    report = RefreshReport(force=plan.force_slug)
    areas = AreaMap.for_plan(plan)
    populations = {(p.area, p.year): p.population for p in Population.objects.all()}
    rows: list[Observation] = []
    held: list[SourceMonth] = []
    path = Path(warehouse_path)
    if path.exists():
        with Warehouse(path, read_only=True) as warehouse:
            held = _source_months(warehouse, plan.force_slug)
            batches = _batches_by_month(warehouse, plan.force_slug)
            lookups: dict[str, tuple[list[str], list[str | None]]] = {}
            for measure in measures:
                rows += _measure_rows(
                    measure, warehouse, areas, populations, batches, lookups, report
                )
    else:
        for measure in measures:
            report.measures.append(
                MeasureRefresh(measure.code, str(measure.police_uk.get("dataset", "?")),
                               problems=["the warehouse is empty: nothing to aggregate"])
            )  # fmt: skip
    with transaction.atomic():
        report.deleted, _ = Observation.objects.filter(measure__in=measures).delete()
        Observation.objects.bulk_create(rows, batch_size=2000)
        # What the values were computed from, for telling a month not yet imported (readiness).
        SourceMonth.objects.filter(force=plan.force_slug).delete()
        SourceMonth.objects.bulk_create(held, batch_size=2000)
        audit.record(
            by=by,
            action="data.measures_refreshed",
            object_type="data.Observation",
            object_repr=f"police.uk measures of {plan.force_slug}",
            after={
                "measures": {m.code: m.written for m in report.measures},
                "deleted": report.deleted,
                "unplaced_rows": sum(u.total for u in report.unplaced.values()),
            },
        )
    # Every refresh looks for breaks again: new months can show a step, or clear one. Only in
    # the plan's force: other forces' files are not this site's to judge, nor its team's to hear.
    report.monitor = run_monitor(warehouse_path=path, forces=[plan.force_slug])
    return report


def _source_months(warehouse: Warehouse, force: str) -> list[SourceMonth]:
    """Return a SourceMonth for each dataset and month the warehouse holds for the force."""
    return [
        SourceMonth(dataset=kind, force=force, period=month, batch=batch.id, rows=batch.rows)
        for (kind, batch_force, month), batch in sorted(warehouse.current_batches().items())
        if batch_force == force
    ]


def _batches_by_month(warehouse: Warehouse, force: str) -> dict[str, dict[str, int]]:
    """Return dataset → month → loaded batch id for one force."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for (kind, batch_force, month), batch in warehouse.current_batches().items():
        if batch_force == force:
            out[kind][month] = batch.id
    return out


def _measure_rows(
    measure: Measure,
    warehouse: Warehouse,
    areas: AreaMap,
    populations: dict[tuple[str, int], int],
    batches: dict[str, dict[str, int]],
    lookups: dict[str, tuple[list[str], list[str | None]]],
    report: RefreshReport,
) -> list[Observation]:
    result = MeasureRefresh(measure.code, str(measure.police_uk.get("dataset", "?")))
    report.measures.append(result)
    try:
        definition = Definition.parse(measure.police_uk or {})
    except ValueError as exc:
        result.problems.append(f"not refreshed: {exc}")
        return []
    dataset, force = definition.dataset, report.force
    months = batches.get(dataset, {})
    if not months:
        result.problems.append(f"no {dataset} data for {force} in the warehouse")
        return []
    if dataset in WITH_LSOA and dataset not in lookups:
        lookups[dataset] = authority_lookup(warehouse.connection, dataset, force)
    cells = monthly_cells(
        warehouse.connection, definition, force=force, lookup=lookups.get(dataset)
    )
    if dataset not in report.datasets:
        report.datasets.append(dataset)
        if dataset in WITH_LSOA:
            every_row = all_rows(warehouse.connection, dataset, force=force)
            note_unplaced(every_row, areas, dataset, report.unplaced)
    totals, by_bcu = _place(cells, areas, dataset)
    breakdowns = measure.breakdowns or ["force"]
    wanted = [FORCE_AREA]
    if "bcu" in breakdowns:
        if dataset in WITH_LSOA:
            wanted += list(areas.bcus)
        else:
            result.problems.append(f"no BCU values: {dataset} rows carry no LSOA")
    out = []
    for month in sorted(months):
        for area in wanted:
            num, pop = (totals if area == FORCE_AREA else by_bcu[area]).get(month, (0, 0))
            obs = _observation(measure, definition, area, month, num, pop, populations, result)
            if obs is not None:
                obs.warehouse_batches = [months[month]]
                out.append(obs)
    result.written = len(out)
    result.months = sorted({o.period for o in out})
    return out


def _place(
    cells: list[Cell], areas: AreaMap, dataset: str
) -> tuple[dict[str, tuple[int, int]], dict[str, dict[str, tuple[int, int]]]]:
    """Return (force month totals, BCU → month totals) and note the rows in no BCU."""
    totals: dict[str, tuple[int, int]] = {}
    by_bcu: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for cell in cells:
        num, pop = totals.get(cell.month, (0, 0))
        totals[cell.month] = (num + cell.numerator, pop + cell.population)
        if dataset not in WITH_LSOA:
            continue
        bcu = areas.bcu_of_authority(cell.authority)
        if bcu is not None:
            num, pop = by_bcu[bcu].get(cell.month, (0, 0))
            by_bcu[bcu][cell.month] = (num + cell.numerator, pop + cell.population)
    return totals, by_bcu


def note_unplaced(
    cells: list[Cell], areas: AreaMap, dataset: str, unplaced: dict[tuple[str, str], Unplaced]
) -> None:
    """Add every row of `cells` that no BCU holds to `unplaced` (per dataset and month)."""
    for cell in cells:
        if areas.bcu_of_authority(cell.authority) is not None:
            continue
        u = unplaced.setdefault((dataset, cell.month), Unplaced())
        if cell.authority is NO_LOCATION:
            u.no_location += cell.population
        else:
            label = cell.authority or "(unreadable LSOA name)"
            u.outside[label] = u.outside.get(label, 0) + cell.population


def _observation(
    measure: Measure,
    definition: Definition,
    area: str,
    month: str,
    numerator: int,
    population: int,
    populations: dict[tuple[str, int], int],
    result: MeasureRefresh,
) -> Observation | None:
    obs = Observation(
        measure=measure,
        period=month,
        area=area,
        breakdown="",
        origin=Observation.Origin.POLICE_UK,
    )
    if definition.statistic == "count":
        obs.value = float(numerator)
    elif definition.statistic == "rate_per_1000":
        residents = populations.get((area, int(month[:4])))
        if not residents:
            result.no_population.add((area, int(month[:4])))
            return None
        obs.value = numerator * 1000 / residents
        obs.numerator, obs.denominator = float(numerator), float(residents)
    else:
        if population == 0:
            result.problems.append(f"{area} {month}: no {definition.dataset} rows, no proportion")
            return None
        scale = 100 if measure.unit == Unit.PERCENTAGE else 1
        obs.value = numerator * scale / population
        obs.numerator, obs.denominator = float(numerator), float(population)
    return obs
