"""`oversight fetch police-uk` and `oversight cycle tick` against a loopback data.police.uk.

The archives are built in the test, in the published layout, from real files: the shared
police.uk files (every force's 2024-01 street file, Gwent's outcomes, and Gwent's 2023-12 as a
back month) when ../shared/data is beside the checkout, and the demo's Gwent extract always.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import oversight
from oversight.analysis.cycle import WorkingCalendar
from oversight.data import fetch
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import SourceMonth
from oversight.data.refresh import refresh_measures
from oversight.data.warehouse import Warehouse
from oversight.meetings.services import create_cycles, set_step_status
from oversight.meetings.tick import tick
from tests.factories.police_uk_archive import ArchiveServer, build_archive, member_span
from tests.factories.verbs import run

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data" / "police-uk"
DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"
DEMO_MONTHS = ("2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03")
DEMO_MANIFEST = {
    row["file"]: int(row["rows"])
    for row in csv.DictReader((DEMO / "manifest.csv").read_text(encoding="utf-8").splitlines())
}

pytestmark = pytest.mark.django_db
SHARED_MISSING = f"the shared police.uk files are not beside the checkout ({SHARED})"


def needs_shared(test):
    """Mark a test as reading ../shared/data, skipped with the reason when it is absent."""
    skip = pytest.mark.skipif(not (SHARED / "manifest.csv").exists(), reason=SHARED_MISSING)
    return pytest.mark.shared_data(skip(test))


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Retry at once: the backoff's doubling is checked in tests/unit/test_fetch_zip.py."""
    monkeypatch.setattr(fetch, "BACKOFF", 0.0)


@pytest.fixture
def warehouse_path(settings, tmp_path) -> Path:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    settings.POLICE_UK_TIMEOUT = 2
    return settings.WAREHOUSE_PATH


@pytest.fixture(scope="module")
def national() -> bytes:
    """A 2024-01 archive: every force's street file we hold, Gwent outcomes, 2023-12 Gwent."""
    if not (SHARED / "manifest.csv").exists():
        pytest.skip(SHARED_MISSING)
    files = sorted((SHARED / "2024-01").glob("2024-01-*.csv.gz"))
    files += sorted((SHARED / "2023-12").glob("2023-12-gwent-*.csv.gz"))
    return build_archive(files)


@pytest.fixture(scope="module")
def demo_archive() -> bytes:
    """A 2024-03 archive of the demo's Gwent street and outcomes files, 2023-10..2024-03."""
    return build_archive(p for m in DEMO_MONTHS for p in (DEMO / m).glob("*.csv.gz"))


@contextmanager
def serving(settings, archives: dict[str, bytes], **options: object) -> Iterator[ArchiveServer]:
    """Serve the archives on loopback and point the archive setting at them."""
    with ArchiveServer(archives, **options) as server:  # type: ignore[arg-type]
        settings.POLICE_UK_ARCHIVE = server.url
        yield server


def loaded(path: Path) -> dict[str, int]:
    """Return rows per loaded file, keyed like manifest.csv (`YYYY-MM/name.csv.gz`)."""
    with Warehouse(path) as warehouse:
        return {f"{b.month}/{b.file_name}.gz": b.rows for b in warehouse.batches(status="loaded")}


def summary(path: Path) -> dict:
    with Warehouse(path) as warehouse:
        return warehouse.summary()


def shared_manifest() -> dict[str, dict[str, str]]:
    rows = csv.DictReader((SHARED / "manifest.csv").read_text(encoding="utf-8").splitlines())
    return {row["file"]: row for row in rows}


def import_demo(path: Path, months: tuple[str, ...]) -> None:
    report = import_police_uk([DEMO / m for m in months], warehouse_path=path, quiet=True)
    assert report.ok


def fetch_dirs() -> set[str]:
    return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("oversight-fetch-")}


# -- the real files ---------------------------------------------------------------------------


