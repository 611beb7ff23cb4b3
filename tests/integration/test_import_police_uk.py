"""`oversight import police-uk` and `oversight data summary` on the shipped Gwent extract."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import oversight
from oversight.data import commands_policeuk
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.warehouse import Warehouse
from tests.factories.verbs import run

DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"
MANIFEST = {
    row["file"]: row
    for row in csv.DictReader((DEMO / "manifest.csv").read_text(encoding="utf-8").splitlines())
}

# The import runs the integrity monitor afterwards, which records its findings.
pytestmark = pytest.mark.django_db


@pytest.fixture
def warehouse_path(settings, tmp_path):
    """Point the warehouse at a fresh file for the test."""
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    return settings.WAREHOUSE_PATH


def loaded_rows(path: Path) -> dict[str, int]:
    """Return rows per loaded file, keyed like manifest.csv (`YYYY-MM/name.csv.gz`)."""
    with Warehouse(path) as warehouse:
        return {f"{b.month}/{b.file_name}": b.rows for b in warehouse.batches(status="loaded")}


def warehouse_state(path: Path) -> tuple:
    """Return everything an import may change except rejected-batch records."""
    with Warehouse(path) as warehouse:
        con = warehouse.connection
        return (
            con.execute(
                "SELECT * EXCLUDE (started_at, finished_at) FROM import_batch"
                " WHERE status <> 'rejected' ORDER BY id"
            ).fetchall(),
            # Summed as decimals: a sum of doubles depends on the order threads add them in.
            con.execute(
                "SELECT batch_id, count(*), count(DISTINCT crime_id),"
                " sum(latitude::DECIMAL(18, 6)) FROM street GROUP BY ALL ORDER BY ALL"
            ).fetchall(),
            con.execute(
                "SELECT batch_id, count(*), count(DISTINCT crime_id) FROM outcomes"
                " GROUP BY ALL ORDER BY ALL"
            ).fetchall(),
        )


def copy_month(month: str, target: Path, kinds: tuple[str, ...] = ("street",)) -> None:
    """Copy one month's demo files into target, keeping the police.uk layout."""
    (target / month).mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        name = f"{month}/{month}-gwent-{kind}.csv.gz"
        shutil.copy(DEMO / name, target / name)


def demo_lines(month: str, kind: str = "street") -> list[str]:
    """Return the lines of a demo file, line endings kept."""
    with gzip.open(DEMO / month / f"{month}-gwent-{kind}.csv.gz", "rt", newline="") as f:
        return f.readlines()


def test_import_police_uk_loads_every_demo_file_with_its_manifest_row_count(warehouse_path):
    status, out, err = run("import", "police-uk", DEMO, "--quiet")
    assert (status, err) == (0, "")
    assert out == ""  # --quiet prints only problems
    assert loaded_rows(warehouse_path) == {f: int(r["rows"]) for f, r in MANIFEST.items()}
    with Warehouse(warehouse_path) as warehouse:
        assert warehouse.total_rows("street") == 202_374
        assert warehouse.total_rows("outcomes") == 142_755
        batches = warehouse.batches()
    assert sum(b.asb_without_crime_id for b in batches if b.kind == "street") > 0
    assert sum(b.no_location for b in batches) > 0
    assert sum(b.outside_force_area for b in batches if b.kind == "street") > 0
    assert sum(b.repeated_crime_ids for b in batches if b.kind == "street") > 0


def test_import_police_uk_prints_a_closing_summary(warehouse_path):
    status, out, _ = run("import", "police-uk", DEMO / "2022-07")
    assert status == 0
    assert "Files: 2 loaded, 0 replaced, 0 unchanged, 0 rejected, 0 skipped" in out
    assert "Rows loaded: 6,611; forces: 1; months: 1 (2022-07..2022-07)" in out
    assert "anti-social behaviour rows without a Crime ID" in out
    assert "rows without a location" in out


def test_import_police_uk_twice_changes_nothing(warehouse_path):
    run("import", "police-uk", DEMO, "--quiet")
    before = warehouse_state(warehouse_path)
    status, out, _ = run("import", "police-uk", DEMO)
    assert status == 0
    assert "Files: 0 loaded, 0 replaced, 72 unchanged, 0 rejected" in out
    assert warehouse_state(warehouse_path) == before


