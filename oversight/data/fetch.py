"""Download data.police.uk files from its monthly archives, reading only the bytes needed.

data.police.uk publishes one zip a month for every force (`<base>/YYYY-MM.zip`, about 1.5 GB
nationally, holding that month and the months before it; `latest.zip` is the newest). A zip
ends with its central directory, which lists every member and where its bytes start, so one
force-month needs three kinds of HTTP Range request: the tail (the end-of-central-directory
record), the central directory, and each wanted member's bytes. `RangeFile` is a seekable,
read-only file over such requests with a cache of the ranges fetched, so the standard library's
`zipfile` reads the directory, inflates a member and checks its CRC-32 as over a local file.
A server that ignores Range (answers 200 with the whole body) is read whole into a temporary
file instead, up to a size limit.

Network code only: no Django, no warehouse. `oversight fetch police-uk` imports what this
downloads.
"""

from __future__ import annotations

import bisect
import difflib
import http.client
import re
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar
from urllib.parse import urlsplit

from tqdm import tqdm

from oversight.data.policeuk import FileName, Kind, parse_file_name

# Attempts at each request, and the wait before the second (doubling after each failure).
ATTEMPTS = 4
BACKOFF = 1.0
# The first request reads this much of the archive's end: the end-of-central-directory record
# (22 bytes and a comment of up to 64 KiB), and often the whole directory of a small archive.
TAIL = 64 * 1024 + 22
# A read the cache cannot answer fetches at least this much, so zipfile's small reads of the
# directory and headers cost one request rather than dozens.
READ_AHEAD = 64 * 1024
CHUNK = 256 * 1024
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}

T = TypeVar("T")


class FetchError(Exception):
    """A download that failed; the message is one line for the person running it."""


