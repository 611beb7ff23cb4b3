"""Compstat windows for a monthly series: the changes a board asks about, guarded for small numbers.

For a period P, :func:`compstat` compares four pairs of windows:

============================  ==========================================  ========================
window                        current                                     previous
============================  ==========================================  ========================
``month``                     P                                           the month before P
``same_month_last_year``      P                                           P twelve months earlier
``year_to_date``              April of P's financial year to P            the same months a year
                                                                          earlier
``rolling_12``                the 12 months ending with P                 the 12 months before
                                                                          those
============================  ==========================================  ========================

Rules, in the order they apply:

* **Missing months are never zeros.** A window with any month missing (absent from the series or
  ``None``) has no total; the comparison is ``complete=False`` with no change, no % and no test,
  and its ``reason`` names the missing months.
* **Counts are summed, other units averaged.** With ``is_count=True`` (the default) a window's
  value is the sum of its months; otherwise (percentages, rates, durations) it is their mean,
  since summing a rate means nothing.
* **No % on a small base.** ``pct_change`` is ``None`` when the previous value is zero, and for
  counts also when it is below ``min_base`` (default 10): "2 against 4" is not "−50%" to a board.
  ``min_base`` does not apply to other units, whose scale it cannot know.
* **Significance for counts only.** Given a current count a and a previous count b, the exact
  conditional test asks whether a, out of the a + b events, is more or less than its share of the
  exposure would predict (the exact two-sided binomial test of R's ``binom.test``). The
  exposure is the number of days in each window by default, so a leap-year February or a
  366-day rolling year is allowed for; with
  ``exposure="months"`` equal-length windows give the plain test against one half. Counts must be
  whole and non-negative. When a + b is zero nothing is tested. Other units are not tested.
* **Proportions** (charge rates, survey shares) are built by :mod:`oversight.analysis.proportions`
  into the same :class:`Window`, with ``is_proportion=True``: pooled percentages, the change in
  percentage points (never a % of a %), the counts behind them, and the Newcombe interval of the
  difference as the significance; :meth:`Window.describe` words them as points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from oversight.analysis.exact_tests import binomial_two_sided
from oversight.analysis.language import Sentence, _, gettext_noop, say
from oversight.analysis.periods import (
    add_months,
    days_in_month,
    financial_year_start,
    period_range,
    validate_period,
)

__all__ = [
    "Compstat",
    "Significance",
    "Window",
    "compare_windows",
    "compstat",
    "format_number",
    "format_pct",
    "format_points",
    "format_share",
    "no_data_reason",
    "small_base_reason",
    "window_periods",
    "zero_base_reason",
]

Exposure = Literal["days", "months"]

MINUS = "\u2212"  # a true minus sign reads better than a hyphen in print

_COMPARISONS = {
    "month": gettext_noop("the previous month"),
    "same_month_last_year": gettext_noop("the same month last year"),
    "year_to_date": gettext_noop("the same months last year"),
    "rolling_12": gettext_noop("the previous 12 months"),
}


@dataclass(frozen=True)
class Significance:
    """The test of a change: exact conditional binomial for counts, Newcombe for proportions."""

    #: None for a proportion, whose ``significant`` comes from ``interval`` (no p-value is made).
    p_value: float | None
    significant: bool
    alpha: float
    #: The share of the events expected in the current window if the rate had not changed; for a
    #: proportion, the pooled proportion of both windows (0..1), what each would show unchanged.
    expected_share: float
    #: "higher" or "lower" when the current rate is above or below the previous one, else "same".
    direction: Literal["higher", "lower", "same"]
    #: For a proportion, the 1 − alpha Newcombe interval of the change, in percentage points.
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class Window:
    """One comparison of a current window with a previous one."""

    name: str
    current_periods: tuple[str, ...]
    previous_periods: tuple[str, ...]
    current: float | None
    previous: float | None
    change: float | None
    pct_change: float | None
    is_count: bool
    significance: Significance | None
    complete: bool
    #: Why there is no % (or no test): missing months, zero base, base below the threshold
    #: (a :class:`~oversight.analysis.language.Sentence`, worded again by :meth:`describe`).
    reason: str | None
    min_base: float
    #: A proportion: ``current``/``previous`` are pooled percentages, ``change`` is in percentage
    #: points (None on a small base), ``pct_change`` is always None; the counts are kept below.
    is_proportion: bool = False
    current_numerator: float | None = None
    current_denominator: float | None = None
    previous_numerator: float | None = None
    previous_denominator: float | None = None
    #: Why the two windows are not like for like, e.g. "across the rebase at 2023-10": said
    #: beside the figure, and no rating rests on such a comparison.
    caveat: str = ""

    @property
    def comparison(self) -> str:
        """Return what the current window is compared with, in words."""
        return _(_COMPARISONS.get(self.name, gettext_noop("the previous period")))

    def describe(self, *, with_comparison: bool = False) -> str:
        """Return the change in words, e.g. "+18% (1,180 against 1,000), significant".

        A proportion reads "+2.5 points (32.8% against 30.3%), not significant"; a caveat
        follows the words: "…, significant — across the rebase at 2023-10: not like for like".
        """
        text = self._describe(with_comparison)
        return f"{text} — {say(self.caveat)}" if self.caveat else text

    def _describe(self, with_comparison: bool) -> str:
        if self.is_proportion:
            return self._describe_proportion(with_comparison)
        if not self.complete:
            return self._no_change(with_comparison)
        assert self.current is not None and self.previous is not None
        values = _against(format_number(self.current), format_number(self.previous))
        if self.pct_change is None:
            head = f"{self._no_change(with_comparison)} {values}"
        else:
            head = f"{self._change(format_pct(self.pct_change), with_comparison)} {values}"
        return f"{head}, {self._significance_words()}"

    def _no_change(self, with_comparison: bool) -> str:
        """Return "no % change: base is zero" ("no change" for points), with the comparison."""
        values = {"reason": say(self.reason)}
        if with_comparison:
            values["comparison"] = self.comparison
            if self.is_proportion:
                return _("no change on %(comparison)s: %(reason)s") % values
            return _("no %% change on %(comparison)s: %(reason)s") % values
        if self.is_proportion:
            return _("no change: %(reason)s") % values
        return _("no %% change: %(reason)s") % values

    def _change(self, change: str, with_comparison: bool) -> str:
        """Return "+18%" (or "+2.5 points"), on the comparison if asked."""
        if not with_comparison:
            return change
        return _("%(change)s on %(comparison)s") % {"change": change, "comparison": self.comparison}

    def _describe_proportion(self, with_comparison: bool) -> str:
        if not self.complete:
            return self._no_change(with_comparison)
        if self.change is None or self.current is None or self.previous is None:
            # A small base: the counts themselves, never a percentage that looks precise.
            counts = _(
                "%(current_numerator)s of %(current_denominator)s against "
                "%(previous_numerator)s of %(previous_denominator)s"
            ) % {
                "current_numerator": format_number(self.current_numerator or 0),
                "current_denominator": format_number(self.current_denominator or 0),
                "previous_numerator": format_number(self.previous_numerator or 0),
                "previous_denominator": format_number(self.previous_denominator or 0),
            }
            return f"{self._no_change(with_comparison)} ({counts})"
        values = _against(format_share(self.current), format_share(self.previous))
        test = self.significance
        if test is None:
            # Percentages given without the counts behind them: nothing to test them with.
            words = _("not tested (no counts behind the percentages)")
        else:
            words = _("significant") if test.significant else _("not significant")
        return f"{self._change(format_points(self.change), with_comparison)} {values}, {words}"

    def _significance_words(self) -> str:
        if not self.is_count:
            return _("not tested (not a count)")
        if self.significance is None:
            return _("not tested (no events)")
        return _("significant") if self.significance.significant else _("not significant")


def _against(current: str, previous: str) -> str:
    """Return two figures side by side: "(1,180 against 1,000)"."""
    return _("(%(current)s against %(previous)s)") % {"current": current, "previous": previous}


@dataclass(frozen=True)
class Compstat:
    """The four Compstat windows for one period."""

    period: str
    month: Window
    same_month_last_year: Window
    year_to_date: Window
    rolling_12: Window

    @property
    def windows(self) -> tuple[Window, ...]:
        """Return the windows in board order."""
        return (self.month, self.same_month_last_year, self.year_to_date, self.rolling_12)


def format_number(value: float) -> str:
    """Return a value with thousands separators and at most two decimals: "1,180", "82.5"."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def format_pct(pct: float) -> str:
    """Return a signed % change: "+18%", "−50%", "+4.5%" (one decimal below 10%), "0%"."""
    text = f"{abs(pct):.1f}" if abs(pct) < 10 else f"{abs(pct):.0f}"
    if text.endswith(".0"):
        text = text[:-2]
    if text == "0":
        return "0%"
    return f"{'+' if pct > 0 else MINUS}{text}%"


