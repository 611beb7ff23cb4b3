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
ENGLISH, WELSH = "en", "cy"

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

# Every phrase the sentences are made of, in English and in Welsh (the Welsh drafted for the
# public site, to be reviewed by a translator: docs/welsh.md). A "{…}" is filled in; Welsh
# needs its own forms of the years (tair blynedd, pum mlynedd) and the colours after "gradd"
# (Goch, Werdd, Lwyd), so those are words of their own rather than one pattern.
WORDS: dict[str, dict[str, Any]] = {
    ENGLISH: {
        "held": {
            NOT_READY: "Not rated this month: the figures are not yet available.",
            BREAK_REVIEW: "Not rated this month: a change in how crimes are recorded is being "
            "checked.",
        },
        "not_enough": "Not rated this month: there are not yet enough figures to judge it.",
        "year": "the last year",
        "years": {
            2: "the last two years",
            3: "the last three years",
            4: "the last four years",
            5: "the last five years",
            6: "the last six years",
        },
        "n_years": "the last {n} years",
        "n_months": "the last {n} months",
        "outside": "{start}: {months} {side} the range we would expect from {basis}",
        "higher_than_usual": "Higher than usual",
        "lower_than_usual": "Lower than usual",
        "above": "above",
        "below": "below",
        "latest_month_was": "the latest month was",
        "last_months_were": "the last {run} months were",
        "shift_above": "Higher than average for {n} months in a row",
        "shift_below": "Lower than average for {n} months in a row",
        "trend_up": "Rising for {n} months in a row",
        "trend_down": "Falling for {n} months in a row",
        "near_top": "Close to the top of the usual range in two of the last three months",
        "near_bottom": "Close to the bottom of the usual range in two of the last three months",
        "within": "Within the usual range: the latest month was in the range we would expect "
        "from {basis}",
        "getting_better": "getting better",
        "getting_worse": "getting worse",
        "better": "better than usual",
        "worse": "worse than usual",
        "because_higher": "{word}, because higher is better for this measure",
        "because_lower": "{word}, because lower is better for this measure",
        "red_overridden": "Rated Red by the Commissioner's Strategic Board after looking at the "
        "figures.",
        "red_consistent_fail": "Rated Red because at its usual level it will not meet its target.",
        "red_target": "Rated Red because it is further from its target than the plan allows.",
        "rated_by_board": "Rated {colour} by the Commissioner's Strategic Board.",
        "colours": {"red": "Red", "amber": "Amber", "green": "Green", "grey": "Grey"},
        "amber_target": "Rated Amber because it is just short of its target.",
        "green_target": "Rated Green because it is meeting its target.",
    },
    WELSH: {
        "held": {
            NOT_READY: "Heb ei raddio y mis hwn: nid yw'r ffigurau ar gael eto.",
            BREAK_REVIEW: "Heb ei raddio y mis hwn: mae newid yn y ffordd y cofnodir troseddau "
            "yn cael ei wirio.",
        },
        "not_enough": "Heb ei raddio y mis hwn: nid oes digon o ffigurau eto i'w farnu.",
        "year": "o'r flwyddyn ddiwethaf",
        "years": {
            2: "o'r ddwy flynedd ddiwethaf",
            3: "o'r tair blynedd diwethaf",
            4: "o'r pedair blynedd diwethaf",
            5: "o'r pum mlynedd diwethaf",
            6: "o'r chwe blynedd diwethaf",
        },
        "n_years": "o'r {n} mlynedd diwethaf",
        "n_months": "o'r {n} mis diwethaf",
        "outside": "{start}: {months} {side}'r ystod y byddem yn ei disgwyl {basis}",
        "higher_than_usual": "Yn uwch na'r arfer",
        "lower_than_usual": "Yn is na'r arfer",
        "above": "uwchlaw",
        "below": "islaw",
        "latest_month_was": "roedd y mis diweddaraf",
        "last_months_were": "roedd y {run} mis diwethaf",
        "shift_above": "Yn uwch na'r cyfartaledd am {n} mis yn olynol",
        "shift_below": "Yn is na'r cyfartaledd am {n} mis yn olynol",
        "trend_up": "Yn codi am {n} mis yn olynol",
        "trend_down": "Yn gostwng am {n} mis yn olynol",
        "near_top": "Yn agos at frig yr ystod arferol mewn dau o'r tri mis diwethaf",
        "near_bottom": "Yn agos at waelod yr ystod arferol mewn dau o'r tri mis diwethaf",
        "within": "O fewn yr ystod arferol: roedd y mis diweddaraf o fewn yr ystod y byddem yn "
        "ei disgwyl {basis}",
        "getting_better": "yn gwella",
        "getting_worse": "yn gwaethygu",
        "better": "yn well na'r arfer",
        "worse": "yn waeth na'r arfer",
        "because_higher": "{word}, oherwydd mai po uchaf, gorau i'r mesur hwn",
        "because_lower": "{word}, oherwydd mai po isaf, gorau i'r mesur hwn",
        "red_overridden": "Rhoddwyd gradd Goch gan Fwrdd Strategol y Comisiynydd ar ôl edrych "
        "ar y ffigurau.",
        "red_consistent_fail": "Gradd Goch oherwydd na fydd yn cyrraedd ei darged ar ei lefel "
        "arferol.",
        "red_target": "Gradd Goch oherwydd ei fod ymhellach o'i darged nag y mae'r cynllun yn "
        "ei ganiatáu.",
        "rated_by_board": "Rhoddwyd gradd {colour} gan Fwrdd Strategol y Comisiynydd.",
        "colours": {"red": "Goch", "amber": "Ambr", "green": "Werdd", "grey": "Lwyd"},
        "amber_target": "Gradd Ambr oherwydd ei fod ychydig yn brin o'i darged.",
        "green_target": "Gradd Werdd oherwydd ei fod yn cyrraedd ei darged.",
    },
}
HELD = WORDS[ENGLISH]["held"]
NOT_ENOUGH = WORDS[ENGLISH]["not_enough"]


