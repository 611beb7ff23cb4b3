"""data.police.uk files: kinds, column layouts, file names, discovery and line-level checks.

Files come as single CSVs, `.csv.gz`, the monthly folders of the bulk archive
(`YYYY-MM/YYYY-MM-<force>-<kind>.csv`), directories of any of these, or the `.zip` archives
data.police.uk serves. Nothing here touches the warehouse or Django.
"""

from __future__ import annotations

import csv
import enum
import gzip
import hashlib
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO


class Kind(enum.StrEnum):
    """The three data sets data.police.uk publishes per force and month."""

    STREET = "street"
    OUTCOMES = "outcomes"
    STOP_AND_SEARCH = "stop-and-search"


STREET_COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
OUTCOMES_COLUMNS = (*STREET_COLUMNS[:9], "Outcome type")
STOP_AND_SEARCH_COLUMNS = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)

# The published header of each kind, in order.
COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.STREET: STREET_COLUMNS,
    Kind.OUTCOMES: OUTCOMES_COLUMNS,
    Kind.STOP_AND_SEARCH: STOP_AND_SEARCH_COLUMNS,
}

# DuckDB types the CSV reader converts to; a value that does not convert rejects the file.
_TYPED = {
    "Longitude": "DOUBLE",
    "Latitude": "DOUBLE",
    "Date": "TIMESTAMPTZ",
    "Part of a policing operation": "BOOLEAN",
    "Outcome linked to object of search": "BOOLEAN",
    "Removal of more than just outer clothing": "BOOLEAN",
}


# Columns that hold one value for a whole published file (Month always; Reported by, Falls within
# and Context almost always). The warehouse stores their value once per batch and, per row, only
# a value that differs from it; Month must not differ (it is checked against the file name).
PER_FILE_COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.STREET: ("Month", "Reported by", "Falls within", "Context"),
    Kind.OUTCOMES: ("Month", "Reported by", "Falls within"),
    Kind.STOP_AND_SEARCH: (),
}


def column_types(kind: Kind) -> dict[str, str]:
    """Return the CSV column → DuckDB type mapping for a kind, in header order."""
    return {name: _TYPED.get(name, "VARCHAR") for name in COLUMNS[kind]}


def snake(column: str) -> str:
    """Return the warehouse column name for a CSV header ("LSOA code" → "lsoa_code")."""
    return re.sub(r"[^a-z0-9]+", "_", column.lower()).strip("_")


# Bounds that hold every real police.uk point (Scilly to Shetland, Ireland's west coast to
# Lowestoft, with a margin); outside them a coordinate is a typo or swapped columns.
LATITUDE_RANGE = (49.0, 61.5)
LONGITUDE_RANGE = (-11.0, 2.5)

WELSH_FORCES = frozenset({"dyfed-powys", "gwent", "north-wales", "south-wales"})
# Forces whose LSOAs cannot be placed by nation alone (GB-wide or outside England and Wales).
_AREA_UNKNOWN_FORCES = frozenset({"btp", "northern-ireland"})


def outside_area_rule(force: str) -> str | None:
    """Return a SQL condition on `lsoa_code` true for LSOAs outside the force's nation.

    Where that cannot be known from the code alone (BTP, Northern Ireland) return None.
    """
    if force in _AREA_UNKNOWN_FORCES:
        return None
    if force in WELSH_FORCES:
        return "lsoa_code NOT LIKE 'W%'"
    return "lsoa_code LIKE 'W%'"


_NAME = re.compile(
    r"^(?P<month>(?P<year>\d{4})-(?P<mm>0[1-9]|1[0-2]))-(?P<force>[a-z0-9]+(?:-[a-z0-9]+)*?)"
    r"-(?P<kind>street|outcomes|stop-and-search)\.csv(?:\.gz)?$"
)


_NAME_PATTERN = "YYYY-MM-<force>-<street|outcomes|stop-and-search>.csv[.gz]"


@dataclass(frozen=True)
class FileName:
    """What a police.uk file name says: its month, force slug and kind."""

    month: str
    force: str
    kind: Kind


def parse_file_name(name: str) -> FileName | None:
    """Parse `2021-01-south-wales-street.csv[.gz]`; return None if it is not a police.uk name."""
    match = _NAME.match(Path(name).name)
    if match is None:
        return None
    return FileName(match["month"], match["force"], Kind(match["kind"]))


