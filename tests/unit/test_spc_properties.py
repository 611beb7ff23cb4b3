"""Properties of XmR charts: direction, shifting and scaling."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oversight.analysis.spc import LIMIT, LIMIT_CLOSE, Point, xmr

values_strategy = st.lists(st.integers(min_value=-1000, max_value=1000), min_size=2, max_size=40)

SWAP = {
    "special_cause_improvement": "special_cause_concern",
    "special_cause_concern": "special_cause_improvement",
    "common_cause": "common_cause",
}
ICON_SWAP = {
    "improvement_high": "concern_high",
    "improvement_low": "concern_low",
    "concern_high": "improvement_high",
    "concern_low": "improvement_low",
    "common_cause": "common_cause",
}
ASSURANCE_SWAP = {
    "consistent_pass": "consistent_fail",
    "consistent_fail": "consistent_pass",
    "inconsistent": "inconsistent",
}


def months(values):
    return [Point(f"{2000 + i // 12}-{i % 12 + 1:02d}", v) for i, v in enumerate(values)]


def clear_of_lines(result, margin=1e-6):
    """Return whether no value lies within ``margin`` of a limit or 2σ line."""
    group = result.groups[0]
    lines = [group.mean + k * group.mr_bar for k in (-LIMIT, -LIMIT_CLOSE, LIMIT_CLOSE, LIMIT)]
    return all(abs(p.value - line) > margin for p in result.points for line in lines)


@settings(max_examples=200, deadline=None)
@given(values_strategy, st.floats(min_value=-1e3, max_value=1e3, allow_nan=False))
def test_reversing_direction_swaps_improvement_and_concern(values, target):
    up = xmr(months(values), improvement="up", target=target)
    down = xmr(months(values), improvement="down", target=target)
    assert [SWAP[p.point_type] for p in up.points] == [p.point_type for p in down.points]
    assert ICON_SWAP[up.variation_icon] == down.variation_icon
    assert ASSURANCE_SWAP[up.assurance_icon] == down.assurance_icon


@settings(max_examples=200, deadline=None)
@given(values_strategy, st.integers(min_value=-10_000, max_value=10_000))
def test_adding_a_constant_shifts_mean_and_limits(values, constant):
    before = xmr(months(values))
    assume(clear_of_lines(before))
    after = xmr(months([v + constant for v in values]))
    tolerance = 1e-9 * (1 + abs(constant) + max(abs(v) for v in values))
    assert abs(after.mean - (before.mean + constant)) <= tolerance
    assert abs(after.lpl - (before.lpl + constant)) <= tolerance
    assert abs(after.upl - (before.upl + constant)) <= tolerance
    assert [p.special_cause_type for p in after.points] == [
        p.special_cause_type for p in before.points
    ]


@settings(max_examples=200, deadline=None)
@given(values_strategy, st.integers(min_value=-8, max_value=8))
def test_scaling_by_a_power_of_two_scales_limits_exactly(values, exponent):
    factor = 2.0**exponent
    before = xmr(months(values))
    after = xmr(months([v * factor for v in values]))
    assert (after.mean, after.lpl, after.upl) == (
        before.mean * factor,
        before.lpl * factor,
        before.upl * factor,
    )
    assert [p.special_cause_type for p in after.points] == [
        p.special_cause_type for p in before.points
    ]


@settings(max_examples=200, deadline=None)
@given(values_strategy, st.floats(min_value=0.01, max_value=100))
def test_scaling_by_a_positive_constant_scales_limits(values, factor):
    before = xmr(months(values))
    after = xmr(months([v * factor for v in values]))
    tolerance = 1e-9 * factor * (1 + max(abs(v) for v in values))
    assert abs(after.lpl - before.lpl * factor) <= tolerance
    assert abs(after.upl - before.upl * factor) <= tolerance


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=60))
def test_exact_mean_of_counts_is_correctly_rounded(counts):
    from fractions import Fraction

    from oversight.analysis.spc import exact_mean

    assert exact_mean([float(c) for c in counts]) == float(Fraction(sum(counts), len(counts)))
