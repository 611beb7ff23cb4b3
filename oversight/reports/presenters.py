"""Shaping a snapshot's record for display: overview rows, groups, filters and sorting.

The pages, the pack builder and so every renderer read the same rows, made from the
snapshot's record alone (``performance.frozen``), so the figures are the same on the screen,
in the PDF and in the PowerPoint, and the same again years later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oversight.analysis.compstat import format_pct, format_points
from oversight.analysis.rag import RATINGS, Rating
from oversight.display.words import (
    WINDOW_TITLES,
    assurance_words,
    breakdown_words,
    number,
    variation_words,
)
from oversight.performance.frozen import FORCE, FrozenMeasure, Record
from oversight.performance.models import Assessment, NoteKind

#: The ratings' values, worst first (the one rating type is ``analysis.rag.Rating``).
RATING_ORDER = tuple(r.value for r in RATINGS)
_SEVERITY = {r: i for i, r in enumerate(RATING_ORDER)}
# The Compstat windows the overview shows, in board order.
OVERVIEW_WINDOWS = ("same_month_last_year", "year_to_date", "rolling_12")


@dataclass(frozen=True)
class WindowCell:
    """One Compstat window of a row: the % change and whether it is significant, in words."""

    name: str
    title: str
    pct: str
    significance: str
    text: str
    pct_value: float | None


@dataclass(frozen=True)
class OverviewRow:
    """One measure in one area (and breakdown) as the overview and the pack show it."""

    assessment_id: int
    measure_code: str
    measure_name: str
    priority_code: str
    priority_title: str
    outcome_code: str
    outcome_title: str
    area: str
    area_name: str
    breakdown: str
    period: str
    latest_period: str
    unit: str
    value: float | None
    value_text: str
    rating: str
    rating_label: str
    assessed_rating: str
    override_justification: str
    reasons: tuple[str, ...]
    headline: str
    variation_icon: str
    variation_text: str
    assurance_icon: str
    assurance_text: str
    windows: tuple[WindowCell, ...]
    commentary: str
    scrutiny: str
    is_sample: bool
    is_special_cause: bool
    # A survey measure's latest value with its 95% confidence interval, in words.
    interval_text: str = ""
    interval_short: str = ""
    interval_detail: str = ""
    # "not_ready" or "break_review" when the rating was held at Grey before its chart was read.
    hold: str = ""

    @property
    def where(self) -> str:
        """Return the area and breakdown in words: "Force", "East Gwent BCU, Under 18"."""
        if self.breakdown:
            return f"{self.area_name}, {breakdown_words(self.breakdown)}"
        return self.area_name

    @property
    def overridden(self) -> bool:
        return self.rating != self.assessed_rating

    @property
    def deciding_reasons(self) -> tuple[str, ...]:
        """Return the reasons that decided the assessed rating ("Red: ..."), or the first."""
        prefix = f"{Rating(self.assessed_rating).label}:"
        deciding = tuple(r for r in self.reasons if r.startswith(prefix))
        return deciding or self.reasons[:1]


@dataclass
class OutcomeGroup:
    code: str
    title: str
    rows: list[OverviewRow] = field(default_factory=list)


@dataclass
class PriorityGroup:
    code: str
    title: str
    outcomes: list[OutcomeGroup] = field(default_factory=list)


def window_cell(name: str, data: dict[str, Any] | None) -> WindowCell:
    """Return a Compstat window (as an assessment stores it) as a table cell."""
    title = WINDOW_TITLES.get(name, name)
    if not data:
        return WindowCell(name, title, "–", "no data", "no data", None)
    pct = data.get("pct_change")
    if data.get("is_proportion"):
        # Percentages change in percentage points, never by a % of a %.
        pct = data.get("change")
        if not data.get("complete"):
            pct_text, significance = "–", "incomplete"
        elif pct is None:
            pct_text, significance = "no change", data.get("reason") or "not tested"
        else:
            pct_text = format_points(pct)
            tested = data.get("significant")
            significance = (
                "not tested" if tested is None else "significant" if tested else "not significant"
            )
    elif not data.get("complete"):
        pct_text, significance = "–", "incomplete"
    else:
        pct_text = format_pct(pct) if pct is not None else "no %"
        if not data.get("is_count") or data.get("significant") is None:
            significance = "not tested"
        else:
            significance = "significant" if data["significant"] else "not significant"
    if data.get("crosses_rebase"):
        significance += f"; across {data['crosses_rebase']}: not like for like"
    return WindowCell(name, title, pct_text, significance, data.get("text", ""), pct)


def _interval_short(interval: dict[str, Any] | None) -> str:
    """Return a survey value's interval for a table cell: "95% CI 72.5–84.9%"."""
    if not interval:
        return ""
    return f"95% CI {interval['low']:.1f}–{interval['high']:.1f}%"


def _interval_detail(interval: dict[str, Any] | None) -> str:
    """Return a survey value's interval with its base: "95% CI 65.6% to 79.3%, 116 of 159"."""
    if not interval:
        return ""
    counts = f"{number(interval['numerator'])} of {number(interval['denominator'])}"
    return f"95% CI {interval['low']:.1f}% to {interval['high']:.1f}%, {counts}"