def _words(language: str) -> dict[str, Any]:
    try:
        return WORDS[language]
    except KeyError:
        raise ValueError(f"No plain words in {language!r}: {', '.join(WORDS)}") from None


def basis_words(months: int | None, language: str = ENGLISH) -> str:
    """Return the months the usual range comes from in words: "the last three years"."""
    words = _words(language)
    n = months or DEFAULT_BASIS_MONTHS
    if n == 12:
        return words["year"]
    if n % 12 == 0:
        years = n // 12
        return words["years"].get(years) or words["n_years"].format(n=years)
    return words["n_months"].format(n=n)


def _run_length(label: str, run: int) -> int:
    """Return the run a sentence quotes: the latest run, at least the rule's own length."""
    found = re.match(r"(\d+) Point", label)
    least = int(found.group(1)) if found else 1
    return max(run, least)


def _pattern(label: str, run: int, basis: str, words: dict[str, Any]) -> str:
    """Return a label in words, without its full stop."""
    if label in (ABOVE_UCL, BELOW_LCL):
        higher = label == ABOVE_UCL
        return words["outside"].format(
            start=words["higher_than_usual" if higher else "lower_than_usual"],
            months=words["latest_month_was"]
            if run <= 1
            else words["last_months_were"].format(run=run),
            side=words["above" if higher else "below"],
            basis=basis,
        )
    n = _run_length(label, run)
    if label in (SHIFT_ABOVE, SHIFT_BELOW):
        return words["shift_above" if label == SHIFT_ABOVE else "shift_below"].format(n=n)
    if label in TRENDS:
        return words["trend_up" if label == TREND_UP else "trend_down"].format(n=n)
    if label in (TWO_IN_THREE_ABOVE, TWO_IN_THREE_BELOW):
        return words["near_top" if label == TWO_IN_THREE_ABOVE else "near_bottom"]
    return words["within"].format(basis=basis)


def verdict(label: str, improvement: str, language: str = ENGLISH) -> str:
    """Return whether a label is better or worse for the measure ("" if neither), as a clause."""
    words = _words(language)
    direction = IMPROVEMENT_DIRECTIONS.get(improvement, 0)
    sign = SIGN.get(label, 0)
    if not direction or not sign:
        return ""
    better = sign * direction > 0
    if label in TRENDS:
        word = words["getting_better" if better else "getting_worse"]
    else:
        word = words["better" if better else "worse"]
    return words["because_higher" if direction > 0 else "because_lower"].format(word=word)


def _unexplained_red(
    *, label: str | None, improvement: str, assurance: str | None, overridden: bool, words: dict
) -> str:
    """Return why a Red is Red when the chart shows no concern; "" when it does."""
    direction = IMPROVEMENT_DIRECTIONS.get(improvement, 0)
    if label and direction and SIGN.get(label, 0) * direction < 0:
        return ""  # the chart's own signal of concern says it
    if overridden:
        return words["red_overridden"]
    if assurance == "consistent_fail":
        return words["red_consistent_fail"]
    return words["red_target"]


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
    language: str = ENGLISH,
) -> tuple[str, ...]:
    """Return what a measure's latest month and rating mean, in sentences the public reads.

    ``label`` is the special-cause label of the chart's latest point (None: no chart);
    ``improvement`` "up", "down" or "neutral"; ``rating`` "red", "amber", "green" or "grey";
    ``hold`` "not_ready" or "break_review" when the rating was held; ``run`` how many latest
    months in a row carry the label; ``basis_months`` how many months the usual range is drawn
    from (default three years); ``assurance`` the chart's assurance icon; ``overridden`` whether
    the Board changed the assessed rating; ``language`` "en" or "cy".
    """
    words = _words(language)
    if hold in words["held"]:
        return (words["held"][hold],)
    if rating == "grey":
        return (words["not_enough"],)
    if label not in SIGN:
        return (_target_words(rating, overridden=overridden, words=words),)
    first = _pattern(label, run, basis_words(basis_months, language), words)
    clause = verdict(label, improvement, language)
    found = [f"{first} — {clause}." if clause else f"{first}."]
    if rating == "red":
        why = _unexplained_red(
            label=label,
            improvement=improvement,
            assurance=assurance,
            overridden=overridden,
            words=words,
        )
        if why:
            found.append(why)
    return tuple(found)


def _target_words(rating: str, *, overridden: bool, words: dict[str, Any]) -> str:
    if overridden:
        colour = words["colours"].get(rating, rating.capitalize())
        return words["rated_by_board"].format(colour=colour)
    return {
        "red": words["red_target"],
        "amber": words["amber_target"],
        "green": words["green_target"],
    }.get(rating, words["not_enough"])


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
    language: str = ENGLISH,
) -> str:
    """Return the plain-words paragraph for a measure from its SPC dict (None: no chart)."""
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
        language=language,
    )
