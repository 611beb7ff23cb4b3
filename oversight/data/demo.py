"""The demo's data step: the shipped police.uk extract, refreshed measures, sample values.

Safe to run again: files already in the warehouse are left alone, the refresh rewrites the
same values, and re-importing the same sample values is a no-op.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.conf import settings

from oversight.data.commands_policeuk import import_police_uk
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
    data = to_csv(sample_rows(catalogue_for(plan)))
    result = import_values(data=data, file_name=SAMPLE_FILE, plan=plan, by=None, is_sample=True)
    stdout.write(f"Data: sample force-supplied values. {' '.join(result.lines())}")
