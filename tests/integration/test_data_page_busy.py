"""The Data page while an import holds the warehouse: it says so, it does not fail."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.urls import reverse

from oversight.data.warehouse import Warehouse

pytestmark = pytest.mark.django_db
HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"  # noqa: E501


def test_the_data_page_says_the_warehouse_is_busy(client, demo_plan, force, settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    Warehouse(settings.WAREHOUSE_PATH).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(settings.WAREHOUSE_PATH)], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout.readline().strip() == b"held"
        client.force_login(force)
        page = client.get(reverse("data:index"))
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert page.status_code == 200
    assert "cannot be read just now" in page.content.decode()
    assert f"process {holder.pid}" in page.content.decode()
