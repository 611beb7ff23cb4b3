"""Charts of the roadmap's balance: activities and funding per priority in each plan year."""

from __future__ import annotations

import altair as alt

from oversight.analysis.balance import Balance
from oversight.display.charts import Chart, DataTable, configure

# Distinct on white and for the common colour-vision deficiencies (Okabe–Ito, darkened).
PRIORITY_COLOURS = (
    "#1d5fa8",
    "#b35000",
    "#00703c",
    "#6f3c8f",
    "#a8326b",
    "#505a5f",
    "#8a6d00",
    "#1b1b1b",
)


def _stacked(balance: Balance, *, value: str, title: str, axis: str, fmt: str) -> Chart:
    names = [f"{row.code} {row.title}" for row in balance.rows]
    rows = []
    for row, name in zip(balance.rows, names, strict=True):
        for label, cell in zip(balance.year_labels, row.cells, strict=True):
            amount = cell.live if value == "activities" else cell.funded
            rows.append({"year": label, "priority": name, "value": amount})
    colours = [PRIORITY_COLOURS[i % len(PRIORITY_COLOURS)] for i in range(len(names))]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("year:N", title="Plan year", sort=list(balance.year_labels)),
            y=alt.Y("sum(value):Q", title=axis, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "priority:N",
                scale=alt.Scale(domain=names, range=colours),
                legend=alt.Legend(title=None, orient="bottom", columns=2, labelLimit=320),
            ),
            order=alt.Order("priority:N"),
            tooltip=[
                alt.Tooltip("priority:N", title="Priority"),
                alt.Tooltip("year:N", title="Plan year"),
                alt.Tooltip("value:Q", title=axis, format=fmt),
            ],
        )
        .properties(title=title, width=520, height=220)
    )

    def show(cell_value: int) -> str:
        return f"£{cell_value:,}" if value == "funding" else str(cell_value)

    table_rows = tuple(
        (
            name,
            *(show(c.live if value == "activities" else c.funded) for c in row.cells),
        )
        for row, name in zip(balance.rows, names, strict=True)
    )
    totals = [sum(r["value"] for r in rows if r["year"] == label) for label in balance.year_labels]
    sentence = "; ".join(
        f"{label} {show(total)}" for label, total in zip(balance.year_labels, totals, strict=True)
    )
    return Chart(
        title=title,
        spec=configure(chart),
        alt_text=f"{title}, stacked by priority. Totals by plan year: {sentence}.",
        table=DataTable(
            caption=f"Data for the chart: {title}",
            columns=("Priority", *balance.year_labels),
            rows=table_rows,
            numeric=(False, *(True for _ in balance.years)),
        ),
    )


def activity_balance_chart(balance: Balance) -> Chart:
    """Return the number of live activities per priority in each plan year, stacked."""
    return _stacked(
        balance,
        value="activities",
        title="Activities running in each plan year",
        axis="Activities",
        fmt="d",
    )


def funding_balance_chart(balance: Balance) -> Chart:
    """Return the funding committed per priority in each plan year, stacked."""
    return _stacked(
        balance,
        value="funding",
        title="Funding committed in each plan year",
        axis="Pounds",
        fmt="~s",
    )
