"""RAG ratings for a measure, each with reasons a board member can read.

:func:`assess` takes facts already worked out elsewhere (the SPC chart's last point and icons as
:class:`SpcFacts`, the Compstat windows, the latest value) and a measure's :class:`RagRule`, and
returns a :class:`RagResult`. It never computes a chart itself, so every rule can be tested alone.

Decision table, checked top to bottom:

1. **Grey — not enough to judge.** Every one of these that applies is listed as a reason, and
   the rating is Grey whatever else is true (insufficient data is never a silent Green):

   * no data at all;
   * fewer than ``min_points`` months of data (default 12);
   * the latest data is more than ``stale_after_months`` months before the assessment period
     (default 3);
   * more than ``max_missing_in_last_12`` of the 12 months to the assessment period missing
     (default 2);
   * the basis needs SPC and there is no SPC analysis;
   * the basis needs a target and there is none, or the measure has no direction of improvement.

2. **SPC basis** (``basis="spc"``), from the last point of the chart:

   ===========================================================  ======
   last point / icons                                           rating
   ===========================================================  ======
   special cause concern                                        Red
   assurance ``consistent_fail`` (target outside the limits)    Red
   special cause improvement                                    Green
   special cause, neutral measure (no direction of improvement) Amber
   common cause, rolling 12 months significantly worse          Amber
   common cause otherwise                                       Green
   ===========================================================  ======

   Both Red rows are given as reasons when both apply. "Significantly worse" means the exact test
   on the rolling 12 months against the previous 12 finds a change in the wrong direction (counts
   only; other units are never tested, so never Amber on this row).

3. **Target basis** (``basis="target"``), from the latest value: meets the target → Green; misses
   it by no more than ``amber_margin_pct`` % of the target (default 5) → Amber; misses it by more
   → Red. A target of zero has no margin: any miss is Red.

4. **Both** (``basis="spc_and_target"``): the worse of the SPC and target ratings; the deciding
   reasons come first.

The deciding reasons start with the rating ("Red: special cause concern — 7 months in a row above
the mean"). Context follows without one: the change on the same month last year and on the
previous 12 months, as :meth:`Window.describe` words them. The headline is the first deciding
reason joined to the first complete context line (the line of the window that reason cites, if
it cites one).

Every sentence comes out of the project's catalogue (:mod:`oversight.analysis.language`): under
Welsh the same facts give the Welsh reasons and headline.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any, Literal, NamedTuple

from oversight.analysis.compstat import Compstat, Window, format_number
from oversight.analysis.language import _, gettext_noop, say
from oversight.analysis.periods import months_between, validate_period

__all__ = [
    "RATINGS",
    "RATING_CHOICES",
    "RagResult",
    "RagRule",
    "Rating",
    "SpcFacts",
    "assess",
    "labelled",
]

Basis = Literal["spc", "target", "spc_and_target"]
BASES = ("spc", "target", "spc_and_target")
IMPROVEMENTS = ("up", "down", "neutral")

_KINDS = ("improvement", "concern", "neutral")
VARIATION_ICONS = frozenset(
    {"common_cause"} | {f"{k}_{h}" for k in _KINDS for h in ("high", "low")}
)
ASSURANCE_ICONS = frozenset({"consistent_pass", "consistent_fail", "inconsistent"})
POINT_TYPES = frozenset(
    {"common_cause"}
    | {f"special_cause_{k}" for k in ("improvement", "concern", "neutral_high", "neutral_low")}
)

# What each special-cause label means in words; %(n)s is the run of latest points with that label.
_PATTERNS = {
    "Above UCL": (
        gettext_noop("the latest month above the upper process limit"),
        gettext_noop("%(n)s months in a row above the upper process limit"),
    ),
    "Below LCL": (
        gettext_noop("the latest month below the lower process limit"),
        gettext_noop("%(n)s months in a row below the lower process limit"),
    ),
    "7 Point Trend (Increasing)": ("", gettext_noop("rising for %(n)s months in a row")),
    "7 Point Trend (Decreasing)": ("", gettext_noop("falling for %(n)s months in a row")),
    "2 in 3 Above CL": (
        gettext_noop("2 of the last 3 months close to the upper process limit"),
        "",
    ),
    "2 in 3 Below CL": (
        gettext_noop("2 of the last 3 months close to the lower process limit"),
        "",
    ),
    "7 Points Above CL": ("", gettext_noop("%(n)s months in a row above the mean")),
    "7 Points Below CL": ("", gettext_noop("%(n)s months in a row below the mean")),
    "Common Cause": (gettext_noop("no unusual pattern"), ""),
}
_MIN_RUN = {"7 Point Trend (Increasing)": 7, "7 Point Trend (Decreasing)": 7}
_MIN_RUN.update({"7 Points Above CL": 7, "7 Points Below CL": 7})


class Rating(StrEnum):
    """A RAG rating; Grey means there is not enough to judge."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    GREY = "grey"

    @property
    def label(self) -> str:
        """Return the rating as it is printed in English: "Red" (its catalogue entry)."""
        return _LABELS[self]


