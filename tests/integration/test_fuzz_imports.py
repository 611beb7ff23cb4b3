"""Fuzzing every importer: whatever bytes it is given, it imports them or rejects them.

Each test starts from a real file (the demo's police.uk extract, or a values, population or
roadmap file built as the exports write them, as CSV and as Excel), mutates it (truncation,
inserted or replaced bytes, NUL bytes, a line past the limit, a repeated stretch, or random
bytes instead) and hands it to the importer. The importer must either import it or reject it
with a message; it must never raise anything else, and a rejected file must leave no row of
it behind, in the database or in the warehouse.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import tempfile
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import oversight
from oversight.core.tables import MAX_LINE_CHARS, Rejected, Sheet, write_xlsx
from oversight.data import population as population_module
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Observation, Population, ValuesBatch
from oversight.data.policeuk import MAX_LINE_BYTES
from oversight.data.policeuk_load import FileStatus
from oversight.data.values_import import REJECTED, import_values
from oversight.data.values_rows import COLUMN_NAMES as VALUE_COLUMNS
from oversight.data.values_rows import to_csv as values_csv
from oversight.data.warehouse import Warehouse
from oversight.roadmap.demo import load as load_roadmap
from oversight.roadmap.models import Activity, Milestone
from oversight.roadmap.rows import export_rows, load_table, to_csv, to_xlsx
from oversight.roadmap.services import import_table

DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"
TODAY = dt.date(2025, 7, 15)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

pytestmark = pytest.mark.django_db


# -- mutations -------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, base: bytes, long_line: int) -> bytes:
    """Return `base` changed in up to three ways, or random bytes instead of it."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=400))
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        kind = draw(
            st.sampled_from(["truncate", "insert", "nul", "replace", "long", "repeat", "newline"])
        )
        if kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "nul":
            data[at:at] = b"\0"
        elif kind == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "long":
            data[at:at] = b"x" * (long_line + draw(st.integers(1, 16)))
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(2, 5))
        elif kind == "newline":
            data[at:at] = draw(st.sampled_from([b"\n", b"\r\n", b"\r", b",", b'"']))
    return bytes(data)


def mutated_xlsx(base: bytes) -> st.SearchStrategy[bytes]:
    """Return a workbook with its sheet's XML mutated (so openpyxl parses it), or its bytes."""

    def rebuild(sheet_xml: bytes) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(base))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in source.namelist():
                part = source.read(name)
                archive.writestr(name, sheet_xml if name == "xl/worksheets/sheet1.xml" else part)
        return out.getvalue()

    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml")
    return st.one_of(mutated(sheet, 100).map(rebuild), mutated(base, 100))


def table_file(csv_data: bytes, xlsx_data: bytes) -> st.SearchStrategy[tuple[bytes, str]]:
    """Return a mutated CSV or Excel file, with its name."""
    return st.one_of(
        mutated(csv_data, MAX_LINE_CHARS).map(lambda d: (d, "file.csv")),
        mutated_xlsx(xlsx_data).map(lambda d: (d, "file.xlsx")),
    )


def assert_has_reasons(errors: list) -> None:
    assert errors
    assert all(str(e.reason).strip() for e in errors)


# -- force-supplied values -------------------------------------------------------------------


def values_file() -> tuple[bytes, bytes]:
    rows = [
        dict.fromkeys(VALUE_COLUMNS, "")
        | {"measure_code": "DA01", "period": "2025-01", "area": "force", "value": "10"},
        dict.fromkeys(VALUE_COLUMNS, "")
        | {"measure_code": "DA01", "period": "2025-01", "area": "east", "value": "4"},
        dict.fromkeys(VALUE_COLUMNS, "")
        | {
            "measure_code": "DA02",
            "period": "2025-02",
            "area": "force",
            "value": "25",
            "numerator": "10",
            "denominator": "40",
            "note": "checked",
        },
    ]
    xlsx = write_xlsx([Sheet("Values", VALUE_COLUMNS, rows)])
    return values_csv(rows), xlsx


@FUZZ
@given(case=table_file(*values_file()))
def test_values_import_loads_or_rejects_whatever_it_is_given(demo_plan, case):
    data, name = case
    observations, batches = Observation.objects.count(), ValuesBatch.objects.count()
    result = import_values(data=data, file_name=name, plan=demo_plan, by=None, today=TODAY)
    event(f"{name}: {result.status}")
    if result.status == REJECTED:
        assert_has_reasons(result.errors)
        assert Observation.objects.count() == observations
        assert ValuesBatch.objects.count() == batches + 1  # the rejection, with its errors
    else:
        assert Observation.objects.count() == observations + result.created


# -- population ------------------------------------------------------------------------------


