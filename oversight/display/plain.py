"""Plain English for the public: what a measure's latest month and its rating mean.

A Board member reads "Red: special cause concern — 7 months in a row above the mean"; a member of
the public reads "Higher than average for 7 months in a row — worse than usual, because lower is
better for this measure." :func:`sentences` turns the facts a publication froze (the special-cause
label of the chart's latest point, the measure's direction of improvement, the rating and any
hold) into such sentences, and :func:`latest_signal` finds the label and its run in a chart's
points. Pure: no Django, no database.

The rules, checked top to bottom:

1. A held rating says why it is not rated ("Not rated this month: the figures are not yet
   available." for data not yet in; "... a change in how crimes are recorded is being checked."
   for a data break under review), and nothing else: the chart is not read.
2. Any other Grey is "Not rated this month: there are not yet enough figures to judge it."
3. The latest point's label in words (e.g. "Above UCL" → "Higher than usual: the latest month was
   above the range we would expect from the last three years."), then, when the measure has a
   direction of improvement and the label is a signal, whether that is better or worse and why
   ("— worse than usual, because lower is better for this measure."; a trend is "getting
   worse"). A neutral measure, or common cause, gets no verdict.
4. A Red that the chart does not explain (no concern signal) says what does: the target is out of
   reach of the usual range (assurance "consistent_fail"), the Board changed the rating, or the
   target is missed.
5. With no chart at all (a rating on the target alone), the rating in words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from oversight.analysis.spc import (
    ABOVE_UCL,
    BELOW_LCL,
    COMMON_CAUSE,
    IMPROVEMENT_DIRECTIONS,
    SHIFT_ABOVE,
    SHIFT_BELOW,
    TREND_DOWN,
    TREND_UP,
    TWO_IN_THREE_ABOVE,
    TWO_IN_THREE_BELOW,
)

NOT_READY = "not_ready"
BREAK_REVIEW = "break_review"
# The months an assessment charts (performance.assessment.SPC_MONTHS): the usual basis.
DEFAULT_BASIS_MONTHS = 36

HELD = {
    NOT_READY: "Not rated this month: the figures are not yet available.",
    BREAK_REVIEW: "Not rated this month: a change in how crimes are recorded is being checked.",
}
NOT_ENOUGH = "Not rated this month: there are not yet enough figures to judge it."

# Which way each label points: 1 higher than usual, -1 lower, 0 nothing unusual.
SIGN = {
    ABOVE_UCL: 1,
    SHIFT_ABOVE: 1,
    TWO_IN_THREE_ABOVE: 1,
    TREND_UP: 1,
    BELOW_LCL: -1,
    SHIFT_BELOW: -1,
    TWO_IN_THREE_BELOW: -1,
    TREND_DOWN: -1,
    COMMON_CAUSE: 0,
}
TRENDS = frozenset({TREND_UP, TREND_DOWN})
_SMALL = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def basis_words(months: int | None) -> str:
    """Return the months the usual range comes from in words: "the last three years"."""
    n = months or DEFAULT_BASIS_MONTHS
    if n == 12:
        return "the last year"
    if n % 12 == 0:
        years = n // 12
        return f"the last {_SMALL.get(years, str(years))} years"
    return f"the last {n} months"


def _run_length(label: str, run: int) -> int:
    """Return the run a sentence quotes: the latest run, at least the rule's own length."""
    found = re.match(r"(\d+) Point", label)
    least = int(found.group(1)) if found else 1
    return max(run, least)


def _pattern(label: str, run: int, basis: str) -> str:
    """Return a label in words, without its full stop."""
    if label in (ABOVE_UCL, BELOW_LCL):
        higher = label == ABOVE_UCL
        side = "above" if higher else "below"
        start = "Higher than usual" if higher else "Lower than usual"
        months = "the latest month was" if run <= 1 else f"the last {run} months were"
        return f"{start}: {months} {side} the range we would expect from {basis}"
    if label in (SHIFT_ABOVE, SHIFT_BELOW):
        side = "Higher" if label == SHIFT_ABOVE else "Lower"
        return f"{side} than average for {_run_length(label, run)} months in a row"
    if label in TRENDS:
        way = "Rising" if label == TREND_UP else "Falling"
        return f"{way} for {_run_length(label, run)} months in a row"
    if label in (TWO_IN_THREE_ABOVE, TWO_IN_THREE_BELOW):
        edge = "top" if label == TWO_IN_THREE_ABOVE else "bottom"
        return f"Close to the {edge} of the usual range in two of the last three months"
    return f"Within the usual range: the latest month was in the range we would expect from {basis}"