@needs_shared
def test_fetch_police_uk_imports_one_force_month_reading_a_fraction_of_the_archive(
    settings, warehouse_path, national
):
    manifest = shared_manifest()
    with serving(settings, {"2024-01.zip": national}) as server:
        status, out, err = run("fetch", "police-uk", "--force", "gwent", "--month", "2024-01")

    assert status == 0, err
    wanted = ["2024-01/2024-01-gwent-outcomes.csv.gz", "2024-01/2024-01-gwent-street.csv.gz"]
    assert loaded(warehouse_path) == {f: int(manifest[f]["rows"]) for f in wanted}
    with Warehouse(warehouse_path) as warehouse:
        shas = {f"{b.month}/{b.file_name}.gz": b.sha256 for b in warehouse.batches()}
    assert shas == {f: manifest[f]["sha256_uncompressed"] for f in wanted}
    # The tail, the directory and the two members; nothing of the other 41 files.
    members = sum(e - s for s, e in (member_span(national, Path(f).name[:-3]) for f in wanted))
    assert server.sent < members + fetch.TAIL + 16_384
    assert server.sent < len(national) / 10
    assert all(status == 206 for _, _, status in server.requests)
    assert "Files: 2 loaded, 0 replaced, 0 unchanged, 0 rejected, 0 skipped" in out
    assert "by Range requests" in out
    assert "No plan for gwent: no measures to refresh." in out
    assert "Integrity monitor:" in out


@needs_shared
def test_fetch_police_uk_twice_imports_nothing_new(settings, warehouse_path, national):
    with serving(settings, {"2024-01.zip": national}):
        assert run("fetch", "police-uk", "--force", "gwent", "--month", "2024-01")[0] == 0
        before = summary(warehouse_path)["rows"]
        status, out, _ = run("fetch", "police-uk", "--force", "gwent", "--month", "2024-01")

    assert status == 0
    assert "Files: 0 loaded, 0 replaced, 2 unchanged, 0 rejected" in out
    assert "Nothing new in the warehouse: the measures were not refreshed." in out
    assert summary(warehouse_path)["rows"] == before


@needs_shared
def test_fetch_police_uk_takes_only_the_datasets_named(settings, warehouse_path, national):
    manifest = shared_manifest()
    with serving(settings, {"2024-01.zip": national}):
        status, _, err = run(
            "fetch", "police-uk", "--force", "dyfed-powys", "--month", "2024-01",
            "--datasets", "street", "--quiet",
        )  # fmt: skip

    assert (status, err) == (0, "")
    name = "2024-01/2024-01-dyfed-powys-street.csv.gz"
    assert loaded(warehouse_path) == {name: int(manifest[name]["rows"])}


@needs_shared
def test_fetch_police_uk_reads_a_back_month_from_a_later_archive(
    settings, warehouse_path, national
):
    manifest = shared_manifest()
    with serving(settings, {"2024-01.zip": national}) as server:
        status, _, err = run(
            "fetch", "police-uk", "--force", "gwent", "--month", "2023-12",
            "--archive-month", "2024-01", "--quiet",
        )  # fmt: skip

    assert status == 0, err
    assert {name for name, _, _ in server.requests} == {"2024-01.zip"}
    assert loaded(warehouse_path) == {
        f: int(manifest[f]["rows"])
        for f in ("2023-12/2023-12-gwent-street.csv.gz", "2023-12/2023-12-gwent-outcomes.csv.gz")
    }


# -- the demo extract (always here) -----------------------------------------------------------


def test_fetch_police_uk_imports_the_month_and_refreshes_the_plan(
    settings, warehouse_path, demo_archive, demo_plan
):
    with serving(settings, {"2024-03.zip": demo_archive}) as server:
        status, out, err = run("fetch", "police-uk", "--force", "gwent", "--month", "2024-03")

    assert status == 0, err
    assert loaded(warehouse_path) == {
        f: DEMO_MANIFEST[f]
        for f in ("2024-03/2024-03-gwent-street.csv.gz", "2024-03/2024-03-gwent-outcomes.csv.gz")
    }
    assert server.sent < len(demo_archive) / 4
    assert "Refreshed 14 police.uk measure(s) for gwent" in out
    assert set(SourceMonth.objects.values_list("dataset", "period")) == {
        ("street", "2024-03"),
        ("outcomes", "2024-03"),
    }
    assert "police.uk files" in err  # the progress bar, on stderr


