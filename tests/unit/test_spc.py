"""XmR charts with the Making Data Count rules: series whose answers were worked out by hand."""

import csv
import gzip
from pathlib import Path

import pytest

from oversight.analysis.spc import (
    LIMIT,
    Point,
    assurance_icon,
    daily_rate,
    point_type,
    variation_icon,
    xmr,
)

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def months(values, start_year=2020):
    """Return points for consecutive months from January of ``start_year``."""
    return [Point(f"{start_year + i // 12}-{i % 12 + 1:02d}", v) for i, v in enumerate(values)]


def labels(result):
    return [p.special_cause_type for p in result.points]


# NHSRplotthedots vignette "Deviations from Excel defaults".
VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_vignette_unscreened_limits_match_excel():
    result = xmr(months(VIGNETTE), screen_outliers=False)
    assert result.mean == pytest.approx(35 / 18, abs=1e-12)
    assert result.groups[0].mr_bar == pytest.approx(32 / 17, abs=1e-12)
    assert result.lpl == pytest.approx(-3.0626, abs=5e-5)
    assert result.upl == pytest.approx(6.9515, abs=5e-5)
    assert result.upl == pytest.approx(35 / 18 + 2.66 * 32 / 17, abs=1e-12)


def test_vignette_screening_drops_the_two_large_ranges():
    result = xmr(months(VIGNETTE))
    # 3.267 × 32/17 = 6.150 removes the MRs 8 and 9; the 15 left are all 1.
    assert result.groups[0].mr_bar == 1
    assert result.mean == pytest.approx(35 / 18, abs=1e-12)
    assert result.lpl == pytest.approx(-0.7156, abs=5e-5)
    assert result.upl == pytest.approx(4.6044, abs=5e-5)
    assert labels(result)[4] == "Above UCL"
    assert labels(result).count("Common Cause") == 17
    assert result.warnings == ()


def test_outside_limits_beats_trend():
    # 0..7: mean 3.5, MR̄ 1, limits 0.84 / 6.16 (SPC.md §7).
    result = xmr(months(range(8)))
    assert labels(result) == ["Below LCL"] + ["7 Point Trend (Increasing)"] * 6 + ["Above UCL"]
    assert [p.point_type for p in result.points] == (
        ["special_cause_concern"] + ["special_cause_improvement"] * 7
    )


NOISE = [0, 10, 0, 10, 0, 10]


def test_trend_of_seven_may_cross_the_mean():
    result = xmr(months([*NOISE, 3, 4, 5, 6, 7, 8, 9, *NOISE]))
    assert result.mean < 7 and result.mean > 3
    assert (
        labels(result)
        == ["Common Cause"] * 6 + ["7 Point Trend (Increasing)"] * 7 + ["Common Cause"] * 6
    )


def test_trend_of_six_is_not_flagged():
    result = xmr(months([*NOISE, 3, 4, 5, 6, 7, 8, *NOISE]))
    assert set(labels(result)) == {"Common Cause"}


def test_trend_is_broken_by_a_tie():
    result = xmr(months([*NOISE, 3, 4, 5, 5, 6, 7, 8, 9, *NOISE]))
    assert set(labels(result)) == {"Common Cause"}


def test_trend_downwards_is_a_concern_when_up_is_better():
    result = xmr(months([*NOISE, 9, 8, 7, 6, 5, 4, 3, *NOISE]), improvement="up")
    assert labels(result)[6:13] == ["7 Point Trend (Decreasing)"] * 7
    assert {p.point_type for p in result.points[6:13]} == {"special_cause_concern"}


def test_peak_shared_by_two_trends_is_labelled_decreasing():
    # …5, 6, 7, 7, 6, 5…: the first 7's next point is in the falling trend, step 0.
    values = [0, 8, 0, 8, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 8, 0, 8, 0]
    result = xmr(months(values))
    assert labels(result)[4:10] == ["7 Point Trend (Increasing)"] * 6
    assert labels(result)[10:18] == ["7 Point Trend (Decreasing)"] * 8
    assert result.points[10].point_type == "special_cause_concern"


BASE = [2, -2] * 6


def test_two_in_three_flags_only_the_close_points():
    result = xmr(months([*BASE, 10, 1, 10, *BASE, -10, -1, -10, *BASE]))
    assert result.mean == 0
    # MR̄ = 5.073: 2σ line 8.996, limits ±13.495; the 10s lie between them.
    assert result.points[12].close_to_limits and not result.points[13].close_to_limits
    assert labels(result)[12:15] == ["2 in 3 Above CL", "Common Cause", "2 in 3 Above CL"]
    assert labels(result)[27:30] == ["2 in 3 Below CL", "Common Cause", "2 in 3 Below CL"]


