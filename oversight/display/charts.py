"""Charts as Vega-Lite specs (Altair), each with a text alternative and its data table.

One spec serves three outputs (docs/adr/0003-one-chart-spec.md): embedded with vega-embed on
the page, rendered to SVG for the PDF and to PNG for the PowerPoint by vl-convert, offline.

The SPC chart reads an assessment's ``spc`` dict (``SpcResult.to_dict()``): each point carries
its period, value, special-cause label and point type; each rebase group its mean and limits.
Special-cause points are marked by shape as well as colour, so colour is never the only signal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert as vlc
from django.utils import dateformat
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from oversight.display.words import (
    POINT_WORDS,
    month_in_language,
    month_words,
    number,
    variation_words,
)

__all__ = [
    "Chart",
    "DataTable",
    "breakdown_chart",
    "small_multiples",
    "spc_chart",
    "to_png",
    "to_svg",
]

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
WIDTH = 720
HEIGHT = 260

# Legend order, colours and shapes of the points: NHS "Making Data Count" colours, darkened for
# contrast on white, and a distinct shape for each kind.
SIGNALS = (
    "Common cause",
    "Special cause concern",
    "Special cause improvement",
    "Special cause (neutral)",
)
SIGNAL_COLOURS = ("#6f777b", "#b35000", "#1d5fa8", "#6f3c8f")
SIGNAL_SHAPES = ("circle", "triangle-up", "square", "diamond")

# Line names are the chart's field names and its legend's words: drawn in the active language.
MEAN = gettext_noop("Mean")
UPPER = gettext_noop("Upper process limit")
LOWER = gettext_noop("Lower process limit")
TARGET = gettext_noop("Target")
LINE_COLOURS = {MEAN: "#1b1b1b", UPPER: "#505a5f", LOWER: "#505a5f", TARGET: "#00703c"}
LINE_DASHES = {MEAN: [1, 0], UPPER: [6, 3], LOWER: [6, 3], TARGET: [2, 2]}
SERIES_COLOURS = ("#1d5fa8", "#b35000", "#00703c", "#6f3c8f", "#1b1b1b")
SERIES_DASHES = ([1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [1, 2])
SERIES_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross")


@dataclass(frozen=True)
class DataTable:
    """A chart's data as a table: a caption, column headings and formatted rows."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]

    @property
    def headings(self) -> list[tuple[str, bool]]:
        """Return each column heading with whether its column is numeric."""
        return list(zip(self.columns, self.numeric, strict=True))

    @property
    def cell_rows(self) -> list[list[tuple[str, bool]]]:
        """Return each row as (text, is numeric) pairs, for templates."""
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite spec with its title, its text alternative and its data table."""

    title: str
    spec: dict[str, Any]
    alt_text: str
    table: DataTable


MONTH = gettext_noop("Month")


def month_date(period: str) -> str:
    return f"{period}-01"


def _group_of(groups: Sequence[Mapping[str, Any]], period: str) -> int:
    index = 0
    for i, group in enumerate(groups):
        if group["start_period"] <= period:
            index = i
    return index


def _point_rows(spc: Mapping[str, Any], target: float | None) -> list[dict[str, Any]]:
    groups = spc.get("groups") or [
        {"start_period": "0000-00", "mean": spc["mean"], "lpl": spc["lpl"], "upl": spc["upl"]}
    ]
    # A p-chart's limits differ month by month with the size of its base.
    limits = {p["period"]: p for p in spc.get("point_limits") or [] if p.get("upl") is not None}
    mean, upper, lower = _(MEAN), _(UPPER), _(LOWER)
    rows = []
    for point in spc["points"]:
        index = _group_of(groups, point["period"])
        group = groups[index]
        own = limits.get(point["period"], group)
        kind = POINT_WORDS.get(point.get("point_type") or "")
        row = {
            "date": month_date(point["period"]),
            "month": month_in_language(point["period"]),
            "value": point["value"],
            "group": index,
            mean: group["mean"],
            upper: own["upl"],
            lower: own["lpl"],
            "signal": _(kind) if kind else None,
            "common": point.get("point_type") == "common_cause",
            "label": _label(point.get("special_cause_type") or "Missing"),
        }
        if target is not None:
            row[_(TARGET)] = target
        rows.append(row)
    return rows


def x_axis(title: str | None = MONTH) -> alt.X:
    return alt.X(
        "utcyearmonth(date):T",
        title=_(title) if title else title,
        axis=alt.Axis(format="%b %Y", labelAngle=-40, labelOverlap=True, tickCount=12),
    )


def _y(unit_title: str) -> alt.Y:
    return alt.Y("value:Q", title=unit_title, scale=alt.Scale(zero=False))


def _spc_layers(unit_title: str, lines: list[str], *, legend: bool) -> list[alt.Chart]:
    base = alt.Chart()
    # The fields and the legend are named in the active language; colours follow the English.
    names = [_(n) for n in lines]
    line_legend = alt.Legend(title=_("Lines"), orient="bottom", columns=2) if legend else None
    limits = (
        base.transform_fold(names, as_=["line", "level"])
        .mark_line(strokeWidth=1.5)
        .encode(
            x=x_axis(),
            y=alt.Y("level:Q", title=unit_title, scale=alt.Scale(zero=False)),
            color=alt.Color(
                "line:N",
                scale=alt.Scale(domain=names, range=[LINE_COLOURS[n] for n in lines]),
                legend=line_legend,
            ),
            strokeDash=alt.StrokeDash(
                "line:N",
                scale=alt.Scale(domain=names, range=[LINE_DASHES[n] for n in lines]),
                legend=line_legend,
            ),
            detail="group:N",
            tooltip=[
                alt.Tooltip("line:N", title=_("Line")),
                alt.Tooltip("level:Q", title=_("Level"), format=",.2f"),
            ],
        )
    )
    values = (
        base.transform_filter("isValid(datum.value)")
        .mark_line(color="#3c3c3c", strokeWidth=1.2)
        .encode(x=x_axis(), y=_y(unit_title), detail="group:N")
    )
    signals = [_(s) for s in SIGNALS]
    signal_legend = alt.Legend(title=_("Points"), orient="bottom", columns=2) if legend else None
    points = (
        base.transform_filter("isValid(datum.value)")
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=x_axis(),
            y=_y(unit_title),
            color=alt.Color(
                "signal:N",
                scale=alt.Scale(domain=signals, range=list(SIGNAL_COLOURS)),
                legend=signal_legend,
            ),
            shape=alt.Shape(
                "signal:N",
                scale=alt.Scale(domain=signals, range=list(SIGNAL_SHAPES)),
                legend=signal_legend,
            ),
            tooltip=[
                alt.Tooltip("month:N", title=_("Month")),
                alt.Tooltip("value:Q", title=_("Value"), format=",.2f"),
                alt.Tooltip("label:N", title=_("Special cause")),
                alt.Tooltip(f"{_(MEAN)}:Q", format=",.2f"),
                alt.Tooltip(f"{_(LOWER)}:Q", format=",.2f"),
                alt.Tooltip(f"{_(UPPER)}:Q", format=",.2f"),
            ],
        )
    )
    return [limits, values, points]


# Chart configuration, set on the spec's dict: Altair's configure_* methods deep-copy the chart
# (data included) on every call. The chart is one image named by its text alternative, so
# nothing inside it carries ARIA.
CONFIG: dict[str, Any] = {
    "font": FONT,
    "aria": False,
    "mark": {"aria": False},
    "axis": {
        "aria": False,
        "labelFontSize": 11,
        "titleFontSize": 12,
        "labelColor": "#1b1b1b",
        "titleColor": "#1b1b1b",
    },
    # Horizontal grid lines only: they help read values; vertical ones add ink (and print time).
    "axisX": {"grid": False},
    "legend": {"aria": False, "labelFontSize": 11, "titleFontSize": 11, "labelLimit": 260},
    "title": {"fontSize": 14, "anchor": "start", "color": "#1b1b1b", "aria": False},
    "header": {"labelFontSize": 12, "labelColor": "#1b1b1b", "labelFontWeight": "bold"},
    "view": {"stroke": "#b1b4b6"},
}


def configure(chart: alt.TopLevelMixin) -> dict[str, Any]:
    # Validating against the Vega-Lite schema on every build is slow; the tests validate.
    spec = chart.to_dict(validate=False)
    spec["config"] = CONFIG
    return spec


def _label(label: str) -> str:
    """Return a point's special-cause label in the active language (the SPC's own codes)."""
    return _(label)


# The special-cause labels (oversight.analysis.spc) as catalogue entries, for their Welsh.
SPECIAL_CAUSE_LABELS = (
    gettext_noop("Above UCL"), gettext_noop("Below LCL"),
    gettext_noop("7 Point Trend (Increasing)"), gettext_noop("7 Point Trend (Decreasing)"),
    gettext_noop("2 in 3 Above CL"), gettext_noop("2 in 3 Below CL"),
    gettext_noop("7 Points Above CL"), gettext_noop("7 Points Below CL"),
    gettext_noop("Common Cause"), gettext_noop("Missing"),
)  # fmt: skip


def _limits_words(spc: Mapping[str, Any], unit: str) -> str:
    return _("mean %(mean)s, process limits %(lower)s to %(upper)s") % {
        "mean": number(spc["mean"], unit=unit),
        "lower": number(spc["lpl"], unit=unit),
        "upper": number(spc["upl"], unit=unit),
    }


def _signals_sentence(spc: Mapping[str, Any]) -> str:
    groups = spc.get("groups") or []
    last = max(len(groups) - 1, 0)
    since_rebase = [
        p
        for p in spc["points"]
        if p.get("point_type") and (not groups or _group_of(groups, p["period"]) == last)
    ]
    special = [p for p in since_rebase if p["point_type"] != "common_cause"]
    text = _(variation_words(spc.get("variation_icon")))
    rebased = len(groups) > 1
    if special:
        labels = "; ".join(sorted({_label(p["special_cause_type"]) for p in special}))
        words = {"n": len(special), "of": len(since_rebase), "labels": labels}
        text += (
            _(": %(n)s of the %(of)s points since the last rebase show special cause (%(labels)s)")
            if rebased
            else _(": %(n)s of the %(of)s points on the chart show special cause (%(labels)s)")
        ) % words
    else:
        text += (
            _(": no special-cause points since the last rebase")
            if rebased
            else _(": no special-cause points on the chart")
        )
    if rebased:
        months = ", ".join(month_in_language(g["start_period"]) for g in groups[1:])
        text += _("; limits rebased in %(months)s") % {"months": months}
    return text + "."


def _latest(spc: Mapping[str, Any]) -> Mapping[str, Any] | None:
    present = [p for p in spc["points"] if p.get("value") is not None]
    return present[-1] if present else None


def spc_chart(
    spc: Mapping[str, Any],
    *,
    title: str,
    unit: str = "count",
    unit_title: str = "Value",
    target: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Return the XmR chart of an ``spc`` dict: values, mean, limits, target and signals."""
    rows = _point_rows(spc, target)
    groups = spc.get("groups") or []
    lines = [MEAN, UPPER, LOWER] + ([TARGET] if target is not None else [])
    layers = _spc_layers(unit_title, lines, legend=True)
    if len(groups) > 1:
        rebases = [
            {
                "date": month_date(g["start_period"]),
                "text": _("Rebased %(month)s") % {"month": month_in_language(g["start_period"])},
            }
            for g in groups[1:]
        ]
        rule = alt.Chart(alt.Data(values=rebases)).mark_rule(
            color="#6f3c8f", strokeDash=[4, 4], strokeWidth=1.5
        )
        layers.append(rule.encode(x=x_axis(), tooltip=[alt.Tooltip("text:N", title=_("Rebase"))]))
        layers.append(
            alt.Chart(alt.Data(values=rebases))
            .mark_text(align="left", baseline="top", dx=4, dy=2, fontSize=11, color="#6f3c8f")
            .encode(x=x_axis(), y=alt.value(2), text="text:N")
        )
    chart = (
        alt.layer(*layers, data=alt.Data(values=rows))
        .resolve_scale(color="independent", shape="independent", strokeDash="independent")
        .properties(title=title, width=width, height=height)
    )
    latest = _latest(spc)
    if latest is None:
        first = _("No values to chart.")
    else:
        words = {
            "title": title,
            "value": number(latest["value"], unit=unit),
            "month": month_in_language(latest["period"]),
            "limits": _limits_words(spc, unit),
        }
        if target is not None:
            words["target"] = number(target, unit=unit)
            first = (
                _("%(title)s: latest value %(value)s in %(month)s, against a %(limits)s, "
                  "target %(target)s.") % words
            )  # fmt: skip
        else:
            first = _("%(title)s: latest value %(value)s in %(month)s, against a %(limits)s.") % (
                words
            )
    varying = bool(spc.get("point_limits"))
    table_rows = []
    for row in rows:
        signal = "" if row["signal"] is None or row["common"] else row["label"]
        cells = [month_in_language(row["date"][:7]), number(row["value"], unit=unit)]
        if varying:
            # A p-chart's limits differ month by month: each month's are in the table.
            present = row["value"] is not None
            cells += [
                number(row[_(LOWER)], unit=unit) if present else "",
                number(row[_(UPPER)], unit=unit) if present else "",
            ]
        cells.append(signal if row["value"] is not None else _("Missing month"))
        table_rows.append(tuple(cells))
    # The mean and limits are constant within a rebase group: given once per group, not per row.
    lines = "; ".join(
        _("from %(month)s mean %(mean)s, limits %(lower)s to %(upper)s")
        % {
            "month": month_in_language(g["start_period"]),
            "mean": number(g["mean"], unit=unit),
            "lower": number(g["lpl"], unit=unit),
            "upper": number(g["upl"], unit=unit),
        }
        for g in groups
    ) or _limits_words(spc, unit)
    if varying:
        kind = _("Laney p′ chart") if spc.get("chart") == "p_prime" else _("p-chart")
        lines = _("a %(kind)s: limits vary with each month's base; centre line %(lines)s") % {
            "kind": kind,
            "lines": "; ".join(
                _("from %(month)s %(mean)s")
                % {
                    "month": month_in_language(g["start_period"]),
                    "mean": number(g["mean"], unit=unit),
                }
                for g in groups
            ),
        }
    table = DataTable(
        caption=_("Data for the chart: %(title)s (%(lines)s)") % {"title": title, "lines": lines},
        columns=(
            _("Month"),
            _("Value"),
            *((_("Lower limit"), _("Upper limit")) if varying else ()),
            _("Special cause"),
        ),
        rows=tuple(table_rows),
        numeric=(False, True, *((True, True) if varying else ()), False),
    )
    return Chart(
        title=title,
        spec=configure(chart),
        alt_text=f"{first} {_signals_sentence(spc)}",
        table=table,
    )


