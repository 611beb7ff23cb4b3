"""The demo's data step: the shipped police.uk extract, refreshed measures, sample values.

Safe to run again: files already in the warehouse are left alone, the refresh rewrites the
same values, and re-importing the same sample values is a no-op.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.conf import settings

from oversight.accounts.models import User
from oversight.data.breaks import decide
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Finding, FindingKind
from oversight.data.refresh import refresh_measures
from oversight.data.sample_values import sample_rows
from oversight.data.values_import import catalogue_for, import_values
from oversight.data.values_rows import to_csv
from oversight.plans.models import Plan

# Real data.police.uk files for Gwent (Open Government Licence), shipped with the package.
EXTRACT = Path(__file__).resolve().parents[1] / "demo" / "police_uk"
SAMPLE_FILE = "sample-force-values.csv"


def load(*, stdout: TextIO) -> None:
    """Import the police.uk extract, refresh the police.uk measures, load sample values."""
    plan = Plan.objects.filter(force_slug="gwent").first() or Plan.objects.first()
    if plan is None:
        stdout.write("Data: no plan loaded, nothing to do.")
        return
    warehouse = Path(settings.WAREHOUSE_PATH)
    imported = import_police_uk([EXTRACT], warehouse_path=warehouse, quiet=True)
    if not imported.ok:
        stdout.write("Data: some police.uk files were not imported:")
        for line in imported.lines():
            if line.startswith(("REJECTED", "Skipped")):
                stdout.write(f"  {line}")
    stdout.write(
        f"Data: police.uk extract, {len(imported.results)} files "
        f"({imported.rows_loaded:,} new rows) in the warehouse."
    )
    refreshed = refresh_measures(plan=plan, warehouse_path=warehouse, by=None)
    unplaced = sum(u.total for u in refreshed.unplaced.values())
    stdout.write(
        f"Data: {len(refreshed.measures)} police.uk measures refreshed, "
        f"{refreshed.written:,} values ({unplaced:,} rows in no BCU, counted for the force)."
    )
    report = refreshed.monitor
    if report is not None:
        stdout.write(
            f"Data: integrity monitor, {len(report.found)} finding(s) "
            f"({sum(f.is_open for f in report.found)} open)."
        )
    decide_demo_break(plan, stdout=stdout)
    data = to_csv(sample_rows(catalogue_for(plan)))
    result = import_values(data=data, file_name=SAMPLE_FILE, plan=plan, by=None, is_sample=True)
    stdout.write(f"Data: sample force-supplied values. {' '.join(result.lines())}")


# The break the monitor finds in the Gwent extract, and the decision the demo's force analyst
# records on it through the same service a user would (oversight data breaks decide).
DEMO_BREAK = ("street", "2023-10")
DEMO_REASON = (
    "Demo decision: burglary, criminal damage and the share of rows with no location all step "
    "in the same month, which is the mark of a change in how the figures are recorded or "
    "published rather than in crime; treated as a recording change until the data team "
    "confirms the cause with data.police.uk."
)


def decide_demo_break(plan: Plan, *, stdout: TextIO) -> None:
    """Record the demo's decision on the Gwent October 2023 break, once, if it was found."""
    dataset, period = DEMO_BREAK
    finding = Finding.objects.filter(
        kind=FindingKind.BREAK, force=plan.force_slug, dataset=dataset, period=period
    ).first()
    analyst = User.objects.filter(username="force").first()
    if finding is None or analyst is None:
        stdout.write(f"Data: no {dataset} break at {period} found to decide.")
        return
    if finding.is_open:
        finding = decide(finding=finding, decision="recording", reason=DEMO_REASON, by=analyst)
    stdout.write(
        f"Data: break {finding.pk} ({finding.summary}) decided as a recording change; "
        f"rebased at {finding.rebase_period}: {', '.join(finding.rebased_measures) or 'none'}."
    )
