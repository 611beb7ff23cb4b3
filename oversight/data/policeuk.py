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
import lzma
import re
import tempfile
import zipfile
import zlib
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


# Bounds on reading a file, whatever it holds. The longest line of every published file in
# ../shared/data is 321 bytes and the largest file 7 MB (a month of the Metropolitan Police's
# street crimes is some tens of MB); a file past a bound is rejected, with its line, as soon as
# the bound is passed, and the other files of the run still load.
MAX_LINE_BYTES = 64 * 1024  # a line (DuckDB's max_line_size too)
MAX_FILE_BYTES = 1024 * 1024 * 1024  # a file uncompressed (the transaction bound, CHUNK_BYTES)
# DEFLATE (gzip, zip) never expands a byte to more than 1,032: a .gz file smaller than
# MAX_FILE_BYTES / 1032 cannot pass the size bound, so DuckDB may read it before it is scanned.
DEFLATE_MAX_RATIO = 1032

# What reading a broken file raises: I/O errors, truncated or corrupt gzip, zip and deflate
# data, an encrypted or unsupported zip member, bytes that are not UTF-8.
READ_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
    zipfile.BadZipFile,
    csv.Error,
)


class Unreadable(Exception):
    """A file breaks a reading bound or cannot be decoded; `line` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def as_error(self) -> dict[str, int | str | None]:
        """Return the problem as a batch error: line, column and message."""
        return {"line": self.line, "column": None, "message": self.message}


NUL_PROBLEM = "a NUL byte (0x00), which no text may hold"
_LIMIT = "the limit for a file (MAX_FILE_BYTES)"


def long_line_problem() -> str:
    """Return the reason a line too long is refused."""
    return f"a line longer than {MAX_LINE_BYTES:,} bytes, the limit (MAX_LINE_BYTES)"


class _Scanner:
    """Checks blocks of a file's bytes, in order, against the line, NUL and size bounds.

    Blocks are at most MAX_LINE_BYTES long, so a line past the bound either holds no newline
    in some block or ends in one: only the first and last newline of each block are looked
    for (as NUL is), which costs next to nothing beside the hashing.
    """

    def __init__(self) -> None:
        self.offset = 0  # bytes checked
        self.run = 0  # bytes since the last newline

    def check(self, block: bytearray, size: int) -> None:
        """Check the next block (its first `size` bytes); raise _Breach at a bound."""
        nul = block.find(b"\0", 0, size)
        if nul >= 0:
            raise _Breach(self.offset + nul, NUL_PROBLEM)
        first = block.find(b"\n", 0, size)
        if first < 0:
            self.run += size
        else:
            if self.run + first > MAX_LINE_BYTES:
                raise _Breach(self.offset - self.run, long_line_problem())
            self.run = size - block.rfind(b"\n", 0, size) - 1
        if self.run > MAX_LINE_BYTES:
            raise _Breach(self.offset + size - self.run, long_line_problem())
        self.offset += size
        if self.offset > MAX_FILE_BYTES:
            raise _Breach(None, f"expands to more than {MAX_FILE_BYTES:,} bytes, {_LIMIT}")


class _Breach(Exception):
    """Where (a byte offset, or None for the whole file) and how a bound was passed."""

    def __init__(self, offset: int | None, what: str) -> None:
        super().__init__(what)
        self.offset = offset
        self.what = what


@dataclass(frozen=True)
class PoliceFile:
    """One police.uk CSV found on disk or inside a zip archive."""

    name: FileName
    label: str  # what reports show: the path, or `archive.zip!member`
    path: Path  # the file on disk, or the zip archive holding it
    member: str | None = None  # the member name inside `path` when it is a zip
    member_size: int | None = None  # the size the zip says the member expands to

    @property
    def file_name(self) -> str:
        """Return the bare file name, e.g. `2021-01-gwent-street.csv`."""
        return Path(self.member or self.path.name).name

    @property
    def is_gzip(self) -> bool:
        """Return whether the file is gzip-compressed (named .csv.gz)."""
        return self.file_name.endswith(".gz")

    def size_problem(self) -> str | None:
        """Return why the file is too large to read, when its size alone says so."""
        if self.member is not None:
            size = self.member_size or 0
        elif self.is_gzip:
            return None  # only reading it tells (see may_pass_size_bound)
        else:
            size = self.path.stat().st_size
        if size > MAX_FILE_BYTES:
            return f"{'expands to' if self.member else 'is'} {size:,} bytes, past {_LIMIT}"
        return None

    def may_pass_size_bound(self) -> bool:
        """Return whether the file could expand past MAX_FILE_BYTES before it is scanned.

        Only a .gz file can (a zip member's size is checked and bounds its reading); a small
        one cannot, whatever it holds.
        """
        if self.member is not None or not self.is_gzip:
            return False
        return self.path.stat().st_size * DEFLATE_MAX_RATIO > MAX_FILE_BYTES

    @contextmanager
    def local_path(self) -> Iterator[Path]:
        """Yield a path DuckDB can read: the file itself, or a zip member extracted to tmp.

        A member is checked as it is extracted and Unreadable at the first bound it passes,
        so a zip bomb never fills the temporary folder.
        """
        if self.member is None:
            yield self.path
            return
        with tempfile.TemporaryDirectory(prefix="oversight-zip-") as tmp:
            # Extracted uncompressed, a .csv.gz member included.
            target = Path(tmp) / self.file_name.removesuffix(".gz")
            with self.open_binary() as src, target.open("wb") as dst:
                for block, size in self._blocks(src):
                    dst.write(memoryview(block)[:size])
            yield target

    def scan(self) -> str:
        """Return the sha256 of the uncompressed bytes, read once and checked as they are.

        Unreadable past MAX_FILE_BYTES, at a line longer than MAX_LINE_BYTES or at a NUL
        byte, and reading stops there.
        """
        digest = hashlib.sha256()
        with self.open_binary() as stream:
            for block, size in self._blocks(stream):
                digest.update(memoryview(block)[:size])
        return digest.hexdigest()

    def _blocks(self, stream: IO[bytes]) -> Iterator[tuple[bytearray, int]]:
        """Yield the stream's bytes as (one reused buffer, bytes in it), each block checked."""
        problem = self.size_problem()
        if problem is not None:
            raise Unreadable(problem)
        scanner = _Scanner()
        block = bytearray(MAX_LINE_BYTES)  # no longer than a line may be (see _Scanner)
        try:
            while size := stream.readinto(block):
                scanner.check(block, size)
                yield block, size
        except _Breach as breach:
            if breach.offset is None:
                raise Unreadable(breach.what) from None
            raise Unreadable(breach.what, self._line_at(breach.offset)) from None

    def _line_at(self, offset: int) -> int:
        """Return the number of the line holding the byte at `offset`."""
        newlines = 0
        with self.open_binary() as stream:
            while offset > 0 and (data := stream.read(min(offset, 1 << 20))):
                newlines += data.count(b"\n")
                offset -= len(data)
        return newlines + 1

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
            if self.is_gzip:
                raw = stack.enter_context(gzip.GzipFile(fileobj=raw))
            yield raw

    def sha256(self) -> str:
        """Return the sha256 of the uncompressed bytes (see `scan`, which checks them)."""
        return self.scan()


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
            members = sorted(archive.infolist(), key=lambda info: info.filename)
    except READ_ERRORS as exc:
        skipped.append(Skipped(str(path), f"not a readable zip archive ({exc})"))
        return []
    return [
        PoliceFile(name, f"{path}!{info.filename}", path, info.filename, info.file_size)
        for info in members
        if (name := parse_file_name(info.filename)) is not None
    ]


def header_problem(file: PoliceFile) -> str | None:
    """Return why the header line is wrong for the file's kind, or None if it is right."""
    return read_head(file)[0]


def read_head(file: PoliceFile) -> tuple[str | None, dict[str, str | None]]:
    """Return the header problem (or None) and the first data row's values, empty as None.

    The first row gives the values the per-file columns are expected to hold throughout.
    Unreadable if either line is too long, holds a NUL byte or is not UTF-8 text.
    """
    with file.open_binary() as stream:
        first = _head_line(stream, 1)
        second = _head_line(stream, 2)
    header = next(csv.reader([first]), [])
    problem = _header_problem(file, header)
    values = next(csv.reader([second]), []) if problem is None else []
    row = dict(zip(COLUMNS[file.name.kind], values, strict=False))
    return problem, {name: row.get(name) or None for name in PER_FILE_COLUMNS[file.name.kind]}


def _head_line(stream: IO[bytes], number: int) -> str:
    """Return one line of the file's start, read no further than MAX_LINE_BYTES."""
    line = stream.readline(MAX_LINE_BYTES + 1)
    if len(line.rstrip(b"\r\n")) > MAX_LINE_BYTES:
        raise Unreadable(long_line_problem(), number)
    if b"\0" in line:
        raise Unreadable(NUL_PROBLEM, number)
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"not UTF-8 text: byte 0x{line[exc.start]:02x} at position {exc.start + 1} "
            f"({exc.reason})",
            number,
        ) from None


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
