"""Planning catalogues as files: a lossless round trip, all-or-nothing import, the upload page."""

import csv
import datetime as dt
import io
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oversight.accounts.models import AuditEvent, Organisation
from oversight.core.tables import Rejected
from oversight.roadmap import catalogues
from oversight.roadmap.catalogue_import import import_file
from oversight.roadmap.catalogue_rows import csv_columns, to_csv, to_xlsx
from oversight.roadmap.catalogue_values import ItemValues
from oversight.roadmap.catalogues import CATALOGUES
from oversight.roadmap.demo import load
from oversight.roadmap.models import (
    FinancialPlanLine,
    PartnerPlan,
    PolicingRequirementThreat,
    WellbeingObjective,
)


@pytest.fixture
def roadmap(demo_plan):
    """The demo roadmap, with items whose text and numbers are awkward to carry in a file."""
    load(stdout=StringIO())
    newport = Organisation.objects.get(slug="newport-council")
    catalogues.create_item(
        model=FinancialPlanLine,
        plan=demo_plan,
        values=ItemValues(
            code="MTFP-07",
            title="=SUM(A1) is not a formula",
            description="Line one\nline two, with “quotes”, £ signs and -5",
            order=7,
            organisation=newport,
            amounts={2025: 0, 2027: 999_999_999_999},  # nothing in 2026 or 2028
        ),
        by=None,
    )
    catalogues.create_item(
        model=PartnerPlan,
        plan=demo_plan,
        values=ItemValues(
            code="NCC-CSP.2",
            title="'Quoted' community safety plan",
            organisation=newport,
            kind="community_safety",
            assessment_date=dt.date(2026, 1, 31),
            publication_date=dt.date(2026, 6, 30),
            first_year=2026,
            last_year=2029,
        ),
        by=None,
    )
    catalogues.create_item(
        model=WellbeingObjective,
        plan=demo_plan,
        values=ItemValues(
            code="WB-ABUHB",
            title="Healthy ageing",
            organisation=Organisation.objects.get(slug="abuhb"),
            order=3,
        ),
        by=None,
    )
    return demo_plan


def snapshot(plan):
    """Return every item of every catalogue: id, version, last change and everything it says."""
    return {
        c.slug: [
            (item.pk, item.version, item.updated_at, catalogues.content(item))
            for item in c.model.objects.filter(plan=plan).order_by("code")
        ]
        for c in CATALOGUES
    }


