"""Importing force-supplied values and populations: whole files, batches, audit, the CLI."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from oversight.accounts.models import AuditEvent
from oversight.data.models import Observation, Population, ValuesBatch
from oversight.data.population import import_population
from oversight.data.values_import import import_values
from oversight.data.values_rows import COLUMN_NAMES, to_csv

TODAY = dt.date(2025, 7, 15)


def csv_of(*rows: dict[str, str]) -> bytes:
    base = {"measure_code": "DA01", "period": "2025-01", "area": "force", "value": "10"}
    return to_csv([dict.fromkeys(COLUMN_NAMES, "") | base | r for r in rows])


def load(plan, data: bytes, by=None, name: str = "values.csv"):
    return import_values(data=data, file_name=name, plan=plan, by=by, today=TODAY)


def run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*(str(a) for a in args), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_a_good_file_is_loaded_as_one_batch_and_audited(demo_plan, force):
    result = load(
        demo_plan,
        csv_of(
            {},
            {"area": "east", "value": "4"},
            {
                "measure_code": "DA02",
                "value": "25",
                "numerator": "10",
                "denominator": "40",
                "note": "checked",
            },
        ),
        by=force,
    )
    assert (result.status, result.created) == ("loaded", 3)
    batch = result.batch
    assert (batch.status, batch.rows, batch.uploaded_by) == ("loaded", 3, force)
    da02 = Observation.objects.get(measure__code="DA02")
    assert (da02.value, da02.numerator, da02.denominator, da02.note) == (25, 10, 40, "checked")
    assert da02.origin == Observation.Origin.FORCE and da02.values_batch == batch
    event = AuditEvent.objects.get(action="data.values_loaded")
    assert (event.actor, event.object_id, event.after["created"]) == (force, str(batch.pk), 3)


def test_any_error_rejects_the_whole_file_and_lists_every_error(demo_plan, force):
    result = load(
        demo_plan,
        csv_of(
            {},
            {"measure_code": "PUK01"},
            {"measure_code": "DA02", "value": "120"},
            {"period": "2026-01"},
            {"area": "north"},
            {"period": "2025-03", "value": "lots"},
            {},
        ),
        by=force,
    )
    assert result.status == "rejected"
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "measure_code"),
        (4, "value"),
        (5, "period"),
        (6, "area"),
        (7, "value"),
        (8, "measure_code"),
    ]
    assert Observation.objects.count() == 0
    batch = ValuesBatch.objects.get()
    assert batch.status == "rejected" and len(batch.errors) == 6
    assert batch.errors[0] == {
        "row": 3,
        "column": "measure_code",
        "reason": result.errors[0].reason,
    }
    event = AuditEvent.objects.get(action="data.values_rejected")
    assert event.after["errors"] == 6 and event.actor == force


def test_importing_the_same_values_again_is_a_no_op(demo_plan):
    data = csv_of({}, {"period": "2025-02", "value": "12"})
    first = load(demo_plan, data)
    again = load(demo_plan, data)
    assert again.status == "unchanged" and again.same_as == first.batch
    assert "No change" in again.lines()[0]
    assert ValuesBatch.objects.count() == 1
    assert AuditEvent.objects.filter(action__startswith="data.values").count() == 1


def test_a_later_file_replaces_the_same_cells_with_before_and_after(demo_plan, force):
    first = load(demo_plan, csv_of({}, {"period": "2025-02", "value": "12"}))
    later = load(demo_plan, csv_of({"value": "11", "note": "revised"}, {"period": "2025-02",
                 "value": "12"}), by=force)  # fmt: skip
    assert (later.created, later.replaced, later.unchanged) == (0, 1, 1)
    january = Observation.objects.get(period="2025-01")
    assert (january.value, january.note, january.values_batch) == (11, "revised", later.batch)
    assert Observation.objects.get(period="2025-02").values_batch == first.batch
    event = AuditEvent.objects.get(action="data.values_replaced")
    assert event.before["DA01 2025-01 force all"]["value"] == 10
    assert event.after["DA01 2025-01 force all"] == {
        "value": 11.0, "numerator": None, "denominator": None, "note": "revised",
        "values_batch": later.batch.pk,
    }  # fmt: skip


def test_sample_values_are_marked_as_such(demo_plan):
    result = import_values(
        data=csv_of({"note": "Sample data"}), file_name="s.csv", plan=demo_plan, by=None,
        is_sample=True, today=TODAY,
    )  # fmt: skip
    assert result.batch.is_sample
    assert Observation.objects.get().is_sample


def test_cli_template_fill_and_import_round_trip(demo_plan, tmp_path):
    template = tmp_path / "values.csv"
    assert run("import", "values", "--template", template)[0] == 0
    text = template.read_text()
    assert text.splitlines()[-1] == ",".join(COLUMN_NAMES)
    assert "DA02, percentage, force, Repeat victims of domestic abuse (%)" in text
    template.write_text(
        text + "DA02,2024-03,force,,30,30,100,\r\nYO01,2024-03,force,under-18,7,,,\r\n"
    )
    status, out, _ = run("import", "values", template)
    assert status == 0 and "2 new" in out
    assert Observation.objects.get(measure__code="YO01").breakdown == "age:under-18"
    status, out, _ = run("import", "values", template)
    assert status == 0 and "No change" in out


def test_cli_xlsx_template_round_trip(demo_plan, tmp_path):
    path = tmp_path / "values.xlsx"
    assert run("import", "values", "--template", path)[0] == 0
    book = openpyxl.load_workbook(path)
    assert "DA02" in [c.value for c in book["Measures"]["A"]]
    book["Values"].append(["HC01", "2024-05", "west", None, 5, None, None, "from the hub"])
    book.save(path)
    book.close()
    status, out, _ = run("import", "values", path)
    assert status == 0, out
    assert Observation.objects.get(measure__code="HC01").area == "west"


def test_cli_rejection_exits_non_zero_and_names_row_and_column(demo_plan, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_of({"value": "x"}))
    status, _, err = run("import", "values", path)
    assert status == 1
    assert "row 2, column value: 'x' is not a number" in err


def test_population_import(demo_plan, tmp_path, force):
    path = tmp_path / "population.csv"
    path.write_text("area,year,population,source\r\nforce,2024,600000,ONS\r\neast,2024,250000,\r\n")
    status, out, _ = run("import", "population", path)
    assert status == 0 and "2 new" in out
    assert Population.objects.get(area="east").source == "population.csv"
    path.write_text("area,year,population\r\nforce,2024,601000\r\n")
    result = import_population(data=path.read_bytes(), file_name="p.csv", plan=demo_plan, by=force)
    assert (result.created, result.updated) == (0, 1)
    assert Population.objects.get(area="force").population == 601000
    event = AuditEvent.objects.filter(action="data.population_imported").latest("id")
    assert (event.before, event.after) == ({"force 2024": 600000}, {"force 2024": 601000})


def test_population_errors_reject_the_whole_file(demo_plan, tmp_path):
    path = tmp_path / "population.csv"
    path.write_text(
        "area,year,population\r\nforce,2024,600000\r\nnowhere,2024,5\r\neast,20x4,-1\r\n"
        "force,2024,1\r\nwest,1850,2.5\r\n"
    )
    status, _, err = run("import", "population", path)
    assert status == 1
    for expected in (
        "row 3, column area: unknown area 'nowhere'",
        "row 4, column year: '20x4' is not a number",
        "row 4, column population: must be more than 0",
        "row 5, column area: duplicate of row 2",
        "row 6, column year: 1850 is outside",
        "row 6, column population: '2.5' is not a whole number",
    ):
        assert expected in err
    assert Population.objects.count() == 0


@pytest.mark.parametrize("args", [("import", "values"), ("import", "values", "missing.csv")])
def test_cli_needs_an_existing_file(demo_plan, args):
    assert run(*args)[0] != 0