def small_multiples(
    items: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    title: str,
    unit: str = "count",
    unit_title: str = "Value",
    columns: int = 2,
    width: int = 330,
    height: int = 150,
) -> Chart:
    """Return one small XmR chart per area (e.g. per BCU) from ``(area name, spc)`` pairs."""
    rows = []
    for name, spc in items:
        for row in _point_rows(spc, None):
            rows.append({**row, "area": name})
    # No legends: the markers and lines are those of the main chart, whose legend names them.
    layers = _spc_layers(unit_title, [MEAN, UPPER, LOWER], legend=False)
    chart = (
        alt.layer(*layers, data=alt.Data(values=rows))
        .resolve_scale(color="independent", shape="independent", strokeDash="independent")
        .properties(width=width, height=height)
        .facet(facet=alt.Facet("area:N", title=None, sort=[n for n, _ in items]), columns=columns)
        .resolve_scale(y="independent")
        .properties(title=title)
    )
    sentences = []
    for name, spc in items:
        latest = _latest(spc)
        if latest is None:
            sentences.append(f"{name}: no values")
            continue
        sentences.append(
            f"{name} {number(latest['value'], unit=unit)} in {month_words(latest['period'])} "
            f"({_limits_words(spc, unit)}; {variation_words(spc.get('variation_icon')).lower()})"
        )
    alt_text = f"{title}, one small chart per area. " + "; ".join(sentences) + "."
    return Chart(
        title=title,
        spec=configure(chart),
        alt_text=alt_text,
        table=wide_table(
            [(name, {p["period"]: p["value"] for p in spc["points"]}) for name, spc in items],
            caption=f"Data for the chart: {title}",
            unit=unit,
        ),
    )


