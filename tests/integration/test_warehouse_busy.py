"""A second job on the warehouse is told which job holds it, not shown DuckDB's traceback; an
unreadable zip is a failure of the run, not a silent skip."""

from __future__ import annotations

import subprocess
import sys

import pytest

from oversight.data.commands_policeuk import import_police_uk
from oversight.data.warehouse import Warehouse, WarehouseBusy

HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"  # noqa: E501


def test_a_held_warehouse_names_the_job_that_holds_it(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    Warehouse(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        with pytest.raises(WarehouseBusy) as caught:
            import_police_uk([tmp_path], warehouse_path=path, quiet=True)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    message = str(caught.value)
    assert f"process {holder.pid}" in message and "import duckdb" in message
    assert "wait for it to finish" in message


def test_an_unreadable_zip_fails_the_run(tmp_path):
    broken = tmp_path / "2025-06.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    report = import_police_uk([broken], warehouse_path=tmp_path / "w.duckdb", quiet=True)
    assert not report.ok
    assert any("not a readable zip archive" in line for line in report.lines())
