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
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

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

# Limits on what `read_table` reads, so that no file (an upload, or one given on the command
# line) can take more than some tens of MB of memory or a second or two: the file is refused,
# with the row and the reason, as soon as it passes one. An .xlsx is a zip of XML parts, so a
# few KB can claim or hold a sheet of millions of cells; its parts' sizes and the sheet's rows
# and cells are checked before openpyxl reads a row, and the dimension the sheet declares is
# never used. The largest real files are far inside these (a values file of five years of
# every force-supplied measure by BCU and age band is some 30,000 rows).
MAX_FILE_BYTES = 16 * 1024 * 1024  # the file as given
MAX_EXPANDED_BYTES = 32 * 1024 * 1024  # an .xlsx unpacked: every part, as its zip entry says
MAX_ROWS = 100_000  # rows, or CSV records, notes and the header included
MAX_COLUMNS = 64  # cells in a row, up to its last non-blank one
MAX_CELLS = 1_000_000  # cells read, in all rows (shared strings of an .xlsx included)
MAX_CELL_CHARS = 32_767  # characters in a cell: Excel's own limit
MAX_LINE_CHARS = 1024 * 1024  # characters in a line of a CSV file
# Excel's own width: a row of more cells than this (blank, styled ones included) is no sheet.
EXCEL_COLUMNS = 16_384
EXCEL_ROWS = 1_048_576  # and height


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


def _refuse(row: int, reason: str, column: str = "-") -> Rejected:
    return Rejected([RowError(row, column, reason)])


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
    columns: Sequence[str] | None,
    required: Sequence[str],
    sheet: str | None = None,
) -> Table:
    """Return the rows of a .csv or .xlsx file by column name; Rejected if it cannot be used.

    Header names are matched case-insensitively; an unknown or missing required column
    rejects the file (``columns=None`` accepts any named column, for a caller that tells a
    file's layout from its header). Wholly blank rows are skipped. Cells are stripped, and the
    writer's formula guard is undone, so an exported file reads back as it was written. A file
    past one of the limits above, or with a NUL character in a cell, is rejected.
    """
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            1, f"the file is {_mb(len(data))}, more than the limit of {_mb(MAX_FILE_BYTES)}"
        )
    numbered = [(n, [unguard(c) for c in r]) for n, r in _raw_rows(data, filename, sheet)]
    # Leading notes ("# ...") and blank lines come before the header.
    while numbered and (not any(c.strip() for c in numbered[0][1]) or _is_note(numbered[0][1])):
        numbered.pop(0)
    if not numbered:
        raise Rejected([RowError(1, "-", "the file has no header row")])
    header_row, header_cells = numbered[0]
    header = [h.strip().lower() for h in header_cells]
    _check_cells(numbered, header)
    errors = [
        RowError(header_row, name, "required column is missing")
        for name in required
        if name not in header
    ]
    seen: set[str] = set()
    # Rows are read without their trailing blank cells, so a value can lie past the header.
    width = max(len(r) for _, r in numbered)
    for i, name in enumerate(header + [""] * (width - len(header))):
        if not name:
            if any(len(r) > i and r[i].strip() for _, r in numbered[1:]):
                errors.append(RowError(header_row, f"#{i + 1}", "a column with no name"))
            continue
        if columns is not None and name not in columns:
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


def _check_cells(numbered: list[tuple[int, list[str]]], header: list[str]) -> None:
    """Reject a cell holding a NUL character (no database stores one) or too long a text."""
    errors: list[RowError] = []
    for number, cells in numbered:
        for i, cell in enumerate(cells):
            reason = None
            if "\x00" in cell:
                reason = "holds a NUL character (byte 0), which no text may contain"
            elif len(cell) > MAX_CELL_CHARS:
                reason = f"longer than {MAX_CELL_CHARS:,} characters ({len(cell):,})"
            if reason is not None:
                name = header[i] if i < len(header) and "\x00" not in header[i] else ""
                errors.append(RowError(number, name or f"#{i + 1}", reason))
    if errors:
        raise Rejected(errors)