def test_two_in_three_needs_all_three_on_one_side():
    result = xmr(months([*BASE, 10, -1, 10, *BASE, -10, 1, -10, *BASE]))
    assert result.points[12].close_to_limits and result.points[14].close_to_limits
    assert set(labels(result)) == {"Common Cause"}


def test_two_in_three_is_broken_by_a_point_on_the_mean():
    result = xmr(months([*BASE, 10, 0, 10, *BASE, -10, 0, -10, *BASE]))
    assert result.points[13].relative_to_mean == 0
    assert set(labels(result)) == {"Common Cause"}


def test_two_in_three_ignores_points_beyond_the_limits():
    result = xmr(months([*BASE, 20, 1, 11, *BASE, -20, -1, -11, *BASE]))
    assert labels(result)[12] == "Above UCL"
    assert result.points[14].close_to_limits
    assert labels(result)[13:15] == ["Common Cause", "Common Cause"]
    assert labels(result)[27] == "Below LCL"


SEVEN_UP = [2, 6, 2, 6, 2, 6, 2]
SEVEN_DOWN = [-2, -6, -2, -6, -2, -6, -2]


def test_shift_of_seven_on_each_side():
    result = xmr(months([*SEVEN_UP, 0, *SEVEN_DOWN]))
    assert result.mean == 0
    assert (
        labels(result) == ["7 Points Above CL"] * 7 + ["Common Cause"] + ["7 Points Below CL"] * 7
    )
    assert result.variation_icon == "concern_low"


def test_shift_is_broken_by_a_point_on_the_mean():
    result = xmr(months([2, 6, 2, 6, 0, 2, 6, 2, 6, -2, -6, -2, -6, 0, -2, -6, -2, -6]))
    assert result.mean == 0
    assert result.points[4].relative_to_mean == 0
    assert set(labels(result)) == {"Common Cause"}


def test_exactly_rounded_mean_puts_a_value_on_the_mean():
    # Summed naively in floats the mean of these is 0.30000000000000004, a hair off 0.3.
    values = [0.1, 0.1, 0.4, 0.6, 0.3]
    assert sum(values) / len(values) != 0.3
    result = xmr(months(values))
    assert result.mean == 0.3
    assert [p.relative_to_mean for p in result.points] == [-1, -1, 1, 1, 0]


def test_trend_beats_shift():
    # Eight rising points, all above the mean: a shift too, but labelled as a trend.
    values = [*NOISE, *NOISE, 7, 8, 9, 10, 11, 12, 13, 14, *NOISE]
    result = xmr(months(values))
    assert all(p.relative_to_mean == 1 for p in result.points[12:20])
    assert labels(result)[12:20] == ["7 Point Trend (Increasing)"] * 8


def test_outside_beats_two_in_three():
    result = xmr(months([*BASE, 10, 1, 30, *BASE]))
    assert result.points[12].close_to_limits
    assert labels(result)[12:15] == ["Common Cause", "Common Cause", "Above UCL"]


def test_neutral_direction_gives_neutral_point_types_and_icons():
    result = xmr(months([*SEVEN_DOWN, 0, *SEVEN_UP]), improvement="neutral", target=1)
    assert result.points[0].point_type == "special_cause_neutral_low"
    assert result.points[-1].point_type == "special_cause_neutral_high"
    assert result.variation_icon == "neutral_high"
    assert result.assurance_icon is None


@pytest.mark.parametrize(
    ("kind", "direction", "icon"),
    [
        ("special_cause_improvement", 1, "improvement_high"),
        ("special_cause_improvement", -1, "improvement_low"),
        ("special_cause_concern", 1, "concern_low"),
        ("special_cause_concern", -1, "concern_high"),
        ("special_cause_neutral_high", 0, "neutral_high"),
        ("special_cause_neutral_low", 0, "neutral_low"),
        ("common_cause", 1, "common_cause"),
    ],
)
def test_variation_icon_from_point_type(kind, direction, icon):
    assert variation_icon(kind, direction) == icon


def test_point_type_follows_label_sign_and_direction():
    assert point_type("7 Point Trend (Decreasing)", -1) == "special_cause_improvement"
    assert point_type("Above UCL", -1) == "special_cause_concern"
    assert point_type("Common Cause", 0) == "common_cause"


def test_shift_that_ended_before_the_last_point_gives_common_cause_icon():
    result = xmr(months([*SEVEN_UP, 0, -2, 2, -2, 2, -2, 2, -2, 2]))
    assert labels(result)[0] == "7 Points Above CL"
    assert result.variation_icon == "common_cause"


