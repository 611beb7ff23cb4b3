"""The comparison page's shaping: the chosen measure and window, the funnel figure, the tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from oversight.analysis.funnel import PLACEMENT_WORDS
from oversight.analysis.similarity import ordinal
from oversight.display.figure import Figure, figure
from oversight.display.funnel_charts import ROLES, FunnelPoint, funnel_chart
from oversight.display.words import month_words
from oversight.peers.comparison import (
    WINDOWS,
    Comparison,
    ForceRow,
    MeasureComparison,
    Status,
    Window,
)

ROLE_WORDS = {"force": ROLES[0], "peer": ROLES[1], "other": ROLES[2]}
STATUS_WORDS = {
    Status.COMPARED: "Compared",
    Status.MISSING: "Missing months",
    Status.NO_POPULATION: "No population: counts only",
    Status.EXCLUDED: "Excluded",
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
    """Return "Mar 2024" or "Jan 2024 to Mar 2024"."""
    if len(months) == 1:
        return month_words(months[0])
    return f"{month_words(months[0])} to {month_words(months[-1])}"


def row_view(row: ForceRow, window: Window) -> RowView:
    p = row.population
    compared = row.status == Status.COMPARED
    group_rank = window.group_ranks.get(row.force)
    return RowView(
        name=row.name,
        role=ROLE_WORDS[window.role(row.force)],
        status=STATUS_WORDS.get(row.status, row.status),
        count=f"{row.count:,}" if row.count is not None else "–",
        population=f"{p.population:,} ({p.label})" if p else "none loaded",
        rate=f"{row.rate:.2f}" if compared and row.rate is not None else "–",
        rank=f"{row.rank} of {len(window.compared)}" if compared and row.rank else "–",
        group_rank=f"{group_rank} of {len(window.group_ranks)}" if group_rank else "–",
        placement=PLACEMENT_WORDS.get(row.placement or "", "–"),
        adjusted=PLACEMENT_WORDS.get(row.adjusted_placement or "", "–"),
        marks=list(row.marks),
    )


def window_sentence(window: Window, force: str, name: str) -> str:
    """Return the force's place in a window in one sentence a board member can read."""
    span = span_words(window.months)
    if not window.available:
        return f"{window.label.capitalize()} ({span}): not available: {window.reason}."
    own = window.row(force)
    if own is None or own.status != Status.COMPARED or own.rate is None:
        return f"{window.label.capitalize()} ({span}): {window.reason}."
    assert window.funnel is not None
    text = (
        f"{window.label.capitalize()} ({span}): {name} {own.rate:.2f} per 1,000 residents "
        f"against {window.funnel.target_rate:.2f} for all forces"
    )
    if window.group_rate is not None and window.group_ranks:
        text += f" and {window.group_rate:.2f} for its group"
    text += (
        f"; {ordinal(own.rank or 0)} lowest of {len(window.compared)}, "
        f"{PLACEMENT_WORDS[own.placement or 'within']}"
    )
    if own.adjusted_placement:
        text += f" ({PLACEMENT_WORDS[own.adjusted_placement]} allowing for overdispersion)"
    return text + "."


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
    title = f"{measure.measure.name}, {window.label} ({span_words(window.months)})"
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
