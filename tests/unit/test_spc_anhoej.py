"""Anhøj run rules: longest run and crossings against qicharts2."""

import pytest

from oversight.analysis.spc import (
    Point,
    anhoej,
    longest_run_max,
    n_crossings_min,
    xmr,
)

# SPC.md §5, computed with R's round and qbinom as qicharts2 does.
TABLE_N = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]
TABLE_N += [36, 40, 45, 50, 60, 80, 100]
TABLE_RUN = [6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 10]
TABLE_CROSS = [2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10]
TABLE_CROSS += [13, 14, 17, 19, 23, 32, 41]

# set.seed(123); rnorm(20)
RNORM20 = [
    -0.56047565,
    -0.23017749,
    1.55870831,
    0.07050839,
    0.12928774,
    1.71506499,
    0.46091621,
    -1.26506123,
    -0.68685285,
    -0.44566197,
    1.22408180,
    0.35981383,
    0.40077145,
    0.11068272,
    -0.55584113,
    1.78691314,
    0.49785048,
    -1.96661716,
    0.70135590,
    -0.47279141,
]


def test_table_covers_every_listed_n():
    assert len(TABLE_N) == len(TABLE_RUN) == len(TABLE_CROSS) == 28


@pytest.mark.parametrize(
    ("n", "run_max", "cross_min"), list(zip(TABLE_N, TABLE_RUN, TABLE_CROSS, strict=True))
)
def test_limits_match_the_spc_table(n, run_max, cross_min):
    assert longest_run_max(n) == run_max
    assert n_crossings_min(n) == cross_min


def test_crossings_min_is_the_binomial_five_percent_quantile():
    # n = 10: P(Bin(9, ½) <= 1) = 10/512 < 0.05 and P(<= 2) = 46/512 >= 0.05.
    assert n_crossings_min(10) == 2
    assert n_crossings_min(1) == 0
    assert n_crossings_min(2) == 0


def test_rnorm20_matches_qicharts2():
    result = xmr(
        [Point(f"2020-{i:02d}", v) for i, v in enumerate(RNORM20[:12], 1)]
        + [Point(f"2021-{i:02d}", v) for i, v in enumerate(RNORM20[12:], 1)],
        screen_outliers=False,
    )
    assert result.mean == pytest.approx(0.14162, abs=5e-6)
    # qicharts2 uses 3 / 1.128 rather than 2.66 for its I chart.
    mr_bar = result.groups[0].mr_bar
    assert result.mean - 3 * mr_bar / 1.128 == pytest.approx(-3.01088, abs=5e-6)
    assert result.mean + 3 * mr_bar / 1.128 == pytest.approx(3.29412, abs=5e-6)
    a = result.anhoej
    assert (a.n_useful, a.longest_run, a.longest_run_max) == (20, 3, 7)
    assert (a.n_crossings, a.n_crossings_min, a.runs_signal) == (10, 6, False)


def test_points_on_the_centre_line_and_gaps_are_dropped():
    a = anhoej([1, 0, 1, None, 1, -1, 0, -1], 0)
    assert (a.n_useful, a.longest_run, a.n_crossings) == (5, 3, 1)


def test_long_run_signals():
    a = anhoej([1] * 8 + [-1] * 2, 0)
    assert (a.longest_run, a.longest_run_max, a.runs_signal) == (8, 6, True)


def test_too_few_crossings_signals():
    a = anhoej([1] * 5 + [-1] * 5 + [1] * 5 + [-1] * 5, 0)
    assert (a.longest_run, a.n_crossings, a.n_crossings_min) == (5, 3, 6)
    assert a.runs_signal


def test_all_points_on_the_centre_line_gives_no_signal():
    a = anhoej([2, 2, 2], 2)
    assert a.n_useful == 0
    assert a.longest_run is None and a.n_crossings is None
    assert not a.runs_signal


def test_xmr_runs_anhoej_on_the_last_group():
    values = [1, 2] * 8 + [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13]
    points = [Point(f"{2020 + i // 12}-{i % 12 + 1:02d}", v) for i, v in enumerate(values)]
    result = xmr(points, rebase=["2021-05"])
    assert result.anhoej == anhoej(values[16:], result.mean)
