"""``xmr`` against NHSRplotthedots 0.2.2 run in R on reference series (fixtures/spc_reference).

Each ``<series>.<options>.json`` holds what ``ptd_spc`` returned for ``<series>.csv``, with the
icons from ``ptd_get_icons`` and ``ptd_calculate_assurance_type``; the README beside them says how
they were made. NHSRplotthedots' columns map onto ours as follows: ``mean_col`` → ``mean``,
``special_cause_type`` and ``point_type`` use our vocabulary unchanged, ``relative_to_mean`` and
``close_to_limits`` likewise, ``outside_limits`` is "Above UCL" or "Below LCL", the variation icon
file ``variation/<icon>.svg`` is our ``<icon>``, and the assurance icon files ``pass``, ``fail``
and ``inconsistent`` are our ``consistent_pass``, ``consistent_fail`` and ``inconsistent``.
"""

import csv
import json
from pathlib import Path

import pytest

from oversight.analysis.spc import ABOVE_UCL, BELOW_LCL, Point, xmr

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc_reference"
CASES = sorted(FIXTURES.glob("*.json"))
DIRECTIONS = {"increase": "up", "decrease": "down", "neutral": "neutral"}
ASSURANCE_FILES = {"pass": "consistent_pass", "fail": "consistent_fail"}


def icon_name(path):
    """Return the icon's name from the file path NHSRplotthedots gives (".../common_cause.svg")."""
    return path.rsplit("/", 1)[-1].removesuffix(".svg")


def load(case):
    expected = json.loads(case.read_text())
    with (FIXTURES / f"{expected['series']}.csv").open(newline="") as f:
        points = [Point(row["period"], float(row["value"])) for row in csv.DictReader(f)]
    return points, expected


def run(points, options):
    return xmr(
        points,
        improvement=DIRECTIONS[options["improvement_direction"]],
        target=options["target"],
        rebase=[options["rebase"]] if options["rebase"] else (),
        screen_outliers=options["screen_outliers"],
    )


def test_every_series_has_reference_output():
    series = {p.stem for p in FIXTURES.glob("*.csv")}
    assert series == {json.loads(c.read_text())["series"] for c in CASES}
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_agrees_with_nhsrplotthedots(case):
    points, expected = load(case)
    result = run(points, expected["options"])
    assert len(result.points) == len(expected["points"])
    for ours, ref in zip(result.points, expected["points"], strict=True):
        where = f"{case.stem} {ref['period']}"
        assert ours.period == ref["period"], where
        assert ours.value == ref["value"], where
        assert ours.group_index == ref["rebase_group"], where
        assert ours.mean == pytest.approx(ref["mean"], abs=1e-6), where
        assert ours.lpl == pytest.approx(ref["lpl"], abs=1e-6), where
        assert ours.upl == pytest.approx(ref["upl"], abs=1e-6), where
        assert ours.relative_to_mean == ref["relative_to_mean"], where
        assert ours.close_to_limits == ref["close_to_limits"], where
        assert (ours.special_cause_type in (ABOVE_UCL, BELOW_LCL)) == ref["outside_limits"], where
        assert ours.special_cause_type == ref["special_cause_type"], where
        assert (ours.point_type != "common_cause") == ref["special_cause_flag"], where
        assert ours.point_type == ref["point_type"], where
    groups_short = {ref["rebase_group"]: ref["short_group_warning"] for ref in expected["points"]}
    assert [g.short_group_warning for g in result.groups] == [
        groups_short[i] for i in range(len(result.groups))
    ]
    assert result.variation_icon == icon_name(expected["variation_icon_file"])
    reference_assurance = expected["assurance_icon_file"]
    if reference_assurance is None:
        assert result.assurance_icon is None
        assert expected["assurance_type"] is None
    else:
        name = icon_name(reference_assurance)
        assert result.assurance_icon == ASSURANCE_FILES.get(name, name)
        assert result.assurance_icon == expected["assurance_type"]