def format_points(points: float) -> str:
    """Return a signed change in percentage points: "+2.5 points", "−0.4 points", "0 points"."""
    text = f"{abs(points):.1f}"
    signed = "0" if text == "0.0" else f"{'+' if points > 0 else MINUS}{text}"
    return _("%(points)s points") % {"points": signed}


def format_share(percent: float) -> str:
    """Return a percentage with one decimal: "32.8%", "85.0%"."""
    return f"{percent:.1f}%".replace("-", MINUS)


def no_data_reason(missing: Sequence[str]) -> Sentence:
    """Return why a window has no total: "no data for 2024-05, 2024-06"."""
    return Sentence(gettext_noop("no data for %(months)s"), months=", ".join(sorted(missing)))


def zero_base_reason() -> Sentence:
    """Return why there is no % change on a previous value of zero."""
    return Sentence(gettext_noop("base is zero"))


def small_base_reason(min_base: float) -> Sentence:
    """Return why there is no % change on a small base: "base below 10"."""
    return Sentence(gettext_noop("base below %(base)s"), base=format_number(min_base))


def _check_count(value: float, period: str) -> None:
    if value < 0 or not float(value).is_integer():
        raise ValueError(f"{period}: a count must be a whole number ≥ 0, got {value!r}")


def _total(
    series: Mapping[str, float | None], periods: Sequence[str], *, is_count: bool
) -> tuple[float | None, list[str]]:
    missing = [p for p in periods if series.get(p) is None]
    if missing:
        return None, missing
    values = [float(series[p]) for p in periods]  # type: ignore[arg-type]
    for period, value in zip(periods, values, strict=True):
        if not math.isfinite(value):
            raise ValueError(f"{period}: value must be a finite number, got {value!r}")
        if is_count:
            _check_count(value, period)
    total = math.fsum(values)
    return (total if is_count else total / len(values)), []


