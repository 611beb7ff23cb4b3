import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from oversight.analysis.exact_tests import binomial_two_sided


@pytest.mark.parametrize(
    ("k", "n", "p"),
    [(2, 6, 0.5), (4, 6, 0.5), (1180, 2180, 0.5), (0, 10, 0.5), (10, 10, 0.5), (3, 3, 0.3),
     (7, 40, 31 / 59), (5000, 9800, 0.4931), (1, 1, 0.5)],
)  # fmt: skip
def test_binomial_two_sided_matches_scipy_on_examples(k, n, p):
    assert binomial_two_sided(k, n, p) == pytest.approx(binomtest(k, n, p).pvalue, rel=1e-9)


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=3000),
    frac=st.floats(min_value=0, max_value=1),
    p=st.floats(min_value=0.02, max_value=0.98),
)
def test_binomial_two_sided_matches_scipy(n, frac, p):
    k = round(frac * n)
    assert binomial_two_sided(k, n, p) == pytest.approx(
        binomtest(k, n, p).pvalue, rel=1e-7, abs=1e-12
    )


def test_binomial_two_sided_rejects_k_above_n():
    with pytest.raises(ValueError):
        binomial_two_sided(5, 4, 0.5)