# Marked for the catalogue; the English is what a model's choices and an export show.
_LABELS = {
    Rating.RED: gettext_noop("Red"),
    Rating.AMBER: gettext_noop("Amber"),
    Rating.GREEN: gettext_noop("Green"),
    Rating.GREY: gettext_noop("Grey"),
}


def labelled(rating: Rating, reason: str) -> str:
    """Return a reason led by its rating, in the active language: "Red: special cause …"."""
    return f"{_(rating.label)}: {reason}"


#: Every rating, worst first: the order of counts, legends and sorting everywhere.
RATINGS: tuple[Rating, ...] = (Rating.RED, Rating.AMBER, Rating.GREEN, Rating.GREY)
#: The choices a model or form field offers: ("red", "Red"), ...
RATING_CHOICES: tuple[tuple[str, str], ...] = tuple((r.value, r.label) for r in RATINGS)

_SEVERITY = {Rating.GREEN: 0, Rating.AMBER: 1, Rating.RED: 2}


@dataclass(frozen=True)
class RagRule:
    """How a measure is rated: on SPC, on its target, or on both, with explicit thresholds."""

    basis: Basis = "spc"
    amber_margin_pct: float = 5
    min_points: int = 12
    stale_after_months: int = 3
    max_missing_in_last_12: int = 2

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise ValueError(f"basis: must be one of {', '.join(BASES)}, got {self.basis!r}")
        margin = self.amber_margin_pct
        if isinstance(margin, bool) or not isinstance(margin, int | float) or not margin >= 0:
            raise ValueError(f"amber_margin_pct: must be a number ≥ 0, got {margin!r}")
        for key, low, high in (
            ("min_points", 1, None),
            ("stale_after_months", 0, None),
            ("max_missing_in_last_12", 0, 12),
        ):
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{key}: must be a whole number, got {value!r}")
            if value < low or (high is not None and value > high):
                bounds = f"{low} to {high}" if high is not None else f"≥ {low}"
                raise ValueError(f"{key}: must be {bounds}, got {value!r}")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RagRule:
        """Return the rule a catalogue entry describes; raise ValueError naming any bad key."""
        if not isinstance(d, dict):
            raise ValueError(f"a RAG rule must be a mapping, got {type(d).__name__}")
        known = {f.name for f in fields(cls)}
        for key in d:
            if key not in known:
                raise ValueError(f"{key}: unknown RAG rule key (known: {', '.join(sorted(known))})")
        return cls(**d)

    def to_dict(self) -> dict[str, Any]:
        """Return the rule as a plain mapping that :meth:`from_dict` reads back."""
        return asdict(self)

    @property
    def uses_spc(self) -> bool:
        """Return whether the rating looks at the SPC chart."""
        return self.basis in ("spc", "spc_and_target")

    @property
    def uses_target(self) -> bool:
        """Return whether the rating looks at the target."""
        return self.basis in ("target", "spc_and_target")


@dataclass(frozen=True)
class SpcFacts:
    """The facts of an SPC chart that a rating needs, computed by the SPC engine."""

    variation_icon: str
    assurance_icon: str | None
    special_cause_type: str  # of the last point, e.g. "7 Points Above CL"
    point_type: str  # of the last point, e.g. "special_cause_concern"
    run_length: int  # consecutive latest points flagged with the same special cause (0 if none)
    n_points: int
    mean: float
    lpl: float
    upl: float
    # The chart's scale when it is not the measure's own, e.g. "a day" for a daily rate (a
    # language.Sentence, so it is worded in the reasons' language), and the last point in that
    # scale, so reasons never compare a count with a daily limit.
    scale: str = ""
    last_value: float | None = None

    def in_scale(self, value: float) -> str:
        """Return a charted figure in words, with its scale: "1.47 a day"."""
        return f"{_num(value)} {say(self.scale)}" if self.scale else _num(value)

    def __post_init__(self) -> None:
        checks = (
            ("variation_icon", self.variation_icon, VARIATION_ICONS),
            ("point_type", self.point_type, POINT_TYPES),
            ("special_cause_type", self.special_cause_type, frozenset(_PATTERNS)),
        )
        for key, value, allowed in checks:
            if value not in allowed:
                raise ValueError(f"{key}: unknown value {value!r}")
        if self.assurance_icon is not None and self.assurance_icon not in ASSURANCE_ICONS:
            raise ValueError(f"assurance_icon: unknown value {self.assurance_icon!r}")
        if self.run_length < 0 or self.n_points < 0:
            raise ValueError("run_length and n_points must be ≥ 0")

    def pattern(self, latest_value: float | None = None) -> str:
        """Return the last point's pattern in words: "7 months in a row above the mean"."""
        single, run = _PATTERNS[self.special_cause_type]
        n = max(self.run_length, _MIN_RUN.get(self.special_cause_type, 1))
        text = _(run) % {"n": n} if run and (n > 1 or not single) else _(single)
        if self.last_value is not None:
            latest = self.in_scale(self.last_value)
        else:
            latest = format_number(latest_value) if latest_value is not None else None
        if self.special_cause_type in ("Above UCL", "Below LCL") and latest is not None:
            limit = self.upl if self.special_cause_type == "Above UCL" else self.lpl
            text = _("%(pattern)s (latest %(latest)s, limit %(limit)s)") % {
                "pattern": text,
                "latest": latest,
                "limit": self.in_scale(limit),
            }
        return text