# SPC.md §3 and tests/testthat/test-ptd_calculate_assurance_type.R.
@pytest.mark.parametrize(
    ("lpl", "upl", "up", "down"),
    [
        (1, 3, "consistent_fail", "consistent_pass"),
        (5, 7, "consistent_pass", "consistent_fail"),
        (1, 5, "inconsistent", "inconsistent"),
    ],
)
def test_assurance_table(lpl, upl, up, down):
    assert assurance_icon(4, lpl, upl, 1) == up
    assert assurance_icon(4, lpl, upl, -1) == down
    assert assurance_icon(4, lpl, upl, 0) is None
    assert assurance_icon(None, lpl, upl, 1) is None


def test_assurance_target_exactly_on_a_limit_is_inconsistent():
    assert assurance_icon(3, 1, 3, 1) == "inconsistent"
    assert assurance_icon(1, 1, 3, -1) == "inconsistent"


def test_assurance_uses_the_last_groups_limits():
    values = [0, 2] * 8 + [100, 102] * 8
    result = xmr(months(values), rebase=["2021-05"], target=50, improvement="up")
    assert result.lpl > 50
    assert result.assurance_icon == "consistent_pass"


def test_rebase_gives_each_group_its_own_limits():
    values = [0, 2] * 8 + [100, 102] * 8
    result = xmr(months(values), rebase=["2021-05"])
    first, second = result.groups
    assert (first.start_period, first.n, first.mean) == ("2020-01", 16, 1)
    assert (second.start_period, second.n, second.mean) == ("2021-05", 16, 101)
    assert first.upl == pytest.approx(1 + LIMIT * 2)
    assert result.mean == 101
    assert {p.group_index for p in result.points[16:]} == {1}
    assert set(labels(result)) == {"Common Cause"}


def test_rules_do_not_cross_a_rebase():
    values = [0, 8, 0, 8, 0, 8, 1, 2, 3, 4, 5, 6, 7, 0, 8, 0, 8, 0, 8]
    assert labels(xmr(months(values)))[6:13] == ["7 Point Trend (Increasing)"] * 7
    rebased = xmr(months(values), rebase=["2020-11"])  # the 5 starts the second group
    assert set(labels(rebased)) == {"Common Cause"}


def test_icons_come_from_the_last_group():
    values = [*SEVEN_UP, 0, *SEVEN_DOWN, 2, -2, 2, -2, 2, -2, 2, -2, 2, -2, 2, -2, 2, -2]
    result = xmr(months(values), rebase=["2021-04"])
    assert result.points[14].point_type == "special_cause_concern"
    assert result.variation_icon == "common_cause"


def test_rebase_at_an_unknown_period_is_an_error():
    with pytest.raises(ValueError, match="2030-01"):
        xmr(months(VIGNETTE), rebase=["2030-01"])


def test_fix_after_n_points_uses_only_the_baseline():
    values = [0, 10] * 6 + [6, 6, 6, 6, 6, 6, 6]
    fixed = xmr(months(values), fix_after_n_points=12)
    assert fixed.mean == 5
    assert fixed.groups[0].mr_bar == 10
    assert labels(fixed)[12:] == ["7 Points Above CL"] * 7
    assert xmr(months(values)).mean == pytest.approx(102 / 19)


def test_fix_after_fewer_than_twelve_points_is_refused():
    with pytest.raises(ValueError, match="at least 12"):
        xmr(months(VIGNETTE), fix_after_n_points=11)


def test_short_group_warning_below_the_threshold():
    short = xmr(months([1, 2] * 6))
    assert short.groups[0].short_group_warning
    assert any("trial limits" in w for w in short.warnings)
    assert not xmr(months([1, 2] * 6 + [1])).groups[0].short_group_warning
    assert not xmr(months([1, 2] * 6), warning_threshold=12).groups[0].short_group_warning


def test_all_values_equal_limits_equal_the_mean():
    result = xmr(months([5] * 15))
    assert (result.lpl, result.mean, result.upl) == (5, 5, 5)
    assert set(labels(result)) == {"Common Cause"}
    assert result.variation_icon == "common_cause"
    assert result.anhoej.n_useful == 0
    assert any("all values are equal" in w for w in result.warnings)


