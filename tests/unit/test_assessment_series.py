"""The assessment engine's series helpers: gaps, runs, cells, effective dates, targets."""

import datetime as dt

from oversight.analysis.spc import Point, xmr
from oversight.performance.assessment import (
    cells_for,
    is_effective,
    monthly_series,
    run_length,
    spc_facts,
    target_for,
)
from oversight.plans.models import Measure


def test_monthly_series_keeps_missing_months_as_gaps():
    series = monthly_series({"2024-01": 5, "2024-03": 7, "2024-06": 1}, "2024-04")
    assert series == {"2024-01": 5, "2024-02": None, "2024-03": 7, "2024-04": None}


def test_monthly_series_is_empty_without_data_up_to_the_period():
    assert monthly_series({"2024-06": 1}, "2024-04") == {}


def test_run_length_counts_latest_points_with_the_same_special_cause():
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 20, 20, 20, 20, 20, 20, 20]
    chart = xmr([Point(f"2023-{i + 1:02d}" if i < 12 else f"2024-{i - 11:02d}", v)
                 for i, v in enumerate(values)], improvement="down")  # fmt: skip
    facts = spc_facts(chart)
    assert facts.point_type == "special_cause_concern"
    assert facts.run_length >= 1
    labels = [p.special_cause_type for p in chart.points]
    assert labels[-facts.run_length :] == [labels[-1]] * facts.run_length
    assert facts.n_points == len(values)


def test_run_length_is_zero_for_common_cause():
    values = [10, 12, 11, 9, 10, 12, 11, 10, 9, 11, 12, 10, 11]
    chart = xmr([Point(f"2023-{i + 1:02d}" if i < 12 else "2024-01", v)
                 for i, v in enumerate(values)])  # fmt: skip
    assert chart.points[-1].special_cause_type == "Common Cause"
    assert run_length(chart) == 0


def _measure(**kwargs):
    fields = {"code": "M1", "unit": "count", "improvement": "down", "breakdowns": ["force"]}
    return Measure(**{**fields, **kwargs})


def test_cells_are_force_then_each_bcu():
    m = _measure(breakdowns=["force", "bcu"])
    assert cells_for(m, ["east", "west"], []) == [("force", ""), ("east", ""), ("west", "")]


def test_cells_include_age_bands_seen_in_the_data():
    m = _measure(breakdowns=["force", "age_band"])
    observed = [("force", ""), ("force", "age:under-18"), ("force", "age:18-and-over")]
    assert cells_for(m, ["east"], observed) == [
        ("force", ""),
        ("force", "age:18-and-over"),
        ("force", "age:under-18"),
    ]


def test_a_measure_is_effective_from_its_start_month():
    m = _measure(effective_from=dt.date(2025, 4, 15), effective_to=dt.date(2026, 3, 31))
    assert not is_effective(m, "2025-03")
    assert is_effective(m, "2025-04")
    assert is_effective(m, "2026-03")
    assert not is_effective(m, "2026-04")


def test_a_target_applies_only_within_its_dates():
    m = _measure(target=85, target_start=dt.date(2025, 4, 1), target_end=dt.date(2029, 3, 31))
    assert target_for(m, "2025-03") is None
    assert target_for(m, "2025-04") == 85
    assert target_for(_measure(), "2025-04") is None