@dataclass(frozen=True)
class RagResult:
    """A rating with the reasons for it, deciding reasons first, and a one-line headline."""

    rating: Rating
    reasons: tuple[str, ...]
    headline: str


class _Rated(NamedTuple):
    """One basis's rating and its reasons; ``cites`` names the window the first reason cites."""

    rating: Rating
    reasons: list[str]
    cites: str | None = None


def _num(value: float) -> str:
    return format_number(round(value, 2))


def _grey_reasons(
    *,
    rule: RagRule,
    spc: SpcFacts | None,
    latest_value: float | None,
    latest_period: str | None,
    assessment_period: str,
    target: float | None,
    improvement: str,
    n_points: int,
    n_missing_last_12: int,
) -> list[str]:
    if latest_period is None or n_points <= 0:
        return [_("no data")]
    reasons = []
    if n_points < rule.min_points:
        reasons.append(
            _("only %(n)s months of data (%(needed)s needed)")
            % {"n": n_points, "needed": rule.min_points}
        )
    age = months_between(latest_period, assessment_period)
    if age < 0:
        raise ValueError(f"latest_period {latest_period} is after {assessment_period}")
    if age > rule.stale_after_months:
        reasons.append(
            _("latest data %(period)s is %(age)s months old")
            % {"period": latest_period, "age": age}
        )
    if n_missing_last_12 > rule.max_missing_in_last_12:
        reasons.append(
            _("%(n)s of the last 12 months missing (at most %(allowed)s allowed)")
            % {"n": n_missing_last_12, "allowed": rule.max_missing_in_last_12}
        )
    if rule.uses_spc and spc is None:
        reasons.append(_("no SPC analysis available"))
    if rule.uses_target:
        if target is None:
            reasons.append(_("no target set"))
        elif improvement == "neutral":
            reasons.append(_("a target needs a direction of improvement"))
        elif latest_value is None:
            reasons.append(_("no value for %(period)s") % {"period": latest_period})
    return reasons


def _worse_on_rolling_12(compstat: Compstat | None, improvement: str) -> Window | None:
    if compstat is None or improvement == "neutral":
        return None
    window = compstat.rolling_12
    test = window.significance
    if window.caveat:
        # Not like for like (e.g. across a rebase): no rating rests on it.
        return None
    if window.complete and test is not None and test.significant:
        worse = "lower" if improvement == "up" else "higher"
        if test.direction == worse:
            return window
    return None


def _spc_rating(
    spc: SpcFacts,
    *,
    compstat: Compstat | None,
    latest_value: float | None,
    target: float | None,
    improvement: str,
) -> _Rated:
    pattern = spc.pattern(latest_value)
    red = []
    if spc.point_type == "special_cause_concern":
        red.append(_("special cause concern — %(pattern)s") % {"pattern": pattern})
    if spc.assurance_icon == "consistent_fail":
        limits = {"lower": _num(spc.lpl), "upper": spc.in_scale(spc.upl)}
        if target is not None:
            message = _(
                "the target of %(target)s lies outside the process limits "
                "(%(lower)s to %(upper)s): it will be missed consistently without a change"
            )
            limits["target"] = _num(target)
        else:
            message = _(
                "the target lies outside the process limits (%(lower)s to %(upper)s): "
                "it will be missed consistently without a change"
            )
        red.append(message % limits)
    if red:
        return _Rated(Rating.RED, red)
    if spc.point_type == "special_cause_improvement":
        return _Rated(
            Rating.GREEN, [_("special cause improvement — %(pattern)s") % {"pattern": pattern}]
        )
    if spc.point_type.startswith("special_cause_neutral"):
        reason = _("unusual change (no direction of improvement) — %(pattern)s")
        return _Rated(Rating.AMBER, [reason % {"pattern": pattern}])
    worse = _worse_on_rolling_12(compstat, improvement)
    if worse is not None:
        reason = _("common cause variation, but significantly worse than the previous 12 months")
        return _Rated(Rating.AMBER, [reason], cites=worse.name)
    limits = _("mean %(mean)s, limits %(lower)s to %(upper)s") % {
        "mean": spc.in_scale(spc.mean),
        "lower": _num(spc.lpl),
        "upper": spc.in_scale(spc.upl),
    }
    reason = _("common cause variation — no unusual pattern (%(limits)s)") % {"limits": limits}
    return _Rated(Rating.GREEN, [reason])


