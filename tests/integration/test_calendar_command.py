"""`oversight calendar`: table, JSON and ICS output, and clear errors on bad input."""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_gives_the_issue_shape():
    data = json.loads(run("--from", "2026-02", "--to", "2026-03", "--format", "json"))
    assert [c["csb"] for c in data] == ["2026-02-05", "2026-03-05"]
    first = data[0]
    assert [s["step"] for s in first["steps"]] == [
        "force_compstat",
        "compstat_debrief",
        "gold_preparation",
        "briefing",
        "jpmg",
        "gold_finalisation",
        "chief_constables_gold",
        "csb_finalisation",
        "csb",
    ]
    assert first["steps"][0]["date"] == "2026-01-19"
    assert first["steps"][4] == {
        "step": "jpmg",
        "title": "Joint Performance Management Group",
        "date": "2026-01-28",
        "owner": "Joint",
        "named_owners": [],
    }
    assert first["conflicts"] == []


def test_json_with_explicit_dates_and_a_closure():
    data = json.loads(
        run(
            "--from",
            "2026-02",
            "--to",
            "2026-02",
            "--csb",
            "2026-02-05",
            "--closure",
            "2026-01-28",
            "--format",
            "json",
        )
    )
    steps = {s["step"]: s["date"] for s in data[0]["steps"]}
    assert steps["jpmg"] == "2026-01-27"


def test_rule_other_than_the_default():
    args = ["--from", "2026-02", "--to", "2026-02", "--csb-rule", "last Wednesday"]
    data = json.loads(run(*args, "--format", "json"))
    assert [c["csb"] for c in data] == ["2026-02-25"]


def test_table_is_aligned_and_shows_conflicts():
    text = run("--from", "2026-01", "--to", "2026-02")
    assert "Commissioner's Strategic Board Thu 05 Feb 2026" in text
    assert "CONFLICT  csb: 2026-01-01 is not a working day" in text
    rows = [line for line in text.splitlines() if line.startswith("  ") and "CONFLICT" not in line]
    # Titles, and then owners, start in the same column on every row.
    titles = {row.index("Force Compstat") for row in rows if "Force Compstat" in row}
    owner = re.compile(r" (Chief Constable's team|Commissioner's team|Joint)(  |$)")
    owners = {owner.search(row).start() for row in rows}
    assert len(rows) == 18
    assert titles == {row.index("Briefing") for row in rows if "Briefing" in row}
    assert len(titles) == 1
    assert len(owners) == 1
    assert "Wed 2026-01-28" in text


def test_table_shows_an_unscheduled_jpmg():
    text = run("--from", "2026-04", "--to", "2026-04", "--csb", "2026-04-13")
    assert "NOT SCHEDULED" in text
    assert "CONFLICT  jpmg: no working day" in text


def test_ics_parses(tmp_path: Path):
    target = tmp_path / "cycle.ics"
    err = StringIO()
    call_command(
        "calendar",
        "--from",
        "2026-02",
        "--to",
        "2026-04",
        "--format",
        "ics",
        "-o",
        str(target),
        stdout=StringIO(),
        stderr=err,
    )
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 27
    assert "csb-2026-02-05-jpmg@oversight" in {str(e["uid"]) for e in events}
    assert "wrote 3 cycles" in err.getvalue()


def test_ics_to_stdout_with_a_time():
    text = run("--from", "2026-02", "--to", "2026-02", "--format", "ics", "--time", "10:00")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "DTSTART;TZID=Europe/London:20260128T100000" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-2", "--to", "2026-03"], "--from must be a month as YYYY-MM"),
        (["--from", "2026-13", "--to", "2027-03"], "--from must be a month as YYYY-MM"),
        (["--from", "2026-04", "--to", "2026-03"], "is before --from"),
        (["--from", "2026-01", "--to", "2026-03", "--csb", "2026-02-31"], "--csb must be a date"),
        (["--from", "2026-01", "--to", "2026-03", "--csb", "2026-05-07"], "is outside"),
        (["--from", "2026-01", "--to", "2026-03", "--csb-rule", "fifth Friday"], "--csb-rule"),
        (["--from", "2026-01", "--to", "2026-03", "--closure", "soon"], "--closure must be"),
        (["--from", "2026-01", "--to", "2026-03", "--offset", "jpmg=2"], "--offset"),
        (["--from", "2026-01", "--to", "2026-03", "--offset", "jpmg"], "STEP=N"),
        (["--from", "2026-01", "--to", "2026-03", "--time", "25:00"], "--time"),
    ],
)
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_the_oversight_cli_runs_it(tmp_path: Path):
    env = {**os.environ, "OVERSIGHT_HOME": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "oversight",
            "calendar",
            "--from",
            "2026-02",
            "--to",
            "2026-02",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["csb"] == "2026-02-05"
    bad = subprocess.run(
        [sys.executable, "-m", "oversight", "calendar", "--from", "Feb", "--to", "2026-02"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert bad.returncode != 0
    assert "--from must be a month as YYYY-MM" in bad.stderr
