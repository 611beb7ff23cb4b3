"""Funnel limits for rates per 1,000 (Spiegelhalter 2005), checked against limits computed here
independently: the Poisson distribution summed term by term in plain Python."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import poisson

from oversight.analysis.funnel import (
    Limits,
    Placement,
    Unit,
    adjusted_limits,
    funnel,
    normal_limits,
    overdispersion,
    poisson_limit_counts,
    poisson_limits,
)


def _cdfs_by_hand(mean: float, up_to: int) -> list[float]:
    """P(X ≤ r) for r = 0..up_to, X ~ Poisson(mean), each term computed in log space."""
    total, out = 0.0, []
    for k in range(up_to + 1):
        total += math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))
        out.append(total)
    return out


def _limit_by_hand(p: float, mean: float) -> float:
    """Spiegelhalter 2005 §A.1.1: smallest r with F(r) ≥ p, less α = (F(r) − p)/(F(r) − F(r−1))."""
    cdf = _cdfs_by_hand(mean, int(mean + 10 * math.sqrt(mean) + 20))
    r = next(r for r, f in enumerate(cdf) if f >= p)
    at, before = cdf[r], (cdf[r - 1] if r else 0.0)
    return max(r - (at - p) / (at - before), 0.0)


@pytest.mark.parametrize("mean", [0.5, 3.2, 12.0, 100.0, 987.6, 3460.5])
@pytest.mark.parametrize("p", [0.001, 0.025, 0.975, 0.999])
def test_poisson_limit_counts_match_the_distribution_summed_by_hand(mean, p):
    assert poisson_limit_counts(p, mean)[0] == pytest.approx(_limit_by_hand(p, mean), abs=1e-7)


def test_poisson_limit_of_100_expected_is_80_point_37_at_the_lower_95():
    # F(80) = 0.02264, F(81) = 0.02907 for Poisson(100): r = 81, α = 0.633.
    assert poisson_limit_counts(0.025, 100)[0] == pytest.approx(80.367, abs=1e-3)


@settings(max_examples=200, deadline=None)
@given(
    mean=st.floats(min_value=0.01, max_value=50_000),
    p=st.sampled_from([0.001, 0.025, 0.975, 0.999]),
)
def test_poisson_limit_counts_sit_just_below_scipys_quantile(mean, p):
    r = poisson.ppf(p, mean)
    limit = poisson_limit_counts(p, mean)[0]
    assert r - 1 <= limit <= r + 1e-9


def test_rate_limits_are_counts_over_population_per_1000():
    (limits,) = poisson_limits(0.006, [576_754])
    expected = 0.006 * 576_754
    assert limits.upper_95 == pytest.approx(_limit_by_hand(0.975, expected) / 576_754 * 1000)
    assert limits.lower_998 == pytest.approx(_limit_by_hand(0.001, expected) / 576_754 * 1000)


def test_exact_limits_agree_with_the_normal_approximation_for_large_counts():
    (exact,) = poisson_limits(0.006, [1_283_651])
    normal = normal_limits(0.006, 1_283_651)
    for name in ("lower_998", "lower_95", "upper_95", "upper_998"):
        assert getattr(exact, name) == pytest.approx(getattr(normal, name), rel=2e-3)


def test_exact_limits_are_asymmetric_and_never_negative_for_small_counts():
    (small,) = poisson_limits(0.0001, [20_000])  # two crimes expected
    assert small.lower_998 == 0.0
    assert small.upper_998 - 0.1 > 0.1 - small.lower_998


def test_limits_narrow_as_the_population_grows():
    narrow, wide = poisson_limits(0.005, [2_000_000, 200_000])
    assert narrow.upper_95 < wide.upper_95 and narrow.lower_95 > wide.lower_95
    assert narrow.lower_998 < narrow.lower_95 < 5 < narrow.upper_95 < narrow.upper_998


@pytest.mark.parametrize(
    ("rate", "placement"),
    [(5.0, Placement.WITHIN), (6.2, Placement.ABOVE_95), (7.0, Placement.ABOVE_998),
     (4.0, Placement.BELOW_998), (4.5, Placement.BELOW_95), (6.0, Placement.WITHIN)],
)  # fmt: skip
def test_place_says_which_limit_a_rate_passes(rate, placement):
    limits = Limits(1000, lower_998=4.2, lower_95=4.6, upper_95=6.0, upper_998=6.5)
    assert limits.place(rate) is placement


def test_funnel_target_is_the_pooled_rate_and_each_unit_is_placed():
    units = [Unit("a", 600, 100_000), Unit("b", 450, 100_000), Unit("c", 1500, 300_000)]
    result = funnel(units)
    assert result.target_rate == pytest.approx(2550 / 500_000 * 1000)
    a = result.placed("a")
    assert a.unit.rate == pytest.approx(6.0)
    assert a.placement is Placement.ABOVE_998  # 600 against 510 expected
    assert result.placed("c").placement is Placement.WITHIN  # 1,500 against 1,530 expected
    assert result.placed("b").placement is Placement.BELOW_95  # 450 against 510: z ≈ −2.66
    assert result.placed("zz") is None
    assert result.curve[0].population < 100_000 and result.curve[-1].population > 300_000


def test_funnel_with_a_given_target_uses_it():
    result = funnel([Unit("a", 50, 10_000)], target_rate=5.0)
    assert result.target_rate == 5.0
    assert result.placed("a").placement is Placement.WITHIN


def test_funnel_refuses_a_unit_without_population():
    with pytest.raises(ValueError, match="population"):
        funnel([Unit("btp", 100, 0)])


def _overdispersion_by_hand(units, target):
    z = [(math.sqrt(c / n) - math.sqrt(target)) * 2 * math.sqrt(n) for c, n in units]
    ordered = sorted(z)
    k = len(z)

    def quantile(q):  # R type 7
        h = (k - 1) * q
        lo = math.floor(h)
        return ordered[lo] + (h - lo) * (ordered[min(lo + 1, k - 1)] - ordered[lo])

    low, high = quantile(0.1), quantile(0.9)
    phi = sum(min(max(v, low), high) ** 2 for v in z) / k
    w = [4 * n for _, n in units]
    tau2 = (k * phi - (k - 1)) / (sum(w) - sum(x * x for x in w) / sum(w))
    return phi, max(tau2, 0.0)


def test_overdispersion_matches_the_moment_estimate_worked_by_hand():
    units = [(5200, 1_000_000), (3100, 600_000), (9800, 1_300_000), (2400, 550_000),
             (7400, 1_700_000), (4300, 700_000), (1500, 500_000), (6100, 1_100_000)]  # fmt: skip
    target = sum(c for c, _ in units) / sum(n for _, n in units)
    found = overdispersion(units, target)
    phi, tau2 = _overdispersion_by_hand(units, target)
    assert found.phi == pytest.approx(phi)
    assert found.tau2 == pytest.approx(tau2)
    assert found.overdispersed and found.phi > 50


def test_poisson_counts_show_no_overdispersion():
    # Counts at exactly their expected values: φ is 0, nothing to add.
    units = [(500, 100_000), (1000, 200_000), (1500, 300_000), (250, 50_000)]
    found = overdispersion(units, 0.005)
    assert found.phi == pytest.approx(0.0) and found.tau2 == 0.0 and not found.overdispersed


def test_adjusted_limits_are_wider_than_poisson_and_use_the_square_root_scale():
    (poisson_only,) = poisson_limits(0.005, [1_000_000])
    (adjusted,) = adjusted_limits(0.005, [1_000_000], tau2=1e-6)
    assert adjusted.upper_998 > poisson_only.upper_998
    assert adjusted.lower_998 < poisson_only.lower_998
    spread = math.sqrt(1 / 4_000_000 + 1e-6)
    assert adjusted.upper_95 == pytest.approx((math.sqrt(0.005) + 1.959964 * spread) ** 2 * 1000)


def test_overdispersed_funnel_places_units_on_both():
    units = [Unit(str(i), c, n) for i, (c, n) in enumerate(
        [(5200, 1_000_000), (3100, 600_000), (9800, 1_300_000), (2400, 550_000),
         (7400, 1_700_000), (4300, 700_000), (1500, 500_000), (6100, 1_100_000)]
    )]  # fmt: skip
    result = funnel(units)
    assert result.overdispersion.overdispersed
    placements = {u.placement for u in result.units}
    adjusted = {u.adjusted_placement for u in result.units}
    assert Placement.WITHIN not in placements or len(placements) > 1
    assert Placement.WITHIN in adjusted
    assert len(result.adjusted_curve) == len(result.curve)
