"""Balance across the plan's years: per priority and year, activities, status and funding."""

from oversight.analysis.balance import BalanceActivity, BalancePriority, balance

PRIORITIES = [BalancePriority("P1", "Safe neighbourhoods"), BalancePriority("P2", "Protect people")]
YEARS = [2025, 2026, 2027, 2028]


def test_counts_and_funding_per_priority_per_year():
    result = balance(
        priorities=PRIORITIES,
        years=YEARS,
        activities=[
            BalanceActivity("A1", "P1", 2025, 2028, "in_progress", ((2025, 100), (2026, 200))),
            BalanceActivity("A2", "P1", 2026, 2026, "planned", ((2026, 50),)),
            BalanceActivity("A3", "P2", 2025, 2028, "planned", ()),
        ],
    )
    p1 = result.rows[0]
    assert [c.count for c in p1.cells] == [1, 2, 1, 1]
    assert [c.funded for c in p1.cells] == [100, 250, 0, 0]
    assert p1.cells[1].statuses == (("in_progress", 1), ("planned", 1))
    assert p1.cells[1].refs == ("A1", "A2")
    assert p1.funded == 350
    assert [c.count for c in result.totals] == [2, 3, 2, 2]
    assert result.empty_years == ()
    assert result.year_labels == ("2025/26", "2026/27", "2027/28", "2028/29")


def test_a_priority_with_nothing_in_a_year_is_warned_and_stopped_work_does_not_fill_it():
    result = balance(
        priorities=PRIORITIES,
        years=YEARS,
        activities=[
            BalanceActivity("A1", "P1", 2025, 2026, "planned"),
            BalanceActivity("A2", "P1", 2027, 2027, "stopped", ((2027, 900),)),
            BalanceActivity("A3", "P2", 2025, 2028, "planned"),
        ],
    )
    assert [(e.code, e.year, e.stopped) for e in result.empty_years] == [
        ("P1", 2027, ("A2",)),
        ("P1", 2028, ()),
    ]
    assert result.empty_years[0].message == (
        "P1 Safe neighbourhoods has nothing planned in 2027/28 (only stopped activities: A2)."
    )
    assert result.empty_years[1].message == "P1 Safe neighbourhoods has nothing planned in 2028/29."
    # A stopped activity is counted in its status, but neither as live nor as funded.
    cell = result.rows[0].cells[2]
    assert (cell.count, cell.live, cell.funded) == (1, 0, 0)


def test_a_priority_with_no_activity_is_empty_every_year_and_loose_work_counts_in_totals():
    result = balance(
        priorities=PRIORITIES,
        years=YEARS,
        activities=[BalanceActivity("A1", None, 2025, 2025, "planned", ((2025, 10),))],
    )
    assert len(result.empty_years) == 8
    assert result.totals[0].count == 1 and result.totals[0].funded == 10
