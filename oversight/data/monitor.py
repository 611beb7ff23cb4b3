"""The recording-integrity monitor: find breaks, revisions and outcome-mix shifts, per force.

Run after every police.uk import and every measures refresh. For each force in the warehouse
it builds monthly series from the rows (the pure detectors in ``analysis.integrity`` do the
statistics):

- street and stop-and-search: one count series per category (crime type, object of search),
  the share of rows with no location and, for the plan's force, the share of located rows in a
  local authority no BCU covers; a month where several step at once is a *data break*;
- outcomes: the share of each outcome type; a share stepping away from its own history is an
  *outcome-mix shift*;
- every file that replaced one already loaded (a re-published month) whose counts by category
  differ is a *revision*.

Each detection is stored as a ``Finding`` with its evidence (the steps, and each stepped
series around the month for a small chart). Running again updates what it finds and never
touches a decision; a finding later data no longer show is kept and marked so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from oversight.accounts.permissions import Permission
from oversight.analysis.integrity import (
    Detection,
    Series,
    Thresholds,
    data_breaks,
    outcome_mix_shifts,
    revision,
)
from oversight.analysis.periods import add_months
from oversight.data.aggregation import NO_LOCATION, all_rows
from oversight.data.geography import AreaMap
from oversight.data.models import Finding, FindingKind
from oversight.data.warehouse import Warehouse
from oversight.notifications.models import Kind
from oversight.notifications.recipients import with_permission
from oversight.notifications.services import notify
from oversight.plans.models import Plan

# Months either side of a finding kept with it, for its chart.
CHART_MONTHS = 12
_CATEGORY_SQL = {
    "street": ("street", "crime_type", "lsoa_code IS NULL OR lsoa_code = ''"),
    "stop-and-search": ("stop_and_search", "object_of_search", "latitude IS NULL"),
}
_LABELS = {
    "street": "Crime type",
    "stop-and-search": "Object of search",
}


@dataclass
class MonitorReport:
    """What one run of the monitor found."""

    forces: list[str] = field(default_factory=list)
    found: list[Finding] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    cleared: list[Finding] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return the report as lines of text, naming each new or open finding."""
        open_findings = [f for f in self.found if f.is_open]
        head = (
            f"Integrity monitor: {len(self.found)} finding(s) for "
            f"{len(self.forces)} force(s), {len(self.new)} new, {len(open_findings)} open."
        )
        out = [head]
        for f in self.found:
            if f.is_open or f in self.new:
                state = "new" if f in self.new else "open"
                out.append(f"  [{f.pk}] {state}: {f.get_kind_display()} — {f.summary}")
        for f in self.cleared:
            out.append(f"  [{f.pk}] no longer found in the data: {f.summary}")
        if open_findings:
            out.append(
                "  Ratings touched by an open finding stay Grey until someone decides: "
                "`oversight data breaks decide ID --as real|recording --reason TEXT --by USER`."
            )
        return out


def thresholds() -> Thresholds:
    """Return the detector thresholds from the settings."""
    return Thresholds(**settings.INTEGRITY_THRESHOLDS)


def _share_series(key: str, label: str, numerators: dict, denominators: dict) -> Series:
    return Series(key, label, "share", dict(numerators), dict(denominators))


