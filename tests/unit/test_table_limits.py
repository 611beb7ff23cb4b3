"""The table reader's limits: what no CSV or Excel file may pass, and how it is refused."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from oversight.core import tables
from oversight.core.tables import Rejected, RowError, length_error, read_table

COLUMNS = ("name", "amount")


def read(data: bytes, filename: str = "t.csv") -> list[tuple[int, dict[str, str]]]:
    return read_table(data, filename, columns=COLUMNS, required=("name",)).rows


def refusal(data: bytes, filename: str = "t.csv") -> list[tuple[int, str, str]]:
    with pytest.raises(Rejected) as info:
        read(data, filename)
    return [(e.row, e.column, e.reason) for e in info.value.errors]


def workbook(*rows: list) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    return book


def xlsx(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    """Return the workbook with its sheet claiming another dimension (the XML edited)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            part = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                part = re.sub(
                    rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), part
                )
                assert ref.encode() in part
            archive.writestr(name, part)
    return out.getvalue()


def test_an_xlsx_whose_dimension_claims_the_whole_sheet_reads_only_its_cells():
    data = with_dimension(xlsx(workbook(["name", "amount"], ["a", 1])), "A1:XFD1048576")
    assert len(data) < 10_000
    assert read(data, "t.xlsx") == [(2, {"name": "a", "amount": "1"})]


def test_an_xlsx_with_a_value_at_the_last_cell_of_the_sheet_is_refused():
    book = workbook(["name", "amount"], ["a", 1])
    book.active["XFD1048576"] = "x"
    [(row, column, reason)] = refusal(xlsx(book), "t.xlsx")
    assert (row, column) == (1_048_576, "-")
    assert reason == f"a value in column 16384, past the limit of {tables.MAX_COLUMNS}"


def test_rows_a_sheet_skips_are_not_counted_but_keep_the_numbering(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 100)
    book = workbook(["name", "amount"], ["a", 1])
    book.active["A5000"] = "far"
    assert read(xlsx(book), "t.xlsx") == [
        (2, {"name": "a", "amount": "1"}),
        (5000, {"name": "far", "amount": ""}),
    ]


def test_an_xlsx_with_more_rows_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    [(row, _, reason)] = refusal(xlsx(workbook(*[[f"n{i}", i] for i in range(20)])), "t.xlsx")
    assert (row, reason) == (11, "the sheet has more than 10 rows")


def test_a_row_numbered_past_excels_last_is_refused_unread():
    data = xlsx(workbook(["name", "amount"], ["a", 1]))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            part = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                part = (
                    part.replace(b'<row r="2"', b'<row r="999999999"')
                    .replace(b'r="A2"', b'r="A999999999"')
                    .replace(b'r="B2"', b'r="B999999999"')
                )
            archive.writestr(name, part)
    [(row, _, reason)] = refusal(out.getvalue(), "t.xlsx")
    assert (row, reason) == (1_048_577, "a row past 1,048,576, the last row Excel has")


def test_an_xlsx_with_more_cells_than_the_limit_is_refused_before_openpyxl_reads_it(
    monkeypatch,
):
    monkeypatch.setattr(tables, "MAX_CELLS", 50)
    data = xlsx(workbook(["name", "amount"], *[[f"n{i}", i] for i in range(40)]))
    [(row, _, reason)] = refusal(data, "t.xlsx")
    assert (row, reason) == (26, "the file has more than 50 cells")


def test_an_xlsx_row_wider_than_excel_allows_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "EXCEL_COLUMNS", 10)
    [(row, _, reason)] = refusal(
        xlsx(workbook(["name", "amount", *[""] * 3], ["a"] * 11)), "t.xlsx"
    )
    assert (row, reason) == (2, "the row has more than 10 cells")


def test_an_xlsx_that_unpacks_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_EXPANDED_BYTES", 20_000)
    data = xlsx(workbook(["name", "amount"], *[["x" * 100, i] for i in range(200)]))
    [(row, _, reason)] = refusal(data, "t.xlsx")
    assert row == 1
    assert re.fullmatch(r"the workbook unpacks to [\d.]+ MB, more than the limit of 0.0 MB", reason)