def population_file() -> tuple[bytes, bytes]:
    rows = [["force", 2024, 600000, "ONS"], ["east", 2024, 250000, ""], ["west", 2023, 1, "x"]]
    csv_data = b"area,year,population,source\r\n" + b"".join(
        ",".join(str(c) for c in r).encode() + b"\r\n" for r in rows
    )
    columns = ("area", "year", "population", "source")
    return csv_data, write_xlsx([Sheet("Population", columns, rows)])


@FUZZ
@given(case=table_file(*population_file()))
def test_population_import_loads_or_rejects_whatever_it_is_given(demo_plan, case):
    data, name = case
    before = Population.objects.count()
    result = population_module.import_population(data=data, file_name=name, plan=demo_plan, by=None)
    event(f"{name}: {'rejected' if result.errors else 'imported'}")
    if result.errors:
        assert_has_reasons(result.errors)
        assert Population.objects.count() == before
    else:
        assert Population.objects.count() == before + result.created


# -- roadmap ---------------------------------------------------------------------------------


@pytest.fixture
def roadmap(demo_plan):
    load_roadmap(stdout=StringIO())
    rows = export_rows(demo_plan)[:4]
    return demo_plan, to_csv(rows), to_xlsx(rows)


def roadmap_state(plan) -> tuple:
    return export_rows(plan), Activity.objects.count(), Milestone.objects.count()


@FUZZ
@given(data=st.data())
def test_roadmap_import_loads_or_rejects_whatever_it_is_given(roadmap, data):
    plan, csv_data, xlsx_data = roadmap
    content, name = data.draw(table_file(csv_data, xlsx_data))
    before = roadmap_state(plan)
    try:
        result = import_table(plan=plan, table=load_table(content, name), by=None)
    except Rejected as exc:
        event(f"{name}: rejected")
        assert_has_reasons(exc.errors)
        assert roadmap_state(plan) == before
        return
    event(f"{name}: imported")
    assert Activity.objects.count() == before[1] + len(result.created)


# -- police.uk -------------------------------------------------------------------------------


def police_lines() -> bytes:
    """Return the start of a real street file: its header and 60 rows."""
    with gzip.open(DEMO / "2022-09" / "2022-09-gwent-street.csv.gz", "rb") as f:
        return b"".join(f.readline() for _ in range(61))


def packed(content: bytes, form: str, cut: int) -> tuple[str, bytes]:
    """Return a file name and the content as a plain, gzip or zip file; `cut` truncates it."""
    name = "2022-09-gwent-street.csv"
    if form == "csv":
        return name, content
    if form == "gz":
        return name + ".gz", gzip.compress(content, mtime=0)
    if form == "gz-cut":
        data = gzip.compress(content, mtime=0)
        return name + ".gz", data[: max(1, len(data) * cut // 100)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"2022-09/{name}", content)
    data = buffer.getvalue()
    return "2022-09.zip", data if form == "zip" else data[: max(1, len(data) * cut // 100)]


@settings(FUZZ, max_examples=30)  # each example makes a warehouse: some 0.2 s
@given(
    content=mutated(police_lines(), MAX_LINE_BYTES),
    form=st.sampled_from(["csv", "gz", "gz-cut", "zip", "zip-cut"]),
    cut=st.integers(1, 99),
)
def test_police_uk_import_loads_or_rejects_whatever_it_is_given(content, form, cut):
    with tempfile.TemporaryDirectory() as tmp:
        incoming = Path(tmp) / "incoming"
        incoming.mkdir()
        good = DEMO / "2022-08" / "2022-08-gwent-street.csv.gz"
        (incoming / good.name).write_bytes(good.read_bytes())
        name, data = packed(content, form, cut)
        (incoming / name).write_bytes(data)
        path = Path(tmp) / "warehouse.duckdb"

        report = import_police_uk([incoming], warehouse_path=path, quiet=True)

        with Warehouse(path) as warehouse:
            rows = warehouse.total_rows("street")
            loaded = {b.id: b.rows for b in warehouse.batches(status="loaded")}
            stored = dict(
                warehouse.connection.execute(
                    "SELECT batch_id, count(*) FROM street_rows GROUP BY ALL"
                ).fetchall()
            )
    event(f"{form}: {sorted(r.status for r in report.results)}")
    # The good file always loads beside whatever became of the other.
    assert any(r.file.file_name == good.name and r.status == "loaded" for r in report.results)
    for result in report.rejected:
        assert result.error
    # Nothing of a rejected file is kept: every stored row belongs to a loaded batch.
    assert stored == {k: v for k, v in loaded.items() if v}
    assert rows == sum(loaded.values()) == report.rows_loaded
    assert {r.status for r in report.results} <= {FileStatus.LOADED, FileStatus.REJECTED}