def test_fetch_police_uk_downloads_the_whole_archive_from_a_server_ignoring_range(
    settings, warehouse_path, demo_archive
):
    with serving(settings, {"2024-03.zip": demo_archive}, ranges=False) as server:
        status, out, err = run(
            "fetch", "police-uk", "--force", "gwent", "--month", "2024-02",
            "--archive-month", "2024-03", "--quiet",
        )  # fmt: skip

    assert status == 0, err
    assert server.sent == len(demo_archive)
    assert [s for _, _, s in server.requests] == [200]
    assert "Downloaded" in out and "whole" in out
    assert sorted(loaded(warehouse_path)) == [
        "2024-02/2024-02-gwent-outcomes.csv.gz",
        "2024-02/2024-02-gwent-street.csv.gz",
    ]


def test_fetch_police_uk_reads_latest_zip_when_asked(settings, warehouse_path, demo_archive):
    with serving(settings, {"latest.zip": demo_archive}) as server:
        status, _, err = run(
            "fetch", "police-uk", "--force", "gwent", "--month", "2023-11",
            "--archive-month", "latest", "--datasets", "outcomes", "--quiet",
        )  # fmt: skip

    assert status == 0, err
    assert {name for name, _, _ in server.requests} == {"latest.zip"}
    name = "2023-11/2023-11-gwent-outcomes.csv.gz"
    assert loaded(warehouse_path) == {name: DEMO_MANIFEST[name]}


def test_fetch_police_uk_retries_a_server_error(settings, warehouse_path, demo_archive):
    with serving(settings, {"2024-03.zip": demo_archive}, failures=2) as server:
        status, _, err = run(
            "fetch", "police-uk", "--force", "gwent", "--month", "2024-03", "--quiet"
        )

    assert status == 0, err
    assert [s for _, _, s in server.requests][:3] == [500, 500, 206]
    assert len(loaded(warehouse_path)) == 2


def _cut_member(archive: bytes) -> dict:
    start, end = member_span(archive, "2024-03-gwent-street.csv")
    return {"archives": {"2024-03.zip": archive}, "cut_at": (start + end) // 2}


def _cut_archive(archive: bytes) -> dict:
    return {"archives": {"2024-03.zip": archive[: len(archive) - 5000]}}


def _corrupt_member(archive: bytes) -> dict:
    _, end = member_span(archive, "2024-03-gwent-outcomes.csv")
    bad = bytearray(archive)
    bad[end - 3] ^= 0x01
    return {"archives": {"2024-03.zip": bytes(bad)}}


def _stall(archive: bytes) -> dict:
    return {"archives": {"2024-03.zip": archive}, "stall": 5}


def _no_range_over_the_limit(archive: bytes) -> dict:
    return {"archives": {"2024-03.zip": archive}, "ranges": False, "limit": len(archive) - 1}


def _always_failing(archive: bytes) -> dict:
    return {"archives": {"2024-03.zip": archive}, "failures": 100}


@pytest.mark.parametrize(
    ("server_options", "message"),
    [
        (_cut_member, "was cut short"),
        (_cut_archive, "is not a readable zip archive"),
        (_corrupt_member, "2024-03/2024-03-gwent-outcomes.csv in http://"),
        (_stall, "stalled: nothing received for 0.3 s (gave up after 4 attempts)"),
        (_no_range_over_the_limit, "larger than the download limit"),
        (_always_failing, "HTTP 500"),
    ],
    ids=["member-cut-short", "archive-cut-short", "bad-crc", "stall", "too-large", "http-500"],
)
def test_fetch_police_uk_that_fails_changes_nothing(
    settings, warehouse_path, demo_archive, server_options, message
):
    import_demo(warehouse_path, ("2023-10",))
    before = summary(warehouse_path)
    temporary = fetch_dirs()
    options = server_options(demo_archive)
    settings.POLICE_UK_TIMEOUT = 0.3
    if "limit" in options:
        settings.POLICE_UK_MAX_BYTES = options.pop("limit")
    with serving(settings, options.pop("archives"), **options):
        status, out, err = run(
            "fetch", "police-uk", "--force", "gwent", "--month", "2024-03", "--quiet"
        )

    assert (status, out) == (1, "")
    assert message in err
    assert err.count("\n") == 0  # one line
    assert summary(warehouse_path) == before
    assert fetch_dirs() == temporary


def test_fetch_police_uk_says_a_month_is_not_published_yet(settings, warehouse_path, demo_archive):
    with serving(settings, {"2024-03.zip": demo_archive}):
        status, _, err = run("fetch", "police-uk", "--force", "gwent", "--month", "2024-05")
    assert status == 1
    assert err.startswith("data.police.uk has not published 2024-05 yet: http://")
    assert err.endswith("/data/archive/2024-05.zip answers HTTP 404")
    assert not warehouse_path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--force", "gwnet"], "the force 'gwnet' is not in http://"),
        (["--force", "gwent", "--datasets", "stop-and-search"],
         "holds no stop-and-search file for gwent 2024-03"),
        (["--force", "gwent", "--archive-month", "2024-02"],
         "--archive-month 2024-02 is before --month 2024-03"),
    ],
    ids=["force", "dataset", "archive-before-month"],
)  # fmt: skip
def test_fetch_police_uk_names_what_is_not_in_the_archive(
    settings, warehouse_path, demo_archive, args, message
):
    with serving(settings, {"2024-03.zip": demo_archive}):
        status, _, err = run("fetch", "police-uk", "--month", "2024-03", *args)
    assert status == 1
    assert message in err
    assert not warehouse_path.exists()