def wide_table(
    series: Sequence[tuple[str, Mapping[str, float | None]]], *, caption: str, unit: str
) -> DataTable:
    periods = sorted({p for _, values in series for p in values})
    rows = tuple(
        (month_words(p), *(number(values.get(p), unit=unit) for _, values in series))
        for p in periods
    )
    return DataTable(
        caption=caption,
        columns=("Month", *(name for name, _ in series)),
        rows=rows,
        numeric=(False, *(True for _ in series)),
    )


def breakdown_chart(
    series: Sequence[tuple[str, Mapping[str, float | None]]],
    *,
    title: str,
    unit: str = "count",
    unit_title: str = "Value",
    width: int = WIDTH,
    height: int = 220,
) -> Chart:
    """Return a line chart comparing breakdowns (e.g. under 18 / 18 and over) month by month."""
    names = [name for name, _ in series]
    rows = [
        {"date": month_date(p), "month": month_words(p), "value": v, "series": name}
        for name, values in series
        for p, v in sorted(values.items())
        if v is not None
    ]
    n = len(names)
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=list(SERIES_COLOURS[:n])),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    dash = alt.StrokeDash(
        "series:N",
        scale=alt.Scale(domain=names, range=[list(d) for d in SERIES_DASHES[:n]]),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    shape = alt.Shape(
        "series:N",
        scale=alt.Scale(domain=names, range=list(SERIES_SHAPES[:n])),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    base = alt.Chart()
    lines = base.mark_line(strokeWidth=1.8).encode(x=x_axis(), y=_y(unit_title), color=colour)
    lines = lines.encode(strokeDash=dash)
    points = base.mark_point(filled=True, size=45).encode(
        x=x_axis(),
        y=_y(unit_title),
        color=colour,
        shape=shape,
        tooltip=[
            alt.Tooltip("series:N", title="Group"),
            alt.Tooltip("month:N", title="Month"),
            alt.Tooltip("value:Q", title="Value", format=",.2f"),
        ],
    )
    chart = alt.layer(lines, points, data=alt.Data(values=rows)).properties(
        title=title, width=width, height=height
    )
    sentences = []
    for name, values in series:
        present = [(p, v) for p, v in sorted(values.items()) if v is not None]
        if present:
            period, value = present[-1]
            sentences.append(f"{name} {number(value, unit=unit)} in {month_words(period)}")
        else:
            sentences.append(f"{name}: no values")
    return Chart(
        title=title,
        spec=configure(chart),
        alt_text=f"{title}: latest values " + "; ".join(sentences) + ".",
        table=wide_table(series, caption=f"Data for the chart: {title}", unit=unit),
    )


def time_locale() -> dict[str, Any] | None:
    """Return the active language's month and day names as a d3 time-format locale.

    The axis labels months as "%b %Y"; the renderer's own names are English. None in English,
    which the renderer already speaks.
    """
    language = get_language() or "en"
    if language.startswith("en"):
        return None
    months = [dt.date(2001, m, 1) for m in range(1, 13)]
    # 1 January 2001 was a Monday; d3 counts days from Sunday.
    days = [dt.date(2000, 12, 31) + dt.timedelta(days=d) for d in range(7)]
    return {
        "dateTime": "%A, %e %B %Y, %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [dateformat.format(d, "l") for d in days],
        "shortDays": [dateformat.format(d, "D") for d in days],
        "months": [dateformat.format(m, "F") for m in months],
        "shortMonths": [dateformat.format(m, "M") for m in months],
    }


def _locale_options() -> dict[str, Any]:
    locale = time_locale()
    return {"time_format_locale": locale} if locale else {}


def to_svg(spec: Mapping[str, Any]) -> str:
    """Return the chart as SVG in the active language, rendered offline (nothing fetched)."""
    return vlc.vegalite_to_svg(dict(spec), allowed_base_urls=[], **_locale_options())


def to_png(spec: Mapping[str, Any], *, scale: float = 2.0) -> bytes:
    """Return the chart as PNG at ``scale`` times its size, rendered offline."""
    return vlc.vegalite_to_png(dict(spec), scale=scale, allowed_base_urls=[], **_locale_options())
