"""Read a monthly series from a CSV file with the header ``period,value``."""

from __future__ import annotations

import csv
import math
from pathlib import Path

from oversight.analysis.spc import Point


class SeriesCsvError(ValueError):
    """A series file that cannot be read; the message names the file and line."""


def parse_series(lines: list[str], name: str = "<series>") -> list[Point]:
    """Return the points of a ``period,value`` CSV given as lines; an empty value is missing."""
    rows = csv.reader(lines)
    header = next(rows, None)
    if header is None or [h.strip().lower() for h in header] != ["period", "value"]:
        raise SeriesCsvError(f"{name}, line 1: the header must be 'period,value', not {header!r}")
    points: list[Point] = []
    seen: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise SeriesCsvError(f"{name}, line {line}: expected 2 columns, found {len(row)}")
        period, text = row[0].strip(), row[1].strip()
        if not period:
            raise SeriesCsvError(f"{name}, line {line}: the period is empty")
        if period in seen:
            raise SeriesCsvError(
                f"{name}, line {line}: period {period} repeats line {seen[period]}"
            )
        if points and period < points[-1].period:
            raise SeriesCsvError(
                f"{name}, line {line}: period {period} comes before {points[-1].period}; "
                "rows must be in time order"
            )
        seen[period] = line
        value: float | None = None
        if text:
            try:
                value = float(text)
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                raise SeriesCsvError(f"{name}, line {line}: value {text!r} is not a number")
        points.append(Point(period, value))
    if sum(p.value is not None for p in points) < 2:
        raise SeriesCsvError(f"{name}: fewer than two values; an XmR chart needs at least two")
    return points


def read_series(path: str | Path) -> list[Point]:
    """Return the points of the ``period,value`` CSV file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SeriesCsvError(f"{path}: cannot read the file ({exc.strerror})") from exc
    return parse_series(text.splitlines(), name=str(path))
