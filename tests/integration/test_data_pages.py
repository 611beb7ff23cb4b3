"""The data pages: who may see and upload, coverage with gaps, history, batches, uploads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import oversight
from oversight.accounts.models import AuditEvent
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Observation, ValuesBatch
from oversight.data.values_rows import COLUMN_NAMES, to_csv
from oversight.data.warehouse import Warehouse

DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory) -> Path:
    """Street files for 2023-04 and 2023-06 (2023-05 missing), outcomes for 2023-04."""
    root = tmp_path_factory.mktemp("pages")
    for name in ("2023-04-gwent-street", "2023-06-gwent-street", "2023-04-gwent-outcomes"):
        month = name[:7]
        (root / "files" / month).mkdir(parents=True, exist_ok=True)
        shutil.copy(DEMO / month / f"{name}.csv.gz", root / "files" / month)
    path = root / "warehouse.duckdb"
    import_police_uk([root / "files"], warehouse_path=path, quiet=True)
    return path


@pytest.fixture
def site(demo_plan, small_warehouse, settings):
    settings.WAREHOUSE_PATH = small_warehouse
    return demo_plan


def upload(client, data: bytes, name: str = "values.csv"):
    return client.post("/data/upload/", {"file": SimpleUploadedFile(name, data)})


def values_csv(*rows: dict[str, str]) -> bytes:
    base = {"measure_code": "DA01", "period": "2025-01", "area": "force", "value": "10"}
    return to_csv([dict.fromkeys(COLUMN_NAMES, "") | base | r for r in rows])


def test_anonymous_is_sent_to_sign_in(client, site):
    for url in ("/data/", "/data/upload/", "/data/template.csv", "/data/batches/values/1/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["partner", "panel"])
def test_partners_and_panel_may_not_see_data(client, site, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/data/").status_code == 403
    assert client.get("/data/template.xlsx").status_code == 403


def test_force_sees_coverage_gaps_and_unplaced_rows(client, site, force):
    client.force_login(force)
    response = client.get("/data/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Missing months (1):</strong> 2023-05" in text
    assert "✗ Missing: no file for this month" in text
    assert "✗ No stop-and-search files" in text
    assert "East Gwent BCU" in text and "No location" in text and "Outside the BCUs" in text
    assert "Check and import" in text  # the upload form
    assert '<a href="/data/" aria-current="page">Data</a>' in text


def test_opcc_can_view_but_not_upload(client, site, opcc):
    client.force_login(opcc)
    page = client.get("/data/")
    assert page.status_code == 200 and "Check and import" not in page.content.decode()
    assert client.get("/data/upload/").status_code == 403
    assert upload(client, values_csv({})).status_code == 403
    assert ValuesBatch.objects.count() == 0


def test_force_uploads_a_good_file(client, site, force):
    client.force_login(force)
    response = upload(client, values_csv({}, {"area": "west", "value": "6"}))
    batch = ValuesBatch.objects.get()
    assert response.status_code == 302 and response.url == f"/data/batches/values/{batch.pk}/"
    assert Observation.objects.filter(values_batch=batch).count() == 2
    detail = client.get(response.url).content.decode()
    assert "Loaded" in detail and "DA01" in detail
    page = client.get("/data/").content.decode()
    assert "values.csv" in page and "◐ 2/3" in page and "✓" in page


def test_every_upload_error_is_shown_in_a_table(client, site, force):
    client.force_login(force)
    response = upload(client, values_csv({"measure_code": "PUK01"}, {"value": "x"}, {"value": "x"}))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was imported: 4 problems" in text
    assert "<td>2</td><td><code>measure_code</code></td>" in text
    assert "<td>3</td><td><code>value</code></td><td>&#x27;x&#x27; is not a number</td>" in text
    assert "<td>4</td><td><code>measure_code</code></td><td>duplicate of row 3" in text
    assert Observation.objects.count() == 0
    batch = ValuesBatch.objects.get()
    assert batch.status == "rejected"
    assert AuditEvent.objects.get(action="data.values_rejected").actor == force
    detail = client.get(f"/data/batches/values/{batch.pk}/").content.decode()
    assert "Rejected" in detail and "is not a number" in detail


def test_an_unreadable_upload_is_rejected(client, site, force):
    client.force_login(force)
    response = upload(client, b"not a spreadsheet", name="values.xlsx")
    assert response.status_code == 400
    assert "not a readable .xlsx file" in response.content.decode()
    response = upload(client, b"a,b", name="values.txt")
    assert response.status_code == 200 and "Use a .csv or .xlsx file." in response.content.decode()


def test_reuploading_the_same_file_says_so(client, site, force):
    client.force_login(force)
    upload(client, values_csv({}))
    response = upload(client, values_csv({}))
    assert response.status_code == 302 and response.url == "/data/"
    assert "No change" in client.get("/data/").content.decode()
    assert ValuesBatch.objects.count() == 1


def test_police_batch_detail(client, site, force, small_warehouse):
    with Warehouse(small_warehouse, read_only=True) as warehouse:
        batch = warehouse.batches()[0]
    client.force_login(force)
    text = client.get(f"/data/batches/police-uk/{batch.id}/").content.decode()
    assert batch.file_name in text and "Rows without a location" in text
    assert client.get("/data/batches/police-uk/9999/").status_code == 404
    assert client.get("/data/batches/other/1/").status_code == 404


def test_templates_download(client, site, opcc):
    client.force_login(opcc)
    csv_response = client.get("/data/template.csv")
    assert csv_response.status_code == 200
    assert csv_response.content.decode().splitlines()[-1] == ",".join(COLUMN_NAMES)
    xlsx = client.get("/data/template.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/data/template.pdf").status_code == 404
