"""Compstat windows: totals, % change guards, exact tests for counts, missing months."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.analysis.compstat import compare_windows, compstat, format_number, format_pct
from oversight.analysis.periods import period_range


def _two_years() -> dict[str, float | None]:
    """2023-07..2024-06 are 10 a month, 2024-07..2025-06 are 12 a month."""
    series: dict[str, float | None] = dict.fromkeys(period_range("2023-07", "2024-06"), 10)
    series.update(dict.fromkeys(period_range("2024-07", "2025-06"), 12))
    return series


def test_compstat_windows_worked_by_hand():
    result = compstat(_two_years(), "2025-06")

    assert (result.month.current, result.month.previous) == (12, 12)
    assert result.month.change == 0
    assert result.month.pct_change == 0
    assert result.month.describe() == "0% (12 against 12), not significant"

    same = result.same_month_last_year
    assert same.previous_periods == ("2024-06",)
    assert (same.current, same.previous, same.change) == (12, 10, 2)
    assert same.pct_change == pytest.approx(20)

    ytd = result.year_to_date
    assert ytd.current_periods == ("2025-04", "2025-05", "2025-06")
    assert ytd.previous_periods == ("2024-04", "2024-05", "2024-06")
    assert (ytd.current, ytd.previous) == (36, 30)
    assert ytd.pct_change == pytest.approx(20)

    rolling = result.rolling_12
    assert rolling.current_periods[0] == "2024-07"
    assert rolling.previous_periods == tuple(period_range("2023-07", "2024-06"))
    assert (rolling.current, rolling.previous) == (144, 120)
    assert rolling.describe() == "+20% (144 against 120), not significant"
    # 2024-07..2025-06 has 365 days, 2023-07..2024-06 has 366 (February 2024).
    assert rolling.significance.expected_share == pytest.approx(365 / 731)


def test_compstat_windows_in_board_order():
    result = compstat(_two_years(), "2025-06")
    names = [w.name for w in result.windows]
    assert names == ["month", "same_month_last_year", "year_to_date", "rolling_12"]


@pytest.mark.parametrize(
    ("period", "first", "months"),
    [("2025-04", "2025-04", 1), ("2025-03", "2024-04", 12), ("2025-01", "2024-04", 10)],
)
def test_year_to_date_starts_in_april(period, first, months):
    ytd = compstat(_two_years(), period).year_to_date
    assert ytd.current_periods[0] == first
    assert len(ytd.current_periods) == months
    assert ytd.previous_periods[-1] == period.replace(period[:4], str(int(period[:4]) - 1))


def test_describe_two_against_four_is_not_significant():
    window = compare_windows(
        {"2025-06": 2, "2024-06": 4}, ["2025-06"], ["2024-06"], name="x", min_base=1
    )
    assert window.significance.p_value == pytest.approx(0.6875)
    assert window.describe() == "−50% (2 against 4), not significant"


def test_describe_two_against_four_has_no_pct_below_default_base():
    window = compare_windows(
        {"2025-06": 2, "2024-06": 4}, ["2025-06"], ["2024-06"], name="same_month_last_year"
    )
    assert window.pct_change is None
    assert window.describe() == "no % change: base below 10 (2 against 4), not significant"
    assert window.describe(with_comparison=True).startswith(
        "no % change on the same month last year: base below 10"
    )


def test_describe_1180_against_1000_is_significant():
    window = compare_windows(
        {"2025-05": 1180, "2024-05": 1000}, ["2025-05"], ["2024-05"], name="same_month_last_year"
    )
    assert window.significance.significant
    assert window.significance.direction == "higher"
    assert window.significance.p_value < 0.001
    assert window.describe() == "+18% (1,180 against 1,000), significant"
    assert window.describe(with_comparison=True) == (
        "+18% on the same month last year (1,180 against 1,000), significant"
    )


def test_pct_change_none_when_base_is_zero():
    window = compare_windows({"2025-06": 3, "2025-05": 0}, ["2025-06"], ["2025-05"], name="month")
    assert window.pct_change is None
    assert window.change == 3
    assert window.describe() == "no % change: base is zero (3 against 0), not significant"


def test_pct_change_at_the_base_threshold_is_given():
    window = compare_windows({"2025-06": 15, "2025-05": 10}, ["2025-06"], ["2025-05"], name="m")
    assert window.pct_change == pytest.approx(50)


def test_min_base_is_configurable():
    series = {"2025-06": 30, "2025-05": 20}
    assert (
        compare_windows(series, ["2025-06"], ["2025-05"], name="m", min_base=25).pct_change is None
    )


def test_no_events_is_not_tested():
    window = compare_windows({"2025-06": 0, "2025-05": 0}, ["2025-06"], ["2025-05"], name="month")
    assert window.significance is None
    assert window.describe() == "no % change: base is zero (0 against 0), not tested (no events)"


def test_missing_month_makes_window_incomplete():
    series = _two_years()
    series["2024-09"] = None
    result = compstat(series, "2025-06")
    rolling = result.rolling_12
    assert not rolling.complete
    assert rolling.current is None
    assert rolling.previous == 120
    assert (rolling.change, rolling.pct_change, rolling.significance) == (None, None, None)
    assert rolling.describe() == "no % change: no data for 2024-09"
    assert result.year_to_date.complete


def test_absent_month_is_missing_not_zero():
    series = _two_years()
    del series["2024-06"]
    same = compstat(series, "2025-06").same_month_last_year
    assert not same.complete
    assert same.previous is None
    assert same.reason == "no data for 2024-06"


def test_non_count_is_averaged_and_not_tested():
    series = {"2025-05": 80.0, "2025-06": 85.0, "2024-05": 70.0, "2024-06": 75.0}
    window = compare_windows(
        series, ["2025-05", "2025-06"], ["2024-05", "2024-06"], name="x", is_count=False
    )
    assert (window.current, window.previous) == (82.5, 72.5)
    assert window.significance is None
    assert window.pct_change == pytest.approx(100 * 10 / 72.5)
    assert window.describe() == "+14% (82.5 against 72.5), not tested (not a count)"


def test_non_count_ignores_min_base():
    series = {"2025-06": 3.5, "2025-05": 2.5}
    window = compare_windows(series, ["2025-06"], ["2025-05"], name="m", is_count=False)
    assert window.pct_change == pytest.approx(40)


@pytest.mark.parametrize("bad", [2.5, -1])
def test_count_must_be_whole_and_non_negative(bad):
    with pytest.raises(ValueError, match="2025-06"):
        compare_windows({"2025-06": bad, "2025-05": 4}, ["2025-06"], ["2025-05"], name="m")


def test_leap_february_uses_days_as_exposure():
    window = compare_windows({"2024-02": 29, "2023-02": 28}, ["2024-02"], ["2023-02"], name="m")
    assert window.significance.expected_share == pytest.approx(29 / 57)
    assert window.significance.direction == "same"


def test_exposure_in_months_tests_against_one_half():
    window = compare_windows(
        {"2024-02": 29, "2023-02": 28}, ["2024-02"], ["2023-02"], name="m", exposure="months"
    )
    assert window.significance.expected_share == 0.5
    assert window.significance.direction == "higher"


def test_alpha_is_configurable():
    series = {"2025-06": 30, "2025-05": 18}  # p ≈ 0.11
    loose = compare_windows(series, ["2025-06"], ["2025-05"], name="m", alpha=0.2)
    strict = compare_windows(series, ["2025-06"], ["2025-05"], name="m")
    assert loose.significance.significant
    assert not strict.significance.significant


def test_compstat_rejects_bad_period():
    with pytest.raises(ValueError, match="period"):
        compstat({}, "2025-6")


@pytest.mark.parametrize(
    ("pct", "text"),
    [(18.0, "+18%"), (-50.0, "−50%"), (4.54, "+4.5%"), (0.0, "0%"), (-0.01, "0%"), (9.96, "+10%")],
)
def test_format_pct_signs_and_rounds(pct, text):
    assert format_pct(pct) == text


def test_format_number_uses_separators_and_minus():
    assert format_number(1180) == "1,180"
    assert format_number(82.25) == "82.25"
    assert format_number(-3) == "−3"


counts = st.integers(0, 5000)


@given(counts, st.integers(1, 5000))
def test_pct_change_sign_matches_change(current, previous):
    window = compare_windows(
        {"2025-06": current, "2024-06": previous}, ["2025-06"], ["2024-06"], name="m", min_base=0
    )
    assert math.copysign(1, window.pct_change) == math.copysign(1, window.change) or (
        window.change == 0 and window.pct_change == 0
    )


@given(counts, counts, st.sampled_from([("2024-02", "2023-02"), ("2025-06", "2024-06")]))
def test_swapping_windows_flips_direction_not_p_value(a, b, months):
    now, before = months
    series = {now: a, before: b}
    forward = compare_windows(series, [now], [before], name="m")
    backward = compare_windows(series, [before], [now], name="m")
    if a + b == 0:
        assert forward.significance is None and backward.significance is None
        return
    assert forward.significance.p_value == pytest.approx(backward.significance.p_value, rel=1e-6)
    assert forward.significance.significant == backward.significance.significant or math.isclose(
        forward.significance.p_value, 0.05, rel_tol=1e-6
    )
    flipped = {"higher": "lower", "lower": "higher", "same": "same"}
    assert backward.significance.direction == flipped[forward.significance.direction]


@given(st.lists(st.one_of(st.none(), counts), min_size=24, max_size=24))
def test_window_with_missing_month_never_has_pct(values):
    series = dict(zip(period_range("2023-07", "2025-06"), values, strict=True))
    for window in compstat(series, "2025-06").windows:
        months = window.current_periods + window.previous_periods
        if any(series[p] is None for p in months):
            assert not window.complete
            assert window.pct_change is None
            assert window.significance is None
        else:
            assert window.complete
