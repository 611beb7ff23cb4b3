"""police.uk files uploaded on the Data page: imported whole or rejected, file by file, as the
command line does; the measures refreshed and a draft assessed from the new figures, so the
overview shows the new month with no other step; the report says what changed."""

from __future__ import annotations

import gzip
import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.demo import EXTRACT, decide_demo_break
from oversight.data.models import Observation, PoliceUpload
from oversight.data.refresh import refresh_measures
from oversight.performance.models import Snapshot, SnapshotStatus
from oversight.performance.services import create_snapshot, mark_presented

pytestmark = pytest.mark.django_db
NEW = "2025-06"
BEFORE = "2025-05"


@pytest.fixture
def site(demo_plan, settings, tmp_path, force):
    """The demo's Gwent data up to May 2025, with May's snapshot presented to the Board."""
    settings.OVERSIGHT_HOME = tmp_path
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    held = tmp_path / "extract"
    shutil.copytree(EXTRACT, held, ignore=shutil.ignore_patterns(NEW))
    import_police_uk([held], warehouse_path=settings.WAREHOUSE_PATH, quiet=True)
    refresh_measures(plan=demo_plan, warehouse_path=settings.WAREHOUSE_PATH, by=None)
    decide_demo_break(demo_plan, stdout=io.StringIO())
    mark_presented(snapshot=create_snapshot(period=BEFORE, by=None), by=None)
    return demo_plan


def _files(*names: str) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(name, (EXTRACT / NEW / name).read_bytes(), "application/gzip")
        for name in names
    ]


def _force_months(code: str) -> set[str]:
    rows = Observation.objects.filter(measure__code=code, area="force", breakdown="")
    return set(rows.values_list("period", flat=True))


def test_uploading_a_month_updates_the_figures_with_no_other_step(client, site, force, settings):
    assert NEW not in _force_months("PUK01")
    client.force_login(force)
    files = _files(f"{NEW}-gwent-street.csv.gz", f"{NEW}-gwent-outcomes.csv.gz")
    response = client.post(reverse("data:police_upload"), {"files": files})
    upload = PoliceUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("data:police_upload_detail", args=[upload.pk])
    assert upload.status == PoliceUpload.Status.DONE and upload.ok, upload.error

    # The measures are refreshed: June is in the force's figures.
    assert NEW in _force_months("PUK01")
    # A draft is assessed from them, offered on the overview beside May's presented snapshot.
    draft = Snapshot.objects.get(status=SnapshotStatus.DRAFT)
    assert draft.period == NEW
    overview = client.get(reverse("reports:overview")).content.decode()
    assert "A newer draft is being prepared" in overview and f"?snapshot={draft.pk}" in overview
    june = client.get(reverse("reports:overview"), {"snapshot": draft.pk}).content.decode()
    assert f"· {NEW} · snapshot {draft.pk}" in june

    # The report says what each file did and what changed.
    page = client.get(response["Location"]).content.decode()
    assert "Imported." in page and "2 loaded" in page
    assert "What changed in the force&#x27;s figures:" in page
    assert f"PUK01 All recorded crime (excluding anti-social behaviour): {NEW} added" in page
    assert f"Draft snapshot {draft.pk} for {NEW}" in page
    assert AuditEvent.objects.filter(action="data.police_uk_uploaded", actor=force).exists()
    # The uploaded copies are gone once imported; the warehouse keeps the rows.
    assert not (settings.OVERSIGHT_HOME / "uploads" / "police-uk" / str(upload.pk)).exists()


def test_a_bad_file_is_rejected_with_its_reason_and_the_good_one_still_imports(client, site, force):
    client.force_login(force)
    street = _files(f"{NEW}-gwent-street.csv.gz")[0]
    broken = SimpleUploadedFile(
        f"{NEW}-gwent-outcomes.csv.gz", gzip.compress(b"Crime ID,Month\n\x00\n"), "application/gzip"
    )
    client.post(reverse("data:police_upload"), {"files": [street, broken]})
    upload = PoliceUpload.objects.get()
    assert upload.status == PoliceUpload.Status.DONE and not upload.ok
    rejected = [line for line in upload.report if line.startswith("REJECTED")]
    assert len(rejected) == 1 and f"{NEW}-gwent-outcomes.csv.gz" in rejected[0]
    assert NEW in _force_months("PUK01")  # the street file went in
    page = client.get(reverse("data:police_upload_detail", args=[upload.pk])).content.decode()
    assert "Some files were rejected" in page and 'class="problem"' in page


def test_only_police_uk_files_are_taken_and_only_from_those_who_import(
    client, site, force, opcc, partner
):
    url = reverse("data:police_upload")
    for person in (opcc, partner):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"files": _files(f"{NEW}-gwent-street.csv.gz")}).status_code == 403
    client.force_login(force)
    page = client.post(url, {"files": [SimpleUploadedFile("notes.docx", b"x")]})
    assert page.status_code == 400
    assert "Not a police.uk file (.csv, .csv.gz or .zip): notes.docx." in page.content.decode()
    assert not PoliceUpload.objects.exists()


def test_the_data_page_offers_the_upload_to_those_who_import(client, site, force, opcc):
    client.force_login(force)
    assert reverse("data:police_upload") in client.get(reverse("data:index")).content.decode()
    client.force_login(opcc)
    assert 'action="/data/police-uk/"' not in client.get(reverse("data:index")).content.decode()
