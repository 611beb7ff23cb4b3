"""`oversight spc`: JSON and table output, and clear errors for malformed files."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def write_series(tmp_path, rows, header="period,value"):
    path = tmp_path / "series.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def vignette_csv(tmp_path):
    rows = [f"{2020 + i // 12}-{i % 12 + 1:02d},{v}" for i, v in enumerate(VIGNETTE)]
    return write_series(tmp_path, rows)


def run(*args):
    out = io.StringIO()
    call_command("spc", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_spc_json_has_the_documented_shape(tmp_path):
    data = json.loads(run(vignette_csv(tmp_path), "--improvement", "down", "--target", 3, "--json"))
    assert data["mean"] == pytest.approx(1.9444, abs=5e-5)
    assert data["lpl"] == pytest.approx(-0.7156, abs=5e-5)
    assert data["upl"] == pytest.approx(4.6044, abs=5e-5)
    assert data["groups"][0]["start_period"] == "2020-01"
    assert data["groups"][0]["n"] == 18
    assert data["groups"][0]["short_group_warning"] is False
    assert data["points"][4] == {
        "period": "2020-05",
        "value": 10.0,
        "special_cause_type": "Above UCL",
        "point_type": "special_cause_concern",
    }
    assert data["variation_icon"] == "common_cause"
    assert data["assurance_icon"] == "inconsistent"
    assert data["anhoej"]["runs_signal"] is False


def test_spc_no_screen_gives_the_excel_limits(tmp_path):
    data = json.loads(run(vignette_csv(tmp_path), "--improvement", "up", "--no-screen", "--json"))
    assert data["lpl"] == pytest.approx(-3.0626, abs=5e-5)
    assert data["upl"] == pytest.approx(6.9515, abs=5e-5)
    assert data["assurance_icon"] is None


def test_spc_rebase_starts_a_new_group(tmp_path):
    data = json.loads(
        run(vignette_csv(tmp_path), "--improvement", "up", "--rebase", "2020-07", "--json")
    )
    assert [g["start_period"] for g in data["groups"]] == ["2020-01", "2020-07"]
    assert data["mean"] == pytest.approx(18 / 12)


def test_spc_table_lists_every_period_and_the_icons(tmp_path):
    text = run(vignette_csv(tmp_path), "--improvement", "up", "--target", 8)
    lines = text.splitlines()
    assert lines[0].split() == ["period", "value", "mean", "lpl", "upl", "label"]
    assert "2020-05" in lines[5] and "Above UCL" in lines[5]
    assert "variation icon: common_cause" in text
    assert "assurance icon: consistent_fail" in text


def test_spc_table_shows_a_missing_month(tmp_path):
    path = write_series(tmp_path, ["2024-01,1", "2024-02,", "2024-03,2", "2024-04,3"])
    text = run(path, "--improvement", "up")
    assert "Missing" in text.splitlines()[2]
    assert "trial limits" in text


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        ("period,value", ["2024-01,1", "2024-02,lots"], "line 3: value 'lots' is not a number"),
        ("period,value", ["2024-01,1", "2024-01,2"], "line 3: period 2024-01 repeats line 2"),
        ("month,count", ["2024-01,1", "2024-02,2"], "line 1: the header must be 'period,value'"),
        ("period,value", ["2024-01,1"], "fewer than two values"),
        ("period,value", ["2024-01,1", "2024-02,"], "fewer than two values"),
        ("period,value", ["2024-02,1", "2024-01,2"], "line 3: period 2024-01 comes before"),
        ("period,value", ["2024-01,1,3", "2024-02,2"], "line 2: expected 2 columns"),
        ("period,value", ["2024-01,1", "2024-02,nan"], "line 3: value 'nan' is not a number"),
    ],
)
def test_spc_rejects_a_malformed_file(tmp_path, header, rows, message):
    path = write_series(tmp_path, rows, header=header)
    with pytest.raises(CommandError, match=message):
        run(path, "--improvement", "up")


def test_spc_rejects_an_unknown_rebase_period(tmp_path):
    with pytest.raises(CommandError, match="rebase periods not in the series: 2030-01"):
        run(vignette_csv(tmp_path), "--improvement", "up", "--rebase", "2030-01")


def test_spc_rejects_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run(tmp_path / "absent.csv", "--improvement", "up")


def test_spc_exit_codes_through_the_cli(tmp_path):
    good = vignette_csv(tmp_path)
    ok = subprocess.run(
        [sys.executable, "-m", "oversight", "spc", str(good), "--improvement", "up", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["points"][4]["special_cause_type"] == "Above UCL"

    bad = write_series(tmp_path, ["2024-01,1", "2024-01,2"])
    failed = subprocess.run(
        [sys.executable, "-m", "oversight", "spc", str(bad), "--improvement", "up"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode != 0
    assert "period 2024-01 repeats line 2" in failed.stderr