def test_import_police_uk_replaces_a_revised_file_and_reports_the_change(warehouse_path, tmp_path):
    run("import", "police-uk", DEMO / "2022-07", "--quiet")
    with Warehouse(warehouse_path) as warehouse:
        (old,) = [b for b in warehouse.batches() if b.kind == "street"]
    revised = tmp_path / "revised" / "2022-07" / "2022-07-gwent-street.csv"
    revised.parent.mkdir(parents=True)
    revised.write_text("".join(demo_lines("2022-07")[:-10]), encoding="utf-8", newline="")

    status, out, _ = run("import", "police-uk", revised)

    assert status == 0
    assert "1 replaced" in out
    assert f"batch {old.id} -> " in out
    assert "rows -10" in out
    with Warehouse(warehouse_path) as warehouse:
        new = warehouse.current_batches()[("street", "gwent", "2022-07")]
        assert new.replaced_batch_id == old.id
        assert new.row_change == -10
        assert new.rows == 5388 - 10
        assert [b.status for b in warehouse.batches(ids=[old.id])] == ["superseded"]
        assert warehouse.total_rows("street") == 5388 - 10
        counts = warehouse.monthly_counts("street")
        assert [(c["month"], c["rows"], c["batch_id"]) for c in counts] == [
            ("2022-07", 5378, new.id)
        ]


def _truncated(lines: list[str]) -> tuple[str, int, str | None]:
    return "".join(lines[:-1]) + lines[-1][:70], len(lines), None


def _wrong_header(lines: list[str]) -> tuple[str, int, str | None]:
    return "".join([lines[0].replace("Latitude", "Lat"), *lines[1:]]), 1, None


def _wrong_month(lines: list[str]) -> tuple[str, int, str | None]:
    lines = list(lines)
    lines[5] = lines[5].replace(",2022-07,", ",2022-06,", 1)
    return "".join(lines), 6, "Month"


def _bad_latitude(lines: list[str]) -> tuple[str, int, str | None]:
    lines = list(lines)
    fields = next(csv.reader([lines[7]]))
    assert fields[5]
    fields[5] = "fifty-one"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=lines[7][len(lines[7].rstrip("\r\n")) :]).writerow(fields)
    lines[7] = buffer.getvalue()
    return "".join(lines), 8, "Latitude"


@pytest.mark.parametrize(
    "corrupt",
    [_truncated, _wrong_header, _wrong_month, _bad_latitude],
    ids=["truncated-line", "wrong-header", "month-not-in-name", "non-numeric-latitude"],
)
def test_import_police_uk_rejects_a_corrupted_file_and_keeps_the_rest(
    warehouse_path, tmp_path, corrupt
):
    run("import", "police-uk", DEMO / "2022-07", "--quiet")
    before = warehouse_state(warehouse_path)
    incoming = tmp_path / "incoming"
    copy_month("2022-08", incoming)
    text, line, column = corrupt(demo_lines("2022-07"))
    bad = incoming / "2022-07" / "2022-07-gwent-street.csv"
    bad.parent.mkdir()
    bad.write_text(text, encoding="utf-8", newline="")

    status, out, err = run("import", "police-uk", incoming)

    assert status == 1
    assert f"REJECTED {bad}: line {line}" in err
    if column:
        assert f"column '{column}'" in err
    assert "1 loaded" in out
    with Warehouse(warehouse_path) as warehouse:
        current = warehouse.current_batches()
        rejected = warehouse.batches(status="rejected")
    # The revision was refused: 2022-07 is exactly as it was, 2022-08 loaded beside it.
    assert current[("street", "gwent", "2022-07")].rows == 5388
    assert loaded_rows(warehouse_path) == {
        "2022-07/2022-07-gwent-outcomes.csv.gz": 1223,
        "2022-07/2022-07-gwent-street.csv.gz": 5388,
        "2022-08/2022-08-gwent-street.csv.gz": 5480,
    }
    assert [(b.file_name, b.errors[0]["line"]) for b in rejected] == [(bad.name, line)]
    after = warehouse_state(warehouse_path)
    assert after[0][: len(before[0])] == before[0]
    assert after[1][: len(before[1])] == before[1]
    assert after[2] == before[2]