def test_fetch_police_uk_says_when_the_server_cannot_be_reached(settings, warehouse_path):
    with ArchiveServer({}) as server:
        url = server.url
    settings.POLICE_UK_ARCHIVE = url  # nothing listens there any more
    status, _, err = run("fetch", "police-uk", "--force", "gwent", "--month", "2024-03")
    assert status == 1
    assert "cannot reach 127.0.0.1:" in err
    assert "gave up after 4 attempts" in err


# -- cycle tick -------------------------------------------------------------------------------


@pytest.fixture
def imported_to_january(demo_plan, warehouse_path) -> Path:
    """The demo plan with its measures computed from the demo files up to 2024-01."""
    import_demo(warehouse_path, DEMO_MONTHS[:4])
    refresh_measures(plan=demo_plan, warehouse_path=warehouse_path, by=None)
    assert max(SourceMonth.objects.values_list("period", flat=True)) == "2024-01"
    return warehouse_path


JUNE_10 = dt.date(2024, 6, 10)  # so the month before last is 2024-04


def test_cycle_tick_fetches_the_due_months_and_is_idempotent(
    settings, imported_to_january, demo_archive
):
    with serving(settings, {"2024-03.zip": demo_archive}) as server:
        first = tick(today=JUNE_10)
        requests = len(server.requests)
        second = tick(today=JUNE_10)

    assert first.ok
    assert first.up_to == "2024-04"
    (gwent,) = first.forces
    assert gwent.due == {m: ["outcomes", "street"] for m in ("2024-02", "2024-03", "2024-04")}
    assert gwent.not_published == ["2024-04"]
    assert first.fetched == [("gwent", "2024-02"), ("gwent", "2024-03")]
    assert sorted(loaded(imported_to_january))[-4:] == [
        "2024-02/2024-02-gwent-outcomes.csv.gz",
        "2024-02/2024-02-gwent-street.csv.gz",
        "2024-03/2024-03-gwent-outcomes.csv.gz",
        "2024-03/2024-03-gwent-street.csv.gz",
    ]
    assert gwent.refresh is not None
    assert max(SourceMonth.objects.values_list("period", flat=True)) == "2024-03"
    # One 404 for 2024-04.zip, then 2024-03.zip: its tail and the four members.
    assert [(n, s) for n, _, s in server.requests[:2]] == [
        ("2024-04.zip", 404),
        ("2024-03.zip", 206),
    ]

    assert second.ok
    assert second.fetched == []
    assert second.forces[0].due == {"2024-04": ["outcomes", "street"]}
    assert second.forces[0].refresh is None
    assert [n for n, _, _ in server.requests[requests:]] == ["2024-04.zip"]
    assert "data.police.uk has not published 2024-04 yet." in "\n".join(second.lines())