def test_a_broken_sheet_inside_a_good_zip_is_refused_not_raised():
    data = xlsx(workbook(["name", "amount"], ["a", 1]))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            part = source.read(name)
            archive.writestr(name, part[:-40] if name == "xl/worksheets/sheet1.xml" else part)
    [(_, column, reason)] = refusal(out.getvalue(), "t.xlsx")
    assert column == "-"
    assert reason.startswith("not a readable .xlsx file")


def test_a_file_larger_than_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 100)
    assert refusal(b"name,amount\r\n" + b"a,1\r\n" * 30) == [
        (1, "-", "the file is 0.0 MB, more than the limit of 0.0 MB")
    ]


def test_a_csv_line_longer_than_the_limit_is_refused_with_its_line(monkeypatch):
    monkeypatch.setattr(tables, "MAX_LINE_CHARS", 50)
    data = b"name,amount\r\na,1\r\n" + b"b," + b"9" * 60 + b"\r\n"
    assert refusal(data) == [(3, "-", "line 3 is longer than 50 characters")]


def test_a_csv_with_more_rows_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    assert refusal(b"name,amount\r\n" + b"a,1\r\n" * 20) == [
        (11, "-", "the file has more than 10 rows")
    ]


def test_a_csv_row_wider_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_COLUMNS", 4)
    assert refusal(b"name,amount\r\na,1,2,3,4\r\n") == [(2, "-", "the row has more than 4 columns")]


def test_trailing_blank_cells_do_not_count_towards_the_column_limit(monkeypatch):
    monkeypatch.setattr(tables, "MAX_COLUMNS", 4)
    assert read(b"name,amount,,,,,,\r\na,1,,,,,,,,,\r\n") == [(2, {"name": "a", "amount": "1"})]


def test_a_value_past_the_header_is_a_column_with_no_name():
    assert refusal(b"name,amount\r\na,1,stray\r\n") == [(1, "#3", "a column with no name")]


def test_a_cell_longer_than_excel_allows_is_refused_with_its_row_and_column():
    long = "x" * (tables.MAX_CELL_CHARS + 1)
    assert refusal(f"name,amount\r\n{long},1\r\n".encode()) == [
        (2, "name", f"longer than 32,767 characters ({tables.MAX_CELL_CHARS + 1:,})")
    ]


def test_a_nul_character_is_refused_with_its_row_and_column():
    assert refusal(b"name,amount\r\na,1\r\nb\x00c,2\r\n") == [
        (3, "name", "holds a NUL character (byte 0), which no text may contain")
    ]


def test_an_xlsx_cannot_carry_a_nul_character_and_is_refused_if_it_tries():
    data = xlsx(workbook(["name", "amount"], ["bXc", 2]))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name).replace(b"bXc", b"b&#0;c"))
    [(_, _, reason)] = refusal(out.getvalue(), "t.xlsx")
    assert reason.startswith("not a readable .xlsx file")


def test_a_nul_character_in_the_header_is_named_by_position():
    assert refusal(b"name,am\x00ount\r\na,1\r\n") == [
        (1, "#2", "holds a NUL character (byte 0), which no text may contain")
    ]


def test_bytes_that_are_not_utf8_are_refused_naming_the_line():
    [(row, column, reason)] = refusal(b"name,amount\r\na,1\r\nb\xff,2\r\n")
    assert (row, column) == (3, "-")
    assert reason.startswith("not UTF-8 text: byte 0xff at character 2 of line 3")
    assert reason.endswith("save the file as CSV UTF-8")


def test_a_csv_the_csv_module_cannot_read_is_refused_with_its_line():
    [(row, _, reason)] = refusal(b'name,amount\r\na,1\r\n"b' + b"x" * 200_000 + b'",2\r\n')
    assert row == 3
    assert reason.startswith("not a readable CSV file: field larger than field limit")


def test_length_error_names_the_row_column_and_limit():
    assert length_error(4, "ref", "R" * 31, 30) == RowError(
        4, "ref", "longer than 30 characters (31)"
    )
    assert length_error(4, "ref", "R" * 30, 30) is None
    assert length_error(4, "note", "x" * 10_000, None) is None