def test_screening_to_zero_falls_back_to_unscreened():
    # Fourteen 5s then a 6: screening would drop the only non-zero MR and collapse the limits.
    result = xmr(months([5] * 14 + [6]))
    assert result.groups[0].mr_bar == pytest.approx(1 / 14)
    assert any("unscreened" in w for w in result.warnings)
    assert labels(result) == ["7 Points Below CL"] * 14 + ["Above UCL"]
    unscreened = xmr(months([5] * 14 + [6]), screen_outliers=False)
    assert labels(unscreened) == labels(result)
    assert not any("unscreened" in w for w in unscreened.warnings)


def test_one_value_group_has_limits_on_its_mean():
    result = xmr(months(VIGNETTE), rebase=["2021-06"])
    last = result.groups[-1]
    assert (last.n, last.lpl, last.mean, last.upl) == (1, 1, 1, 1)
    assert any("one value" in w for w in result.warnings)


def test_missing_values_are_gaps_not_zeros():
    values = [1, 2, None, 1, 2, 10, 1, 2, 1, 2, None, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    result = xmr(months(values))
    assert result.mean == pytest.approx(35 / 18)
    assert result.groups[0].n == 18
    gap = result.points[2]
    assert (gap.value, gap.special_cause_type, gap.point_type) == (None, None, None)
    assert gap.mean == result.mean
    present = [p for p in result.points if p.value is not None]
    assert [p.special_cause_type for p in present] == labels(xmr(months(VIGNETTE)))


def test_missing_last_month_takes_icon_from_the_last_value():
    result = xmr(months([*SEVEN_UP, 0, *SEVEN_DOWN, None]))
    assert result.points[-1].point_type is None
    assert result.variation_icon == "concern_low"


def test_fewer_than_two_values_is_refused():
    with pytest.raises(ValueError, match="at least two"):
        xmr(months([1, None]))


def test_periods_out_of_order_are_refused():
    with pytest.raises(ValueError, match="increasing"):
        xmr([Point("2020-02", 1), Point("2020-01", 2)])


def test_to_dict_has_the_documented_shape():
    d = xmr(months(VIGNETTE), target=3).to_dict()
    assert {"mean", "lpl", "upl", "groups", "points", "variation_icon", "assurance_icon"} <= set(d)
    assert set(d["groups"][0]) >= {"start_period", "n", "mean", "lpl", "upl", "short_group_warning"}
    assert set(d["points"][0]) == {"period", "value", "special_cause_type", "point_type"}
    assert set(d["anhoej"]) >= {
        "longest_run",
        "longest_run_max",
        "n_crossings",
        "n_crossings_min",
        "runs_signal",
    }
    assert d["assurance_icon"] == "inconsistent"


def test_daily_rate_divides_by_days_in_month():
    assert daily_rate(310, "2024-01") == 10
    assert daily_rate(290, "2024-02") == 10
    assert daily_rate(280, "2023-02") == 10
    with pytest.raises(ValueError, match="YYYY-MM"):
        daily_rate(1, "2024-13")


def gwent_street_counts():
    folder = SHARED_DATA / "police-uk"
    if not folder.is_dir():
        pytest.skip(f"../shared/data not present: {folder} is needed for the Gwent series")
    periods = [f"{2022 + (6 + i) // 12}-{(6 + i) % 12 + 1:02d}" for i in range(36)]
    counts = []
    for period in periods:
        with gzip.open(folder / period / f"{period}-gwent-street.csv.gz", "rt", newline="") as f:
            rows = csv.reader(f)
            next(rows)
            counts.append(sum(1 for _ in rows))
    return periods, counts


@pytest.mark.shared_data
def test_gwent_street_crime_limits_match_plain_arithmetic():
    periods, counts = gwent_street_counts()
    assert periods[0] == "2022-07" and periods[-1] == "2025-06"
    mean = sum(counts) / 36  # integer total: exact enough to 1e-6
    ranges = [abs(counts[i] - counts[i - 1]) for i in range(1, 36)]
    mr_bar = sum(ranges) / 35
    kept = [r for r in ranges if r < 3.267 * mr_bar]
    screened = sum(kept) / len(kept)
    result = xmr([Point(p, c) for p, c in zip(periods, counts, strict=True)])
    assert result.mean == pytest.approx(mean, abs=1e-6)
    assert result.lpl == pytest.approx(mean - 2.66 * screened, abs=1e-6)
    assert result.upl == pytest.approx(mean + 2.66 * screened, abs=1e-6)
    outside = [c > mean + 2.66 * screened or c < mean - 2.66 * screened for c in counts]
    assert [p.special_cause_type in ("Above UCL", "Below LCL") for p in result.points] == outside
    plain = xmr([Point(p, c) for p, c in zip(periods, counts, strict=True)], screen_outliers=False)
    assert plain.upl == pytest.approx(mean + 2.66 * mr_bar, abs=1e-6)
