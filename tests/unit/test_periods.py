"""Month arithmetic on "YYYY-MM" strings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.analysis.periods import (
    add_months,
    days_in_month,
    financial_year_label,
    financial_year_start,
    format_period,
    months_between,
    parse_period,
    period_range,
    validate_period,
)

periods = st.builds(format_period, st.integers(1900, 2200), st.integers(1, 12))


def test_parse_period_returns_year_and_month():
    assert parse_period("2025-04") == (2025, 4)


@pytest.mark.parametrize(
    "bad", ["2025-4", "2025-13", "2025-00", "25-04", "2025/04", " 2025-04", ""]
)
def test_parse_period_rejects_malformed_strings(bad):
    with pytest.raises(ValueError, match="period"):
        parse_period(bad)


def test_parse_period_rejects_non_strings():
    with pytest.raises(ValueError, match="string"):
        parse_period(202504)  # type: ignore[arg-type]


def test_validate_period_returns_valid_period_unchanged():
    assert validate_period("1999-12") == "1999-12"


def test_add_months_crosses_year_boundaries():
    assert add_months("2024-11", 3) == "2025-02"
    assert add_months("2025-02", -3) == "2024-11"
    assert add_months("2025-01", -12) == "2024-01"
    assert add_months("2025-01", 0) == "2025-01"


def test_months_between_counts_forward_and_back():
    assert months_between("2024-03", "2025-07") == 16
    assert months_between("2025-07", "2024-03") == -16


def test_period_range_is_inclusive():
    assert period_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_period_range_empty_when_end_before_start():
    assert period_range("2025-02", "2025-01") == []


@pytest.mark.parametrize(
    ("period", "start", "label"),
    [
        ("2025-04", "2025-04", "2025/26"),
        ("2025-03", "2024-04", "2024/25"),
        ("2025-01", "2024-04", "2024/25"),
        ("2024-12", "2024-04", "2024/25"),
        ("1999-06", "1999-04", "1999/00"),
    ],
)
def test_financial_year_starts_in_april(period, start, label):
    assert financial_year_start(period) == start
    assert financial_year_label(period) == label


@pytest.mark.parametrize(
    ("period", "days"),
    [
        ("2024-02", 29),
        ("2023-02", 28),
        ("1900-02", 28),
        ("2000-02", 29),
        ("2025-04", 30),
        ("2025-12", 31),
    ],
)
def test_days_in_month_allows_for_leap_years(period, days):
    assert days_in_month(period) == days


def test_format_period_rejects_bad_month():
    with pytest.raises(ValueError, match="month"):
        format_period(2025, 13)


@given(periods, st.integers(-500, 500))
def test_add_months_inverts_with_months_between(period, n):
    assert months_between(period, add_months(period, n)) == n
    assert add_months(add_months(period, n), -n) == period


@given(periods, st.integers(0, 40))
def test_period_range_length_matches_months_between(period, n):
    end = add_months(period, n)
    assert len(period_range(period, end)) == n + 1
    assert period_range(period, end) == sorted(period_range(period, end))