def overview_row(
    cell: Assessment,
    *,
    measure: FrozenMeasure,
    names: dict[str, str],
    commentary: dict[tuple[str, str], str],
) -> OverviewRow:
    """Return one cell of a snapshot as an overview row, its measure as it was assessed."""
    override = cell.latest_override
    rating = cell.effective_rating
    last_point = None
    if cell.spc:
        charted = [p for p in cell.spc.get("points", []) if p.get("point_type")]
        last_point = charted[-1] if charted else None
    special = bool(last_point and last_point["point_type"] != "common_cause")
    return OverviewRow(
        assessment_id=cell.pk,
        measure_code=measure.code,
        measure_name=measure.name,
        priority_code=measure.priority.get("code", ""),
        priority_title=measure.priority.get("title", ""),
        outcome_code=measure.outcome.get("code", ""),
        outcome_title=measure.outcome.get("title", ""),
        area=cell.area,
        area_name=names.get(cell.area, cell.area),
        breakdown=cell.breakdown,
        period=cell.period,
        latest_period=cell.latest_period,
        unit=cell.unit,
        value=cell.value,
        value_text=number(cell.value, unit=cell.unit),
        rating=rating,
        rating_label=Rating(rating).label,
        assessed_rating=cell.rating,
        override_justification=override.justification if override else "",
        reasons=tuple(cell.reasons),
        headline=cell.headline,
        variation_icon=cell.variation_icon,
        variation_text=variation_words(cell.variation_icon),
        assurance_icon=cell.assurance_icon,
        assurance_text=assurance_words(cell.assurance_icon),
        windows=tuple(window_cell(n, cell.compstat.get(n)) for n in OVERVIEW_WINDOWS),
        commentary=commentary.get((measure.code, NoteKind.FORCE_COMMENTARY), ""),
        scrutiny=commentary.get((measure.code, NoteKind.SCRUTINY_QUESTION), ""),
        is_sample=cell.is_sample,
        is_special_cause=special,
        interval_text=(cell.interval or {}).get("text", ""),
        interval_short=_interval_short(cell.interval),
        interval_detail=_interval_detail(cell.interval),
        hold=cell.hold,
    )


def rows_for(
    record: Record,
    *,
    area: str = FORCE,
    priority: str = "",
    theme: str = "",
    breakdowns: bool = False,
) -> list[OverviewRow]:
    """Return the overview rows of a snapshot's record for one area, filtered.

    Cells with a breakdown (age bands) are left out unless ``breakdowns`` is set.
    """
    names = record.area_names
    commentary = record.commentary()
    rows = []
    for cell in record.cells:
        measure = record.measures.get(cell.measure.code)
        if measure is None or cell.area != area or (cell.breakdown and not breakdowns):
            continue
        if priority and measure.priority.get("code") != priority:
            continue
        if theme and theme not in measure.themes:
            continue
        rows.append(overview_row(cell, measure=measure, names=names, commentary=commentary))
    return rows


def _sort_key(key: str) -> Any:
    def missing_last(value: float | None) -> tuple[int, float]:
        return (1, 0.0) if value is None else (0, value)

    keys = {
        "measure": lambda r: r.measure_code,
        "rating": lambda r: _SEVERITY.get(r.rating, 9),
        "value": lambda r: missing_last(r.value),
        "change": lambda r: missing_last(r.windows[-1].pct_value),
        "variation": lambda r: r.variation_text,
    }
    return keys[key]


SORTS = ("measure", "rating", "value", "change", "variation")


def sort_rows(rows: Sequence[OverviewRow], sort: str) -> list[OverviewRow]:
    """Return the rows sorted by ``sort`` ("rating", "-value"…); unknown keys keep plan order."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        return list(rows)
    ordered = sorted(rows, key=_sort_key(key), reverse=descending)
    if key in ("value", "change") and descending:
        # Keep rows with no value last whichever way the column is sorted.
        ordered = [r for r in ordered if _sort_key(key)(r)[0] == 0] + [
            r for r in ordered if _sort_key(key)(r)[0] == 1
        ]
    return ordered


def group_rows(rows: Iterable[OverviewRow]) -> list[PriorityGroup]:
    """Return the rows grouped by priority and outcome, keeping their order."""
    priorities: dict[str, PriorityGroup] = {}
    outcomes: dict[str, OutcomeGroup] = {}
    for row in rows:
        group = priorities.get(row.priority_code)
        if group is None:
            group = priorities[row.priority_code] = PriorityGroup(
                row.priority_code, row.priority_title
            )
        outcome = outcomes.get(row.outcome_code)
        if outcome is None:
            outcome = outcomes[row.outcome_code] = OutcomeGroup(row.outcome_code, row.outcome_title)
            group.outcomes.append(outcome)
        outcome.rows.append(row)
    return list(priorities.values())


def rating_counts(rows: Iterable[OverviewRow]) -> dict[str, int]:
    """Return the number of rows of each rating, red first."""
    counts = dict.fromkeys(RATING_ORDER, 0)
    for row in rows:
        counts[row.rating] = counts.get(row.rating, 0) + 1
    return counts


def cells_by_measure(cells: Iterable[Assessment]) -> dict[str, list[Assessment]]:
    """Return measure code → its cells (every area and breakdown)."""
    found: dict[str, list[Assessment]] = defaultdict(list)
    for cell in cells:
        found[cell.measure.code].append(cell)
    return found
