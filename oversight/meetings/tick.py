"""`oversight cycle tick`: what the scheduled job does, returned as data.

`tick()` works out, for each plan's force, the police.uk months due: those after the latest
month its measures were computed from (`SourceMonth`) up to the month before last
(data.police.uk publishes about two months in arrears) that the warehouse does not hold. It
fetches them, newest archive first (every archive re-issues the months before it), refreshes
the force's measures, and collects the integrity monitor's new findings. It also lists the
reporting-cycle steps due today or tomorrow and those overdue. A month not yet published is
not a failure: the next tick tries again. Running it twice fetches nothing the second time.

It returns a `TickReport` so that notifications can be sent from what happened; the command
prints it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from oversight.analysis.periods import add_months, format_period, months_between, period_range
from oversight.data.fetch import Client, FetchError, NotPublished, archive_url
from oversight.data.management.commands.fetch import (
    ForceRefresh,
    PoliceUkFetch,
    client_from_settings,
    fetch_police_uk,
    refresh_force,
)
from oversight.data.models import SourceMonth
from oversight.data.policeuk import Kind
from oversight.data.refresh import refreshable_measures
from oversight.data.warehouse import Warehouse
from oversight.meetings.models import CycleStep
from oversight.meetings.reminders import remind_steps
from oversight.plans.models import Plan

# data.police.uk publishes a month's files about two months after the month.
ARREARS = 2


@dataclass(frozen=True)
class StepDue:
    """A planned step of a reporting cycle that is overdue, or due today or tomorrow."""

    step_id: int
    key: str
    title: str
    planned_date: dt.date
    csb_date: dt.date
    owner: str  # the owning team, as the cycle pages name it
    named_owners: str
    when: str  # "overdue", "today" or "tomorrow"

    def line(self) -> str:
        """Return the step as one line of text."""
        who = self.owner + (f": {self.named_owners}" if self.named_owners else "")
        return (
            f"  {self.when:<8}  {self.planned_date:%a %Y-%m-%d}  {self.title} "
            f"(Board {self.csb_date:%d %b %Y}); {who}"
        )


@dataclass(frozen=True)
class NewFinding:
    """A finding the integrity monitor recorded for the first time during the tick."""

    id: int
    kind: str
    force: str
    dataset: str
    period: str
    summary: str


@dataclass
class ForceTick:
    """What the tick did for one force."""

    force: str
    datasets: list[str] = field(default_factory=list)
    # Month → the datasets due for it (after the latest SourceMonth, not in the warehouse).
    due: dict[str, list[str]] = field(default_factory=dict)
    not_published: list[str] = field(default_factory=list)
    fetches: list[PoliceUkFetch] = field(default_factory=list)
    refresh: ForceRefresh | None = None
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def fetched(self) -> list[str]:
        """Return the months whose files were downloaded and imported."""
        return sorted({m for f in self.fetches for m in f.months})

    def lines(self, *, dry_run: bool) -> list[str]:
        """Return what was due and done for the force, as lines of text."""
        if not self.due:
            out = [f"{self.force}: no police.uk month due."]
        else:
            due = ", ".join(f"{m} ({', '.join(d)})" for m, d in sorted(self.due.items()))
            out = [f"{self.force}: due {due}."]
        out += [f"  {note}" for note in self.notes]
        out += [f"  data.police.uk has not published {m} yet." for m in self.not_published]
        for result in self.fetches:
            months = ", ".join(result.months) or "nothing"
            files = result.imported.lines()[0]  # "Files: 2 loaded, 0 replaced, ..."
            out.append(f"  Fetched {months} from {result.url}. {files}")
        out += [f"  FAILED {failure}" for failure in self.failures]
        if self.refresh is not None:
            out += [f"  {line}" for line in self.refresh.lines(brief=True)]
        elif not dry_run and self.datasets:
            out.append("  Measures not refreshed: nothing new.")
        return out


@dataclass
class TickReport:
    """What one tick found due, fetched and refreshed, and the cycle steps to act on."""

    today: dt.date
    up_to: str  # the latest month data.police.uk is expected to have published
    dry_run: bool = False
    forces: list[ForceTick] = field(default_factory=list)
    steps: list[StepDue] = field(default_factory=list)
    # Notifications created for the steps due tomorrow (none again on a second tick that day).
    notified: int = 0

    @property
    def fetched(self) -> list[tuple[str, str]]:
        """Return (force, month) for every month fetched and imported."""
        return [(f.force, m) for f in self.forces for m in f.fetched]

    @property
    def new_findings(self) -> list[NewFinding]:
        """Return the findings the integrity monitor recorded for the first time."""
        seen: dict[int, NewFinding] = {}
        for force in self.forces:
            for monitor in force.refresh.monitors if force.refresh is not None else []:
                for f in monitor.new:
                    kind = f.get_kind_display()
                    seen[f.pk] = NewFinding(f.pk, kind, f.force, f.dataset, f.period, f.summary)
        return list(seen.values())

    @property
    def failures(self) -> list[str]:
        """Return every real failure (a month not yet published is not one)."""
        return [failure for f in self.forces for failure in f.failures]

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        """Return the report as lines of text."""
        verb = "Dry run: would fetch" if self.dry_run else "Fetching"
        out = [
            f"Tick {self.today:%a %Y-%m-%d}. {verb} police.uk months up to {self.up_to} "
            f"(published about {ARREARS} months in arrears)."
        ]
        if not self.forces:
            out.append("No plan is loaded: no force to fetch for.")
        for force in self.forces:
            out += force.lines(dry_run=self.dry_run)
        new = self.new_findings
        if not self.dry_run:
            out.append(f"New integrity findings: {len(new)}.")
            for f in new:
                out.append(
                    f"  [{f.id}] {f.kind} in {f.force} {f.dataset} at {f.period}: {f.summary}"
                )
        overdue = sum(s.when == "overdue" for s in self.steps)
        out.append(
            f"Cycle steps: {overdue} overdue, {sum(s.when == 'today' for s in self.steps)} due "
            f"today, {sum(s.when == 'tomorrow' for s in self.steps)} due tomorrow."
        )
        out += [s.line() for s in self.steps]
        if not self.dry_run:
            out.append(f"Notifications: {self.notified} new for the steps due tomorrow.")
        return out


def steps_due(today: dt.date) -> list[StepDue]:
    """Return the planned steps overdue, due today or due tomorrow, by date."""
    tomorrow = today + dt.timedelta(days=1)
    steps = (
        CycleStep.objects.filter(status=CycleStep.Status.PLANNED, planned_date__lte=tomorrow)
        .select_related("cycle")
        .order_by("planned_date", "cycle__csb_date", "order")
    )
    out = []
    for step in steps:
        assert step.planned_date is not None
        if step.planned_date < today:
            when = "overdue"
        elif step.planned_date == today:
            when = "today"
        else:
            when = "tomorrow"
        out.append(
            StepDue(
                step_id=step.pk,
                key=step.key,
                title=step.title,
                planned_date=step.planned_date,
                csb_date=step.cycle.csb_date,
                owner=step.get_owner_role_display(),
                named_owners=step.named_owners,
                when=when,
            )
        )
    return out


def tick(
    *,
    today: dt.date | None = None,
    dry_run: bool = False,
    archive: str | None = None,
    client: Client | None = None,
    warehouse_path: Path | str | None = None,
    progress: TextIO | None = None,
) -> TickReport:
    """Fetch and import the police.uk months due, refresh the measures; return what happened.

    `archive` is the base URL of the archives (default the setting); with `dry_run` nothing
    is fetched or written and the report says what would be.
    """
    today = today or timezone.localdate()
    up_to = add_months(format_period(today.year, today.month), -ARREARS)
    base = archive or settings.POLICE_UK_ARCHIVE
    warehouse = Path(warehouse_path or settings.WAREHOUSE_PATH)
    report = TickReport(today, up_to, dry_run)
    held = _held(warehouse)
    plans: dict[str, list[Plan]] = defaultdict(list)
    for plan in Plan.objects.order_by("force_slug", "pk"):
        plans[plan.force_slug].append(plan)
    for force, force_plans in plans.items():
        result = _due(force, force_plans, up_to, held)
        report.forces.append(result)
        stale = _stale(force, result.datasets, held)
        if stale:
            result.notes.append("The warehouse holds months the measures were not computed from.")
        if dry_run:
            result.notes += _would(result, base, refresh=stale)
            continue
        if result.due:
            _fetch(result, base, client or client_from_settings(), warehouse, up_to, progress)
        if any(f.changed for f in result.fetches) or stale:
            result.refresh = refresh_force(force=force, warehouse_path=warehouse)
    report.steps = steps_due(today)
    if not dry_run:
        # The owning teams hear of tomorrow's steps, once however often the tick runs.
        tomorrow = [s.step_id for s in report.steps if s.when == "tomorrow"]
        report.notified = remind_steps(today=today, step_ids=tomorrow)
    return report


def _held(warehouse: Path) -> set[tuple[str, str, str]]:
    """Return (dataset, force, month) for every file loaded in the warehouse."""
    if not warehouse.exists():
        return set()
    with Warehouse(warehouse, read_only=True) as w:
        return set(w.current_batches())


def _latest(force: str) -> dict[str, str]:
    """Return dataset → the latest month the force's measures were computed from."""
    rows = SourceMonth.objects.filter(force=force).values("dataset").annotate(last=Max("period"))
    return {r["dataset"]: r["last"] for r in rows}