def test_import_police_uk_reads_a_zip_archive_as_data_police_uk_serves_it(warehouse_path, tmp_path):
    archive = tmp_path / "2022-09.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for month in ("2022-08", "2022-09"):
            for kind in ("street", "outcomes"):
                z.writestr(f"{month}/{month}-gwent-{kind}.csv", "".join(demo_lines(month, kind)))

    status, _, _ = run("import", "police-uk", archive, "--quiet")

    assert status == 0
    with Warehouse(warehouse_path) as warehouse:
        batches = warehouse.batches(status="loaded")
    assert {(b.month, b.kind): b.rows for b in batches} == {
        (r["months"], r["schema"]): int(r["rows"])
        for f, r in MANIFEST.items()
        if f.startswith(("2022-08", "2022-09"))
    }
    assert all(b.source_path.startswith(f"{archive}!") for b in batches)


def test_import_police_uk_reads_plain_csv_and_knows_its_gzip_twin(warehouse_path, tmp_path):
    plain = tmp_path / "2023-01-gwent-street.csv"
    plain.write_text("".join(demo_lines("2023-01")), encoding="utf-8", newline="")
    status, _, _ = run("import", "police-uk", plain, "--quiet")
    assert status == 0
    with Warehouse(warehouse_path) as warehouse:
        (batch,) = warehouse.batches()
    entry = MANIFEST["2023-01/2023-01-gwent-street.csv.gz"]
    assert (batch.rows, batch.sha256) == (int(entry["rows"]), entry["sha256_uncompressed"])

    # The same bytes gzipped are the same file: nothing changes.
    status, out, _ = run("import", "police-uk", DEMO / "2023-01" / "2023-01-gwent-street.csv.gz")
    assert status == 0
    assert "1 unchanged" in out


def test_data_summary_json_lists_rows_gaps_and_batches(warehouse_path, tmp_path):
    incoming = tmp_path / "incoming"
    for month in ("2022-07", "2022-08", "2022-11"):
        copy_month(month, incoming)
    copy_month("2022-07", incoming, kinds=("outcomes",))
    run("import", "police-uk", incoming, "--quiet")

    status, out, _ = run("data", "summary", "--json")

    assert status == 0
    summary = json.loads(out)
    assert set(summary) == {"rows", "gaps", "batches"}
    assert summary["rows"] == [
        {"kind": "outcomes", "force": "gwent", "month": "2022-07", "rows": 1223},
        {"kind": "street", "force": "gwent", "month": "2022-07", "rows": 5388},
        {"kind": "street", "force": "gwent", "month": "2022-08", "rows": 5480},
        {"kind": "street", "force": "gwent", "month": "2022-11", "rows": 5064},
    ]
    assert summary["gaps"] == [
        {"kind": "street", "force": "gwent", "months": ["2022-09", "2022-10"]}
    ]
    batch = summary["batches"][0]
    assert {
        "id",
        "file_name",
        "source_path",
        "sha256",
        "kind",
        "force",
        "month",
        "rows",
        "started_at",
        "finished_at",
        "status",
        "replaced_batch_id",
        "row_change",
        "asb_without_crime_id",
        "no_location",
        "repeated_crime_ids",
        "outside_force_area",
        "errors",
    } <= set(batch)
    assert len(summary["batches"]) == 4


def test_data_summary_text_names_gaps(warehouse_path, tmp_path):
    incoming = tmp_path / "incoming"
    for month in ("2022-07", "2022-09"):
        copy_month(month, incoming)
    run("import", "police-uk", incoming, "--quiet")
    status, out, _ = run("data", "summary")
    assert status == 0
    assert "Missing street gwent: 2022-08" in out
    assert "Batches: 2 loaded" in out


