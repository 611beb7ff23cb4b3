"""The comparison page's shaping: the chosen measure and window, the funnel figure, the tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from oversight.analysis.funnel import placement_words
from oversight.analysis.language import ordinal
from oversight.display.figure import Figure, figure
from oversight.display.funnel_charts import ROLES, FunnelPoint, allowing_words, funnel_chart
from oversight.display.words import month_in_language
from oversight.peers.comparison import (
    WINDOWS,
    Comparison,
    ForceRow,
    MeasureComparison,
    Status,
    Window,
)

# English, as keys (a frozen funnel point names its role so); shown through gettext.
ROLE_WORDS = {"force": ROLES[0], "peer": ROLES[1], "other": ROLES[2]}
STATUS_WORDS = {
    Status.COMPARED: gettext_noop("Compared"),
    Status.MISSING: gettext_noop("Missing months"),
    Status.NO_POPULATION: gettext_noop("No population: counts only"),
    Status.EXCLUDED: gettext_noop("Excluded"),
}


@dataclass(frozen=True)
class RowView:
    """One force's line of a comparison table, in words."""

    name: str
    role: str
    status: str
    count: str
    population: str
    rate: str
    rank: str
    group_rank: str
    placement: str
    adjusted: str
    marks: list[str] = field(default_factory=list)


def span_words(months: list[str]) -> str:
    """Return "Mar 2024" or "Jan 2024 to Mar 2024" (in the active language)."""
    if len(months) == 1:
        return month_in_language(months[0])
    return _("%(first)s to %(last)s") % {
        "first": month_in_language(months[0]), "last": month_in_language(months[-1])
    }  # fmt: skip


def of_words(rank: int, of: int) -> str:
    """Return a rank among so many: "2 of 4"."""
    return _("%(rank)s of %(of)s") % {"rank": rank, "of": of}


def row_view(row: ForceRow, window: Window) -> RowView:
    p = row.population
    compared = row.status == Status.COMPARED
    group_rank = window.group_ranks.get(row.force)
    return RowView(
        name=row.name,
        role=_(ROLE_WORDS[window.role(row.force)]),
        status=_(STATUS_WORDS[row.status]) if row.status in STATUS_WORDS else row.status,
        count=f"{row.count:,}" if row.count is not None else "–",
        population=f"{p.population:,} ({p.label})" if p else _("none loaded"),
        rate=f"{row.rate:.2f}" if compared and row.rate is not None else "–",
        rank=of_words(row.rank, len(window.compared)) if compared and row.rank else "–",
        group_rank=of_words(group_rank, len(window.group_ranks)) if group_rank else "–",
        placement=placement_words(row.placement),
        adjusted=placement_words(row.adjusted_placement),
        marks=list(row.marks),
    )


def window_words(window: Window) -> str:
    """Return the window's label, capitalised, in the active language: "Latest 3 months"."""
    return _(window.label).capitalize()


def window_sentence(window: Window, force: str, name: str) -> str:
    """Return the force's place in a window in one sentence a board member can read."""
    said = {"window": window_words(window), "span": span_words(window.months)}
    if not window.available:
        return _("%(window)s (%(span)s): not available: %(reason)s.") % {
            **said, "reason": window.reason
        }  # fmt: skip
    own = window.row(force)
    if own is None or own.status != Status.COMPARED or own.rate is None:
        return _("%(window)s (%(span)s): %(reason)s.") % {**said, "reason": window.reason}
    assert window.funnel is not None
    rates = {"force": name, "rate": f"{own.rate:.2f}", "all": f"{window.funnel.target_rate:.2f}"}
    if window.group_rate is not None and window.group_ranks:
        text = _(
            "%(force)s %(rate)s per 1,000 residents against %(all)s for all forces and "
            "%(group)s for its group"
        ) % {**rates, "group": f"{window.group_rate:.2f}"}
    else:
        text = _("%(force)s %(rate)s per 1,000 residents against %(all)s for all forces") % rates
    place = _("%(rank)s lowest of %(of)s, %(placement)s") % {
        "rank": ordinal(own.rank or 0),
        "of": len(window.compared),
        "placement": placement_words(own.placement or "within"),
    }
    if own.adjusted_placement:
        place += f" ({allowing_words(own.adjusted_placement)})"
    return _("%(window)s (%(span)s): %(rates)s; %(place)s.") % {
        **said, "rates": text, "place": place
    }  # fmt: skip


def funnel_title(name: str, window: Window) -> str:
    """Return a funnel plot's title: "Burglary, latest month (Mar 2024)"."""
    return _("%(measure)s, %(window)s (%(span)s)") % {
        "measure": name, "window": _(window.label), "span": span_words(window.months)
    }  # fmt: skip


def funnel_figure(measure: MeasureComparison, window: Window, id: str) -> Figure | None:
    """Return the funnel plot of a window, or None when nothing in it is compared."""
    if window.funnel is None:
        return None
    points = [
        FunnelPoint(
            name=r.name,
            role=ROLE_WORDS[window.role(r.force)],
            count=r.count or 0,
            population=r.population.population,
            population_label=r.population.label,
            rate=r.rate or 0.0,
            placement=r.placement or "within",
            adjusted_placement=r.adjusted_placement,
        )
        for r in window.compared
        if r.population is not None
    ]
    title = funnel_title(measure.measure.name, window)
    chart = funnel_chart(
        points,
        curve=window.funnel.curve,
        adjusted_curve=window.funnel.adjusted_curve,
        target=window.funnel.target_rate,
        title=title,
    )
    return figure(chart, id)


def page(comparison: Comparison, *, measure_code: str, window_key: str) -> dict[str, object]:
    """Return the comparison page's context for one measure and window."""
    measures = comparison.measures
    chosen = next((m for m in measures if m.measure.code == measure_code), None)
    chosen = chosen or (measures[0] if measures else None)
    context: dict[str, object] = {
        "comparison": comparison,
        "group": comparison.group,
        "measures": [m.measure for m in measures],
        "windows": [(key, label) for key, _, label in WINDOWS],
        "measure": chosen,
        "window_key": window_key,
    }
    if chosen is None:
        return context
    window = next((w for w in chosen.windows if w.key == window_key), chosen.windows[0])
    context["window"] = window
    context["window_key"] = window.key
    context["sentences"] = [window_sentence(w, comparison.force, comparison.name)
                            for w in chosen.windows]  # fmt: skip
    context["figure"] = funnel_figure(chosen, window, "chart-funnel")
    group = [r for r in window.rows if window.role(r.force) != "other"]
    group.sort(key=lambda r: (window.role(r.force) != "force", r.rate is None, r.rate or 0, r.name))
    context["group_rows"] = [row_view(r, window) for r in group]
    others = [r for r in window.rows if window.role(r.force) == "other"]
    others.sort(key=lambda r: (r.status != Status.COMPARED, r.rate is None, r.rate or 0, r.name))
    context["other_rows"] = [row_view(r, window) for r in others]
    return context
