"""Tables in and out: the one reader and the one writer of CSV and Excel files.

Every import reads its file with `read_table`, so every import reports problems the same way:
a row number as the spreadsheet shows it (the header is usually row 1), a column name and a
reason. Rows whose first cell starts with "#" before the header are notes and are skipped, so
a CSV template can carry its documentation. Every export writes its file with `write_csv` or
`write_xlsx`. Nothing here imports Django.

The formula guard. A spreadsheet runs a cell whose text starts with "=", "+", "-" or "@" as a
formula, and some do so after a leading tab or carriage return, so a roadmap title such as
`=cmd|' /C calc'!A0` or `=HYPERLINK(...)` in an exported file could run a program or send the
sheet's data away when someone opens it (CSV injection). The writer therefore follows OWASP's
advice for every export, the public open data included:

- a text cell that starts with "=", "+", "-", "@", a tab or a carriage return is written with
  an apostrophe in front ("'=SUM(A1)"), which a spreadsheet shows as text;
- a text cell that already starts with an apostrophe gets one more, so that the guard can be
  undone exactly (below);
- in Excel the guarded text is also a string cell (never a formula, never an error code such
  as "#N/A"): the cell type alone protects the workbook, the apostrophe protects the CSV that
  someone saves from it;
- numbers (int and float) are written as they are: -5 is a number, not a formula. Only text
  is guarded, so an export that has numbers passes them as numbers.

The reader undoes the guard: a cell that starts with an apostrophe loses it when the rest
would have been guarded (it starts with one of the six characters or an apostrophe). Export
then import therefore gives back the same text, and a person's own "'hello" stays as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Windows line ends: what RFC 4180 and Excel expect of a CSV file.
CRLF = "\r\n"

Cell = str | int | float | None
Row = Sequence[Cell] | Mapping[str, Cell]


# -- the guard ---------------------------------------------------------------------------------


def guard(text: str) -> str:
    """Return text a spreadsheet will show, not run: "'" in front if it could start a formula."""
    return QUOTE + text if text.startswith((*FORMULA_START, QUOTE)) else text


def unguard(text: str) -> str:
    """Return the text `guard` was given: one leading "'" removed where `guard` added it."""
    if text.startswith(QUOTE) and text[1:].startswith((*FORMULA_START, QUOTE)):
        return text[1:]
    return text


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """A problem with one cell, or with a whole row or file (column "-")."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class Rejected(Exception):
    """The file was rejected whole; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s); nothing was imported")


@dataclass(frozen=True)
class Table:
    """The header and data rows of a file; each row keeps its number in the file."""

    header_row: int
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def read_table(
    data: bytes,
    filename: str,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    sheet: str | None = None,
) -> Table:
    """Return the rows of a .csv or .xlsx file by column name; Rejected if it cannot be used.

    Header names are matched case-insensitively; an unknown or missing required column
    rejects the file. Wholly blank rows are skipped. Cells are stripped, and the writer's
    formula guard is undone, so an exported file reads back as it was written.
    """
    raw = _raw_rows(data, filename, sheet)
    numbered = [(i + 1, [unguard(c) for c in r]) for i, r in enumerate(raw)]
    # Leading notes ("# ...") and blank lines come before the header.
    while numbered and (not any(c.strip() for c in numbered[0][1]) or _is_note(numbered[0][1])):
        numbered.pop(0)
    if not numbered:
        raise Rejected([RowError(1, "-", "the file has no header row")])
    header_row, header_cells = numbered[0]
    header = [h.strip().lower() for h in header_cells]
    errors = [
        RowError(header_row, name, "required column is missing")
        for name in required
        if name not in header
    ]
    seen: set[str] = set()
    for i, name in enumerate(header):
        if not name:
            if any(len(r) > i and r[i].strip() for _, r in numbered[1:]):
                errors.append(RowError(header_row, f"#{i + 1}", "a column with no name"))
            continue
        if name not in columns:
            errors.append(
                RowError(header_row, name, f"unknown column (expected: {', '.join(columns)})")
            )
        elif name in seen:
            errors.append(RowError(header_row, name, "the column appears twice"))
        seen.add(name)
    if errors:
        raise Rejected(errors)
    rows = [
        (
            number,
            {name: (r[i].strip() if i < len(r) else "") for i, name in enumerate(header) if name},
        )
        for number, r in numbered[1:]
        if any(c.strip() for c in r)
    ]
    return Table(header_row=header_row, header=header, rows=rows)


def _is_note(cells: list[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith("#")


def _raw_rows(data: bytes, filename: str, sheet: str | None) -> list[list[str]]:
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Rejected([RowError(1, "-", f"not UTF-8 text: {exc.reason}")]) from exc
        try:
            return list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise Rejected([RowError(1, "-", f"not a readable CSV file: {exc}")]) from exc
    if suffix == ".xlsx":
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a broken file
            raise Rejected([RowError(1, "-", f"not a readable .xlsx file: {exc}")]) from exc
        try:
            ws = book[sheet] if sheet and sheet in book.sheetnames else book.worksheets[0]
            return [[cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
        finally:
            book.close()
    raise Rejected([RowError(1, "-", f"{filename}: use a .csv or .xlsx file")])


def cell_text(value: object) -> str:
    """Return a spreadsheet cell as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_number(text: str) -> float:
    """Return the number in a cell ("12", "12.5", "1e3"); ValueError if it is not one."""
    value = float(text.replace(" ", ""))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