def item_count(plan):
    return sum(c.model.objects.filter(plan=plan).count() for c in CATALOGUES)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def csv_file(rows: list[dict[str, str]], plan) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns(plan), restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def edited_xlsx(data: bytes, edits: dict[str, list[dict[str, object]]]) -> bytes:
    """Return the workbook with cells changed: {sheet: [{"row": n, column: value, ...}]}."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, changes in edits.items():
        ws = book[sheet]
        header = [c.value for c in ws[1]]
        for change in changes:
            row = change["row"]
            for column, value in change.items():
                if column != "row":
                    ws.cell(row=row, column=header.index(column) + 1).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("render", "name"), [(to_xlsx, "c.xlsx"), (to_csv, "c.csv")])
def test_export_then_import_changes_nothing(roadmap, opcc, render, name):
    before = snapshot(roadmap)
    # The awkward items are there to be carried; a test that lost them would pass otherwise.
    line = next(s for s in before["mtfp"] if s[3]["code"] == "MTFP-07")[3]
    assert line["amounts"] == {"2025": 0, "2027": 999_999_999_999}
    assert line["title"].startswith("=") and "\n" in line["description"]
    plan = next(s for s in before["partner-plans"] if s[3]["code"] == "NCC-CSP.2")[3]
    assert plan["commitments_close"] is None and plan["publication_date"] == "2026-06-30"
    events = AuditEvent.objects.count()

    result = import_file(plan=roadmap, data=render(roadmap), filename=name, by=opcc)

    assert (result.created, result.updated) == ([], [])
    assert len(result.unchanged) == item_count(roadmap) > 20
    assert snapshot(roadmap) == before
    assert AuditEvent.objects.count() == events


def test_an_export_keeps_numbers_as_numbers_and_text_as_text(roadmap):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(roadmap)))
    assert book.sheetnames == [c.sheet for c in CATALOGUES] + ["Columns"]
    ws = book["MTFP"]
    header = [c.value for c in ws[1]]
    assert header == [
        "code",
        "title",
        "description",
        "order",
        "organisation",
        "2025/26",
        "2026/27",
        "2027/28",
        "2028/29",
    ]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["MTFP-01"][5:] == (41_200_000, 41_900_000, 42_600_000, 43_300_000)
    assert rows["MTFP-07"][1] == "'=SUM(A1) is not a formula"  # the formula guard
    assert rows["MTFP-07"][5:] == (0, None, 999_999_999_999, None)
    header = [c.value for c in book["Partner plans"][1]]
    assert header[5:] == [
        "kind",
        "assessment_date",
        "commitments_close",
        "publication_date",
        "first_year",
        "last_year",
    ]


def test_a_partner_may_reimport_a_whole_export_unchanged(roadmap, partner):
    result = import_file(plan=roadmap, data=to_csv(roadmap), filename="c.csv", by=partner)
    assert result.created == result.updated == []
    assert len(result.unchanged) == item_count(roadmap)


def test_import_adds_and_changes_items_each_audited(roadmap, opcc):
    rows = csv_rows(to_csv(roadmap, [catalogues.catalogue_for("mtfp")]))
    line = next(r for r in rows if r["code"] == "MTFP-02")
    line["2026/27"] = "13,000,000"
    rows.append({"catalogue": "spr", "code": "SPR-DRG", "title": "County lines", "order": "8"})
    version = FinancialPlanLine.objects.get(code="MTFP-02").version

    result = import_file(plan=roadmap, data=csv_file(rows, roadmap), filename="c.csv", by=opcc)

    assert result.created == ["SPR: SPR-DRG"]
    assert result.updated == ["MTFP: MTFP-02"]
    line = FinancialPlanLine.objects.get(code="MTFP-02")
    assert line.version == version + 1
    assert line.amount_for(2026) == 13_000_000
    event = AuditEvent.objects.get(
        action="roadmap.catalogue.updated", object_type=line._meta.label, actor=opcc
    )
    assert (event.before["amounts"]["2026"], event.after["amounts"]["2026"]) == (
        12_800_000,
        13_000_000,
    )
    assert PolicingRequirementThreat.objects.get(code="SPR-DRG").order == 8
    assert AuditEvent.objects.filter(action="roadmap.catalogue.imported", actor=opcc).exists()


def test_a_file_without_a_column_leaves_that_field_as_it_is(roadmap, opcc):
    line = FinancialPlanLine.objects.get(code="MTFP-07")
    before = catalogues.content(line)
    data = b"catalogue,code,title,2026/27\r\nmtfp,MTFP-07,Renamed,12\r\n"
    result = import_file(plan=roadmap, data=data, filename="c.csv", by=opcc)
    assert result.updated == ["MTFP: MTFP-07"]
    line.refresh_from_db()
    after = catalogues.content(line)
    assert after["title"] == "Renamed"
    assert after["amounts"] == {"2025": 0, "2026": 12, "2027": 999_999_999_999}
    unchanged = ("description", "order", "organisation")
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_a_workbook_with_bad_rows_reports_each_and_writes_nothing(roadmap, opcc):
    before = snapshot(roadmap)
    events = AuditEvent.objects.count()
    data = edited_xlsx(
        to_xlsx(roadmap),
        {
            "MTFP": [
                {"row": 2, "title": None},
                {"row": 3, "2025/26": -5, "order": "first"},
                {"row": 4, "2027/28": "lots"},
                {"row": 5, "title": "A new title, in a file that is refused"},
            ],
            "SPR": [
                {"row": 3, "code": "SPR-CIV"},  # row 2's code
                {"row": 4, "organisation": "nowhere"},
                {"row": 20, "code": "SPR/NEW", "title": "A threat"},
            ],
            "Partner plans": [
                {"row": 2, "kind": "budget"},
                {"row": 3, "assessment_date": "2030-01-01", "publication_date": "next year"},
            ],
        },
    )
    with pytest.raises(Rejected) as caught:
        import_file(plan=roadmap, data=data, filename="c.xlsx", by=opcc)
    found = {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert found == {
        ("MTFP", 2, "title"),
        ("MTFP", 3, "2025/26"),
        ("MTFP", 3, "order"),
        ("MTFP", 4, "2027/28"),
        ("SPR", 3, "code"),
        ("SPR", 4, "organisation"),
        ("SPR", 20, "code"),
        ("Partner plans", 2, "kind"),
        ("Partner plans", 3, "publication_date"),
    }
    reasons = {(e.sheet, e.row, e.column): e.reason for e in caught.value.errors}
    assert reasons["MTFP", 3, "2025/26"] == "2025/26: an amount cannot be negative (£-5)"
    assert reasons["SPR", 3, "code"] == "'SPR-CIV' is also on row 2"
    assert "is not one of" in reasons["Partner plans", 2, "kind"]
    assert str(caught.value.errors[0]).startswith("MTFP, row 2, column title:")
    assert snapshot(roadmap) == before
    assert AuditEvent.objects.count() == events


def test_a_csv_file_with_bad_rows_reports_each_and_writes_nothing(roadmap, opcc):
    before = snapshot(roadmap)
    rows = [
        {"catalogue": "budgets", "code": "B-1", "title": "Budget"},
        {"catalogue": "spr", "code": "SPR-X", "title": "Threat", "2025/26": "100"},
        {"catalogue": "wellbeing", "code": "W" * 31, "title": "Objective"},
        {"catalogue": "equality", "code": "EQ-9", "title": "Objective", "kind": "health"},
        {"catalogue": "", "code": "X-1", "title": "No catalogue"},
        {"catalogue": "justice", "code": "CJ-9", "title": "Fine, but the file is refused"},
    ]
    with pytest.raises(Rejected) as caught:
        import_file(plan=roadmap, data=csv_file(rows, roadmap), filename="c.csv", by=opcc)
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (2, "catalogue"),
        (3, "2025/26"),
        (4, "code"),
        (5, "kind"),
        (6, "catalogue"),
    ]
    assert snapshot(roadmap) == before


def test_a_partner_import_is_refused_row_by_row(roadmap, partner):
    before = snapshot(roadmap)
    rows = [r for r in csv_rows(to_csv(roadmap)) if r["code"] in ("MTFP-01", "WB-ABUHB", "MTFP-02")]
    changed = {r["code"]: r for r in rows}
    changed["MTFP-01"]["title"] = "Neighbourhood policing, renamed by a partner"
    changed["WB-ABUHB"]["title"] = "Another organisation's plan, renamed"
    rows.append(
        {
            "catalogue": "partner-plans",
            "code": "NCC-YP",
            "title": "Newport youth plan",
            "organisation": "newport-council",
            "kind": "other",
        }
    )
    data = csv_file(rows, roadmap)
    with pytest.raises(Rejected) as caught:
        import_file(plan=roadmap, data=data, filename="c.csv", by=partner)
    numbers = {r["code"]: n for n, r in enumerate(rows, start=2)}
    refused = {(e.row, e.column): e.reason for e in caught.value.errors}
    assert set(refused) == {
        (numbers["MTFP-01"], "organisation"),
        (numbers["WB-ABUHB"], "organisation"),
    }
    assert "Medium Term Financial Plan is kept" in refused[numbers["MTFP-01"], "organisation"]
    assert "not Aneurin Bevan" in refused[numbers["WB-ABUHB"], "organisation"]
    assert snapshot(roadmap) == before  # the partner's own new plan is not added either
    # Without the refused rows, the partner's own plan is added.
    allowed = [r for r in rows if r["code"] not in ("MTFP-01", "WB-ABUHB")]
    result = import_file(
        plan=roadmap, data=csv_file(allowed, roadmap), filename="c.csv", by=partner
    )
    assert result.created == ["Partner plans: NCC-YP"]
    assert result.unchanged == ["MTFP: MTFP-02"]


def test_unknown_sheets_and_missing_columns_reject_the_file(roadmap, opcc):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(roadmap)))
    book.create_sheet("Budgets").append(["code", "title"])
    book["SPR"]["B1"].value = None  # no title column
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(Rejected) as caught:
        import_file(plan=roadmap, data=out.getvalue(), filename="c.xlsx", by=opcc)
    found = {(e.sheet, e.column, e.reason.split(" (")[0]) for e in caught.value.errors}
    assert ("Budgets", "-", "unknown sheet") in found
    assert ("SPR", "title", "required column is missing") in found
    with pytest.raises(Rejected, match="1 problem"):
        import_file(plan=roadmap, data=b"not a zip", filename="c.xlsx", by=opcc)
    with pytest.raises(Rejected):
        import_file(plan=roadmap, data=b"code,title\n", filename="c.txt", by=opcc)


# The pages ------------------------------------------------------------------------------


def test_export_page_gives_a_workbook_or_one_catalogue_as_csv(roadmap, client, partner):
    client.force_login(partner)
    response = client.get("/roadmap/catalogues/export/?format=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "MTFP"
    response = client.get("/roadmap/catalogues/export/?format=csv&kind=wellbeing")
    assert response["Content-Disposition"] == 'attachment; filename="catalogue-wellbeing.csv"'
    rows = csv_rows(response.content)
    assert {r["catalogue"] for r in rows} == {"wellbeing"}
    assert {r["code"] for r in rows} == set(
        WellbeingObjective.objects.values_list("code", flat=True)
    )
    assert client.get("/roadmap/catalogues/export/?format=pdf").status_code == 404
    assert client.get("/roadmap/catalogues/export/?kind=budgets").status_code == 404


def test_upload_page_imports_and_reports(roadmap, client, opcc):
    client.force_login(opcc)
    rows = [{"catalogue": "academic", "code": "AC-02", "title": "Evaluation of the hub"}]
    upload = SimpleUploadedFile("c.csv", csv_file(rows, roadmap), content_type="text/csv")
    page = client.post("/roadmap/catalogues/import/", {"file": upload}).content.decode()
    assert "Imported: 1 added, 0 changed, 0 unchanged." in page
    assert "Academic work: AC-02" in page


def test_upload_page_lists_every_problem_with_its_sheet(roadmap, client, opcc):
    client.force_login(opcc)
    data = edited_xlsx(to_xlsx(roadmap), {"SPR": [{"row": 2, "title": None}]})
    upload = SimpleUploadedFile("c.xlsx", data)
    response = client.post("/roadmap/catalogues/import/", {"file": upload})
    page = response.content.decode()
    assert "Nothing was imported: 1 problem" in page
    assert "<td>SPR</td><td>2</td><td>title</td>" in page


def test_upload_page_refuses_a_file_over_5_mb(roadmap, client, opcc):
    client.force_login(opcc)
    upload = SimpleUploadedFile("c.csv", b"x" * (5 * 1024 * 1024 + 1), content_type="text/csv")
    page = client.post("/roadmap/catalogues/import/", {"file": upload}).content.decode()
    assert "The file is larger than 5 MB." in page
