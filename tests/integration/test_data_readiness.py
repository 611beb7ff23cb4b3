"""A period is rated only from complete data; assess refuses what cannot be assessed."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from oversight.data.models import Observation, SourceMonth
from oversight.performance.models import Snapshot
from oversight.performance.services import NothingToAssess, create_snapshot
from oversight.plans.models import Measure, Source
from tests.factories.board import add_observations, load_plan

PERIOD = "2025-07"


@pytest.fixture
def board_plan(db):
    plan = load_plan()
    add_observations(plan, period=PERIOD)
    return plan


def _ratings(snapshot: Snapshot) -> dict[tuple[str, str, str], tuple[str, tuple[str, ...]]]:
    return {
        (a.measure.code, a.area, a.breakdown): (a.rating, tuple(a.reasons))
        for a in snapshot.assessments.select_related("measure")
    }


def test_police_uk_measures_are_grey_when_the_month_has_no_files(board_plan):
    with_files = _ratings(create_snapshot(period=PERIOD, by=None))
    SourceMonth.objects.filter(period=PERIOD).delete()

    snapshot = create_snapshot(period=PERIOD, by=None)

    without = _ratings(snapshot)
    police = set(Measure.objects.filter(source=Source.POLICE_UK).values_list("code", flat=True))
    for (code, area, breakdown), (rating, reasons) in without.items():
        if code in police:
            assert rating == "grey", (code, area)
            assert reasons[0].startswith("Grey: police.uk ")
            assert f"data for {PERIOD} not yet imported" in reasons[0]
        else:
            # Force-supplied ratings do not depend on the police.uk files.
            assert (rating, reasons) == with_files[(code, area, breakdown)], code
    held = snapshot.assessments.filter(measure__source=Source.POLICE_UK)
    assert set(held.values_list("hold", flat=True)) == {"not_ready"}
    # No Compstat window is derived from the missing month, and no SPC signal is shown.
    assert all(a.compstat == {} and a.variation_icon == "" for a in held)


def test_a_force_supplied_cell_without_a_value_for_the_month_is_grey(board_plan):
    Observation.objects.filter(measure__code="DA01", area="east", period=PERIOD).delete()

    snapshot = create_snapshot(period=PERIOD, by=None)

    east = snapshot.assessments.get(measure__code="DA01", area="east")
    assert east.rating == "grey" and east.hold == "not_ready"
    assert east.reasons[0] == f"Grey: no force-supplied value for {PERIOD} yet (East Gwent BCU)"
    assert snapshot.assessments.get(measure__code="DA01", area="force").hold == ""


def test_the_overview_counts_include_the_greys_of_a_month_not_ready(board_plan):
    SourceMonth.objects.filter(period=PERIOD).delete()
    snapshot = create_snapshot(period=PERIOD, by=None)
    out = io.StringIO()

    call_command("snapshot", "show", str(snapshot.pk), "--json", stdout=out)

    data = json.loads(out.getvalue())
    greys = [a for a in data["assessments"] if a["rag"] == "grey"]
    assert len(greys) >= Measure.objects.filter(source=Source.POLICE_UK).count()
    not_ready = data["readiness"]["not_ready"]
    assert {r["reason"] for r in not_ready} == {
        f"police.uk street data for {PERIOD} not yet imported",
        f"police.uk outcomes data for {PERIOD} not yet imported",
    }


def test_assess_says_which_measures_were_not_ready(board_plan):
    SourceMonth.objects.filter(period=PERIOD).delete()
    out = io.StringIO()

    call_command("assess", "--period", PERIOD, stdout=out)

    text = out.getvalue()
    assert "the rest are held at Grey" in text
    assert "PUK01, PUK02" in text and f"police.uk street data for {PERIOD} not yet imported" in text


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2030-01", "Nothing to assess for 2030-01: the latest data are for 2025-07"),
        ("2019-01", "No measure has data for 2019-01 (data run from 2022-08 to 2025-07)"),
    ],
)
def test_assess_refuses_a_period_with_no_data_and_creates_nothing(board_plan, period, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("assess", "--period", period, stdout=io.StringIO())
    assert not Snapshot.objects.exists()


def test_assess_refuses_when_there_is_no_data_at_all(demo_plan):
    with pytest.raises(NothingToAssess, match="There is no data to assess"):
        create_snapshot(period="2025-06", by=None)
    assert not Snapshot.objects.exists()
