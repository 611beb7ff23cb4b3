"""Uploaded tables (CSV or Excel) as numbered rows, and the errors found in them.

Every import reads its file here, so every import reports problems the same way: a row
number as the spreadsheet shows it (the header is usually row 1), a column name and a reason.
Rows whose first cell starts with "#" before the header are notes and are skipped, so a CSV
template can carry its documentation. Nothing here imports Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import openpyxl


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
    rejects the file. Wholly blank rows are skipped.
    """
    raw = _raw_rows(data, filename, sheet)
    numbered = [(i + 1, r) for i, r in enumerate(raw)]
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
