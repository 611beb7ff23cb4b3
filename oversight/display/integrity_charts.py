"""Small charts of what the integrity monitor found: each stepped series around its month.

A finding's evidence (``data.monitor``) keeps each stepped series for a year either side of
the month; the chart draws them one panel each, the month marked by a rule and the levels
before and from it as flat lines, so a reviewer sees the step the detector measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from oversight.display.charts import (
    Chart,
    configure,
    month_date,
    wide_table,
    x_axis,
)
from oversight.display.words import month_words

STEP_COLOUR = "#b35000"


def step_chart(evidence: Mapping[str, Any], *, period: str, title: str) -> Chart | None:
    """Return one small panel per stepped series of a finding, or None without evidence."""
    series = evidence.get("series") or {}
    steps = {s["key"]: s for s in evidence.get("steps", [])}
    if not series:
        return None
    rows, tables = [], []
    order = []
    for key, item in series.items():
        label = item["label"] + (" (%)" if item["kind"] == "share" else " (a month)")
        order.append(label)
        values = dict(item["values"])
        tables.append((label, values))
        step = steps.get(key)
        for p, v in sorted(values.items()):
            if v is None:
                continue
            row = {"date": month_date(p), "month": month_words(p), "value": v, "series": label,
                   "step": bool(step) and p == step["period"]}  # fmt: skip
            # The levels the detector compared, drawn over the months it compared.
            if step and step["before_months"][0] <= p <= step["before_months"][1]:
                row["before"] = step["before"]
            if step and step["after_months"][0] <= p <= step["after_months"][1]:
                row["after"] = step["after"]
            rows.append(row)
    # Every layer reads the same rows, so that each panel shows only its own series.
    base = alt.Chart()
    line = base.mark_line(point=True, color="#1d5fa8", strokeWidth=1.5).encode(
        x=x_axis(None),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("month:N", title="Month"), alt.Tooltip("value:Q", format=",.1f")],
    )
    levels = [
        base.transform_filter(f"isValid(datum.{name})")
        .mark_line(color="#1b1b1b", strokeDash=[6, 3], strokeWidth=1.2)
        .encode(x=x_axis(None), y=f"{name}:Q")
        for name in ("before", "after")
    ]
    rule = (
        base.transform_filter("datum.step")
        .mark_rule(color=STEP_COLOUR, strokeWidth=2)
        .encode(x="utcyearmonth(date):T")
    )
    chart = (
        alt.layer(line, *levels, rule, data=alt.Data(values=rows))
        .properties(width=300, height=130)
        .facet(facet=alt.Facet("series:N", title=None, sort=order), columns=2)
        .resolve_scale(y="independent")
        .properties(title=title)
    )
    sentences = [s_words(steps[k]) for k in series if k in steps]
    return Chart(
        title=title,
        spec=configure(chart),
        alt_text=f"{title}, one small chart per series, the month {month_words(period)} "
        f"marked. " + "; ".join(sentences) + ".",
        table=wide_table(tables, caption=f"Data for the chart: {title}", unit="count"),
    )


def s_words(step: Mapping[str, Any]) -> str:
    """Return a step in words from its stored form: "Burglary 68 → 176 a month"."""
    if step.get("kind") == "share":
        return f"{step['label']} {step['before']:.1f}% → {step['after']:.1f}%"
    return f"{step['label']} {step['before']:,.0f} → {step['after']:,.0f} a month"
