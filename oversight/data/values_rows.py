"""Force-supplied values files: the template's columns and the check of every row.

A values file has one row per measure, month, area and breakdown. `check_file` returns the
rows as `ValueRow`s, or raises `Rejected` with every problem (row, column, reason): a file
with any error is rejected whole. Checks need only a `Catalogue` (the plan's measures and
BCUs, and today's date), so they run without a database. `template_csv` / `template_xlsx`
write the empty template with its documentation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from oversight.core.tables import (
    Rejected,
    RowError,
    Sheet,
    parse_number,
    read_table,
    write_csv,
    write_xlsx,
)

FORCE_AREA = "force"
# Records a problem with a column of the row being checked.
Report = Callable[[str, str], None]
AGE_PREFIX = "age:"

# Column, and what goes in it: the template's header and its documentation.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("measure_code", "Code of a force-supplied measure of the plan, e.g. DA02 (required)"),
    ("period", "Month the value is for, YYYY-MM, e.g. 2025-04; not a month still to end"),
    ("area", "force for the whole force, or a BCU code of the plan (required)"),
    (
        "breakdown",
        "Blank for everyone; under-18 or 18-and-over for a measure broken down by age band",
    ),
    (
        "value",
        "The value, a number: a percentage as 0-100 (no % sign needed), a count as a whole "
        "number, a duration in seconds. May be blank for a percentage when numerator and "
        "denominator are given",
    ),
    ("numerator", "Optional: the count the value is made from, e.g. repeat victims"),
    (
        "denominator",
        "Optional (with numerator): what it is out of, e.g. all victims; a percentage must "
        "then equal numerator / denominator x 100, to within 0.5",
    ),
    ("note", "Optional: anything a reader should know about the value"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
REQUIRED = ("measure_code", "period", "area")
SHEET = "Values"
# Age bands a file may name, by what the file says → how an observation stores it.
AGE_BANDS = {"under-18": "age:under-18", "18-and-over": "age:18-and-over"}
# A percentage's value may differ from numerator / denominator x 100 by rounding up to this.
PERCENT_TOLERANCE = 0.5
NOTE_LIMIT = 2000

_PERIOD = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")  # a spreadsheet may turn 2025-04 into a date


@dataclass(frozen=True)
class MeasureInfo:
    """What the checks need to know of a measure."""

    code: str
    name: str
    unit: str  # count, rate, percentage, duration, score
    source: str  # police-uk or force-supplied
    breakdowns: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    """The plan's measures and BCU codes, and the date the file is checked on."""

    measures: dict[str, MeasureInfo]
    bcus: tuple[str, ...]
    today: dt.date


@dataclass(frozen=True)
class ValueRow:
    """One checked row of a values file."""

    row: int
    measure_code: str
    period: str
    area: str
    breakdown: str  # "" or "age:under-18" / "age:18-and-over"
    value: float
    numerator: float | None
    denominator: float | None
    note: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.measure_code, self.period, self.area, self.breakdown)


def check_file(data: bytes, filename: str, catalogue: Catalogue) -> list[ValueRow]:
    """Return every row of a values file, checked; Rejected with every problem if any."""
    table = read_table(data, filename, columns=COLUMN_NAMES, required=REQUIRED, sheet=SHEET)
    if not table.rows:
        raise Rejected([RowError(table.header_row + 1, "-", "the file has no values")])
    return check_rows(table.rows, catalogue)


def check_rows(rows: Sequence[tuple[int, dict[str, str]]], catalogue: Catalogue) -> list[ValueRow]:
    """Return the rows checked against the catalogue; Rejected with every problem if any."""
    errors: list[RowError] = []
    out: list[ValueRow] = []
    first_row: dict[tuple[str, str, str, str], int] = {}
    for number, cells in rows:
        row, row_errors, key = _check_row(number, cells, catalogue)
        errors += row_errors
        if key is not None and key in first_row:
            errors.append(
                RowError(
                    number,
                    "measure_code",
                    f"duplicate of row {first_row[key]}: the same measure, period, area "
                    "and breakdown",
                )
            )
            continue
        if key is not None:
            first_row[key] = number
        if row is not None:
            out.append(row)
    if errors:
        raise Rejected(errors)
    return out


