"""The one table reader and writer: CSV and Excel, row numbers, and the formula guard."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from oversight.core.tables import (
    FORMULA_START,
    Rejected,
    Sheet,
    guard,
    read_table,
    unguard,
    write_csv,
    write_xlsx,
)

COLUMNS = ("name", "amount")
# Text a spreadsheet could run, and text next to it that must come back exactly as it was.
AWKWARD = (
    "=cmd|' /C calc'!A0",
    "=SUM(A1)",
    "+44 1633 642000",
    "-minus",
    "@SUM(1+1)",
    "'quoted",
    "''twice",
    "'=already guarded by a person",
    "#N/A",
    'comma, "quotes" and £',
    "line one\nline two",
    "plain",
)


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def read(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    return read_table(data, filename, columns=COLUMNS, required=("name",)).rows


# -- the guard ---------------------------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_START)
def test_csv_text_starting_a_formula_gets_an_apostrophe(start):
    data = write_csv(COLUMNS, [[f"{start}1+1", 3]])
    assert csv_cells(data)[1] == [f"'{start}1+1", "3"]


@pytest.mark.parametrize("start", FORMULA_START)
def test_excel_text_starting_a_formula_is_a_guarded_string(start):
    sheet = workbook(write_xlsx([Sheet("S", COLUMNS, [[f"{start}1+1", 3]])]))["S"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == (f"'{start}1+1", "s")


def test_the_six_triggers_are_those_owasp_names():
    assert FORMULA_START == ("=", "+", "-", "@", "\t", "\r")


def test_text_that_cannot_start_a_formula_is_written_as_it_is():
    for text in ("plain", "", "a=b", "x-1", " =not at the start", "2025-04", "#N/A"):
        assert guard(text) == text
    data = write_csv(COLUMNS, [["a=b", "x-1"], ["", None]])
    assert data == b"name,amount\r\na=b,x-1\r\n,\r\n"


def test_an_apostrophe_is_doubled_so_the_guard_can_be_undone():
    assert guard("'quoted") == "''quoted"
    assert guard("=1+1") == "'=1+1"


def test_numbers_are_never_altered_negative_or_not():
    rows = [["minus five", -5], ["minus a half", -0.5], ["zero", 0], ["big", 1e21]]
    assert write_csv(COLUMNS, rows).splitlines()[1:] == [
        b"minus five,-5",
        b"minus a half,-0.5",
        b"zero,0",
        b"big,1e+21",
    ]
    sheet = workbook(write_xlsx([Sheet("S", COLUMNS, rows)]))["S"]
    assert [(c.value, c.data_type) for c in sheet["B"][1:]] == [
        (-5, "n"),
        (-0.5, "n"),
        (0, "n"),
        (1e21, "n"),
    ]


def test_excel_cells_are_never_formulas_or_error_codes():
    rows = [[text, text] for text in AWKWARD]
    book = workbook(write_xlsx([Sheet("S", COLUMNS, rows), Sheet("Notes", ("a", "b"), rows)]))
    types = {c.data_type for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert types == {"s"}


@pytest.mark.parametrize("text", [*AWKWARD, "\tindented", "\rreturn", "-"])
def test_unguard_undoes_guard(text):
    assert unguard(guard(text)) == text


def test_a_persons_own_apostrophe_is_kept():
    assert unguard("'hello") == "'hello"
    assert read(b"name\r\n'hello\r\n", "t.csv") == [(2, {"name": "'hello"})]


# -- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["t.csv", "t.xlsx"])
def test_write_then_read_is_lossless(filename):
    rows = [{"name": text, "amount": text} for text in AWKWARD]
    if filename.endswith(".csv"):
        data = write_csv(COLUMNS, rows, bom=True)
    else:
        data = write_xlsx([Sheet("S", COLUMNS, rows)])
    assert read(data, filename) == [(i + 2, row) for i, row in enumerate(rows)]


def test_a_guarded_cell_reads_back_even_after_a_person_edits_round_it(tmp_path):
    # Opened, one other cell changed, saved: the guarded cell still imports as written.
    book = workbook(write_xlsx([Sheet("S", COLUMNS, [["=cmd|' /C calc'!A0", 1]])]))
    book["S"]["B2"] = 2
    path = tmp_path / "edited.xlsx"
    book.save(path)
    assert read(path.read_bytes(), "edited.xlsx") == [
        (2, {"name": "=cmd|' /C calc'!A0", "amount": "2"})
    ]


# -- the CSV writer ----------------------------------------------------------------------------


def test_csv_has_crlf_lines_and_a_bom_only_when_asked():
    rows = [{"name": "Gwent", "amount": 3}]
    assert write_csv(COLUMNS, rows) == b"name,amount\r\nGwent,3\r\n"
    assert write_csv(COLUMNS, rows, bom=True) == b"\xef\xbb\xbfname,amount\r\nGwent,3\r\n"


def test_csv_rows_may_be_mappings_with_cells_left_out():
    assert write_csv(COLUMNS, [{"amount": 1}]) == b"name,amount\r\n,1\r\n"


def test_csv_notes_come_first_and_are_skipped_on_reading():
    data = write_csv(COLUMNS, [["a", 1]], notes=['Columns: name, "amount"', "two\nlines"])
    assert data.decode().splitlines()[:2] == ["# Columns: name, 'amount'", "# two lines"]
    assert read(data, "t.csv") == [(4, {"name": "a", "amount": "1"})]


# -- the Excel writer --------------------------------------------------------------------------


def test_excel_sheets_keep_their_order_and_layout():
    sheets = [
        Sheet(
            "Values",
            ("code", "period"),
            [["A1", "2025-04"]],
            bold_header=True,
            text_columns=("period",),
            widths={"period": 14},
            freeze="B2",
        ),
        Sheet("Notes", ("Column", "What goes in it"), [["code", "the code"], [], ["Rules", "x"]]),
    ]
    book = workbook(write_xlsx(sheets))
    assert book.sheetnames == ["Values", "Notes"]
    values, notes = book["Values"], book["Notes"]
    assert values["A1"].font.b and not notes["A1"].font.b
    assert values.column_dimensions["B"].width == 14
    assert values.column_dimensions["B"].number_format == "@"
    assert values.freeze_panes == "B2"
    assert [[c.value for c in row] for row in notes.iter_rows()] == [
        ["Column", "What goes in it"],
        ["code", "the code"],
        [None, None],
        ["Rules", "x"],
    ]


# -- the reader --------------------------------------------------------------------------------


def test_rows_keep_their_numbers_in_the_file():
    data = b"# a note\r\n\r\nName,Amount\r\nx,1\r\n,\r\ny,\r\n"
    table = read_table(data, "t.csv", columns=COLUMNS, required=("name",))
    assert table.header_row == 3
    assert table.rows == [(4, {"name": "x", "amount": "1"}), (6, {"name": "y", "amount": ""})]


def test_every_header_problem_is_listed():
    data = b"amount,colour,amount,\r\n1,red,2,stray\r\n"
    with pytest.raises(Rejected) as info:
        read(data, "t.csv")
    assert [(e.row, e.column, e.reason.split(" (")[0]) for e in info.value.errors] == [
        (1, "name", "required column is missing"),
        (1, "colour", "unknown column"),
        (1, "amount", "the column appears twice"),
        (1, "#4", "a column with no name"),
    ]
    assert str(info.value) == "4 problem(s); nothing was imported"


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "t.csv", "the file has no header row"),
        (b"\xff\xfe", "t.csv", "not UTF-8 text"),
        (b"not a zip", "t.xlsx", "not a readable .xlsx file"),
        (b"name", "t.txt", "t.txt: use a .csv or .xlsx file"),
    ],
)
def test_an_unreadable_file_is_rejected_with_the_reason(data, filename, reason):
    with pytest.raises(Rejected) as info:
        read(data, filename)
    (error,) = info.value.errors
    assert (error.row, error.column) == (1, "-") and error.reason.startswith(reason)


def test_excel_reads_the_named_sheet_and_cells_as_typed_text():
    book = openpyxl.Workbook()
    book.active.append(["other"])
    sheet = book.create_sheet("Wanted")
    sheet.append(["name", "amount"])
    sheet.append([dt.datetime(2025, 6, 1), 12.0])
    sheet.append([True, 2.5])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "t.xlsx", columns=COLUMNS, required=(), sheet="Wanted")
    assert table.rows == [
        (2, {"name": "2025-06-01", "amount": "12"}),
        (3, {"name": "yes", "amount": "2.5"}),
    ]
