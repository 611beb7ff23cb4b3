from hypothesis import given
from hypothesis import strategies as st

from oversight.analysis.disclosure import (
    Disclosed,
    disclose_count,
    disclose_group,
    disclose_rate,
    recoverable,
)


def test_small_counts_are_withheld_and_zero_is_not():
    assert disclose_count(3).withheld
    assert disclose_count(3).text() == "fewer than 5"
    assert not disclose_count(0).withheld
    assert disclose_count(5).value == 5


def test_missing_is_shown_as_missing_not_withheld():
    assert disclose_count(None).text() == "—"


def test_one_withheld_cell_withholds_the_next_smallest_when_the_total_is_published():
    result = disclose_group({"east": 2, "west": 40, "south": 12}, total_published=True)
    assert result["east"].withheld
    assert result["south"].withheld
    assert not result["west"].withheld


def test_no_secondary_suppression_without_a_published_total():
    result = disclose_group({"east": 2, "west": 40}, total_published=False)
    assert result["east"].withheld and not result["west"].withheld


def test_rates_need_a_known_base_of_at_least_the_threshold():
    assert disclose_rate(50.0, 2).withheld
    assert disclose_rate(50.0, None).reason == "base not known"
    assert disclose_rate(50.0, 10).value == 50.0


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 30), min_size=2))
def test_a_withheld_cell_can_never_be_derived_from_the_total(cells):
    result = disclose_group(cells, total_published=True)
    withheld = [k for k, d in result.items() if d.withheld]
    primary = [k for k, v in cells.items() if 0 < v < 5]
    assert set(primary) <= set(withheld)
    # With a total, a single withheld cell could be recovered by subtraction.
    assert len(withheld) != 1


def test_a_rate_from_a_withheld_count_is_withheld():
    assert disclose_rate(60.0, 5, numerator=3).reason == "count fewer than 5"
    assert disclose_rate(60.0, 50, numerator=30).value == 60.0
    # A zero count identifies no one; its rate is published.
    assert disclose_rate(0.0, 50, numerator=0).value == 0.0


def test_a_single_withheld_cell_beside_a_total_is_recoverable():
    cells = {"east": Disclosed(None, True, "fewer than 5"), "west": Disclosed(40)}
    assert recoverable(cells, 42) == ["east"]
    assert recoverable(cells, None) == []


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.one_of(st.none(), st.integers(0, 30).map(float)),
        min_size=1,
    )
)
def test_no_withheld_cell_can_be_worked_out_from_the_published_total(cells):
    disclosed = disclose_group(cells, total_published=True)
    total = sum(v for v in cells.values() if v is not None)
    alone = recoverable(disclosed, total)
    # Only possible when no other cell has a figure: the cell is then the (already public) total.
    assert not alone or all(cells[k] is None for k in cells if k not in alone)