def verdict(label: str, improvement: str) -> str:
    """Return whether a label is better or worse for the measure ("" if neither), as a clause."""
    direction = IMPROVEMENT_DIRECTIONS.get(improvement, 0)
    sign = SIGN.get(label, 0)
    if not direction or not sign:
        return ""
    better = sign * direction > 0
    if label in TRENDS:
        word = "getting better" if better else "getting worse"
    else:
        word = "better than usual" if better else "worse than usual"
    which = "higher" if direction > 0 else "lower"
    return f"{word}, because {which} is better for this measure"


def _unexplained_red(
    *, label: str | None, improvement: str, assurance: str | None, overridden: bool
) -> str:
    """Return why a Red is Red when the chart shows no concern; "" when it does."""
    direction = IMPROVEMENT_DIRECTIONS.get(improvement, 0)
    if label and direction and SIGN.get(label, 0) * direction < 0:
        return ""  # the chart's own signal of concern says it
    if overridden:
        return "Rated Red by the Commissioner's Strategic Board after looking at the figures."
    if assurance == "consistent_fail":
        return "Rated Red because at its usual level it will not meet its target."
    return "Rated Red because it is further from its target than the plan allows."


def sentences(
    label: str | None,
    *,
    improvement: str,
    rating: str,
    hold: str = "",
    run: int = 1,
    basis_months: int | None = None,
    assurance: str | None = None,
    overridden: bool = False,
) -> tuple[str, ...]:
    """Return what a measure's latest month and rating mean, in sentences the public reads.

    ``label`` is the special-cause label of the chart's latest point (None: no chart);
    ``improvement`` "up", "down" or "neutral"; ``rating`` "red", "amber", "green" or "grey";
    ``hold`` "not_ready" or "break_review" when the rating was held; ``run`` how many latest
    months in a row carry the label; ``basis_months`` how many months the usual range is drawn
    from (default three years); ``assurance`` the chart's assurance icon; ``overridden`` whether
    the Board changed the assessed rating.
    """
    if hold in HELD:
        return (HELD[hold],)
    if rating == "grey":
        return (NOT_ENOUGH,)
    if label not in SIGN:
        return (_target_words(rating, overridden=overridden),)
    first = _pattern(label, run, basis_words(basis_months))
    clause = verdict(label, improvement)
    found = [f"{first} — {clause}." if clause else f"{first}."]
    if rating == "red":
        why = _unexplained_red(
            label=label, improvement=improvement, assurance=assurance, overridden=overridden
        )
        if why:
            found.append(why)
    return tuple(found)


def _target_words(rating: str, *, overridden: bool) -> str:
    if overridden:
        return f"Rated {rating.capitalize()} by the Commissioner's Strategic Board."
    return {
        "red": "Rated Red because it is further from its target than the plan allows.",
        "amber": "Rated Amber because it is just short of its target.",
        "green": "Rated Green because it is meeting its target.",
    }.get(rating, NOT_ENOUGH)


def summary(label: str | None, **facts: Any) -> str:
    """Return :func:`sentences` as one paragraph."""
    return " ".join(sentences(label, **facts))


def latest_signal(points: Sequence[Mapping[str, Any]]) -> tuple[str | None, int]:
    """Return the label of a chart's latest charted point and how many latest points share it.

    ``points`` are a chart's points as an SPC result's ``to_dict`` gives them (oldest first);
    months with no value are skipped. (None, 0) when no point is charted.
    """
    charted = [p for p in points if p.get("value") is not None and p.get("special_cause_type")]
    if not charted:
        return None, 0
    label = charted[-1]["special_cause_type"]
    run = 0
    for point in reversed(charted):
        if point["special_cause_type"] != label:
            break
        run += 1
    return label, run


def describe_spc(
    spc: Mapping[str, Any] | None,
    *,
    improvement: str,
    rating: str,
    hold: str = "",
    overridden: bool = False,
) -> str:
    """Return the plain-English paragraph for a measure from its SPC dict (None: no chart)."""
    spc = spc or {}
    label, run = latest_signal(spc.get("points") or [])
    groups = spc.get("groups") or []
    return summary(
        label,
        improvement=improvement,
        rating=rating,
        hold=hold,
        run=run,
        basis_months=groups[-1].get("n") if groups else None,
        assurance=spc.get("assurance_icon"),
        overridden=overridden,
    )
