"""The remote-zip reader in oversight/data/fetch.py, against a loopback archive server."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

import oversight
from oversight.data import fetch
from oversight.data.fetch import (
    Client,
    FetchError,
    NotInArchive,
    NotPublished,
    RangeFile,
    Stalled,
    TooLarge,
    Truncated,
    open_archive,
)
from oversight.data.policeuk import Kind
from tests.factories.police_uk_archive import ArchiveServer, build_archive, member_span

DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"
MONTHS = ("2023-11", "2023-12", "2024-01")
FILES = [DEMO / m / f"{m}-gwent-{k}.csv.gz" for m in MONTHS for k in ("street", "outcomes")]
STREET = "2024-01-gwent-street.csv"
QUICK = Client(timeout=2, backoff=0)


@pytest.fixture(scope="module")
def archive() -> bytes:
    return build_archive(FILES)


def serve(archive: bytes, **options: object) -> ArchiveServer:
    return ArchiveServer({"2024-01.zip": archive}, **options)  # type: ignore[arg-type]


def original(name: str) -> bytes:
    return gzip.decompress((DEMO / name[:7] / f"{name}.gz").read_bytes())


def test_open_archive_lists_the_police_uk_members(archive, tmp_path):
    with (
        serve(archive) as server,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened,
    ):
        assert opened.ranged
        assert opened.size == len(archive)
        assert opened.months == list(MONTHS)
        assert opened.forces() == ["gwent"]
        assert len(opened.files) == 6


def test_extract_reads_only_the_tail_the_directory_and_the_member(archive, tmp_path):
    with serve(archive) as server:
        with open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened:
            members = opened.select(force="gwent", month="2024-01", kinds=[Kind.STREET])
            (file,) = opened.extract(members, tmp_path / "out")
        start, end = member_span(archive, STREET)

    assert file.path == tmp_path / "out" / "2024-01" / STREET
    assert file.path.read_bytes() == original(STREET)
    assert file.size == len(original(STREET))
    # The directory of so small an archive is in the first tail read; then the member itself.
    assert [status for _, _, status in server.requests] == [206, 206]
    assert server.sent < fetch.TAIL + (end - start) + 200
    assert server.sent < len(archive) / 3


def test_select_takes_every_kind_the_archive_holds_by_default(archive, tmp_path):
    with (
        serve(archive) as server,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened,
    ):
        members = opened.select(force="gwent", month="2023-12")
        files = opened.extract(members, tmp_path / "out")
    assert sorted(f.path.name for f in files) == [
        "2023-12-gwent-outcomes.csv",
        "2023-12-gwent-street.csv",
    ]
    for f in files:
        assert (
            hashlib.sha256(f.path.read_bytes()).digest()
            == hashlib.sha256(original(f.path.name)).digest()
        )


@pytest.mark.parametrize(
    ("force", "month", "kinds", "message"),
    [
        ("gwentt", "2024-01", None, "the force 'gwentt' is not in http://127.0.0.1:"),
        ("gwent", "2024-02", None, "holds no 2024-02 files (it holds 2023-11..2024-01)"),
        ("gwent", "2024-01", [Kind.STOP_AND_SEARCH], "holds no stop-and-search file for gwent"),
    ],
    ids=["force", "month", "dataset"],
)
def test_select_names_what_the_archive_lacks(archive, tmp_path, force, month, kinds, message):
    with (
        serve(archive) as server,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened,
        pytest.raises(NotInArchive) as caught,
    ):
        opened.select(force=force, month=month, kinds=kinds)
    assert message in str(caught.value)
    if force == "gwentt":
        assert "did you mean 'gwent'?" in str(caught.value)


def test_a_server_ignoring_range_is_read_whole_into_the_workdir(archive, tmp_path):
    with serve(archive, ranges=False) as server:
        with open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened:
            assert not opened.ranged
            assert (tmp_path / "archive.zip").stat().st_size == len(archive)
            members = opened.select(force="gwent", month="2024-01", kinds=[Kind.STREET])
            (file,) = opened.extract(members, tmp_path / "out")
        assert not (tmp_path / "archive.zip").exists()
    assert file.path.read_bytes() == original(STREET)
    assert server.sent == len(archive)
    assert len(server.requests) == 1


def test_a_server_ignoring_range_past_the_size_limit_is_refused(archive, tmp_path):
    client = Client(timeout=2, backoff=0, max_bytes=len(archive) // 2)
    with (
        serve(archive, ranges=False) as server,
        pytest.raises(TooLarge, match="download limit"),
        open_archive(server.url + "2024-01.zip", client=client, workdir=tmp_path),
    ):
        pass
    assert len(server.requests) == 1  # refused on Content-Length, not retried


def test_a_404_is_not_published(archive, tmp_path):
    with (
        serve(archive) as server,
        pytest.raises(NotPublished) as caught,
        open_archive(server.url + "2024-02.zip", client=QUICK, workdir=tmp_path),
    ):
        pass
    assert caught.value.url.endswith("/data/archive/2024-02.zip")
    assert len(server.requests) == 1


def test_server_errors_are_retried_with_a_doubling_wait(archive, tmp_path):
    waits: list[float] = []
    client = Client(timeout=2, backoff=0.5, sleep=waits.append)
    with (
        serve(archive, failures=2) as server,
        open_archive(server.url + "2024-01.zip", client=client, workdir=tmp_path) as opened,
    ):
        assert opened.months == list(MONTHS)
    assert [s for _, _, s in server.requests[:3]] == [500, 500, 206]
    assert waits == [0.5, 1.0]


def test_server_errors_that_persist_fail_after_the_attempts(archive, tmp_path):
    with (
        serve(archive, failures=10) as server,
        pytest.raises(FetchError) as caught,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path),
    ):
        pass
    assert "HTTP 500" in str(caught.value)
    assert "gave up after 4 attempts" in str(caught.value)
    assert len(server.requests) == fetch.ATTEMPTS


def test_a_stalled_server_fails_as_a_stall(archive, tmp_path):
    client = Client(timeout=0.2, backoff=0, attempts=2)
    with (
        serve(archive, stall=5) as server,
        pytest.raises(Stalled) as caught,
        open_archive(server.url + "2024-01.zip", client=client, workdir=tmp_path),
    ):
        pass
    assert "stalled: nothing received for 0.2 s" in str(caught.value)
    assert "gave up after 2 attempts" in str(caught.value)


def test_a_member_cut_short_fails_as_truncated(archive, tmp_path):
    start, end = member_span(archive, STREET)
    with (
        serve(archive, cut_at=(start + end) // 2) as server,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened,
    ):
        members = opened.select(force="gwent", month="2024-01", kinds=[Kind.STREET])
        with pytest.raises(Truncated, match="cut short"):
            opened.extract(members, tmp_path / "out")
    assert len(server.requests) == 1 + fetch.ATTEMPTS


def test_a_corrupt_member_fails_its_crc_check(archive, tmp_path):
    _, end = member_span(archive, STREET)
    # A flipped bit near the member's end still inflates; only the CRC-32 can notice it.
    bad = bytearray(archive)
    bad[end - 3] ^= 0x01
    with (
        serve(bytes(bad)) as server,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened,
    ):
        members = opened.select(force="gwent", month="2024-01", kinds=[Kind.STREET])
        with pytest.raises(FetchError, match="is corrupt: Bad CRC-32"):
            opened.extract(members, tmp_path / "out")


def test_a_truncated_archive_is_not_a_readable_zip(archive, tmp_path):
    with (
        serve(archive[: len(archive) // 2]) as server,
        pytest.raises(FetchError) as caught,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path),
    ):
        pass
    assert "is not a readable zip archive" in str(caught.value)


def test_range_file_reads_like_the_bytes_and_fetches_each_byte_once(archive):
    with serve(archive) as server:
        reader = RangeFile(QUICK, server.url + "2024-01.zip", len(archive))
        reader.seek(1000)
        assert reader.read(10) == archive[1000:1010]
        assert reader.read(5) == archive[1010:1015]  # from the read-ahead
        reader.seek(-30, 2)
        assert reader.read() == archive[-30:]
        reader.seek(500)
        assert reader.read(fetch.READ_AHEAD + 1000) == archive[500 : 500 + fetch.READ_AHEAD + 1000]
        requests = reader.requests
        reader.seek(0)
        assert reader.read(2000) == archive[:2000]
        assert reader.requests == requests + 1  # only the 500 bytes not yet held
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert len(zf.namelist()) == 6


def test_range_file_sees_a_changed_server(archive):
    # A server that stops honouring Range partway is an error, not a silent whole download.
    with serve(archive) as server:
        reader = RangeFile(QUICK, server.url + "2024-01.zip", len(archive))
        server.ranges = False
        with pytest.raises(FetchError, match="stopped answering Range requests"):
            reader.read(10)


def test_a_directory_larger_than_the_tail_costs_one_more_request(tmp_path):
    # The national archive lists about 5,000 files: its directory is past the first tail read.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i in range(2000):
            zf.writestr(f"2024-01/2024-01-force-{i:04d}-street.csv", f"row {i}\n")
    big = buffer.getvalue()
    with (
        serve(big) as server,
        open_archive(server.url + "2024-01.zip", client=QUICK, workdir=tmp_path) as opened,
    ):
        assert len(opened.files) == 2000
        (file,) = opened.extract(opened.select(force="force-1234", month="2024-01"), tmp_path)
    assert file.path.read_text() == "row 1234\n"
    ranges = [r for _, r, _ in server.requests]
    assert len(ranges) == 3
    assert ranges[0] == f"bytes=-{fetch.TAIL}"
    assert server.sent < len(big)