def _due(force: str, plans: list[Plan], up_to: str, held: set[tuple[str, str, str]]) -> ForceTick:
    """Return the force's tick with its datasets and the months due for each."""
    result = ForceTick(force)
    kinds = {k.value for k in Kind}
    result.datasets = sorted(
        {str(m.police_uk.get("dataset")) for p in plans for m in refreshable_measures(p)} & kinds
    )
    if not result.datasets:
        result.notes.append("The plan has no police.uk measures: nothing to fetch.")
        return result
    latest = _latest(force)
    if not latest:
        result.notes.append(
            "No police.uk month is imported for this force yet: import its history first "
            "(`oversight import police-uk PATH` or `oversight fetch police-uk`)."
        )
        return result
    start = max(latest.values())
    due: dict[str, list[str]] = defaultdict(list)
    for dataset in result.datasets:
        for month in period_range(add_months(latest.get(dataset, start), 1), up_to):
            if (dataset, force, month) not in held:
                due[month].append(dataset)
    result.due = dict(sorted(due.items()))
    return result


def _stale(force: str, datasets: list[str], held: set[tuple[str, str, str]]) -> bool:
    """Return True if the warehouse held months for the force newer than its SourceMonths."""
    latest = _latest(force)
    return any(f == force and d in datasets and month > latest.get(d, "") for d, f, month in held)


