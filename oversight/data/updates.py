"""A police.uk import and everything it implies: the measures refreshed, the integrity checks
run, and what changed in the force's figures, said in one report.

The command line (`oversight import police-uk`) and the Data page's upload both run
:func:`import_and_refresh`, so an import never leaves the measures on last month's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from oversight.accounts.models import User
from oversight.data.commands_policeuk import ImportReport, import_police_uk
from oversight.data.models import FORCE_AREA, Observation
from oversight.data.monitor import MonitorReport, run_monitor
from oversight.data.policeuk_load import FileStatus
from oversight.data.refresh import RefreshReport, refresh_measures, refreshable_measures
from oversight.data.signals import police_figures_changed, police_files_imported
from oversight.display.words import number
from oversight.plans.models import Plan

Values = dict[tuple[str, str], float]


@dataclass(frozen=True)
class MeasureChange:
    """How one measure's force figures moved with an import."""

    code: str
    name: str
    added: list[str]
    revised: list[str]
    latest: tuple[str, float] | None

    def line(self) -> str:
        parts = []
        if self.added:
            months = self.added[0] if len(self.added) == 1 else f"{len(self.added)} months"
            parts.append(f"{months} added")
        if self.revised:
            months = self.revised[0] if len(self.revised) == 1 else f"{len(self.revised)} months"
            parts.append(f"{months} revised")
        now = f"; latest {self.latest[0]}: {number(self.latest[1])}" if self.latest else ""
        return f"  {self.code} {self.name}: {', '.join(parts)}{now}"


@dataclass
class Update:
    """What one import did: file by file, then to the measures and the integrity findings."""

    imported: ImportReport
    refresh: RefreshReport | None = None
    monitor: MonitorReport | None = None
    changes: list[MeasureChange] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.imported.ok

    def lines(self) -> list[str]:
        out = list(self.imported.lines())
        if self.refresh is not None:
            out.append(self.refresh.lines()[0])
            if self.changes:
                out.append("What changed in the force's figures:")
                out += [change.line() for change in self.changes]
            else:
                out.append("No force figure changed.")
            out += self.followups
        else:
            out += self.followups
        if self.note:
            out.append(self.note)
        monitor = self.refresh.monitor if self.refresh is not None else self.monitor
        if monitor is not None:
            out += monitor.lines()
        return out


def import_and_refresh(
    paths: Sequence[Path | str],
    *,
    warehouse_path: Path | str,
    by: User | None,
    quiet: bool = False,
    progress: TextIO | None = None,
) -> Update:
    """Import police.uk files; when the plan's force gained or lost rows, refresh its measures.

    A refresh runs the integrity monitor over the plan's force; an import of other forces'
    files runs it over them.
    """
    imported = import_police_uk(
        paths, warehouse_path=warehouse_path, quiet=quiet, progress=progress
    )
    update = Update(imported=imported)
    written = {
        r.batch.force
        for r in imported.results
        if r.status in (FileStatus.LOADED, FileStatus.REPLACED)
    }
    if written:
        said = police_files_imported.send(
            sender=Plan, warehouse_path=warehouse_path, forces=sorted(written)
        )
        update.followups = [line for _, lines in said for line in lines or []]
    plan = Plan.objects.first()
    if plan is not None and plan.force_slug in written:
        before = _force_values(plan)
        update.refresh = refresh_measures(plan=plan, warehouse_path=warehouse_path, by=by)
        update.changes = _changes(plan, before, _force_values(plan))
        if update.changes:
            said = police_figures_changed.send(
                sender=Plan, plan=plan, by=by, changes=update.changes
            )
            update.followups += [line for _, lines in said for line in lines or []]
        return update
    checked = sorted({r.batch.force for r in imported.results if r.status != FileStatus.REJECTED})
    if checked:
        update.monitor = run_monitor(warehouse_path=warehouse_path, forces=checked)
    if written:
        force = plan.force_slug if plan is not None else "no plan is loaded"
        update.note = (
            f"The plan's measures are not refreshed: these files are not its force's ({force})."
        )
    return update


def _force_values(plan: Plan) -> Values:
    measures = refreshable_measures(plan)
    rows = Observation.objects.filter(measure__in=measures, area=FORCE_AREA, breakdown="")
    return {(code, period): value for code, period, value in rows.values_list(
        "measure__code", "period", "value"
    )}  # fmt: skip


def _changes(plan: Plan, before: Values, after: Values) -> list[MeasureChange]:
    changes = []
    for measure in refreshable_measures(plan):
        code = measure.code
        months = sorted(p for c, p in after if c == code)
        added = [p for p in months if (code, p) not in before]
        revised = [
            p for p in months if (code, p) in before and before[(code, p)] != after[(code, p)]
        ]
        if added or revised:
            latest = (months[-1], after[(code, months[-1])]) if months else None
            changes.append(MeasureChange(code, measure.name, added, revised, latest))
    return changes