# -- writing -----------------------------------------------------------------------------------


def _cells(row: Row, columns: Sequence[str]) -> list[Cell]:
    """Return a row's cells in column order; a mapping is read by column name."""
    if isinstance(row, Mapping):
        return [row.get(name) for name in columns]
    return list(row)


def _safe(value: Cell) -> Cell:
    return guard(value) if isinstance(value, str) else value


def write_csv(
    columns: Sequence[str],
    rows: Iterable[Row],
    *,
    notes: Sequence[str] = (),
    bom: bool = False,
) -> bytes:
    """Return a UTF-8 CSV file: note lines, the header, then the rows, every text cell guarded.

    Lines end CRLF. Each note becomes a line "# note" before the header, written as it is so
    that a spreadsheet shows it whole; `read_table` skips it. `bom` starts the file with a
    byte-order mark, which Excel needs to read it as UTF-8 rather than the system code page.
    None is an empty cell.
    """
    buffer = io.StringIO(newline="")
    for note in notes:
        # A '"' would open a quoted field that runs on to the next line.
        buffer.write("# " + " ".join(note.replace('"', "'").splitlines()) + CRLF)
    writer = csv.writer(buffer, lineterminator=CRLF)
    writer.writerow([_safe(name) for name in columns])
    for row in rows:
        writer.writerow(["" if v is None else _safe(v) for v in _cells(row, columns)])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class Sheet:
    """One worksheet to write: its title, header and rows, and how it is laid out."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Row] = ()
    bold_header: bool = False
    # Column widths in characters, by column name.
    widths: Mapping[str, float] = field(default_factory=dict)
    # Columns formatted as text, so Excel keeps a typed "2025-04" rather than make it a date.
    text_columns: Sequence[str] = ()
    # The first cell that scrolls, e.g. "B2" keeps the header and the first column in view.
    freeze: str | None = None


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Return an Excel workbook of the sheets in order, every text cell a guarded string."""
    book = openpyxl.Workbook()
    for i, sheet in enumerate(sheets):
        ws = book.active if i == 0 else book.create_sheet()
        ws.title = sheet.title
        _write_sheet(ws, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(ws: Any, sheet: Sheet) -> None:
    ws.append([_safe(name) for name in sheet.columns])
    for row in sheet.rows:
        ws.append([_safe(v) for v in _cells(row, sheet.columns)])
    for cells in ws.iter_rows():
        for cell in cells:
            # openpyxl would make "=..." a formula and "#N/A" an error: text stays text.
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING
    if sheet.bold_header:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(sheet.columns)}
    for name in sheet.text_columns:
        ws.column_dimensions[letters[name]].number_format = "@"
    for name, width in sheet.widths.items():
        ws.column_dimensions[letters[name]].width = width
    if sheet.freeze:
        ws.freeze_panes = sheet.freeze