@dataclass(frozen=True)
class PoliceFile:
    """One police.uk CSV found on disk or inside a zip archive."""

    name: FileName
    label: str  # what reports show: the path, or `archive.zip!member`
    path: Path  # the file on disk, or the zip archive holding it
    member: str | None = None  # the member name inside `path` when it is a zip

    @property
    def file_name(self) -> str:
        """Return the bare file name, e.g. `2021-01-gwent-street.csv`."""
        return Path(self.member or self.path.name).name

    @contextmanager
    def local_path(self) -> Iterator[Path]:
        """Yield a path DuckDB can read: the file itself, or a zip member extracted to tmp."""
        if self.member is None:
            yield self.path
            return
        with tempfile.TemporaryDirectory(prefix="oversight-zip-") as tmp:
            target = Path(tmp) / self.file_name
            with (
                zipfile.ZipFile(self.path) as archive,
                archive.open(self.member) as src,
                target.open("wb") as dst,
            ):
                shutil.copyfileobj(src, dst, 1 << 20)
            yield target

    @contextmanager
    def open_text(self) -> Iterator[io.TextIOWrapper]:
        """Open the file as decoded text (gzip and zip members included)."""
        with self.open_binary() as stream:
            yield io.TextIOWrapper(stream, encoding="utf-8", newline="")

    @contextmanager
    def open_binary(self) -> Iterator[IO[bytes]]:
        """Open the uncompressed bytes of the file, closing everything it opened after."""
        with ExitStack() as stack:
            if self.member is not None:
                archive = stack.enter_context(zipfile.ZipFile(self.path))
                raw: IO[bytes] = stack.enter_context(archive.open(self.member))
            else:
                raw = stack.enter_context(self.path.open("rb"))
            if self.file_name.endswith(".gz"):
                raw = stack.enter_context(gzip.GzipFile(fileobj=raw))
            yield raw

    def sha256(self) -> str:
        """Return the sha256 of the uncompressed bytes."""
        with self.open_binary() as stream:
            # file_digest reads into one reused buffer: no new block (and its page faults) per read.
            return hashlib.file_digest(stream, "sha256").hexdigest()


@dataclass(frozen=True)
class Skipped:
    """A path given or found that is not a police.uk data file, and why."""

    label: str
    reason: str


def discover(paths: list[Path]) -> tuple[list[PoliceFile], list[Skipped]]:
    """Find the police.uk files under the given paths, in a stable order.

    A path named on the command line that is not a police.uk file is skipped with a reason;
    inside directories and archives, files with other names (READMEs, lookups) are ignored.
    """
    found: list[PoliceFile] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix == ".zip":
                    found.extend(_zip_members(child, skipped))
                elif (name := parse_file_name(child.name)) is not None:
                    found.append(PoliceFile(name, str(child), child))
        elif not path.exists():
            skipped.append(Skipped(str(path), "no such file or directory"))
        elif path.suffix == ".zip":
            found.extend(_zip_members(path, skipped))
        elif (name := parse_file_name(path.name)) is not None:
            found.append(PoliceFile(name, str(path), path))
        else:
            skipped.append(Skipped(str(path), f"not named {_NAME_PATTERN}"))
    return found, skipped


def _zip_members(path: Path, skipped: list[Skipped]) -> list[PoliceFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(archive.namelist())
    except zipfile.BadZipFile:
        skipped.append(Skipped(str(path), "not a readable zip archive"))
        return []
    return [
        PoliceFile(name, f"{path}!{member}", path, member)
        for member in members
        if (name := parse_file_name(member)) is not None
    ]


def header_problem(file: PoliceFile) -> str | None:
    """Return why the header line is wrong for the file's kind, or None if it is right."""
    return read_head(file)[0]


def read_head(file: PoliceFile) -> tuple[str | None, dict[str, str | None]]:
    """Return the header problem (or None) and the first data row's values, empty as None.

    The first row gives the values the per-file columns are expected to hold throughout.
    """
    with file.open_text() as stream:
        first = stream.readline()
        second = stream.readline()
    header = next(csv.reader([first]), [])
    problem = _header_problem(file, header)
    values = next(csv.reader([second]), []) if problem is None else []
    row = dict(zip(COLUMNS[file.name.kind], values, strict=False))
    return problem, {name: row.get(name) or None for name in PER_FILE_COLUMNS[file.name.kind]}


def _header_problem(file: PoliceFile, header: list[str]) -> str | None:
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    expected = list(COLUMNS[file.name.kind])
    if header == expected:
        return None
    if not header:
        return "the file is empty"
    for index, (got, want) in enumerate(zip(header, expected, strict=False), start=1):
        if got != want:
            return f"column {index} of the header is {got!r}, expected {want!r}"
    return f"the header has {len(header)} columns, expected {len(expected)}"


@dataclass(frozen=True)
class LineProblem:
    """The first line of a file that breaks a rule, with the column and the reason."""

    line: int
    column: str
    message: str


def first_bad_line(file: PoliceFile, *, month: bool, coordinates: bool) -> LineProblem | None:
    """Return the first data line whose Month differs from the file's or whose point is off.

    Only called once SQL has found that such a line exists, to name it; the bulk checks run
    in DuckDB.
    """
    kind = file.name.kind
    lat_col, lon_col = ("Latitude", "Longitude")
    with file.open_text() as stream:
        reader = csv.DictReader(stream)
        for row in reader:
            line = reader.line_num
            if month and kind is not Kind.STOP_AND_SEARCH and row["Month"] != file.name.month:
                return LineProblem(
                    line,
                    "Month",
                    f"Month {row['Month']!r} does not match {file.name.month} in the file name",
                )
            if coordinates:
                problem = _coordinate_problem(row.get(lat_col) or "", row.get(lon_col) or "")
                if problem is not None:
                    return LineProblem(line, problem[0], problem[1])
    return None


def _coordinate_problem(lat: str, lon: str) -> tuple[str, str] | None:
    if bool(lat) != bool(lon):
        return ("Latitude" if not lat else "Longitude", "only one of Latitude and Longitude given")
    if not lat:
        return None
    for column, text, (low, high) in (
        ("Latitude", lat, LATITUDE_RANGE),
        ("Longitude", lon, LONGITUDE_RANGE),
    ):
        value = float(text)
        if not low <= value <= high:
            return (column, f"{column} {text} is outside {low}..{high}")
    return None
