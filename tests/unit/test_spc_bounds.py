"""``xmr(bounds=...)`` clips only the reported limits: no label, point type or icon changes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.analysis.spc import LIMIT_CLOSE, Point, clip, special_cause_labels, xmr


def months(values):
    return [Point(f"{2000 + i // 12}-{i % 12 + 1:02d}", v) for i, v in enumerate(values)]


def outcomes(result):
    return (
        [
            (p.special_cause_type, p.point_type, p.relative_to_mean, p.close_to_limits)
            for p in result.points
        ],
        result.variation_icon,
        result.assurance_icon,
        result.anhoej,
        [(g.mean, g.mr_bar, g.n) for g in result.groups],
    )


def labels_from_reported_limits(result, bounds, run_length=7):
    """Return the labels the rules give when judged against the reported (clipped) lines."""
    labels = []
    for index, group in enumerate(result.groups):
        members = [p for p in result.points if p.group_index == index and p.value is not None]
        ys = [p.value for p in members]
        near_low = clip(group.mean - LIMIT_CLOSE * group.mr_bar, bounds)
        near_high = clip(group.mean + LIMIT_CLOSE * group.mr_bar, bounds)
        outside = [p.value > p.upl or p.value < p.lpl for p in members]
        close = [
            not o and (y < near_low or y > near_high) for y, o in zip(ys, outside, strict=True)
        ]
        relative = [p.relative_to_mean for p in members]
        labels += special_cause_labels(ys, relative, close, outside, run_length)
    return labels


# NHSRplotthedots vignette: screened limits −0.7156 / 4.6044.
VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_bounds_clip_the_reported_lower_limit_of_a_count():
    plain = xmr(months(VIGNETTE))
    clipped = xmr(months(VIGNETTE), bounds=(0, None))
    assert plain.lpl == pytest.approx(-0.7156, abs=5e-5)
    assert clipped.lpl == 0 and clipped.groups[0].lpl == 0
    assert {p.lpl for p in clipped.points} == {0}
    assert clipped.upl == plain.upl
    assert outcomes(clipped) == outcomes(plain)


def test_bounds_clip_a_percentage_at_100():
    values = [95, 99, 96, 100, 97, 94, 99, 98, 100, 96, 95, 99, 97]
    plain = xmr(months(values))
    clipped = xmr(months(values), bounds=(0, 100))
    assert plain.upl > 100
    assert clipped.upl == 100
    assert clipped.lpl == plain.lpl
    assert outcomes(clipped) == outcomes(plain)


def test_assurance_uses_the_unclipped_limits():
    # A target of −0.5 lies between the unclipped lower limit (−0.72) and the clipped one (0).
    plain = xmr(months(VIGNETTE), target=-0.5)
    clipped = xmr(months(VIGNETTE), target=-0.5, bounds=(0, None))
    assert plain.assurance_icon == clipped.assurance_icon == "inconsistent"


def test_default_bounds_change_nothing():
    assert xmr(months(VIGNETTE)) == xmr(months(VIGNETTE), bounds=(None, None))


def test_bounds_must_be_ordered():
    with pytest.raises(ValueError, match="bounds"):
        xmr(months(VIGNETTE), bounds=(100, 0))


def test_xmr_says_it_is_an_xmr_chart():
    d = xmr(months(VIGNETTE)).to_dict()
    assert d["chart"] == "xmr"
    assert "point_limits" not in d


counts = st.lists(st.one_of(st.integers(0, 60), st.none()), min_size=2, max_size=40).filter(
    lambda vs: sum(v is not None for v in vs) >= 2
)


@settings(max_examples=300, deadline=None)
@given(counts, st.integers(0, 60), st.booleans(), st.booleans())
def test_clipping_a_count_at_zero_never_changes_a_label(values, target, screen, rebased):
    points = months(values)
    rebase = []
    if rebased:
        # Rebase at the first period after the first value such that both groups have a value.
        present = [i for i, v in enumerate(values) if v is not None]
        rebase = [points[present[1]].period] if len(present) >= 2 else []
    options = {"target": target, "screen_outliers": screen, "rebase": rebase}
    plain = xmr(points, **options)
    clipped = xmr(points, bounds=(0, None), **options)
    assert outcomes(clipped) == outcomes(plain)
    for before, after in zip(plain.points, clipped.points, strict=True):
        assert after.lpl == max(before.lpl, 0)
        assert after.upl == before.upl
    assert (clipped.lpl, clipped.upl) == (max(plain.lpl, 0), plain.upl)
    # A count cannot lie below 0: judged against the clipped lines the rules agree.
    assert labels_from_reported_limits(clipped, (0, None)) == [
        p.special_cause_type for p in plain.points if p.value is not None
    ]


percentages = st.lists(
    st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)), min_size=2, max_size=30
)


@settings(max_examples=300, deadline=None)
@given(percentages, st.floats(0, 100, allow_nan=False))
def test_clipping_a_percentage_to_0_100_never_changes_a_label(values, target):
    plain = xmr(months(values), target=target)
    clipped = xmr(months(values), target=target, bounds=(0, 100))
    assert outcomes(clipped) == outcomes(plain)
    for p in clipped.points:
        assert 0 <= p.lpl <= p.upl <= 100
    assert labels_from_reported_limits(clipped, (0, 100)) == [
        p.special_cause_type for p in plain.points
    ]