def _check_row(
    number: int, cells: dict[str, str], catalogue: Catalogue
) -> tuple[ValueRow | None, list[RowError], tuple[str, str, str, str] | None]:
    """Return the row (None if it has errors), its errors, and its cell key if readable."""
    errors: list[RowError] = []

    def error(column: str, reason: str) -> None:
        errors.append(RowError(number, column, reason))

    code = cells.get("measure_code", "")
    measure = catalogue.measures.get(code) or catalogue.measures.get(code.upper())
    if not code:
        error("measure_code", "required")
    elif measure is None:
        error("measure_code", f"unknown measure {code!r}")
    elif measure.source != "force-supplied":
        error(
            "measure_code",
            f"{measure.code} is a police.uk measure: its values come from "
            "`oversight measures refresh`, not from a file",
        )
        measure = None
    period = _check_period(cells.get("period", ""), catalogue.today, error)
    area = _check_area(cells.get("area", ""), measure, catalogue, error)
    breakdown = _check_breakdown(cells.get("breakdown", ""), measure, error)
    numerator = _number(cells, "numerator", error)
    denominator = _number(cells, "denominator", error)
    for name, amount in (("numerator", numerator), ("denominator", denominator)):
        if amount is not None and amount < 0:
            error(name, f"cannot be negative ({amount:g})")
    unreadable = _has_error(errors, "numerator") or _has_error(errors, "denominator")
    if (numerator is None) != (denominator is None) and not unreadable:
        missing = "denominator" if denominator is None else "numerator"
        error(missing, "give numerator and denominator together, or neither")
    if denominator is not None and denominator == 0:
        error("denominator", "must be more than 0")
    # A share cannot exceed its whole; a mean (seconds per call) or a rate may.
    is_share = measure is not None and measure.unit == "percentage"
    if is_share and numerator is not None and denominator and numerator > denominator:
        error("numerator", f"{numerator:g} is more than the denominator {denominator:g}")
    value = _check_value(cells, measure, numerator, denominator, error)
    note = cells.get("note", "")
    if len(note) > NOTE_LIMIT:
        error("note", f"longer than {NOTE_LIMIT} characters")
    key = None
    if measure is not None and period is not None and area is not None and breakdown is not None:
        key = (measure.code, period, area, breakdown)
    if errors or key is None or value is None:
        return None, errors, key
    return (
        ValueRow(
            row=number,
            measure_code=measure.code,
            period=period,
            area=area,
            breakdown=breakdown or "",
            value=value,
            numerator=numerator,
            denominator=denominator,
            note=note,
        ),
        errors,
        key,
    )


def _has_error(errors: list[RowError], column: str) -> bool:
    return any(e.column == column for e in errors)