def _category_series(
    warehouse: Warehouse, dataset: str
) -> dict[str, tuple[list[Series], dict[str, int]]]:
    """Return force → (count series per category and the no-location share, rows per month)."""
    table, column, unlocated = _CATEGORY_SQL[dataset]
    rows = warehouse.connection.execute(
        f"SELECT force, month, coalesce({column}, '') AS category, count(*),"  # noqa: S608
        f" count(*) FILTER (WHERE {unlocated}) FROM {table} GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unplaced: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for force, month, category, n, no_location in rows:
        counts[force][category][month] = n
        totals[force][month] += n
        unplaced[force][month] += no_location
    out = {}
    for force, by_category in counts.items():
        months = totals[force]
        series = []
        for category, values in sorted(by_category.items()):
            # A loaded month with no row of a category is a true zero, not a gap.
            full = {m: float(values.get(m, 0)) for m in months}
            label = category or f"{_LABELS[dataset]} not given"
            series.append(Series(f"category:{category}", label, "count", full))
        series.append(
            _share_series(
                "share:no_location", "Share of rows with no location", unplaced[force], months
            )
        )
        out[force] = (series, dict(months))
    return out


def _outside_series(warehouse: Warehouse, plan: Plan) -> Series | None:
    """Return the share of the plan force's street rows in no BCU although located."""
    areas = AreaMap.for_plan(plan)
    if not areas.bcus:
        return None
    outside: dict[str, int] = defaultdict(int)
    located: dict[str, int] = defaultdict(int)
    for cell in all_rows(warehouse.connection, "street", force=plan.force_slug):
        if cell.authority is NO_LOCATION:
            continue
        located[cell.month] += cell.population
        if areas.bcu_of_authority(cell.authority) is None:
            outside[cell.month] += cell.population
    if not located:
        return None
    return _share_series(
        "share:outside_bcus",
        "Share of located rows outside every BCU",
        {m: outside.get(m, 0) for m in located},
        located,
    )


def _outcome_series(warehouse: Warehouse) -> dict[str, list[Series]]:
    rows = warehouse.connection.execute(
        "SELECT force, month, coalesce(outcome_type, ''), count(*) FROM outcomes"
        " GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for force, month, outcome, n in rows:
        counts[force][outcome][month] = n
        totals[force][month] += n
    return {
        force: [
            _share_series(
                f"category:{outcome}",
                outcome or "Outcome not given",
                {m: values.get(m, 0) for m in totals[force]},
                totals[force],
            )
            for outcome, values in sorted(by_outcome.items())
        ]
        for force, by_outcome in counts.items()
    }


def _window(values: dict, period: str) -> dict:
    first, last = add_months(period, -CHART_MONTHS), add_months(period, CHART_MONTHS - 1)
    return {p: v for p, v in sorted(values.items()) if first <= p <= last}


def _evidence(detection: Detection, series: Sequence[Series]) -> dict:
    by_key = {s.key: s for s in series}
    charted = {}
    for step in detection.steps:
        s = by_key[step.key]
        if s.kind == "share":
            values = {
                p: (100 * n / d if n is not None and d else None)
                for p, n in s.numerators.items()
                for d in [(s.denominators or {}).get(p)]
            }
        else:
            values = dict(s.numerators)
        charted[step.key] = {
            "label": s.label,
            "kind": s.kind,
            "values": _window(values, step.period),
        }
    return {"steps": [s.to_dict() for s in detection.steps], "series": charted}


def _categories(detection: Detection) -> list[str]:
    return sorted(s.key.removeprefix("category:") for s in detection.steps
                  if s.key.startswith("category:"))  # fmt: skip


@dataclass
class _Run:
    report: MonitorReport
    seen: set[int] = field(default_factory=set)

    def store(
        self, *, kind: str, force: str, dataset: str, period: str, batch: int, summary: str,
        categories: list[str], evidence: dict,
    ) -> None:  # fmt: skip
        finding, created = Finding.objects.get_or_create(
            kind=kind, force=force, dataset=dataset, period=period, batch=batch,
            defaults={"summary": summary, "categories": categories, "evidence": evidence},
        )  # fmt: skip
        if not created:
            finding.summary, finding.categories, finding.evidence = summary, categories, evidence
            finding.still_detected = True
            finding.save()
        else:
            self.report.new.append(finding)
        self.report.found.append(finding)
        self.seen.add(finding.pk)


def run_monitor(
    *, warehouse_path: Path | str | None = None, forces: Iterable[str] | None = None
) -> MonitorReport:
    """Look for breaks, revisions and outcome-mix shifts in the warehouse; store the findings."""
    path = Path(warehouse_path or settings.WAREHOUSE_PATH)
    report = MonitorReport()
    if not path.exists():
        return report
    wanted = set(forces) if forces is not None else None
    limits = thresholds()
    plans = {p.force_slug: p for p in Plan.objects.all()}
    run = _Run(report)
    with Warehouse(path, read_only=True) as warehouse, transaction.atomic():
        checked: set[tuple[str, str]] = set()
        for dataset in ("street", "stop-and-search"):
            for force, (series, _) in _category_series(warehouse, dataset).items():
                if wanted is not None and force not in wanted:
                    continue
                checked.add((force, dataset))
                if dataset == "street" and force in plans:
                    outside = _outside_series(warehouse, plans[force])
                    if outside is not None:
                        series.append(outside)
                for detection in data_breaks(series, limits):
                    run.store(
                        kind=FindingKind.BREAK, force=force, dataset=dataset,
                        period=detection.period, batch=0, summary=detection.describe(),
                        categories=_categories(detection), evidence=_evidence(detection, series),
                    )  # fmt: skip
        for force, series in _outcome_series(warehouse).items():
            if wanted is not None and force not in wanted:
                continue
            checked.add((force, "outcomes"))
            for detection in outcome_mix_shifts(series, limits):
                run.store(
                    kind=FindingKind.OUTCOME_MIX, force=force, dataset="outcomes",
                    period=detection.period, batch=0, summary=detection.describe(),
                    categories=_categories(detection), evidence=_evidence(detection, series),
                )  # fmt: skip
        for item in warehouse.revisions():
            if wanted is not None and item["force"] not in wanted:
                continue
            counts = item["categories"]
            found = revision(
                item["month"],
                item["kind"],
                {c: int(b) for c, (b, _) in counts.items()},
                {c: int(a) for c, (_, a) in counts.items()},
            )
            if found is None:
                continue
            run.store(
                kind=FindingKind.REVISION, force=item["force"], dataset=item["kind"],
                period=item["month"], batch=item["batch_id"], summary=found.describe(),
                categories=sorted(c.category for c in found.changes),
                evidence={**found.to_dict(), "replaced_batch": item["replaced_batch_id"]},
            )  # fmt: skip
        report.forces = sorted({force for force, _ in checked})
        stale = Finding.objects.exclude(kind=FindingKind.REVISION).filter(still_detected=True)
        for finding in stale.exclude(pk__in=run.seen):
            if (finding.force, finding.dataset) in checked:
                finding.still_detected = False
                finding.save(update_fields=["still_detected", "last_seen_at"])
                report.cleared.append(finding)
        _notify_new(report.new)
    return report


_HELD = (
    "\n\nUntil someone decides whether it is a real change or a change in recording, the "
    "measures it touches are rated Grey."
)


def _notify_new(findings: Iterable[Finding]) -> None:
    """Tell the Chief Constable's team (who decide) of each finding found for the first time."""
    deciders = list(with_permission(Permission.DECIDE_BREAKS))
    for finding in findings:
        notify(
            users=deciders,
            kind=Kind.DATA_BREAK,
            subject=f"To decide: {finding}",
            body=finding.summary + (_HELD if finding.holds_ratings else ""),
            url=reverse("data:finding", args=[finding.pk]),
            key=f"{Kind.DATA_BREAK.value}:{finding.pk}",
        )
