"""The demo's data step: extract imported, police.uk measures refreshed, sample values loaded."""

from __future__ import annotations

import io

from oversight.data import demo
from oversight.data.models import Observation, ValuesBatch
from oversight.plans.models import Measure, Source


def test_demo_step_loads_everything_once(demo_plan, settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    out = io.StringIO()
    demo.load(stdout=out)
    text = out.getvalue()
    assert "72 files" in text and "14 police.uk measures refreshed" in text
    police = Observation.objects.filter(origin=Observation.Origin.POLICE_UK)
    assert police.count() == 14 * 36 * 3 and not police.filter(is_sample=True).exists()

    batch = ValuesBatch.objects.get()
    assert batch.is_sample and batch.status == "loaded"
    sample = Observation.objects.filter(origin=Observation.Origin.FORCE)
    assert not sample.filter(is_sample=False).exists()
    assert set(sample.values_list("note", flat=True)) == {"Sample data"}
    force_supplied = Measure.objects.filter(plan=demo_plan, source=Source.FORCE)
    for measure in force_supplied:
        cells = sample.filter(measure=measure)
        periods = sorted(set(cells.values_list("period", flat=True)))
        assert (periods[0], periods[-1], len(periods)) == ("2022-07", "2025-06", 36), measure
        areas = set(cells.values_list("area", flat=True))
        assert areas == ({"force", "east", "west"} if "bcu" in measure.breakdowns else {"force"})
        if "age_band" in measure.breakdowns:
            assert cells.exclude(breakdown="").exists(), measure
    # BCU counts add up to the force; percentages agree with their numerator and denominator.
    da01 = {(o.area, o.period): o.value for o in sample.filter(measure__code="DA01")}
    assert da01[("force", "2024-01")] == da01[("east", "2024-01")] + da01[("west", "2024-01")]
    for obs in sample.filter(measure__unit="percentage", numerator__isnull=False)[:200]:
        assert abs(obs.value - 100 * obs.numerator / obs.denominator) <= 0.5

    again = io.StringIO()
    demo.load(stdout=again)
    assert "0 new rows" in again.getvalue() and "No change" in again.getvalue()
    assert ValuesBatch.objects.count() == 1
    assert Observation.objects.count() == police.count() + sample.count()


def test_sample_values_carry_planted_signals(demo_plan, settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    demo.load(stdout=io.StringIO())
    vs01 = dict(
        Observation.objects.filter(measure__code="VS01", area="force").values_list(
            "period", "value"
        )
    )
    before = sum(vs01[p] for p in ("2023-07", "2023-08", "2023-09")) / 3
    after = sum(vs01[p] for p in ("2025-04", "2025-05", "2025-06")) / 3
    assert after < before - 4  # satisfaction falls in the last months
