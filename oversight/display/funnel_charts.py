"""The funnel plot: each force's rate per 1,000 against its population, with control limits.

Limits (95 % and 99.8 %, exact Poisson; and, when the forces are overdispersed, the 99.8 %
limits allowing for it) are lines over a log population axis; the force, its peers and the
other forces are points told apart by shape and size as well as colour, the force and its
peers labelled by name. The data table lists every point with its place on the funnel.

Every word of the chart (axis and legend titles, the roles and lines named in its legends,
tooltips, text alternative and table) is in the active language: a funnel point keeps its
role in English, as a key, and the chart shows it translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from oversight.analysis.funnel import Limits, placement_words
from oversight.display.charts import WIDTH, Chart, DataTable, configure
from oversight.display.words import number

# Marked for the catalogue (the English are the keys); shown through gettext.
ROLES = (gettext_noop("This force"), gettext_noop("Peer"), gettext_noop("Other force"))
ROLE_COLOURS = ("#b35000", "#1d5fa8", "#6f777b")
ROLE_SHAPES = ("triangle-up", "square", "circle")
ROLE_SIZES = (150, 80, 45)
LINES = (
    gettext_noop("Target (all forces)"),
    # xgettext:no-python-format
    gettext_noop("95 % limits"),
    # xgettext:no-python-format
    gettext_noop("99.8 % limits"),
    # xgettext:no-python-format
    gettext_noop("99.8 % allowing overdispersion"),
)
LINE_COLOURS = ("#1b1b1b", "#505a5f", "#1b1b1b", "#6f3c8f")
LINE_DASHES = ([1, 0], [6, 3], [2, 2], [8, 2, 2, 2])


@dataclass(frozen=True)
class FunnelPoint:
    """A force on the funnel plot."""

    name: str
    role: str  # one of ROLES, in English
    count: int
    population: int
    population_label: str
    rate: float
    placement: str
    adjusted_placement: str | None = None


def _curve_rows(curve: Sequence[Limits], adjusted: Sequence[Limits], target: float) -> list[dict]:
    target_line, line_95, line_998, line_adjusted = (_(line) for line in LINES)
    rows = []
    for limits in curve:
        for side, value in (("lower", limits.lower_95), ("upper", limits.upper_95)):
            rows.append({"population": limits.population, "rate": value, "line": line_95,
                         "side": side})  # fmt: skip
        for side, value in (("lower", limits.lower_998), ("upper", limits.upper_998)):
            rows.append({"population": limits.population, "rate": value, "line": line_998,
                         "side": side})  # fmt: skip
        rows.append({"population": limits.population, "rate": target, "line": target_line,
                     "side": "centre"})  # fmt: skip
    for limits in adjusted:
        for side, value in (("lower", limits.lower_998), ("upper", limits.upper_998)):
            rows.append({"population": limits.population, "rate": value, "line": line_adjusted,
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
    lines = [_(line) for line in LINES if line != LINES[3] or adjusted_curve]
    roles = [_(role) for role in ROLES]
    line_rows = _curve_rows(curve, adjusted_curve, target)
    # The curve spans the forces' populations a little either side: the axis ends with it.
    span = [curve[0].population, curve[-1].population] if curve else None
    x = alt.X("population:Q", title=_("Resident population (log scale)"),
              scale=alt.Scale(type="log", domain=span, nice=False) if span else alt.Scale(
                  type="log"), axis=alt.Axis(format="~s"))  # fmt: skip
    y = alt.Y("rate:Q", title=_("Rate per 1,000 residents"), scale=alt.Scale(zero=False))
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
                            legend=alt.Legend(title=_("Lines"), orient="bottom", columns=2)),
            strokeDash=alt.StrokeDash(
                "line:N", scale=alt.Scale(domain=lines, range=[list(d) for d in LINE_DASHES]),
                legend=alt.Legend(title=_("Lines"), orient="bottom", columns=2),
            ),
        )
    )  # fmt: skip
    point_rows = [
        {"name": p.name, "role": _(p.role), "population": p.population, "rate": p.rate,
         "count": p.count, "place": placement_words(p.placement, p.placement)}
        for p in points
    ]  # fmt: skip
    legend = alt.Legend(title=_("Forces"), orient="bottom")
    point_layer = (
        alt.Chart(alt.Data(name="forces"))
        .mark_point(filled=True, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color("role:N", scale=alt.Scale(domain=roles, range=list(ROLE_COLOURS)),
                            legend=legend),
            shape=alt.Shape("role:N", scale=alt.Scale(domain=roles, range=list(ROLE_SHAPES)),
                            legend=legend),
            size=alt.Size("role:N", scale=alt.Scale(domain=roles, range=list(ROLE_SIZES)),
                          legend=None),
            tooltip=[alt.Tooltip("name:N", title=_("Force")),
                     alt.Tooltip("rate:Q", title=_("Rate per 1,000"), format=",.2f"),
                     alt.Tooltip("count:Q", title=_("Count"), format=","),
                     alt.Tooltip("population:Q", title=_("Population"), format=","),
                     alt.Tooltip("place:N", title=_("Funnel"))],
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
        "labelled": [r for r, p in zip(point_rows, points, strict=True) if p.role != ROLES[2]],
    }
    return Chart(
        title=title,
        spec=spec,
        alt_text=alt_text(points, target=target, title=title),
        table=_table(points, title=title, target=target),
    )


def allowing_words(placement: str) -> str:
    """Return "above the 99.8 % limit allowing for overdispersion" (an adjusted placement)."""
    return _("%(placement)s allowing for overdispersion") % {
        "placement": placement_words(placement)
    }  # fmt: skip


def alt_text(points: Sequence[FunnelPoint], *, target: float, title: str) -> str:
    """Return the funnel plot in words: the force, then its peers, against the target."""
    own = [p for p in points if p.role == ROLES[0]]
    peers = [p for p in points if p.role == ROLES[1]]
    head = _("%(title)s: %(n)s forces around the rate of all of them, %(rate)s per 1,000") % {
        "title": title, "n": len(points), "rate": f"{target:.2f}"
    }  # fmt: skip
    parts = [head]
    for p in own:
        said = _("%(force)s %(rate)s per 1,000, %(placement)s") % {
            "force": p.name, "rate": f"{p.rate:.2f}",
            "placement": placement_words(p.placement, p.placement),
        }  # fmt: skip
        if p.adjusted_placement:
            said += f" ({allowing_words(p.adjusted_placement)})"
        parts.append(said)
    if peers:
        parts.append(
            _("peers: %(peers)s") % {"peers": ", ".join(
                f"{p.name} {p.rate:.2f} ({placement_words(p.placement, p.placement)})"
                for p in peers
            )}
        )  # fmt: skip
    return "; ".join(parts) + "."


def _table(points: Sequence[FunnelPoint], *, title: str, target: float) -> DataTable:
    order = {role: i for i, role in enumerate(ROLES)}
    rows = tuple(
        (
            p.name,
            _(p.role),
            number(p.count),
            f"{p.population:,} ({p.population_label})",
            f"{p.rate:.2f}",
            placement_words(p.placement, p.placement),
            placement_words(p.adjusted_placement),
        )
        for p in sorted(points, key=lambda p: (order.get(p.role, 3), -p.rate))
    )
    return DataTable(
        caption=_("Data for the chart: %(title)s (all forces %(rate)s per 1,000)")
        % {"title": title, "rate": f"{target:.2f}"},
        columns=(
            _("Force"),
            _("Role"),
            _("Count"),
            _("Population (year, source)"),
            _("Rate per 1,000"),
            _("Funnel (Poisson)"),
            _("Allowing for overdispersion"),
        ),
        rows=rows,
        numeric=(False, False, True, False, True, False, False),
    )
