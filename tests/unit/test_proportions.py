"""Proportions: Wilson and Newcombe against published values, windows in percentage points."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.analysis.compstat import compstat, format_points, format_share
from oversight.analysis.periods import period_range
from oversight.analysis.proportions import (
    compare_proportion_windows,
    interval_words,
    newcombe_difference,
    proportion_compstat,
    wilson_interval,
)
from oversight.analysis.rag import RagRule, Rating, SpcFacts, assess


# Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score).
@pytest.mark.parametrize(
    ("x", "n", "lower", "upper"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0),
    ],
)
def test_wilson_interval_matches_newcombe_table_i(x, n, lower, upper):
    assert wilson_interval(x, n) == pytest.approx((lower, upper), abs=5e-5)


def test_wilson_interval_is_exact_at_zero_and_all():
    assert wilson_interval(0, 20)[0] == 0.0
    assert wilson_interval(29, 29)[1] == 1.0


def test_wilson_interval_widens_with_confidence():
    narrow, wide = (
        wilson_interval(81, 263, confidence=0.9),
        wilson_interval(81, 263, confidence=0.99),
    )
    assert wide[0] < narrow[0] and wide[1] > narrow[1]


# Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10. (The difference for
# 56/70 − 48/80 is 0.8 − 0.6 = 0.2000 exactly.)
@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "d", "lower", "upper"),
    [
        (56, 70, 48, 80, 0.2000, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.6000, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.5714, 0.0582, 0.8062),
        (5, 56, 0, 29, 0.0893, -0.0381, 0.1926),
        (0, 10, 0, 20, 0.0, -0.1611, 0.2775),
    ],
)
def test_newcombe_difference_matches_table_ii(x1, n1, x2, n2, d, lower, upper):
    assert newcombe_difference(x1, n1, x2, n2) == pytest.approx((d, lower, upper), abs=5e-5)


def test_newcombe_difference_is_exactly_antisymmetric():
    d, lower, upper = newcombe_difference(56, 70, 48, 80)
    assert newcombe_difference(48, 80, 56, 70) == (-d, -upper, -lower)


@pytest.mark.parametrize(
    ("x", "n", "message"),
    [
        (0, 0, "denominator is 0"),
        (11, 10, "more than"),
        (-1, 10, "numerator"),
        (1, math.nan, "denominator must be a finite"),
    ],
)
def test_invalid_proportions_are_refused(x, n, message):
    with pytest.raises(ValueError, match=message):
        wilson_interval(x, n)


def test_confidence_must_be_between_0_and_1():
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(1, 2, confidence=95)


def test_interval_words_for_a_survey_measure():
    # 127/160 = 79.375%; Wilson 0.72453 to 0.84920.
    assert interval_words(127, 160) == "79.4% (95% CI 72.5% to 84.9%, 127 of 160)"
    assert interval_words(1270, 1600, confidence=0.9).startswith("79.4% (90% CI ")
    assert interval_words(1270, 1600).endswith(", 1,270 of 1,600)")
    assert interval_words(0, 20) == "0.0% (95% CI 0.0% to 16.1%, 0 of 20)"


@pytest.mark.parametrize(
    ("points", "text"),
    [
        (2.5, "+2.5 points"),
        (-0.4, "−0.4 points"),
        (0.0, "0 points"),
        (-0.04, "0 points"),
        (2.0, "+2.0 points"),
        (-12.34, "−12.3 points"),
    ],
)
def test_format_points_signs_and_rounds(points, text):
    assert format_points(points) == text


def test_format_share_has_one_decimal():
    assert (format_share(32.8), format_share(85.0), format_share(100)) == (
        "32.8%",
        "85.0%",
        "100.0%",
    )


def _window(current, previous, **options):
    """Compare 2025-06 (x of n) with 2025-05 (x of n)."""
    return compare_proportion_windows(
        {"2025-06": current[0], "2025-05": previous[0]},
        {"2025-06": current[1], "2025-05": previous[1]},
        ["2025-06"],
        ["2025-05"],
        name="month",
        **options,
    )


def test_window_worked_by_hand_is_in_points():
    # 82/250 = 32.8%, 91/300 = 30.333%: +2.467 points; Newcombe 95% CI −5.27 to +10.26 points.
    window = _window((82, 250), (91, 300))
    assert window.is_proportion and not window.is_count
    assert (window.current, window.previous) == pytest.approx((32.8, 30.3333333))
    assert window.change == pytest.approx(2.4666667)
    assert window.pct_change is None
    test = window.significance
    assert test.p_value is None
    assert test.interval == pytest.approx((-5.2726, 10.2621), abs=5e-5)
    assert (test.significant, test.direction) == (False, "higher")
    assert test.expected_share == pytest.approx(173 / 550)
    assert window.describe() == "+2.5 points (32.8% against 30.3%), not significant"
    assert window.describe(with_comparison=True) == (
        "+2.5 points on the previous month (32.8% against 30.3%), not significant"
    )


def test_a_significant_fall_in_points():
    window = _window((226, 1000), (302, 1000))
    assert window.describe() == "−7.6 points (22.6% against 30.2%), significant"
    assert window.significance.direction == "lower"
    assert window.significance.interval[1] < 0


def test_window_pools_months_rather_than_averaging_shares():
    # 3 of 10 and 60 of 100 pool to 63 of 110 = 57.27%, not (30% + 60%) / 2 = 45%;
    # 20 of 50 twice pools to 40%.
    window = compare_proportion_windows(
        {"2025-04": 3, "2025-05": 60, "2024-04": 20, "2024-05": 20},
        {"2025-04": 10, "2025-05": 100, "2024-04": 50, "2024-05": 50},
        ["2025-04", "2025-05"],
        ["2024-04", "2024-05"],
        name="year_to_date",
    )
    assert window.current == pytest.approx(100 * 63 / 110)
    assert (window.current_numerator, window.current_denominator) == (63, 110)
    assert window.describe(with_comparison=True) == (
        "+17.3 points on the same months last year (57.3% against 40.0%), significant"
    )


def test_small_base_quotes_no_change():
    window = _window((3, 7), (2, 4))
    assert window.complete
    assert (window.change, window.pct_change, window.significance) == (None, None, None)
    assert window.reason == "base below 10"
    assert window.describe(with_comparison=True) == (
        "no change on the previous month: base below 10 (3 of 7 against 2 of 4)"
    )


def test_one_small_window_is_enough_to_quote_no_change():
    assert _window((5, 8), (300, 1000)).change is None
    assert _window((300, 1000), (5, 8)).change is None


def test_base_at_the_threshold_is_quoted_and_min_base_is_configurable():
    assert _window((3, 10), (5, 10)).change == pytest.approx(-20)
    assert _window((30, 100), (50, 100), min_base=150).reason == "base below 150"


def test_zero_base_quotes_no_change():
    window = _window((0, 0), (3, 12))
    assert window.current is None
    assert window.describe() == "no change: base is zero (0 of 0 against 3 of 12)"


def test_missing_month_makes_the_window_incomplete():
    window = compare_proportion_windows(
        {"2025-06": 5, "2025-05": 6},
        {"2025-06": 20},
        ["2025-06"],
        ["2025-05"],
        name="month",
    )
    assert not window.complete
    assert window.current == 25 and window.previous is None
    assert window.describe() == "no change: no data for 2025-05"


def test_invalid_month_is_refused_naming_it():
    with pytest.raises(ValueError, match="2025-05: numerator 12"):
        _window((1, 10), (12, 10))


def test_alpha_is_configurable():
    # 40 of 100 against 28 of 100: the 95% interval just includes 0, the 90% one does not.
    assert not _window((40, 100), (28, 100)).significance.significant
    assert _window((40, 100), (28, 100), alpha=0.1).significance.significant


def _two_years(now, before):
    """2023-07..2024-06 at `before` (x, n) a month, 2024-07..2025-06 at `now`."""
    nums = dict.fromkeys(period_range("2023-07", "2024-06"), before[0])
    dens = dict.fromkeys(period_range("2023-07", "2024-06"), before[1])
    nums.update(dict.fromkeys(period_range("2024-07", "2025-06"), now[0]))
    dens.update(dict.fromkeys(period_range("2024-07", "2025-06"), now[1]))
    return nums, dens


def test_proportion_compstat_has_the_count_windows():
    nums, dens = _two_years((280, 1000), (300, 1000))
    result = proportion_compstat(nums, dens, "2025-06")
    counts = compstat(nums, "2025-06")
    for ours, theirs in zip(result.windows, counts.windows, strict=True):
        assert (ours.name, ours.current_periods, ours.previous_periods) == (
            theirs.name,
            theirs.current_periods,
            theirs.previous_periods,
        )
    assert result.month.describe() == "0 points (28.0% against 28.0%), not significant"
    rolling = result.rolling_12
    assert (rolling.current_denominator, rolling.previous_denominator) == (12_000, 12_000)
    assert rolling.describe() == "−2.0 points (28.0% against 30.0%), significant"


def test_rag_reads_a_proportion_window_like_any_other():
    nums, dens = _two_years((280, 1000), (300, 1000))
    spc = SpcFacts(
        variation_icon="common_cause",
        assurance_icon=None,
        special_cause_type="Common Cause",
        point_type="common_cause",
        run_length=0,
        n_points=24,
        mean=29.0,
        lpl=25.0,
        upl=33.0,
    )
    result = assess(
        rule=RagRule(),
        spc=spc,
        compstat=proportion_compstat(nums, dens, "2025-06"),
        latest_value=28.0,
        latest_period="2025-06",
        assessment_period="2025-06",
        target=None,
        improvement="up",
        n_points=24,
        n_missing_last_12=0,
    )
    assert result.rating == Rating.AMBER
    assert "−2.0 points on the previous 12 months (28.0% against 30.0%), significant" in (
        result.reasons
    )


shares = st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@given(shares, shares)
def test_change_is_the_difference_and_swapping_flips_it(now, before):
    forward = _window(now, before, min_base=0)
    backward = _window(before, now, min_base=0)
    assert forward.change == forward.current - forward.previous
    assert backward.change == -forward.change
    assert forward.pct_change is None and backward.pct_change is None
    assert forward.significance.significant == backward.significance.significant
    low, high = forward.significance.interval
    assert backward.significance.interval == (-high, -low)
    flipped = {"higher": "lower", "lower": "higher", "same": "same"}
    assert backward.significance.direction == flipped[forward.significance.direction]
    assert low <= forward.change <= high


@given(st.lists(st.one_of(st.none(), shares), min_size=24, max_size=24))
def test_missing_months_never_give_a_change(values):
    periods = period_range("2023-07", "2025-06")
    nums = {p: v[0] for p, v in zip(periods, values, strict=True) if v is not None}
    dens = {p: v[1] for p, v in zip(periods, values, strict=True) if v is not None}
    for window in proportion_compstat(nums, dens, "2025-06").windows:
        months = window.current_periods + window.previous_periods
        assert window.pct_change is None
        if any(p not in nums for p in months):
            assert not window.complete and window.change is None
        else:
            assert window.complete
