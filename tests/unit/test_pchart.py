"""P-charts and Laney p′ charts: worked by hand, over-dispersion, rules, gaps and validation."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.analysis.pchart import Proportion, pchart
from oversight.analysis.spc import special_cause_labels


def months(pairs, start_year=2020):
    """Return proportions for consecutive months from January of ``start_year``."""
    return [
        Proportion(f"{start_year + i // 12}-{i % 12 + 1:02d}", num, den)
        for i, (num, den) in enumerate(pairs)
    ]


def labels(result):
    return [p.special_cause_type for p in result.points]


# 2 of 10, 6 of 20, 4 of 10, 8 of 40: Σnum 20, Σden 80, p̄ = 0.25, p̄(1 − p̄) = 0.1875.
# σ_i = √(0.1875 / n): n = 10 → 0.136931, n = 20 → 0.096825, n = 40 → 0.068465.
# 3σ_i: 0.410792, 0.290474, 0.205396, so the limits (%) are
#   n = 10: 25 − 41.0792 < 0 → 0,  25 + 41.0792 = 66.0792
#   n = 20: 25 − 29.0474 < 0 → 0,  25 + 29.0474 = 54.0474
#   n = 40: 25 − 20.5396 = 4.4604, 25 + 20.5396 = 45.5396
WORKED = [(2, 10), (6, 20), (4, 10), (8, 40)]


def test_pchart_worked_by_hand_has_limits_varying_with_n():
    result = pchart(months(WORKED))
    assert result.chart == "p"
    assert result.mean == 25
    assert [p.value for p in result.points] == [20, 30, 40, 20]
    assert [p.lpl for p in result.points] == [0, 0, 0, pytest.approx(4.4604, abs=5e-5)]
    assert [p.upl for p in result.points] == pytest.approx(
        [66.0792, 54.0474, 66.0792, 45.5396], abs=5e-5
    )
    assert [p.relative_to_mean for p in result.points] == [-1, 1, 1, -1]
    assert set(labels(result)) == {"Common Cause"}
    # The group's and the chart's limits are those of the last month; a p-chart has no σz.
    group = result.groups[0]
    assert (group.n, group.mean, group.mr_bar) == (4, 25, 0)
    last = result.points[-1]
    assert (group.lpl, group.upl) == (result.lpl, result.upl) == (last.lpl, last.upl)
    assert group.short_group_warning


def test_laney_worked_by_hand_scales_sigma_by_sigma_z():
    # z_i = (p_i − 0.25) / σ_i: −0.05/0.136931 = −0.365148, 0.05/0.096825 = 0.516398,
    # 0.15/0.136931 = 1.095445, −0.05/0.068465 = −0.730297. Moving ranges 0.881546, 0.579047,
    # 1.825742 (none ≥ 3.267 × MR̄): MR̄ = 1.095445, σz = 1.095445 / 1.128 = 0.971139.
    # n = 40: 3 × 0.068465 × 0.971139 = 0.199468 → limits 5.0532% and 44.9468%.
    result = pchart(months(WORKED), laney=True)
    assert result.chart == "p_prime"
    assert result.groups[0].mr_bar == pytest.approx(0.971139, abs=5e-7)
    assert (result.lpl, result.upl) == pytest.approx((5.0532, 44.9468), abs=5e-5)
    assert result.warnings[0] == "Laney p′ chart, as asked (σz = 0.97)."


def test_auto_keeps_the_worked_example_a_p_chart():
    # X² = Σz² = 0.1333 + 0.2667 + 1.2 + 0.5333 = 2.1333 on 3 df: p = 0.545.
    result = pchart(months(WORKED))
    assert result.warnings[0] == (
        "p-chart: the data are not over-dispersed (σz = 0.97, dispersion test p = 0.545)."
    )


# 2,000 cases a month whose share wanders between 27% and 36%: binomial noise alone would be
# σ ≈ 1 point, so the wandering is over-dispersion (σz ≈ 3.9).
WANDERING = [30, 33, 28, 35, 31, 27, 34, 29, 32, 36, 28, 30, 33, 27, 31, 35, 29, 32, 28, 34, 30]


def test_over_dispersed_series_gets_laney_limits_wider_than_p():
    points = months([(share * 20, 2000) for share in WANDERING])
    auto = pchart(points)
    plain = pchart(points, laney=False)
    assert auto.chart == "p_prime" and plain.chart == "p"
    assert auto.warnings[0].startswith("Laney p′ chart: the data are over-dispersed (σz = 3.")
    assert auto.groups[0].mr_bar > 3
    assert auto.lpl < plain.lpl and auto.upl > plain.upl
    # On the p-chart's limits (27.9% to 34.2%) the 27s, 35s and 36 are "special causes";
    # on p′ none is.
    outside = [p.value for p in plain.points if p.special_cause_type in ("Above UCL", "Below LCL")]
    assert outside == [35, 27, 36, 27, 35]
    assert set(labels(auto)) == {"Common Cause"}


def test_binomial_looking_series_stays_a_p_chart():
    # Numerators at the expected 30% of each denominator, give or take one case.
    dens = [200, 250, 300, 200, 400, 350, 250, 300, 200, 300, 400, 250, 300, 350, 200]
    wobble = [1, -1, 0, 1, 0, -1, 1, 0, -1, 0, 1, -1, 0, 1, -1]
    points = months([(0.3 * n + w, n) for n, w in zip(dens, wobble, strict=True)])
    result = pchart(points)
    assert result.chart == "p"
    assert result.groups[0].mr_bar == 0
    assert result.warnings[0].startswith("p-chart: the data are not over-dispersed")
    assert set(labels(result)) == {"Common Cause"}


def test_step_in_the_share_is_a_shift_and_stays_a_p_chart():
    # 30% then 36% of 500: p̄ = (12 × 150 + 8 × 180) / 10,000 = 32.4%, 3σ = 6.28 points, so
    # every month is inside the limits and on one side of p̄ for 12 and 8 months.
    result = pchart(months([(150, 500)] * 12 + [(180, 500)] * 8))
    assert result.mean == pytest.approx(32.4)
    assert labels(result) == ["7 Points Below CL"] * 12 + ["7 Points Above CL"] * 8
    assert result.variation_icon == "improvement_high"
    # The step inflates X² (p < 0.05) but not the moving ranges: σz < 1, so not p′.
    assert result.chart == "p"
    assert "not all alike" in result.warnings[0]


def test_rebase_starts_new_groups_with_their_own_centre():
    result = pchart(months([(150, 500)] * 12 + [(180, 500)] * 8), rebase=["2021-01"])
    first, second = result.groups
    assert (first.start_period, first.n, first.mean) == ("2020-01", 12, 30)
    assert (second.start_period, second.n, second.mean) == ("2021-01", 8, 36)
    assert result.mean == 36
    assert {p.group_index for p in result.points[12:]} == {1}
    assert set(labels(result)) == {"Common Cause"}


def test_gaps_are_left_out_never_zeros():
    pairs = [(150, 500)] * 6 + [(None, 500), (150, None), (0, 0)] + [(150, 500)] * 6
    result = pchart(months(pairs))
    assert result.groups[0].n == 12
    assert result.mean == 30
    for gap in result.points[6:9]:
        assert (gap.value, gap.special_cause_type, gap.point_type) == (None, None, None)
        assert gap.mean == 30
    # A 12-month run on the centre line: every side is 0, so nothing is flagged.
    assert set(labels(result)) - {None} == {"Common Cause"}
    limits = result.to_dict()["point_limits"]
    assert [row["lpl"] for row in limits[6:9]] == [None, None, None]
    assert limits[0]["lpl"] == pytest.approx(result.points[0].lpl)


def test_a_month_exactly_on_the_centre_line_breaks_a_shift():
    # Σnum = 7 × 36 + 2 + 8 × 31 = 502, Σden = 1,506: p̄ = 1/3 exactly, and 2 of 6 is on it.
    above, below = (36, 100), (31, 100)
    pairs = [above] * 3 + [(2, 6)] + [above] * 4 + [below] * 8
    result = pchart(months(pairs))
    assert result.points[3].relative_to_mean == 0
    assert labels(result)[:8] == ["Common Cause"] * 8
    assert labels(result)[8:] == ["7 Points Below CL"] * 8


def test_outside_the_limits_and_icons_from_the_last_month():
    pairs = [(150, 500)] * 14 + [(250, 500)]
    result = pchart(months(pairs), improvement="down", target=20)
    assert labels(result)[-1] == "Above UCL"
    assert result.variation_icon == "concern_high"
    # Lower is better and a target of 20% lies below the last month's lower limit: the process
    # cannot be expected to reach it.
    assert result.lpl > 20
    assert result.assurance_icon == "consistent_fail"


def test_assurance_compares_the_target_in_percent_with_the_last_limits():
    points = months(WORKED)  # last month's limits 4.46% to 45.54%
    assert pchart(points, target=50).assurance_icon == "consistent_fail"
    assert pchart(points, target=3).assurance_icon == "consistent_pass"
    assert pchart(points, target=30).assurance_icon == "inconsistent"
    assert pchart(points, target=30, improvement="neutral").assurance_icon is None


def test_all_zero_group_has_limits_on_the_centre_line():
    result = pchart(months([(0, 40)] * 14))
    assert (result.lpl, result.mean, result.upl) == (0, 0, 0)
    assert set(labels(result)) == {"Common Cause"}
    assert any("every month is 0%" in w for w in result.warnings)


def test_small_denominators_are_warned():
    result = pchart(months([(1, 8), (2, 10), (30, 100)] * 5))
    assert any("too small for reliable 3σ limits" in w and "n = 8" in w for w in result.warnings)
    big = pchart(months([(100, 400), (120, 400)] * 7))
    assert not any("too small" in w for w in big.warnings)


def test_short_group_warning_follows_the_threshold():
    points = months([(150, 500), (160, 500)] * 6)
    assert pchart(points).groups[0].short_group_warning
    assert any("trial limits" in w for w in pchart(points).warnings)
    assert not pchart(points, warning_threshold=12).groups[0].short_group_warning


def test_scale_one_gives_fractions():
    result = pchart(months(WORKED), scale=1)
    assert result.mean == 0.25
    assert result.upl == pytest.approx(0.455396, abs=5e-7)


def test_to_dict_is_json_and_names_the_chart():
    d = pchart(months(WORKED)).to_dict()
    assert d["chart"] == "p"
    assert len(d["point_limits"]) == 4
    assert set(d["points"][0]) == {"period", "value", "special_cause_type", "point_type"}
    json.dumps(d, allow_nan=False)


def test_anhoej_runs_on_the_exact_sides():
    result = pchart(months([(150, 500)] * 12 + [(180, 500)] * 8))
    assert result.anhoej.n_useful == 20
    assert result.anhoej.longest_run == 12
    assert result.anhoej.runs_signal


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ((11, 10), "more than denominator"),
        ((-1, 10), "numerator must be a finite number"),
        ((1, -10), "denominator must be a finite number"),
        ((math.nan, 10), "numerator must be a finite number"),
        ((1, math.inf), "denominator must be a finite number"),
        ((3, 0), "more than denominator"),
    ],
)
def test_invalid_months_are_refused_naming_the_period(pair, message):
    points = months([(1, 10), pair, (2, 10)])
    with pytest.raises(ValueError, match=f"^2020-02: .*{message}"):
        pchart(points)


def test_other_invalid_input_is_refused():
    with pytest.raises(ValueError, match="at least two"):
        pchart(months([(1, 10), (None, None)]))
    with pytest.raises(ValueError, match="increasing"):
        pchart([Proportion("2020-02", 1, 2), Proportion("2020-01", 1, 2)])
    with pytest.raises(ValueError, match="2030-01"):
        pchart(months(WORKED), rebase=["2030-01"])
    with pytest.raises(ValueError, match="no month with a denominator"):
        pchart(months([(1, 10), (2, 10), (None, 5)]), rebase=["2020-03"])
    with pytest.raises(ValueError, match="improvement"):
        pchart(months(WORKED), improvement="higher")
    with pytest.raises(ValueError, match="scale"):
        pchart(months(WORKED), scale=0)


month_strategy = st.one_of(
    st.integers(1, 3000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.just((None, None)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(month_strategy, min_size=2, max_size=30), st.sampled_from([None, True, False]))
def test_limits_are_within_0_and_100_and_clipping_changes_no_label(pairs, laney):
    points = months(pairs)
    if sum(den is not None for _, den in pairs) < 2:
        return
    result = pchart(points, laney=laney)
    for p in result.points:
        assert 0 <= p.lpl <= p.mean <= p.upl <= 100
    assert 0 <= result.lpl <= result.upl <= 100
    # The rules judged against the reported (clipped) limits give the same labels.
    present = [p for p in result.points if p.value is not None]
    outside = [p.value > p.upl or p.value < p.lpl for p in present]
    flagged = [p.special_cause_type in ("Above UCL", "Below LCL") for p in present]
    assert outside == flagged or _on_a_limit(present)


def _on_a_limit(present):
    """Return whether a value sits within rounding of a limit (× 100 may move it across)."""
    return any(
        math.isclose(p.value, limit, rel_tol=1e-9, abs_tol=1e-9)
        for p in present
        for limit in (p.lpl, p.upl)
    )


def test_labels_come_from_the_shared_rules():
    result = pchart(months([(150, 500)] * 12 + [(180, 500)] * 8))
    sides = [p.relative_to_mean for p in result.points]
    again = special_cause_labels(
        [p.value for p in result.points], sides, [False] * 20, [False] * 20, 7
    )
    assert again == labels(result)