def test_oversight_import_exits_non_zero_when_a_file_is_rejected(tmp_path):
    incoming = tmp_path / "incoming"
    copy_month("2022-08", incoming)
    bad = incoming / "2022-09-gwent-street.csv"
    bad.write_text("Crime ID,Month\n1,2022-09\n", encoding="utf-8")
    env = os.environ | {
        "OVERSIGHT_HOME": str(tmp_path),
        "OVERSIGHT_WAREHOUSE": str(tmp_path / "cli.duckdb"),
        "DJANGO_SETTINGS_MODULE": "oversight.config.settings",
    }
    subprocess.run([sys.executable, "-m", "oversight", "migrate", "-v", "0"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "import", "police-uk", str(incoming), "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert f"REJECTED {bad}: line 1" in result.stderr
    assert loaded_rows(tmp_path / "cli.duckdb") == {"2022-08/2022-08-gwent-street.csv.gz": 5480}


def test_import_police_uk_keeps_per_file_columns_that_vary_within_a_file(warehouse_path, tmp_path):
    # Reported by, Falls within and Context are stored once per file unless a row differs;
    # rows that differ (a value, or an empty one) read back exactly as written.
    lines = demo_lines("2022-07")
    rows = [next(csv.reader([line])) for line in lines[1:4]]
    rows[0][11] = "Context on the first row"
    rows[1][3] = "British Transport Police"
    rows[2][2] = ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    varied = tmp_path / "2022-07-gwent-street.csv"
    varied.write_text(lines[0] + buffer.getvalue() + "".join(lines[4:]), encoding="utf-8")

    status, _, err = run("import", "police-uk", varied, "--quiet")

    assert (status, err) == (0, "")
    with Warehouse(warehouse_path) as warehouse:
        got = warehouse.connection.execute(
            "SELECT reported_by, falls_within, context, month, force FROM street"
            " WHERE context IS NOT NULL OR reported_by IS DISTINCT FROM 'Gwent Police'"
            " OR falls_within IS DISTINCT FROM 'Gwent Police'"
        ).fetchall()
        total = warehouse.total_rows("street")
    assert sorted(got, key=str) == sorted(
        [(r[2] or None, r[3] or None, r[11] or None, "2022-07", "gwent") for r in rows], key=str
    )
    assert total == 5388


def test_import_police_uk_rejects_a_truncated_gzip_file_and_keeps_the_rest(
    warehouse_path, tmp_path
):
    incoming = tmp_path / "incoming"
    copy_month("2022-08", incoming)
    data = (DEMO / "2022-09" / "2022-09-gwent-street.csv.gz").read_bytes()
    bad = incoming / "2022-09" / "2022-09-gwent-street.csv.gz"
    bad.parent.mkdir()
    bad.write_bytes(data[: len(data) // 2])

    status, out, err = run("import", "police-uk", incoming)

    assert status == 1
    assert f"REJECTED {bad}: cannot read the file" in err
    assert "1 loaded" in out
    assert loaded_rows(warehouse_path) == {"2022-08/2022-08-gwent-street.csv.gz": 5480}
    with Warehouse(warehouse_path) as warehouse:
        assert warehouse.total_rows("street") == 5480


def test_import_police_uk_loads_one_of_two_copies_given_in_the_same_run(warehouse_path, tmp_path):
    plain = tmp_path / "plain" / "2023-01-gwent-street.csv"
    plain.parent.mkdir()
    plain.write_text("".join(demo_lines("2023-01")), encoding="utf-8", newline="")

    status, out, _ = run(
        "import", "police-uk", plain, DEMO / "2023-01" / "2023-01-gwent-street.csv.gz"
    )

    assert status == 0
    assert "Files: 1 loaded, 0 replaced, 1 unchanged, 0 rejected" in out
    entry = MANIFEST["2023-01/2023-01-gwent-street.csv.gz"]
    assert loaded_rows(warehouse_path) == {"2023-01/2023-01-gwent-street.csv": int(entry["rows"])}


def test_import_police_uk_shows_a_progress_bar_that_ends_at_the_file_count(tmp_path):
    progress = io.StringIO()

    report = import_police_uk([DEMO], warehouse_path=tmp_path / "w.duckdb", progress=progress)

    assert report.ok
    shown = progress.getvalue()
    assert "police.uk" in shown
    assert "72/72" in shown


def test_import_police_uk_splits_files_into_transactions_by_count_and_size(
    warehouse_path, tmp_path, monkeypatch
):
    archive = tmp_path / "extra.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for month in ("2022-08", "2022-09"):
            z.writestr(f"{month}/{month}-extra-street.csv", "".join(demo_lines(month)))
    monkeypatch.setattr(commands_policeuk, "CHUNK_FILES", 5)
    monkeypatch.setattr(commands_policeuk, "CHUNK_BYTES", 1)  # one zip member per transaction

    status, _, err = run("import", "police-uk", DEMO, archive, "--quiet")

    assert (status, err) == (0, "")
    expected = {f: int(r["rows"]) for f, r in MANIFEST.items()}
    for month in ("2022-08", "2022-09"):
        expected[f"{month}/{month}-extra-street.csv"] = expected[
            f"{month}/{month}-gwent-street.csv.gz"
        ]
    assert loaded_rows(warehouse_path) == expected
