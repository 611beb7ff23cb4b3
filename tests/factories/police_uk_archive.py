"""A data.police.uk archive built from real files, and a loopback server that serves it.

`build_archive` writes a zip in the published layout (`YYYY-MM/YYYY-MM-<force>-<kind>.csv`)
from `.csv.gz` files; `ArchiveServer` serves such zips over HTTP on 127.0.0.1, answering Range
requests (or not), and can fail, stall or cut a body short on demand. It counts every body
byte it sends.
"""

from __future__ import annotations

import gzip
import io
import re
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PREFIX = "/data/archive/"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def build_archive(files: Iterable[Path], *, compresslevel: int = 1) -> bytes:
    """Return a zip holding each `.csv.gz` (or `.csv`) file as `YYYY-MM/<name>.csv`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as archive:
        for path in sorted(files, key=lambda p: p.name):
            name = path.name.removesuffix(".gz")
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            archive.writestr(f"{name[:7]}/{name}", data)
    return buffer.getvalue()


def member_span(archive: bytes, name: str) -> tuple[int, int]:
    """Return where a member's compressed bytes start and end in the archive."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("/" + name))
    header = archive[info.header_offset : info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little")
    start += int.from_bytes(header[28:30], "little")
    return start, start + info.compress_size


@dataclass
class ArchiveServer:
    """Serve zips by name under /data/archive/ on loopback, as data.police.uk does."""

    archives: dict[str, bytes]
    ranges: bool = True
    failures: int = 0  # answer this many requests with HTTP 500 first
    stall: float = 0.0  # wait this long before answering each request
    cut_at: int | None = None  # send a body only up to this archive offset, then hang up
    sent: int = 0
    requests: list[tuple[str, str | None, int]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{PREFIX}"

    def __enter__(self) -> ArchiveServer:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.handle_error = lambda request, address: None  # a client gone is fine
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def record(self, path: str, range_header: str | None, status: int) -> None:
        with self._lock:
            self.requests.append((path, range_header, status))

    def count(self, n: int) -> None:
        with self._lock:
            self.sent += n


def _handler(server: ArchiveServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            range_header = self.headers.get("Range")
            name = self.path.removeprefix(PREFIX)
            if server.stall and server._stop.wait(server.stall):
                return
            with server._lock:
                fail = server.failures > 0
                server.failures -= fail
            body = server.archives.get(name) if self.path.startswith(PREFIX) else None
            if fail or body is None:
                status = 500 if fail else 404
                server.record(name, range_header, status)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start, end = 0, len(body)
            match = _RANGE.match(range_header or "") if server.ranges else None
            if match and (match[1] or match[2]):
                if not match[1]:
                    start = max(0, len(body) - int(match[2]))
                else:
                    start = int(match[1])
                    end = min(len(body), int(match[2]) + 1) if match[2] else len(body)
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(body)}")
            else:
                self.send_response(200)
            server.record(name, range_header, 206 if match else 200)
            self.send_header("Content-Length", str(end - start))
            self.send_header("Content-Type", "application/zip")
            self.end_headers()
            stop = end
            if server.cut_at is not None and start <= server.cut_at < end:
                stop = server.cut_at
            try:
                for pos in range(start, stop, 1 << 16):
                    chunk = body[pos : min(stop, pos + (1 << 16))]
                    self.wfile.write(chunk)
                    server.count(len(chunk))
            except (BrokenPipeError, ConnectionResetError):
                return
            if stop < end:
                self.close_connection = True

    return Handler
