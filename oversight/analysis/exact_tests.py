"""The exact two-sided binomial test, as R's binom.test and scipy's binomtest compute it.

scipy.stats.binomtest builds a result object and calls the distribution machinery dozens of
times per test (about 2 ms each); a monthly assessment runs thousands of tests, so this module
does the same arithmetic with scipy's special functions, which are the same code underneath.
The test suite checks it against binomtest.
"""

import math

from scipy.special import bdtr, bdtrc

# R and scipy treat probabilities within this relative distance of the observed one as equal.
_RELATIVE_ERROR = 1 + 1e-7


def _log_pmf(k: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def binomial_two_sided(k: int, n: int, p: float) -> float:
    """Return the exact two-sided p-value of k successes in n trials with probability p."""
    if not 0 <= k <= n:
        raise ValueError("k must be between 0 and n")
    if not 0 < p < 1:
        return 1.0 if (p == 0 and k == 0) or (p == 1 and k == n) else 0.0
    if n == 0:
        return 1.0
    expected = n * p
    threshold = _log_pmf(k, n, p) + math.log(_RELATIVE_ERROR)
    if k == expected:
        return 1.0
    if k < expected:
        # Count the points in the upper tail whose probability is no greater than d.
        lo, hi = math.ceil(expected), n
        if _log_pmf(hi, n, p) > threshold:
            return min(1.0, float(bdtr(k, n, p)))
        while lo < hi:
            mid = (lo + hi) // 2
            if _log_pmf(mid, n, p) <= threshold:
                hi = mid
            else:
                lo = mid + 1
        return min(1.0, float(bdtr(k, n, p) + bdtrc(lo - 1, n, p)))
    lo, hi = 0, math.floor(expected)
    if _log_pmf(lo, n, p) > threshold:
        return min(1.0, float(bdtrc(k - 1, n, p)))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _log_pmf(mid, n, p) <= threshold:
            lo = mid
        else:
            hi = mid - 1
    return min(1.0, float(bdtr(lo, n, p) + bdtrc(k - 1, n, p)))