def _target_rating(
    *, rule: RagRule, latest_value: float, target: float, improvement: str
) -> _Rated:
    shortfall = target - latest_value if improvement == "up" else latest_value - target
    words = {"target": _num(target), "latest": _num(latest_value)}
    if shortfall <= 0:
        reason = _("meets the target of %(target)s (latest %(latest)s)")
        return _Rated(Rating.GREEN, [reason % words])
    if target != 0:
        miss_pct = 100 * shortfall / abs(target)
        words.update(miss=f"{miss_pct:.1f}%", margin=f"{_num(rule.amber_margin_pct)}%")
        if miss_pct <= rule.amber_margin_pct:
            reason = _(
                "misses the target of %(target)s (latest %(latest)s) by %(miss)s, "
                "within the %(margin)s margin"
            )
            return _Rated(Rating.AMBER, [reason % words])
        reason = _(
            "misses the target of %(target)s (latest %(latest)s) by %(miss)s, "
            "beyond the %(margin)s margin"
        )
        return _Rated(Rating.RED, [reason % words])
    return _Rated(Rating.RED, [_("misses the target of %(target)s (latest %(latest)s)") % words])


def _context(compstat: Compstat | None) -> list[Window]:
    if compstat is None:
        return []
    return [compstat.same_month_last_year, compstat.rolling_12]


def assess(
    *,
    rule: RagRule,
    spc: SpcFacts | None,
    compstat: Compstat | None,
    latest_value: float | None,
    latest_period: str | None,
    assessment_period: str,
    target: float | None,
    improvement: str,
    n_points: int,
    n_missing_last_12: int,
) -> RagResult:
    """Return the RAG rating of a measure for ``assessment_period`` under ``rule``."""
    validate_period(assessment_period)
    if latest_period is not None:
        validate_period(latest_period)
    if improvement not in IMPROVEMENTS:
        raise ValueError(f"improvement: must be one of {', '.join(IMPROVEMENTS)}")
    context = _context(compstat)
    grey = _grey_reasons(
        rule=rule,
        spc=spc,
        latest_value=latest_value,
        latest_period=latest_period,
        assessment_period=assessment_period,
        target=target,
        improvement=improvement,
        n_points=n_points,
        n_missing_last_12=n_missing_last_12,
    )
    if grey:
        return _result(Rating.GREY, grey, [], context)
    ratings: list[_Rated] = []
    if rule.uses_spc:
        assert spc is not None
        ratings.append(
            _spc_rating(
                spc,
                compstat=compstat,
                latest_value=latest_value,
                target=target,
                improvement=improvement,
            )
        )
    if rule.uses_target:
        assert latest_value is not None and target is not None
        ratings.append(
            _target_rating(
                rule=rule, latest_value=latest_value, target=target, improvement=improvement
            )
        )
    # Worst first; sorted() is stable, so SPC leads the target on a tie.
    ratings.sort(key=lambda rated: -_SEVERITY[rated.rating])
    rating = ratings[0].rating
    deciding = [r for rated in ratings if rated.rating == rating for r in rated.reasons]
    others = [r for rated in ratings if rated.rating != rating for r in rated.reasons]
    # The headline leads with the first deciding reason: the first of the worst rating's.
    return _result(rating, deciding, others, context, cites=ratings[0].cites)


def _result(
    rating: Rating,
    deciding: list[str],
    others: list[str],
    context: list[Window],
    *,
    cites: str | None = None,
) -> RagResult:
    lines = [w.describe(with_comparison=True) for w in context]
    reasons = tuple([labelled(rating, r) for r in deciding] + others + lines)
    headline = reasons[0]
    complete = [(w, line) for w, line in zip(context, lines, strict=True) if w.complete]
    # The change the deciding reason speaks of comes first, so the headline cannot contradict it
    # (the window it cites, by name: its words differ from one language to another).
    cited = [line for w, line in complete if w.name == cites]
    if cited or complete:
        headline += f"; {(cited or [complete[0][1]])[0]}"
    return RagResult(rating=rating, reasons=reasons, headline=headline)
