"""Checking force-supplied values files row by row, without a database."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from oversight.core.tables import Rejected
from oversight.data.values_rows import (
    COLUMN_NAMES,
    Catalogue,
    MeasureInfo,
    check_file,
    template_csv,
    template_xlsx,
    to_csv,
)

CATALOGUE = Catalogue(
    measures={
        "DA01": MeasureInfo("DA01", "Domestic abuse", "count", "force-supplied", ("force", "bcu")),
        "DA02": MeasureInfo("DA02", "Repeat victims", "percentage", "force-supplied", ("force",)),
        "YO03": MeasureInfo(
            "YO03", "Reoffending", "percentage", "force-supplied", ("force", "age_band")
        ),
        "RC02": MeasureInfo("RC02", "101 answer time", "duration", "force-supplied", ("force",)),
        "PUK01": MeasureInfo("PUK01", "All crime", "count", "police-uk", ("force", "bcu")),
    },
    bcus=("east", "west"),
    today=dt.date(2025, 7, 15),
)


def row(**cells: str) -> dict[str, str]:
    base = {"measure_code": "DA01", "period": "2025-01", "area": "force", "value": "10"}
    return dict.fromkeys(COLUMN_NAMES, "") | base | cells


def check(*rows: dict[str, str]) -> list:
    return check_file(to_csv(list(rows)), "values.csv", CATALOGUE)


def problems(*rows: dict[str, str]) -> list[tuple[int, str, str]]:
    with pytest.raises(Rejected) as info:
        check(*rows)
    return [(e.row, e.column, e.reason) for e in info.value.errors]


def test_a_good_file_gives_its_rows():
    rows = check(
        row(),
        row(area="east", value="4"),
        row(measure_code="DA02", value="33.3", numerator="100", denominator="300"),
        row(measure_code="YO03", breakdown="under-18", value="40"),
        row(measure_code="RC02", value="95.5", numerator="9550", denominator="100"),
    )
    assert [r.row for r in rows] == [2, 3, 4, 5, 6]
    assert rows[1].area == "east"
    assert (rows[2].numerator, rows[2].denominator) == (100, 300)
    assert rows[3].breakdown == "age:under-18"


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"measure_code": "XX01"}, "measure_code", "unknown measure 'XX01'"),
        ({"measure_code": "PUK01"}, "measure_code", "is a police.uk measure"),
        ({"period": "2025-13"}, "period", "is not a month"),
        ({"period": "Jan 2025"}, "period", "is not a month"),
        ({"period": "2025-08"}, "period", "is in the future"),
        ({"period": "2025-07"}, "period", "has not ended yet"),
        ({"area": "north"}, "area", "unknown area 'north'"),
        ({"measure_code": "DA02", "area": "east"}, "area", "has no BCU breakdown"),
        ({"breakdown": "teens"}, "breakdown", "unknown breakdown"),
        ({"breakdown": "under-18"}, "breakdown", "has no age-band breakdown"),
        ({"value": "ten"}, "value", "'ten' is not a number"),
        ({"value": ""}, "value", "required"),
        ({"value": "-3"}, "value", "cannot be negative"),
        ({"value": "2.5"}, "value", "a count is a whole number"),
        ({"measure_code": "DA02", "value": "101"}, "value", "a percentage runs from 0 to 100"),
        ({"measure_code": "DA02", "value": "-1"}, "value", "a percentage runs from 0 to 100"),
        (
            {"measure_code": "DA02", "value": "40", "numerator": "50", "denominator": "40"},
            "numerator",
            "is more than the denominator",
        ),
        (
            {"measure_code": "DA02", "value": "40", "numerator": "10", "denominator": "40"},
            "value",
            "does not match numerator / denominator x 100 = 25.0%",
        ),
        ({"numerator": "4"}, "denominator", "give numerator and denominator together"),
        ({"numerator": "x", "denominator": "4"}, "numerator", "'x' is not a number"),
        ({"numerator": "0", "denominator": "0"}, "denominator", "must be more than 0"),
    ],
)
def test_each_problem_is_named_by_row_and_column(cells, column, reason):
    found = problems(row(), row(**cells))
    assert any(r == 3 and c == column and reason in why for r, c, why in found), found


def test_every_problem_in_the_file_is_listed():
    found = problems(
        row(measure_code="XX01", period="2025-13", area="north", value="abc"),
        row(),
        row(),  # duplicate of row 3
    )
    assert [(r, c) for r, c, _ in found] == [
        (2, "measure_code"),
        (2, "period"),
        (2, "area"),
        (2, "value"),
        (4, "measure_code"),
    ]
    assert "duplicate of row 3" in found[-1][2]


def test_a_percentage_may_be_computed_from_numerator_and_denominator():
    (only,) = check(row(measure_code="DA02", value="", numerator="1", denominator="3"))
    assert only.value == 33.33


def test_a_note_that_looks_like_a_formula_is_guarded_and_reads_back():
    data = to_csv([row(note='=HYPERLINK("http://x")')])
    assert b"'=HYPERLINK" in data
    (only,) = check_file(data, "values.csv", CATALOGUE)
    assert only.note == '=HYPERLINK("http://x")'


def test_the_header_must_name_the_required_columns():
    with pytest.raises(Rejected) as info:
        check_file(
            b"measure_code,period,value,colour\r\nDA01,2025-01,3,red\r\n", "v.csv", CATALOGUE
        )
    assert [(e.row, e.column) for e in info.value.errors] == [(1, "area"), (1, "colour")]


def test_an_empty_file_or_other_format_is_rejected():
    with pytest.raises(Rejected, match="1 problem"):
        check_file(",".join(COLUMN_NAMES).encode(), "v.csv", CATALOGUE)
    with pytest.raises(Rejected) as info:
        check_file(b"x", "values.txt", CATALOGUE)
    assert "use a .csv or .xlsx file" in info.value.errors[0].reason


def test_csv_template_round_trip():
    template = template_csv(CATALOGUE).decode()
    assert "DA02, percentage, force, Repeat victims" in template
    filled = template + "DA02,2025-06,force,,25,1,4,checked\r\nDA01,2025-06,west,,7,,,\r\n"
    rows = check_file(filled.encode(), "filled.csv", CATALOGUE)
    lines = template.count("\r\n")
    assert [(r.row, r.measure_code, r.value) for r in rows] == [
        (lines + 1, "DA02", 25.0),
        (lines + 2, "DA01", 7.0),
    ]


def test_xlsx_template_round_trip_with_a_date_typed_period():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(CATALOGUE)))
    assert book.sheetnames == ["Values", "Notes", "Measures"]
    sheet = book["Values"]
    assert [c.value for c in sheet[1]] == list(COLUMN_NAMES)
    # Excel turns a typed "2025-06" into a date; the check reads it back as the month.
    sheet.append(["YO03", dt.datetime(2025, 6, 1), "force", "18-and-over", 30, 3, 10, None])
    buffer = io.BytesIO()
    book.save(buffer)
    (only,) = check_file(buffer.getvalue(), "filled.xlsx", CATALOGUE)
    assert (only.period, only.breakdown, only.value) == ("2025-06", "age:18-and-over", 30.0)