def _would(result: ForceTick, base: str, *, refresh: bool) -> list[str]:
    """Return what a tick would do for the force, without doing it."""
    if result.due:
        newest = max(result.due)
        return [
            f"Would read {archive_url(base, newest)} (or the newest archive published before "
            f"it), import the months due and refresh the measures of {result.force}."
        ]
    return [f"Would refresh the measures of {result.force}."] if refresh else []


def _fetch(
    result: ForceTick,
    base: str,
    client: Client,
    warehouse: Path,
    up_to: str,
    progress: TextIO | None,
) -> None:
    """Fetch the months due, from the newest archive published that holds them."""
    remaining = {m: [Kind(d) for d in datasets] for m, datasets in result.due.items()}
    while remaining:
        newest = max(remaining)
        url = archive_url(base, newest)
        try:
            fetched = fetch_police_uk(
                force=result.force,
                wanted=remaining,
                url=url,
                warehouse_path=warehouse,
                client=client,
                progress=progress,
                strict=False,
            )
        except NotPublished:
            result.not_published.append(newest)
            late = months_between(newest, up_to)
            if late > 0:
                result.notes.append(
                    f"{newest} is {late + ARREARS} months old and still not at {url}: check "
                    "OVERSIGHT_POLICE_UK_ARCHIVE."
                )
            del remaining[newest]
            continue
        except FetchError as exc:
            result.failures.append(f"{result.force}: {exc}")
            return
        result.fetches.append(fetched)
        result.failures += [f"{r.file.label}: {r.error}" for r in fetched.imported.rejected]
        for month in fetched.months:
            remaining.pop(month, None)
        if newest in fetched.missing:
            # The archive of the month itself lacks it: no other archive will have it.
            result.failures.append(f"{result.force}: {fetched.missing[newest]}")
            remaining.pop(newest, None)
        # Months older than the archive's window are left to be read from their own archive.