def test_cycle_tick_lists_the_steps_overdue_and_due_today_or_tomorrow(
    settings, imported_to_january, demo_archive
):
    # A Board on Thursday 20 June 2024: Force Compstat on Mon 3 June, the debrief on Tue 4,
    # Gold preparation on Thu 6, the briefing on Tue 11 and the JPMG on Wed 12 (see the
    # table in oversight/analysis/cycle.py).
    (cycle,) = create_cycles(csb_dates=[dt.date(2024, 6, 20)], calendar=WorkingCalendar(), by=None)
    set_step_status(step=cycle.steps.get(key="force_compstat"), status="done", by=None)
    with serving(settings, {"2024-03.zip": demo_archive}):
        report = tick(today=JUNE_10, dry_run=True)

    assert [(s.key, s.planned_date.isoformat(), s.when) for s in report.steps] == [
        ("compstat_debrief", "2024-06-04", "overdue"),
        ("gold_preparation", "2024-06-06", "overdue"),
        ("briefing", "2024-06-11", "tomorrow"),
    ]
    assert report.steps[0].owner == "Joint"
    text = "\n".join(report.lines())
    assert "Cycle steps: 2 overdue, 0 due today, 1 due tomorrow." in text
    assert "tomorrow  Tue 2024-06-11  Briefing (Board 20 Jun 2024)" in text


def test_cycle_tick_dry_run_changes_nothing(settings, imported_to_january, demo_archive):
    before = summary(imported_to_january)
    with serving(settings, {"2024-03.zip": demo_archive}) as server:
        status, out, err = run("cycle", "tick", "--dry-run", "--today", "2024-06-10")

    assert (status, err) == (0, "")
    assert server.requests == []
    assert summary(imported_to_january) == before
    assert "Dry run: would fetch police.uk months up to 2024-04" in out
    assert "gwent: due 2024-02 (outcomes, street), 2024-03 (outcomes, street)" in out
    assert f"Would read {server.url}2024-04.zip" in out


def test_cycle_tick_command_prints_what_it_fetched_and_found(
    settings, imported_to_january, demo_archive
):
    with serving(settings, {"2024-03.zip": demo_archive}):
        status, out, err = run("cycle", "tick", "--today", "2024-06-10", "--quiet")
        again = run("cycle", "tick", "--today", "2024-06-10", "--quiet")

    assert (status, err) == (0, "")
    assert "data.police.uk has not published 2024-04 yet." in out
    assert "Fetched 2024-02, 2024-03 from http://" in out
    assert "Refreshed 14 police.uk measure(s) for gwent" in out
    assert "New integrity findings:" in out
    assert again[0] == 0
    assert "Fetched" not in again[1]
    assert "Measures not refreshed: nothing new." in again[1]


def test_cycle_tick_exits_non_zero_on_a_real_failure(settings, imported_to_january, demo_archive):
    before = summary(imported_to_january)
    with serving(settings, {"2024-04.zip": demo_archive}, failures=100):
        status, _, err = run("cycle", "tick", "--today", "2024-06-10", "--quiet")

    assert status == 1
    assert "FAILED gwent: HTTP 500" in err
    assert "cycle tick: 1 failure(s)" in err
    assert summary(imported_to_january) == before


def test_cycle_tick_asks_for_a_history_when_nothing_is_imported(
    settings, demo_plan, warehouse_path
):
    with serving(settings, {}) as server:
        report = tick(today=JUNE_10)
    assert report.ok
    assert server.requests == []
    assert "No police.uk month is imported for this force yet" in report.forces[0].notes[0]


@pytest.mark.slow
def test_fetch_police_uk_command_line_reads_the_archive_setting(tmp_path, demo_archive):
    env = {
        **os.environ,
        "OVERSIGHT_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "oversight.config.settings",
    }
    subprocess.run([sys.executable, "-m", "oversight", "migrate", "-v", "0"], env=env, check=True)
    with ArchiveServer({"2024-03.zip": demo_archive}) as server:
        env["OVERSIGHT_POLICE_UK_ARCHIVE"] = server.url.rstrip("/")
        command = [sys.executable, "-m", "oversight", "fetch", "police-uk", "--force", "gwent"]
        missing = subprocess.run([*command, "--month", "2024-05"], env=env, capture_output=True,
                                 text=True, timeout=120)  # fmt: skip
    assert missing.returncode == 1
    assert "data.police.uk has not published 2024-05 yet" in missing.stderr
    assert f"{server.url}2024-05.zip" in missing.stderr

    env["OVERSIGHT_POLICE_UK_ARCHIVE"] = "ftp://data.police.uk/"
    bad = subprocess.run([*command, "--month", "2024-03"], env=env, capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert bad.returncode != 0
    assert "OVERSIGHT_POLICE_UK_ARCHIVE must be an http:// or https:// URL" in bad.stderr
