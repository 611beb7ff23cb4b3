"""The peer comparison as a snapshot freezes it, for the Board pack's "How we compare" section.

When a snapshot is made (``performance.services.create_snapshot``) and other forces' counts
are held, the comparison of the plan's force for the latest month counted up to the snapshot's
month is frozen into the snapshot's context under "peers", in words and figures as shown: the
peer group with its reasons, each measure's sentences for its windows, its rows for the force
and its peers, and the points and limits of its latest-month funnel plot. The pack reads only
that, so a snapshot's section never changes when later files or populations arrive; a
snapshot made with no other force's files freezes nothing and its pack has no such section.

A publication freezes both languages: the comparison is made again, from the same inputs, with
Welsh active, and its words are frozen beside the English under the same keys ending "_cy"
("sentences_cy", "reasons_cy", "notes_cy"...); the figures are frozen once. A record frozen
before Welsh was has none of these, and its Welsh page shows the English, marked as English.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

from oversight.peers.comparison import Comparison, ForceRow, Status, Window
from oversight.peers.models import CountedMonth
from oversight.peers.presenters import (
    ROLE_WORDS,
    funnel_title,
    row_view,
    span_words,
    window_sentence,
)
from oversight.peers.services import compare_force, read_inputs
from oversight.plans.models import Plan

WELSH = "cy"


def compared_month(plan: Plan, period: str) -> str | None:
    """Return the latest street month up to ``period`` with the plan's force and another."""
    months = CountedMonth.objects.filter(dataset="street", period__lte=period)
    own = set(months.filter(force=plan.force_slug).values_list("period", flat=True))
    others = set(months.exclude(force=plan.force_slug).values_list("period", flat=True))
    both = own & others
    return max(both) if both else None


def comparison_record(plan: Plan | None, period: str) -> dict[str, Any] | None:
    """Return the comparison to freeze with a snapshot of ``period``, or None without peers."""
    if plan is None:
        return None
    month = compared_month(plan, period)
    if month is None:
        return None
    # The same inputs, compared once in each language: the words differ, the figures do not.
    inputs = read_inputs(period=month, plan=plan)
    with translation.override(settings.LANGUAGE_CODE):
        english = compare_force(force=plan.force_slug, period=month, plan=plan, inputs=inputs)
        with translation.override(WELSH):
            welsh = compare_force(force=plan.force_slug, period=month, plan=plan, inputs=inputs)
        return freeze(english, period, welsh=welsh)


def _group_rows(window: Window) -> list[ForceRow]:
    """Return the force and its peers, the force first, then by rate."""
    group = [r for r in window.rows if window.role(r.force) != "other"]
    group.sort(key=lambda r: (window.role(r.force) != "force", r.rate is None, r.rate or 0))
    return group


def freeze(
    comparison: Comparison, snapshot_period: str, *, welsh: Comparison | None = None
) -> dict[str, Any]:
    """Return a comparison as plain data, in the words and figures the section shows.

    ``welsh`` is the same comparison made with Welsh active: its words are frozen beside the
    English ones (each key ending "_cy"), in Welsh.
    """
    measures = []
    for m in comparison.measures:
        month = m.windows[0]
        group = _group_rows(month)
        funnel = month.funnel
        measures.append(
            {
                "code": m.measure.code,
                "name": m.measure.name,
                "sentences": [
                    window_sentence(w, comparison.force, comparison.name) for w in m.windows
                ],
                "rows": [row_view(r, month).__dict__ for r in group],
                "own": _own(month, comparison.force),
                "funnel": None
                if funnel is None
                else {
                    "title": funnel_title(m.measure.name, month),
                    "target": funnel.target_rate,
                    "points": [
                        [
                            r.name,
                            ROLE_WORDS[month.role(r.force)],
                            r.count or 0,
                            r.population.population,
                            r.population.label,
                            r.rate,
                            r.placement,
                            r.adjusted_placement,
                        ]
                        for r in month.compared
                        if r.population is not None
                    ],
                    "curve": [
                        [c.population, c.lower_998, c.lower_95, c.upper_95, c.upper_998]
                        for c in funnel.curve[::2]
                    ],
                    "adjusted_curve": [
                        [c.population, c.lower_998, c.lower_95, c.upper_95, c.upper_998]
                        for c in funnel.adjusted_curve[::2]
                    ],
                },
            }
        )
    p = comparison.population
    record = {
        "force": comparison.force,
        "force_name": comparison.name,
        "period": comparison.period,
        "period_words": span_words([comparison.period]),
        "snapshot_period": snapshot_period,
        "population": f"{p.population:,} ({p.label})" if p else None,
        "group": {
            "method": comparison.group.method,
            "description": comparison.group.description,
            "peers": [{"name": peer.name, "reasons": list(peer.reasons)}
                      for peer in comparison.group.peers],
            "problems": list(comparison.group.problems),
        },
        "measures": measures,
        "not_compared": [n.words() for n in comparison.not_compared],
        "notes": list(comparison.notes),
    }  # fmt: skip
    if welsh is not None:
        with translation.override(WELSH):
            _freeze_welsh(record, welsh)
    return record


def _freeze_welsh(record: dict[str, Any], welsh: Comparison) -> None:
    """Add the Welsh comparison's words to the record, beside the English (Welsh active)."""
    record["period_words_cy"] = span_words([welsh.period])
    group = record["group"]
    group["description_cy"] = welsh.group.description
    group["problems_cy"] = list(welsh.group.problems)
    for peer, said in zip(group["peers"], welsh.group.peers, strict=True):
        peer["reasons_cy"] = list(said.reasons)
    for frozen, m in zip(record["measures"], welsh.measures, strict=True):
        month = m.windows[0]
        frozen["name_cy"] = m.measure.name_cy
        frozen["sentences_cy"] = [window_sentence(w, welsh.force, welsh.name) for w in m.windows]
        frozen["rows_cy"] = [row_view(r, month).__dict__ for r in _group_rows(month)]
        if frozen["funnel"] is not None:
            frozen["funnel"]["title_cy"] = funnel_title(m.measure.name_in_language(), month)
    record["not_compared_cy"] = [n.words() for n in welsh.not_compared]
    record["notes_cy"] = list(welsh.notes)


def _own(window: Any, force: str) -> dict[str, Any] | None:
    """Return the force's headline figures of the latest month (for the summary table)."""
    row = window.row(force)
    if row is None or row.status != Status.COMPARED or window.funnel is None:
        return None
    return {
        "rate": row.rate,
        "all": window.funnel.target_rate,
        "group": window.group_rate,
        "rank": row.rank,
        "of": len(window.compared),
        "placement": row.placement,
        "adjusted": row.adjusted_placement,
    }
