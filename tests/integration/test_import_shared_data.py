"""Import every police.uk file in ../shared/data/police-uk; check each against manifest.csv."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from oversight.data.policeuk import parse_file_name
from oversight.data.warehouse import Warehouse

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "police-uk"
KINDS = {"street", "outcomes", "stop-and-search"}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.shared_data,
    pytest.mark.skipif(
        not (SHARED / "manifest.csv").exists(),
        reason=f"the shared police.uk files are not beside the checkout ({SHARED})",
    ),
]


def test_import_police_uk_loads_all_shared_files_with_their_manifest_row_counts(settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    manifest = [
        row
        for row in csv.DictReader((SHARED / "manifest.csv").read_text("utf-8").splitlines())
        if row["schema"] in KINDS
    ]
    out, err = io.StringIO(), io.StringIO()

    call_command("import", "police-uk", str(SHARED), "--quiet", stdout=out, stderr=err)

    assert err.getvalue() == ""
    with Warehouse(settings.WAREHOUSE_PATH) as warehouse:
        loaded = {
            f"{b.month}/{b.file_name}": (b.rows, b.sha256)
            for b in warehouse.batches(status="loaded")
        }
    assert loaded == {
        row["file"]: (int(row["rows"]), row["sha256_uncompressed"]) for row in manifest
    }

    summary_out = io.StringIO()
    call_command("data", "summary", "--json", stdout=summary_out)
    summary = json.loads(summary_out.getvalue())
    shown = {(r["kind"], r["force"], r["month"]): r["rows"] for r in summary["rows"]}
    names = {row["file"]: parse_file_name(row["file"]) for row in manifest}
    expected = {
        (names[row["file"]].kind.value, names[row["file"]].force, names[row["file"]].month): int(
            row["rows"]
        )
        for row in manifest
    }
    assert shown == expected
    gaps = {(g["kind"], g["force"]): g["months"] for g in summary["gaps"]}
    assert "2021-12" in gaps[("street", "derbyshire")]
    assert ("outcomes", "gwent") not in gaps
