"""The funnel plot: each force's rate per 1,000 against its population, with control limits.

Limits (95 % and 99.8 %, exact Poisson; and, when the forces are overdispersed, the 99.8 %
limits allowing for it) are lines over a log population axis; the force, its peers and the
other forces are points told apart by shape and size as well as colour, the force and its
peers labelled by name. The data table lists every point with its place on the funnel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt

from oversight.analysis.funnel import PLACEMENT_WORDS, Limits
from oversight.display.charts import WIDTH, Chart, DataTable, configure
from oversight.display.words import number

ROLES = ("This force", "Peer", "Other force")
ROLE_COLOURS = ("#b35000", "#1d5fa8", "#6f777b")
ROLE_SHAPES = ("triangle-up", "square", "circle")
ROLE_SIZES = (150, 80, 45)
LINES = ("Target (all forces)", "95 % limits", "99.8 % limits", "99.8 % allowing overdispersion")
LINE_COLOURS = ("#1b1b1b", "#505a5f", "#1b1b1b", "#6f3c8f")
LINE_DASHES = ([1, 0], [6, 3], [2, 2], [8, 2, 2, 2])


@dataclass(frozen=True)
class FunnelPoint:
    """A force on the funnel plot."""

    name: str
    role: str  # one of ROLES
    count: int
    population: int
    population_label: str
    rate: float
    placement: str
    adjusted_placement: str | None = None


def _curve_rows(curve: Sequence[Limits], adjusted: Sequence[Limits], target: float) -> list[dict]:
    rows = []
    for limits in curve:
        for side, value in (("lower", limits.lower_95), ("upper", limits.upper_95)):
            rows.append({"population": limits.population, "rate": value, "line": LINES[1],
                         "side": side})  # fmt: skip
        for side, value in (("lower", limits.lower_998), ("upper", limits.upper_998)):
            rows.append({"population": limits.population, "rate": value, "line": LINES[2],
                         "side": side})  # fmt: skip
        rows.append({"population": limits.population, "rate": target, "line": LINES[0],
                     "side": "centre"})  # fmt: skip
    for limits in adjusted:
        for side, value in (("lower", limits.lower_998), ("upper", limits.upper_998)):
            rows.append({"population": limits.population, "rate": value, "line": LINES[3],
                         "side": side})  # fmt: skip
    return rows


def funnel_chart(
    points: Sequence[FunnelPoint],
    *,
    curve: Sequence[Limits],
    adjusted_curve: Sequence[Limits] = (),
    target: float,
    title: str,
    width: int = WIDTH,
    height: int = 320,
) -> Chart:
    """Return the funnel plot of forces' rates per 1,000 with its text alternative and table."""
    lines = [line for line in LINES if line != LINES[3] or adjusted_curve]
    line_rows = _curve_rows(curve, adjusted_curve, target)
    # The curve spans the forces' populations a little either side: the axis ends with it.
    span = [curve[0].population, curve[-1].population] if curve else None
    x = alt.X("population:Q", title="Resident population (log scale)",
              scale=alt.Scale(type="log", domain=span, nice=False) if span else alt.Scale(
                  type="log"), axis=alt.Axis(format="~s"))  # fmt: skip
    y = alt.Y("rate:Q", title="Rate per 1,000 residents", scale=alt.Scale(zero=False))
    # Data by name, filled in after: Altair validates inline values row by row, which cost
    # more than drawing the chart.
    limit_layer = (
        alt.Chart(alt.Data(name="limits"))
        .mark_line(strokeWidth=1.4)
        .encode(
            x=x,
            y=y,
            detail="side:N",
            color=alt.Color("line:N", scale=alt.Scale(domain=lines, range=list(LINE_COLOURS)),
                            legend=alt.Legend(title="Lines", orient="bottom", columns=2)),
            strokeDash=alt.StrokeDash(
                "line:N", scale=alt.Scale(domain=lines, range=[list(d) for d in LINE_DASHES]),
                legend=alt.Legend(title="Lines", orient="bottom", columns=2),
            ),
        )
    )  # fmt: skip
    point_rows = [
        {"name": p.name, "role": p.role, "population": p.population, "rate": p.rate,
         "count": p.count, "place": PLACEMENT_WORDS.get(p.placement, p.placement)}
        for p in points
    ]  # fmt: skip
    legend = alt.Legend(title="Forces", orient="bottom")
    point_layer = (
        alt.Chart(alt.Data(name="forces"))
        .mark_point(filled=True, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color("role:N", scale=alt.Scale(domain=list(ROLES), range=list(ROLE_COLOURS)),
                            legend=legend),
            shape=alt.Shape("role:N", scale=alt.Scale(domain=list(ROLES), range=list(ROLE_SHAPES)),
                            legend=legend),
            size=alt.Size("role:N", scale=alt.Scale(domain=list(ROLES), range=list(ROLE_SIZES)),
                          legend=None),
            tooltip=[alt.Tooltip("name:N", title="Force"),
                     alt.Tooltip("rate:Q", title="Rate per 1,000", format=",.2f"),
                     alt.Tooltip("count:Q", title="Count", format=","),
                     alt.Tooltip("population:Q", title="Population", format=","),
                     alt.Tooltip("place:N", title="Funnel")],
        )
    )  # fmt: skip
    labels = (
        alt.Chart(alt.Data(name="labelled"))
        .mark_text(align="left", dx=7, dy=-6, fontSize=10, color="#1b1b1b")
        .encode(x=x, y=y, text="name:N")
    )
    chart = (
        alt.layer(limit_layer, point_layer, labels)
        .resolve_scale(color="independent", shape="independent", strokeDash="independent")
        .properties(title=title, width=width, height=height)
    )
    spec = configure(chart)
    spec["datasets"] = {
        "limits": line_rows,
        "forces": point_rows,
        "labelled": [r for r in point_rows if r["role"] != ROLES[2]],
    }
    return Chart(
        title=title,
        spec=spec,
        alt_text=alt_text(points, target=target, title=title),
        table=_table(points, title=title, target=target),
    )