def _check_period(text: str, today: dt.date, error: Report) -> str | None:
    if not text:
        error("period", "required")
        return None
    match = _PERIOD.match(text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        error("period", f"{text!r} is not a month: use YYYY-MM, e.g. 2025-04")
        return None
    period = f"{match.group(1)}-{match.group(2)}"
    current = f"{today.year:04d}-{today.month:02d}"
    if period > current:
        error("period", f"{period} is in the future")
        return None
    if period == current:
        error("period", f"{period} has not ended yet")
        return None
    return period


def _check_area(
    text: str, measure: MeasureInfo | None, catalogue: Catalogue, error: Report
) -> str | None:
    if not text:
        error("area", "required")
        return None
    if text.lower() == FORCE_AREA:
        return FORCE_AREA
    if text not in catalogue.bcus and text.lower() not in catalogue.bcus:
        choices = ", ".join((FORCE_AREA, *catalogue.bcus))
        error("area", f"unknown area {text!r} (use one of: {choices})")
        return None
    area = text if text in catalogue.bcus else text.lower()
    if measure is not None and "bcu" not in measure.breakdowns:
        error("area", f"{measure.code} has no BCU breakdown: use force")
        return None
    return area


def _check_breakdown(text: str, measure: MeasureInfo | None, error: Report) -> str | None:
    key = text.strip().lower().removeprefix(AGE_PREFIX)
    if key in ("", "all"):
        return ""
    if key not in AGE_BANDS:
        error("breakdown", f"unknown breakdown {text!r} (leave blank, or {', '.join(AGE_BANDS)})")
        return None
    if measure is not None and "age_band" not in measure.breakdowns:
        error("breakdown", f"{measure.code} has no age-band breakdown: leave it blank")
        return None
    return AGE_BANDS[key]


def _number(cells: dict[str, str], column: str, error: Report) -> float | None:
    text = cells.get(column, "")
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueError:
        error(column, f"{text!r} is not a number")
        return None


def _check_value(
    cells: dict[str, str],
    measure: MeasureInfo | None,
    numerator: float | None,
    denominator: float | None,
    error: Report,
) -> float | None:
    text = cells.get("value", "")
    unit = measure.unit if measure is not None else None
    if unit == "percentage":
        text = text.removesuffix("%").strip()
    if not text:
        if unit == "percentage" and numerator is not None and denominator:
            return round(numerator * 100 / denominator, 2)
        error("value", "required")
        return None
    try:
        value = parse_number(text)
    except ValueError:
        error("value", f"{text!r} is not a number")
        return None
    if unit is None:
        return value
    if unit == "percentage":
        if not 0 <= value <= 100:
            error("value", f"a percentage runs from 0 to 100, not {value:g}")
            return None
        if numerator is not None and denominator:
            expected = numerator * 100 / denominator
            if abs(value - expected) > PERCENT_TOLERANCE:
                error(
                    "value",
                    f"{value:g}% does not match numerator / denominator x 100 = {expected:.1f}%",
                )
                return None
    elif unit in ("count", "rate", "duration") and value < 0:
        error("value", f"a {unit} cannot be negative ({value:g})")
        return None
    elif unit == "count" and not value.is_integer():
        error("value", f"a count is a whole number, not {value:g}")
        return None
    return value


# -- writing -----------------------------------------------------------------------------


def row_cells(row: ValueRow) -> dict[str, str]:
    """Return a row as the cells a file holds (the inverse of the check)."""
    return {
        "measure_code": row.measure_code,
        "period": row.period,
        "area": row.area,
        "breakdown": row.breakdown.removeprefix(AGE_PREFIX),
        "value": _fmt(row.value),
        "numerator": _fmt(row.numerator),
        "denominator": _fmt(row.denominator),
        "note": row.note,
    }


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def to_csv(rows: Sequence[dict[str, str]]) -> bytes:
    """Return rows (cells by column) as a values CSV with its header."""
    return write_csv(COLUMN_NAMES, rows)


def template_csv(catalogue: Catalogue | None = None) -> bytes:
    """Return the CSV template: "#" note lines documenting each column, then the header."""
    lines = ["Oversight force-supplied values. One row per measure, month, area and breakdown."]
    lines += ["Lines starting with # are notes and are not imported. Columns:"]
    lines += [f"  {name}: {help_}" for name, help_ in COLUMNS]
    if catalogue is not None:
        lines += [f"Areas: force, {', '.join(catalogue.bcus)}" if catalogue.bcus else ""]
        lines += ["Measures (code, unit, breakdowns, name):"]
        lines += [
            f"  {m.code}, {m.unit}, {' '.join(m.breakdowns) or 'force'}, {m.name}"
            for m in _force_supplied(catalogue)
        ]
    return write_csv(COLUMN_NAMES, [], notes=[line for line in lines if line])


def template_xlsx(catalogue: Catalogue | None = None) -> bytes:
    """Return the Excel template: a Values sheet with the header, and Notes and Measures sheets."""
    rules = (
        "One row per measure, month, area and breakdown. A file with any problem is rejected "
        "whole, with every problem listed by row and column."
    )
    notes: list[list[str]] = [[name, help_] for name, help_ in COLUMNS]
    notes += [[], ["Rules", rules]]
    if catalogue is not None:
        notes.append(["Areas", ", ".join((FORCE_AREA, *catalogue.bcus))])
    # Periods and areas are text: stop Excel turning "2025-04" into a date.
    text = ("period", "area", "breakdown")
    sheets = [
        Sheet(
            SHEET,
            COLUMN_NAMES,
            bold_header=True,
            text_columns=text,
            widths=dict.fromkeys(text, 14),
        ),
        Sheet(
            "Notes",
            ("Column", "What goes in it"),
            notes,
            bold_header=True,
            widths={"Column": 16, "What goes in it": 90},
        ),
    ]
    if catalogue is not None:
        measures = [
            [m.code, m.name, m.unit, " ".join(m.breakdowns) or "force"]
            for m in _force_supplied(catalogue)
        ]
        sheets.append(
            Sheet(
                "Measures",
                ("measure_code", "name", "unit", "breakdowns"),
                measures,
                bold_header=True,
                widths={"measure_code": 16, "name": 90},
            )
        )
    return write_xlsx(sheets)


def _force_supplied(catalogue: Catalogue) -> list[MeasureInfo]:
    return sorted(
        (m for m in catalogue.measures.values() if m.source == "force-supplied"),
        key=lambda m: m.code,
    )