def _is_note(cells: list[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith("#")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _raw_rows(data: bytes, filename: str, sheet: str | None) -> list[tuple[int, list[str]]]:
    """Return the file's rows that are not wholly blank, each with its number in the file."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return _csv_rows(data)
    if suffix == ".xlsx":
        return _xlsx_rows(data, sheet)
    raise Rejected([RowError(1, "-", f"{filename}: use a .csv or .xlsx file")])


class _Rows:
    """The rows read so far, without their trailing blank cells and without blank rows.

    Refuses past MAX_ROWS rows (every row given, blank ones included), MAX_COLUMNS in a row
    and MAX_CELLS in all.
    """

    def __init__(self) -> None:
        self.read: list[tuple[int, list[str]]] = []
        self.rows = 0
        self.cells = 0

    def add(self, number: int, cells: list[str], *, count: bool = True) -> None:
        """Keep row `number` unless it is blank; `count=False` leaves it out of MAX_ROWS."""
        while cells and not cells[-1].strip():
            cells.pop()
        if not count and not cells:
            return
        self.rows += 1
        self.cells += len(cells)
        if self.rows > MAX_ROWS:
            raise _refuse(number, f"the file has more than {MAX_ROWS:,} rows")
        if len(cells) > MAX_COLUMNS:
            raise _refuse(number, f"the row has more than {MAX_COLUMNS} columns")
        if self.cells > MAX_CELLS:
            raise _refuse(number, f"the file has more than {MAX_CELLS:,} cells")
        if cells:
            self.read.append((number, cells))


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        where = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _refuse(
            line,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at character {where} of line {line} "
            f"({exc.reason}); save the file as CSV UTF-8",
        ) from exc
    rows = _Rows()
    reader = csv.reader(_bounded_lines(text))
    try:
        for number, cells in enumerate(reader, start=1):
            rows.add(number, cells)
    except csv.Error as exc:
        raise _refuse(reader.line_num or 1, f"not a readable CSV file: {exc}") from exc
    return rows.read


def _bounded_lines(text: str) -> Iterator[str]:
    """Yield the lines of a CSV text; Rejected at the first past MAX_LINE_CHARS."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise _refuse(number, f"line {number} is longer than {MAX_LINE_CHARS:,} characters")
        yield line


def _xlsx_rows(data: bytes, sheet: str | None) -> list[tuple[int, list[str]]]:
    try:
        book = openpyxl.load_workbook(_checked_xlsx(data), read_only=True, data_only=True)
    except Rejected:
        raise
    except Exception as exc:  # openpyxl raises several kinds for a broken file
        raise _refuse(1, f"not a readable .xlsx file: {exc}") from exc
    rows = _Rows()
    number = 0
    try:
        ws = book[sheet] if sheet and sheet in book.sheetnames else book.worksheets[0]
        _check_sheet_shape(book, ws)
        # The sheet's declared dimension is only a claim ("A1:XFD1048576" makes openpyxl pad
        # every row to 16,384 cells): read the cells that exist, no more than one column past
        # the limit. Rows a sheet skips come as blank rows, counted by the shape check alone.
        ws.reset_dimensions()
        for number, values in enumerate(
            ws.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1
        ):
            if values.count(None) < len(values):
                rows.add(number, [cell_text(v) for v in values], count=False)
    except Rejected:
        raise
    except Exception as exc:  # a part that is not the XML it should be, a bad checksum
        raise _refuse(number + 1, f"not a readable .xlsx file: {exc}") from exc
    finally:
        book.close()
    return rows.read


def _checked_xlsx(data: bytes) -> io.BytesIO:
    """Return the workbook to read, once its parts are known to unpack within the limit.

    Python's zip reader never returns more of a part than its entry says, so a part that
    lies about its size fails its checksum rather than unpacking further.
    """
    stream = io.BytesIO(data)
    with zipfile.ZipFile(stream) as archive:
        expanded = sum(info.file_size for info in archive.infolist())
    if expanded > MAX_EXPANDED_BYTES:
        raise _refuse(
            1,
            f"the workbook unpacks to {_mb(expanded)}, more than the limit of "
            f"{_mb(MAX_EXPANDED_BYTES)}",
        )
    stream.seek(0)
    return stream


def _check_sheet_shape(book: Any, ws: Any) -> None:
    """Count the sheet's rows and cells, and the shared strings, before openpyxl reads them.

    openpyxl builds a whole row, and every shared string, in memory at once, so a row of a
    million cells must be refused by a reader that keeps nothing: expat, counting elements.
    A value past the column limit is refused too (the rows read stop one column past it).
    """
    archive = book._archive  # the open zip of the workbook, which openpyxl reads parts from
    names = set(archive.namelist())
    sheet_part = getattr(ws, "_worksheet_path", None)
    for part in sorted(names):
        if part == sheet_part or part.endswith("sharedStrings.xml"):
            with archive.open(part) as stream:
                _count_cells(stream)


def _count_cells(stream: IO[bytes]) -> None:
    rows = cells = width = column = row = 0  # row: the number of the row being read

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal rows, cells, width, column, row
        local = name.rpartition("}")[2]
        if local == "row":
            rows, width = rows + 1, 0
            number = attrs.get("r", "")
            if number.isdigit() and len(number) > 7:
                row = EXCEL_ROWS + 1
            else:
                row = int(number) if number.isdigit() else row + 1
            if rows > MAX_ROWS:
                raise _refuse(row, f"the sheet has more than {MAX_ROWS:,} rows")
            if row > EXCEL_ROWS:
                # openpyxl would make a blank row of every one skipped before it.
                raise _refuse(row, f"a row past {EXCEL_ROWS:,}, the last row Excel has")
        elif local == "si":  # a shared string: held in memory, like a cell
            cells += 1
            if cells > MAX_CELLS:
                raise _refuse(1, f"the file has more than {MAX_CELLS:,} shared strings")
        elif local == "c":
            cells, width = cells + 1, width + 1
            column = _column_number(attrs.get("r", ""), width)
            if cells > MAX_CELLS:
                raise _refuse(row, f"the file has more than {MAX_CELLS:,} cells")
            if width > EXCEL_COLUMNS:
                raise _refuse(row, f"the row has more than {EXCEL_COLUMNS:,} cells")
        elif local in ("v", "is") and column > MAX_COLUMNS:
            raise _refuse(row, f"a value in column {column}, past the limit of {MAX_COLUMNS}")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.ParseFile(stream)


def _column_number(reference: str, position: int) -> int:
    """Return the column of a cell reference such as "AB12" (its position when it has none)."""
    letters = reference.rstrip("0123456789")
    if not letters or not letters.isalpha() or len(letters) > 3:
        return position
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def length_error(row: int, column: str, text: str, limit: int | None) -> RowError | None:
    """Return the problem with a value longer than its column allows (a field's max_length).

    The importers check every value they write against the model's field before writing:
    SQLite stores any length, PostgreSQL refuses the whole transaction.
    """
    if limit is None or len(text) <= limit:
        return None
    return RowError(row, column, f"longer than {limit:,} characters ({len(text):,})")


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
