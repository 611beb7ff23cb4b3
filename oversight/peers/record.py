"""The peer comparison as a snapshot freezes it, for the Board pack's "How we compare" section.

When a snapshot is made (``performance.services.create_snapshot``) and other forces' counts
are held, the comparison of the plan's force for the latest month counted up to the snapshot's
month is frozen into the snapshot's context under "peers", in words and figures as shown: the
peer group with its reasons, each measure's sentences for its windows, its rows for the force
and its peers, and the points and limits of its latest-month funnel plot. The pack reads only
that, so a snapshot's section never changes when later files or populations arrive; a
snapshot made with no other force's files freezes nothing and its pack has no such section.
"""

from __future__ import annotations

from typing import Any

from oversight.peers.comparison import Comparison, Status
from oversight.peers.models import CountedMonth
from oversight.peers.presenters import ROLE_WORDS, row_view, span_words, window_sentence
from oversight.peers.services import compare_force
from oversight.plans.models import Plan


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
    return freeze(compare_force(force=plan.force_slug, period=month, plan=plan), period)


def freeze(comparison: Comparison, snapshot_period: str) -> dict[str, Any]:
    """Return a comparison as plain data, in the words and figures the section shows."""
    measures = []
    for m in comparison.measures:
        month = m.windows[0]
        group = [r for r in month.rows if month.role(r.force) != "other"]
        group.sort(key=lambda r: (month.role(r.force) != "force", r.rate is None, r.rate or 0))
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
                    "title": f"{m.measure.name}, {month.label} ({span_words(month.months)})",
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
    return {
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
        "not_compared": [f"{n.code} {n.name}: {n.reason}" for n in comparison.not_compared],
        "notes": list(comparison.notes),
    }  # fmt: skip


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