def alt_text(points: Sequence[FunnelPoint], *, target: float, title: str) -> str:
    """Return the funnel plot in words: the force, then its peers, against the target."""
    own = [p for p in points if p.role == ROLES[0]]
    peers = [p for p in points if p.role == ROLES[1]]
    head = f"{title}: {len(points)} forces around the rate of all of them, {target:.2f} per 1,000"
    parts = [head]
    for p in own:
        parts.append(
            f"{p.name} {p.rate:.2f} per 1,000, {PLACEMENT_WORDS.get(p.placement, p.placement)}"
            + (f" ({PLACEMENT_WORDS[p.adjusted_placement]} allowing for overdispersion)"
               if p.adjusted_placement else "")
        )  # fmt: skip
    if peers:
        parts.append(
            "peers: " + ", ".join(
                f"{p.name} {p.rate:.2f} ({PLACEMENT_WORDS.get(p.placement, p.placement)})"
                for p in peers
            )
        )  # fmt: skip
    return "; ".join(parts) + "."


def _table(points: Sequence[FunnelPoint], *, title: str, target: float) -> DataTable:
    order = {role: i for i, role in enumerate(ROLES)}
    rows = tuple(
        (
            p.name,
            p.role,
            number(p.count),
            f"{p.population:,} ({p.population_label})",
            f"{p.rate:.2f}",
            PLACEMENT_WORDS.get(p.placement, p.placement),
            PLACEMENT_WORDS.get(p.adjusted_placement, "–") if p.adjusted_placement else "–",
        )
        for p in sorted(points, key=lambda p: (order.get(p.role, 3), -p.rate))
    )
    return DataTable(
        caption=f"Data for the chart: {title} (all forces {target:.2f} per 1,000)",
        columns=(
            "Force",
            "Role",
            "Count",
            "Population (year, source)",
            "Rate per 1,000",
            "Funnel (Poisson)",
            "Allowing for overdispersion",
        ),
        rows=rows,
        numeric=(False, False, True, False, True, False, False),
    )