def _exposure(periods: Sequence[str], exposure: Exposure) -> int:
    if exposure == "days":
        return sum(days_in_month(p) for p in periods)
    if exposure == "months":
        return len(periods)
    raise ValueError(f"exposure must be 'days' or 'months', got {exposure!r}")


def _test(current: float, previous: float, share: float, alpha: float) -> Significance | None:
    events = int(current + previous)
    if events == 0:
        return None
    k = int(current)
    p_value = binomial_two_sided(k, events, share)
    observed = k / events
    direction: Literal["higher", "lower", "same"]
    if math.isclose(observed, share, rel_tol=1e-12, abs_tol=1e-12):
        direction = "same"
    else:
        direction = "higher" if observed > share else "lower"
    return Significance(
        p_value=p_value,
        significant=p_value < alpha,
        alpha=alpha,
        expected_share=share,
        direction=direction,
    )


def compare_windows(
    series: Mapping[str, float | None],
    current_periods: Sequence[str],
    previous_periods: Sequence[str],
    *,
    name: str,
    is_count: bool = True,
    min_base: float = 10,
    alpha: float = 0.05,
    exposure: Exposure = "days",
) -> Window:
    """Return the comparison of two windows of ``series`` under the module's rules."""
    if not current_periods or not previous_periods:
        raise ValueError("both windows need at least one period")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if min_base < 0:
        raise ValueError(f"min_base must be ≥ 0, got {min_base!r}")
    for period in (*current_periods, *previous_periods):
        validate_period(period)
    current, missing_now = _total(series, current_periods, is_count=is_count)
    previous, missing_before = _total(series, previous_periods, is_count=is_count)
    common = {
        "name": name,
        "current_periods": tuple(current_periods),
        "previous_periods": tuple(previous_periods),
        "current": current,
        "previous": previous,
        "is_count": is_count,
        "min_base": min_base,
    }
    missing = missing_now + missing_before
    if current is None or previous is None:
        return Window(
            **common,
            change=None,
            pct_change=None,
            significance=None,
            complete=False,
            reason=no_data_reason(missing),
        )
    change = current - previous
    reason = None
    pct_change = None
    if previous == 0:
        reason = zero_base_reason()
    elif is_count and previous < min_base:
        reason = small_base_reason(min_base)
    else:
        pct_change = 100 * change / abs(previous)
    significance = None
    if is_count:
        now, before = _exposure(current_periods, exposure), _exposure(previous_periods, exposure)
        significance = _test(current, previous, now / (now + before), alpha)
    return Window(
        **common,
        change=change,
        pct_change=pct_change,
        significance=significance,
        complete=True,
        reason=reason,
    )


def window_periods(period: str) -> dict[str, tuple[list[str], list[str]]]:
    """Return each window's name → (current periods, previous periods) for ``period``."""
    validate_period(period)
    year_ago = add_months(period, -12)
    ytd = period_range(financial_year_start(period), period)
    return {
        "month": ([period], [add_months(period, -1)]),
        "same_month_last_year": ([period], [year_ago]),
        "year_to_date": (ytd, [add_months(p, -12) for p in ytd]),
        "rolling_12": (
            period_range(add_months(period, -11), period),
            period_range(add_months(period, -23), year_ago),
        ),
    }


def compstat(
    series: Mapping[str, float | None],
    period: str,
    *,
    is_count: bool = True,
    min_base: float = 10,
    alpha: float = 0.05,
    exposure: Exposure = "days",
) -> Compstat:
    """Return the four Compstat windows of ``series`` (period → value or None) for ``period``."""
    windows = {
        name: compare_windows(
            series,
            current,
            previous,
            name=name,
            is_count=is_count,
            min_base=min_base,
            alpha=alpha,
            exposure=exposure,
        )
        for name, (current, previous) in window_periods(period).items()
    }
    return Compstat(
        period=period,
        month=windows["month"],
        same_month_last_year=windows["same_month_last_year"],
        year_to_date=windows["year_to_date"],
        rolling_12=windows["rolling_12"],
    )