class NotPublished(FetchError):
    """There is no archive at the URL (HTTP 404): data.police.uk has not published it."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"no archive at {url} (HTTP 404)")


class NotInArchive(FetchError):
    """The archive holds no file for the force, month or dataset asked for."""


class Stalled(FetchError):
    """The server sent nothing for longer than the timeout, every attempt."""


class Truncated(FetchError):
    """The server sent fewer bytes than it said it would, every attempt."""


class TooLarge(FetchError):
    """A download that would pass the size limit."""


class _Transient(Exception):
    """A failure worth another attempt; `kind` is the error to raise if none succeeds."""

    def __init__(self, message: str, kind: type[FetchError] = FetchError) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Client:
    """How to talk to the archive's server: stall timeout, size limit, attempts and backoff."""

    timeout: float = 60.0
    max_bytes: int = 4 << 30
    attempts: int = ATTEMPTS
    backoff: float | None = None  # None: the module's BACKOFF, read when it is needed
    user_agent: str = "Oversight (PCC performance system) police.uk archive reader"
    sleep: Callable[[float], None] = time.sleep

    def retrying(self, attempt: Callable[[], T]) -> T:
        """Return `attempt()`, trying again after transient failures with a doubling wait."""
        backoff = BACKOFF if self.backoff is None else self.backoff
        for number in range(1, self.attempts + 1):
            try:
                return attempt()
            except _Transient as exc:
                if number == self.attempts:
                    raise exc.kind(f"{exc} (gave up after {self.attempts} attempts)") from None
                self.sleep(backoff * 2 ** (number - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def open(self, url: str, headers: dict[str, str]) -> http.client.HTTPResponse:
        """Send a GET; return the response of a 2xx (raise NotPublished on 404)."""
        request = urllib.request.Request(  # noqa: S310 - the URL is an http(s) setting
            url,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity", **headers},
        )
        host = urlsplit(url).netloc
        try:
            return _opener(url).open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 404:
                raise NotPublished(url) from None
            message = f"HTTP {exc.code} {exc.reason} from {url}"
            if exc.code in (408, 429) or exc.code >= 500:
                raise _Transient(message) from None
            raise FetchError(message) from None
        except TimeoutError:
            raise _Transient(self._stall(host), Stalled) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Transient(self._stall(host), Stalled) from None
            raise _Transient(f"cannot reach {host}: {exc.reason}") from None
        except (OSError, http.client.HTTPException) as exc:
            raise _Transient(f"network failure talking to {host}: {exc!r}") from None

    def read_body(
        self,
        response: http.client.HTTPResponse,
        expected: int | None,
        write: Callable[[bytes], object],
        *,
        url: str,
        limit: int | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> int:
        """Copy the response body to `write`; return its length, checked against `expected`."""
        got = 0
        host = urlsplit(url).netloc
        with response:
            while True:
                try:
                    chunk = response.read(CHUNK)
                except TimeoutError:
                    raise _Transient(self._stall(host), Stalled) from None
                except (OSError, http.client.HTTPException) as exc:
                    raise _Transient(f"network failure reading {url}: {exc!r}", Truncated) from None
                if not chunk:
                    break
                got += len(chunk)
                if limit is not None and got > limit:
                    raise TooLarge(_too_large(url, limit))
                write(chunk)
                if progress is not None:
                    progress(len(chunk))
        if expected is not None and got != expected:
            raise _Transient(
                f"the download from {url} was cut short: {got:,} of {expected:,} bytes", Truncated
            )
        return got

    def _stall(self, host: str) -> str:
        return f"{host} stalled: nothing received for {self.timeout:g} s"


def _opener(url: str) -> urllib.request.OpenerDirector:
    # No proxy can reach this machine's own loopback: the tests' servers are asked directly.
    if (urlsplit(url).hostname or "") in _LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _too_large(url: str, limit: int) -> str:
    return (
        f"{url} is larger than the download limit of {limit / 2**20:,.0f} MiB, and its server "
        "does not answer Range requests, so it would have to be downloaded whole"
    )


def _content_range(response: http.client.HTTPResponse, url: str) -> tuple[int, int, int]:
    """Return (first byte, last byte, total size) from a 206 response's Content-Range."""
    value = response.headers.get("Content-Range", "")
    match = _CONTENT_RANGE.match(value.strip())
    if match is None:
        response.close()
        raise FetchError(f"{url} answered a Range request with Content-Range {value!r}")
    first, last, total = (int(g) for g in match.groups())
    return first, last, total


class RangeFile:
    """A read-only, seekable file over HTTP Range requests, caching the ranges it fetched.

    Enough of a file for `zipfile.ZipFile`: `read`, `seek`, `tell`. A read the cache cannot
    answer fetches the missing bytes (at least READ_AHEAD of them) in one request.
    """

    def __init__(self, client: Client, url: str, size: int) -> None:
        self.client = client
        self.url = url
        self.size = size
        self.fetched = 0  # bytes received, retries included
        self.requests = 0
        self._pos = 0
        self._starts: list[int] = []
        self._segments: list[bytes] = []

    # -- the file interface zipfile uses ---------------------------------------------------

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self.size}[whence]
        if base + offset < 0:
            raise OSError("seek before the start of the archive")
        self._pos = base + offset
        return self._pos

    def read(self, n: int = -1) -> bytes:
        end = self.size if n is None or n < 0 else min(self.size, self._pos + n)
        if end <= self._pos:
            return b""
        for start, stop in self._gaps(self._pos, end):
            bound = self._next_start(stop)
            self.fetch(start, max(stop, min(start + READ_AHEAD, bound)))
        data = self._cached(self._pos, end)
        self._pos = end
        return data

    def close(self) -> None:
        self.forget()

    # -- the cache -------------------------------------------------------------------------

    def add(self, start: int, data: bytes) -> None:
        """Keep bytes from `start` (they must not overlap bytes already kept)."""
        index = bisect.bisect(self._starts, start)
        self._starts.insert(index, start)
        self._segments.insert(index, data)

    def fetch(
        self, start: int, end: int, *, progress: Callable[[int], object] | None = None
    ) -> None:
        """Fetch the bytes from `start` up to `end` that are not cached, one request per gap."""
        for gap_start, gap_end in self._gaps(start, min(end, self.size)):
            self.add(
                gap_start,
                self.client.retrying(lambda a=gap_start, b=gap_end: self._get(a, b, progress)),
            )

    def forget(self) -> None:
        """Drop every cached byte (a member's bytes once extracted)."""
        self._starts, self._segments = [], []

    def _get(self, start: int, end: int, progress: Callable[[int], object] | None) -> bytes:
        self.requests += 1
        response = self.client.open(self.url, {"Range": f"bytes={start}-{end - 1}"})
        if response.status != 206:
            response.close()
            raise FetchError(
                f"{self.url} stopped answering Range requests (HTTP {response.status})"
            )
        first, last, _ = _content_range(response, self.url)
        if (first, last) != (start, end - 1):
            response.close()
            raise FetchError(
                f"{self.url} sent bytes {first}-{last} when asked for {start}-{end - 1}"
            )
        buffer = bytearray()

        def write(chunk: bytes) -> None:
            self.fetched += len(chunk)
            buffer.extend(chunk)

        self.client.read_body(response, end - start, write, url=self.url, progress=progress)
        return bytes(buffer)

    def _gaps(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return the sub-ranges of [start, end) not in the cache."""
        gaps, pos = [], start
        for seg_start, data in zip(self._starts, self._segments, strict=True):
            seg_end = seg_start + len(data)
            if seg_end <= pos:
                continue
            if seg_start >= end:
                break
            if seg_start > pos:
                gaps.append((pos, seg_start))
            pos = seg_end
            if pos >= end:
                break
        if pos < end:
            gaps.append((pos, end))
        return gaps

    def _next_start(self, pos: int) -> int:
        index = bisect.bisect_left(self._starts, pos)
        return self._starts[index] if index < len(self._starts) else self.size

    def _cached(self, start: int, end: int) -> bytes:
        out = bytearray()
        for seg_start, data in zip(self._starts, self._segments, strict=True):
            seg_end = seg_start + len(data)
            if seg_end <= start or seg_start >= end:
                continue
            out += data[max(start, seg_start) - seg_start : min(end, seg_end) - seg_start]
        return bytes(out)


@dataclass(frozen=True)
class Downloaded:
    """One archive member written to disk, its size and CRC-32 checked."""

    member: str
    name: FileName
    path: Path
    size: int
    compressed: int


@dataclass
class Archive:
    """A published archive opened for reading: its police.uk members, by name."""

    url: str
    size: int
    ranged: bool  # read by Range requests, not downloaded whole
    zip: zipfile.ZipFile
    source: RangeFile | None = None
    downloaded: int = 0  # bytes of a whole download
    files: dict[FileName, zipfile.ZipInfo] = field(default_factory=dict)

    @property
    def fetched(self) -> int:
        """Return the bytes received from the server so far."""
        return self.source.fetched if self.source is not None else self.downloaded

    @property
    def months(self) -> list[str]:
        return sorted({n.month for n in self.files})

    def forces(self, month: str | None = None) -> list[str]:
        """Return the force slugs with files in the archive (in one month, if given)."""
        return sorted({n.force for n in self.files if month is None or n.month == month})

    def select(
        self, *, force: str, month: str, kinds: Sequence[Kind] | None = None
    ) -> list[zipfile.ZipInfo]:
        """Return the members for one force and month: those kinds, or every kind held."""
        if month not in self.months:
            span = f"{self.months[0]}..{self.months[-1]}" if self.months else "no months"
            raise NotInArchive(f"{self.url} holds no {month} files (it holds {span})")
        if force not in self.forces():
            close = difflib.get_close_matches(force, self.forces(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise NotInArchive(f"the force {force!r} is not in {self.url}{hint}")
        held = {
            n.kind: info for n, info in self.files.items() if (n.force, n.month) == (force, month)
        }
        if not held:
            raise NotInArchive(f"{self.url} holds no {month} files for {force}")
        wanted = list(kinds) if kinds is not None else [k for k in Kind if k in held]
        for kind in wanted:
            if kind not in held:
                raise NotInArchive(f"{self.url} holds no {kind} file for {force} {month}")
        return [held[k] for k in wanted]

    def extract(
        self, members: Sequence[zipfile.ZipInfo], dest: Path, *, progress: TextIO | None = None
    ) -> list[Downloaded]:
        """Write the members under `dest` in the archive's layout; check each CRC-32 and size.

        A member whose bytes are short or corrupt raises FetchError; the caller's folder may
        then hold part of the download and must be thrown away.
        """
        bar = tqdm(
            total=sum(m.compress_size for m in members),
            unit="B",
            unit_scale=True,
            desc="police.uk files",
            file=progress,
            disable=progress is None,
            leave=False,
        )
        out = []
        with bar:
            for info in members:
                name = parse_file_name(info.filename)
                assert name is not None  # only police.uk members are selected
                if self.source is not None:
                    self.source.fetch(*self._span(info), progress=bar.update)
                else:
                    bar.update(info.compress_size)
                target = dest / name.month / Path(info.filename).name
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    size = self._copy(info, target)
                finally:
                    if self.source is not None:
                        self.source.forget()
                out.append(Downloaded(info.filename, name, target, size, info.compress_size))
        return out

    def _copy(self, info: zipfile.ZipInfo, target: Path) -> int:
        """Inflate one member to `target`; return its size (zipfile checks the CRC-32)."""
        size = 0
        try:
            with self.zip.open(info) as src, target.open("wb") as dst:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise FetchError(f"{info.filename} in {self.url} is corrupt: {exc}") from None
        if size != info.file_size:
            raise FetchError(
                f"{info.filename} in {self.url} inflated to {size:,} bytes, "
                f"not the {info.file_size:,} its directory entry gives"
            )
        return size

    def _span(self, info: zipfile.ZipInfo) -> tuple[int, int]:
        """Return the byte range of a member: its local header up to the next member."""
        bounds = sorted({i.header_offset for i in self.zip.infolist()} | {self.zip.start_dir})
        return info.header_offset, bounds[bisect.bisect_right(bounds, info.header_offset)]


@contextmanager
def open_archive(
    url: str, *, client: Client, workdir: Path, progress: TextIO | None = None
) -> Iterator[Archive]:
    """Open the archive at `url` by Range requests, or downloaded whole into `workdir`.

    Raises NotPublished on a 404, FetchError on any other failure.
    """
    source: RangeFile | None = None
    whole = workdir / "archive.zip"
    downloaded = 0

    def first() -> RangeFile | int:
        response = client.open(url, {"Range": f"bytes=-{TAIL}"})
        if response.status == 206:
            start, last, total = _content_range(response, url)
            reader = RangeFile(client, url, total)
            reader.requests = 1
            buffer = bytearray()
            reader.fetched = client.read_body(response, last - start + 1, buffer.extend, url=url)
            reader.add(start, bytes(buffer))
            return reader
        # The server ignored Range: read the whole archive, within the limit.
        length = response.headers.get("Content-Length")
        expected = int(length) if length and length.isdigit() else None
        if expected is not None and expected > client.max_bytes:
            response.close()
            raise TooLarge(_too_large(url, client.max_bytes))
        bar = tqdm(
            total=expected,
            unit="B",
            unit_scale=True,
            desc="police.uk archive (whole)",
            file=progress,
            disable=progress is None,
            leave=False,
        )
        with bar, whole.open("wb") as out:
            limit = client.max_bytes
            return client.read_body(
                response, expected, out.write, url=url, limit=limit, progress=bar.update
            )

    opened = client.retrying(first)
    if isinstance(opened, RangeFile):
        source, size = opened, opened.size
    else:
        downloaded, size = opened, whole.stat().st_size
    try:
        archive_zip = zipfile.ZipFile(source if source is not None else whole)  # type: ignore[arg-type]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FetchError(f"{url} is not a readable zip archive (cut short?): {exc}") from None
    archive = Archive(url, size, source is not None, archive_zip, source, downloaded)
    for info in archive_zip.infolist():
        name = parse_file_name(info.filename)
        if name is not None and not info.is_dir():
            archive.files[name] = info
    if source is not None:
        source.forget()  # the directory is parsed; only members are read from here on
    try:
        yield archive
    finally:
        archive_zip.close()
        if not archive.ranged:
            whole.unlink(missing_ok=True)


def archive_url(base: str, archive: str) -> str:
    """Return the URL of an archive: `YYYY-MM` or `latest` under the base URL."""
    return f"{base.rstrip('/')}/{archive}.zip"
