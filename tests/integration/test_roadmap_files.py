"""Roadmap export and import: lossless round trip, all-or-nothing validation, the upload form."""

import csv
import io
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from oversight.accounts.models import AuditEvent
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity, Milestone
from oversight.roadmap.rows import COLUMN_NAMES, export_rows, load_table, to_csv, to_xlsx
from oversight.roadmap.services import import_table


@pytest.fixture
def roadmap(demo_plan):
    load(stdout=StringIO())
    return demo_plan


def snapshot(plan):
    return export_rows(plan), Milestone.objects.count(), Activity.objects.count()


def rows_of_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMN_NAMES)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_leaves_the_roadmap_unchanged(roadmap, tmp_path, fmt):
    before = snapshot(roadmap)
    events = AuditEvent.objects.count()
    path = tmp_path / f"roadmap.{fmt}"
    call_command("roadmap", "export", "--format", fmt, "-o", str(path), stderr=StringIO())
    out = StringIO()
    call_command("roadmap", "import", str(path), stdout=out)
    assert "0 added, 0 changed, 13 unchanged" in out.getvalue()
    assert snapshot(roadmap) == before
    assert AuditEvent.objects.count() == events


def test_round_trip_keeps_awkward_text(roadmap):
    activity = Activity.objects.get(ref="RM-003")
    activity.title = "=SUM(A1) is not a formula"
    activity.description = "Line one\nline two, with “quotes” and £ signs"
    activity.save()
    before = export_rows(roadmap)
    for data, name in ((to_csv(before), "r.csv"), (to_xlsx(before), "r.xlsx")):
        result = import_table(plan=roadmap, table=load_table(data, name), by=None)
        assert result.updated == [] and result.created == []
    assert export_rows(roadmap) == before
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(before)))["Roadmap"]
    assert sheet["B4"].data_type == "s"


def test_export_to_stdout_writes_one_row_per_activity(roadmap):
    out = StringIO()
    call_command("roadmap", "export", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["ref"] for r in rows] == [f"RM-{n:03d}" for n in range(1, 14)]
    first = rows[0]
    assert first["milestones"] == (
        "2025Q2: Teams named in every ward [done]; 2026Q4: Review of ward priorities"
    )
    assert first["outcomes"] == "P1.1; P1.2"
    assert first["funding_line"] == "MTFP-01"


def test_import_adds_and_changes_by_ref(roadmap, tmp_path):
    rows = export_rows(roadmap)
    rows[0]["status"] = "slipped"
    new = dict(rows[1], ref="RM-100", title="New partner work", perspective="partner",
               partner="gwent-yjs", milestones="2027-01-31: Started")  # fmt: skip
    path = tmp_path / "r.csv"
    write_csv(path, [*rows, new])
    out = StringIO()
    call_command("roadmap", "import", str(path), stdout=out)
    assert "1 added, 1 changed, 12 unchanged" in out.getvalue()
    assert Activity.objects.get(ref="RM-001").status == "slipped"
    added = Activity.objects.get(ref="RM-100")
    assert added.partner.slug == "gwent-yjs"
    assert added.milestones.get().due_date.isoformat() == "2027-01-31"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"roadmap.activity.created", "roadmap.activity.updated", "roadmap.imported"} <= actions


def test_import_lists_every_error_with_row_column_and_reason_and_writes_nothing(roadmap, tmp_path):
    before = snapshot(roadmap)
    events = AuditEvent.objects.count()
    rows = export_rows(roadmap)
    rows[0]["priority"] = "P9"
    rows[1]["perspective"] = "council"
    rows[2].update(perspective="partner", partner="")
    rows[3].update(start="2027Q1", end="2026Q4")
    rows[4]["end"] = "2031Q2"
    rows[5].update(public="yes", public_summary="")
    rows[6]["spr_threat"] = "SPR-XYZ"
    rows[7]["outcomes"] = "P1.1; P7.7"
    rows[8]["start"] = "2026Q5"
    rows[9]["milestones"] = "soon: whenever"
    rows[10]["ref"] = rows[11]["ref"]
    rows[12]["status"] = "finished"
    path = tmp_path / "bad.csv"
    write_csv(path, rows)
    with pytest.raises(CommandError) as caught:
        call_command("roadmap", "import", str(path), stdout=StringIO())
    message = str(caught.value)
    assert "nothing was imported" in message
    for expected in (
        "row 2, column priority: unknown priority 'P9'",
        "row 3, column perspective: 'council' is not force, commissioner or partner",
        "row 4, column partner: a partner activity must name the partner organisation",
        "row 5, column end: ends (2026Q4) before it starts (2027Q1)",
        "row 6, column end: 2031Q2 is outside the plan (2025Q1 to 2028Q4)",
        "row 7, column public_summary: a public activity needs a plain-English summary",
        "row 8, column spr_threat: unknown strategic policing requirement threat 'SPR-XYZ'",
        "row 9, column outcomes: unknown outcome 'P7.7'",
        "row 10, column start: quarter 5 is not 1 to 4",
        "row 11, column milestones: 'soon: whenever': 'soon' is not a quarter (2026Q2) or a date",
        "row 13, column ref: 'RM-012' is also on row 12",
        "row 14, column status: 'finished' is not one of planned",
    ):
        assert expected in message, expected
    assert snapshot(roadmap) == before
    assert AuditEvent.objects.count() == events


def test_import_rejects_missing_and_unknown_columns(roadmap, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("ref,title,colour\nRM-1,Thing,red\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("roadmap", "import", str(path), stdout=StringIO())
    message = str(caught.value)
    assert "row 1, column perspective: required column is missing" in message
    assert "row 1, column colour: unknown column" in message


def test_import_rejects_other_file_types(roadmap, tmp_path):
    path = tmp_path / "roadmap.txt"
    path.write_text("hello")
    with pytest.raises(CommandError, match=r"use a \.csv or \.xlsx file"):
        call_command("roadmap", "import", str(path), stdout=StringIO())


def test_upload_form_imports_for_an_editor(roadmap, client, force):
    rows = export_rows(roadmap)
    rows[0]["status"] = "done"
    client.force_login(force)
    upload = SimpleUploadedFile("roadmap.csv", to_csv(rows), content_type="text/csv")
    response = client.post("/roadmap/import/", {"file": upload})
    assert response.status_code == 200
    assert "1 changed" in response.content.decode()
    assert Activity.objects.get(ref="RM-001").status == "done"


def test_upload_form_lists_errors_and_refuses_other_teams_rows(roadmap, client, force):
    rows = export_rows(roadmap)
    rows[1]["status"] = "done"  # RM-002 is the Commissioner's
    rows[2]["priority"] = "P42"
    client.force_login(force)
    upload = SimpleUploadedFile("roadmap.csv", to_csv(rows), content_type="text/csv")
    page = client.post("/roadmap/import/", {"file": upload}).content.decode()
    assert "Nothing was imported: 2 problems" in page
    assert "your team may change only force activities" in page
    assert "unknown priority &#x27;P42&#x27;" in page
    assert Activity.objects.get(ref="RM-002").status == "planned"


def test_export_view_gives_excel(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.get("/roadmap/export/?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["Roadmap"]["A2"].value == "RM-001"
    assert client.get("/roadmap/export/?format=csv").content.startswith(b"\xef\xbb\xbfref,")
