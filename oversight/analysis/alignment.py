"""Alignment of the roadmap with the Plan, the MTFP, the SPR and partners' plans: the gaps.

Pure: plain dataclasses in, a list of `Gap` out. The Joint Planning Board uses it to check
that planning activity covers every priority and outcome of the Police and Crime Reduction
Plan, is funded by a line of the Medium Term Financial Plan within that line's amount each
year, addresses every threat of the Strategic Policing Requirement, and is aligned with the
partners' own plans (well-being, community safety, youth justice, health and equality plans)
and the other programmes the paper names, before each partner's planning window closes.

A stopped activity no longer covers anything: a priority whose only activities are stopped
is a gap, and so is a financial-plan line or threat that only stopped activities point at;
a stopped activity's money is not counted against its line either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class GapKind(StrEnum):
    """The kinds of gap, in the order the report lists them."""

    PRIORITY_WITHOUT_ACTIVITY = "priority_without_activity"
    OUTCOME_WITHOUT_ACTIVITY = "outcome_without_activity"
    ACTIVITY_WITHOUT_PRIORITY = "activity_without_priority"
    ACTIVITY_WITHOUT_FUNDING = "activity_without_funding"
    FUNDING_LINE_WITHOUT_ACTIVITY = "funding_line_without_activity"
    FUNDING_OVERCOMMITTED = "funding_overcommitted"
    THREAT_NOT_ADDRESSED = "threat_not_addressed"
    PARTNER_PLAN_WITHOUT_ACTIVITY = "partner_plan_without_activity"
    PARTNER_COMMITMENT_NEEDED = "partner_commitment_needed"
    WELLBEING_OBJECTIVE_NOT_SERVED = "wellbeing_objective_not_served"
    EQUALITY_OBJECTIVE_NOT_SERVED = "equality_objective_not_served"
    ENGAGEMENT_NOT_PLANNED = "engagement_not_planned"
    ACADEMIC_WORK_NOT_USED = "academic_work_not_used"
    JUSTICE_ACTION_NOT_ADDRESSED = "justice_action_not_addressed"
    ACTIVITY_SLIPPED = "activity_slipped"

    @property
    def title(self) -> str:
        return GAP_TITLES[self]


GAP_TITLES = {
    GapKind.PRIORITY_WITHOUT_ACTIVITY: "Priorities with no activity",
    GapKind.OUTCOME_WITHOUT_ACTIVITY: "Outcomes with no activity",
    GapKind.ACTIVITY_WITHOUT_PRIORITY: "Activities with no priority",
    GapKind.ACTIVITY_WITHOUT_FUNDING: "Activities with no funding line",
    GapKind.FUNDING_LINE_WITHOUT_ACTIVITY: "Financial-plan lines with no activity",
    GapKind.FUNDING_OVERCOMMITTED: "Years where committed spend exceeds the financial-plan line",
    GapKind.THREAT_NOT_ADDRESSED: "Strategic Policing Requirement threats not addressed",
    GapKind.PARTNER_PLAN_WITHOUT_ACTIVITY: "Partner plans with no activity",
    GapKind.PARTNER_COMMITMENT_NEEDED: "Activities that need a partner's commitment",
    GapKind.WELLBEING_OBJECTIVE_NOT_SERVED: "Well-being Plan objectives with no activity",
    GapKind.EQUALITY_OBJECTIVE_NOT_SERVED: "Equality objectives with no activity",
    GapKind.ENGAGEMENT_NOT_PLANNED: "Consultation and engagement items with no activity",
    GapKind.ACADEMIC_WORK_NOT_USED: "Academic work programme items with no activity",
    GapKind.JUSTICE_ACTION_NOT_ADDRESSED: "Criminal justice system actions not addressed",
    GapKind.ACTIVITY_SLIPPED: "Slipped activities",
}

# The catalogues checked only for coverage: the activity link, its gap, and the words "No
# activity on the roadmap ..." ends with.
COVERAGE_CHECKS: dict[str, tuple[GapKind, str]] = {
    "wellbeing_objective": (GapKind.WELLBEING_OBJECTIVE_NOT_SERVED, "serves this objective"),
    "equality_objective": (GapKind.EQUALITY_OBJECTIVE_NOT_SERVED, "serves this objective"),
    "engagement_item": (GapKind.ENGAGEMENT_NOT_PLANNED, "takes part in this programme item"),
    "academic_item": (GapKind.ACADEMIC_WORK_NOT_USED, "draws on this work"),
    "justice_action": (GapKind.JUSTICE_ACTION_NOT_ADDRESSED, "addresses this action"),
}

STOPPED = "stopped"
SLIPPED = "slipped"
DONE = "done"


def year_label(year: int) -> str:
    """Return a plan year (starting in April) as people write it, e.g. "2026/27"."""
    return f"{year}/{str(year + 1)[-2:]}"


def pounds(amount: int) -> str:
    return f"£{amount:,}"


@dataclass(frozen=True)
class PriorityItem:
    code: str
    title: str


@dataclass(frozen=True)
class OutcomeItem:
    code: str
    title: str
    priority_code: str


@dataclass(frozen=True)
class CodedItem:
    """An item of a catalogue: a financial-plan line (with its amount per year), a threat…"""

    code: str
    title: str
    amounts: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PartnerPlanItem:
    """A partner's plan and the last date commitments can reach it, if known."""

    code: str
    title: str
    organisation: str = ""
    commitments_close: dt.date | None = None


@dataclass(frozen=True)
class ActivityItem:
    """What the report needs of an activity; `outcome_codes` include its measures' outcomes.

    `links` holds the activity's other catalogue links as (activity field, code) pairs, and
    `funding` what it is to spend from its financial-plan line, as (plan year, pounds).
    """

    ref: str
    title: str
    status: str
    priority_code: str | None = None
    outcome_codes: tuple[str, ...] = ()
    funding_code: str | None = None
    threat_codes: tuple[str, ...] = ()
    funding: tuple[tuple[int, int], ...] = ()
    partner_plan_code: str | None = None
    partner_committed_on: dt.date | None = None
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Gap:
    """One alignment gap: its kind, the code and title of what it is about, and why."""

    kind: GapKind
    code: str
    title: str
    reason: str

    @property
    def subject(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass
class _Coverage:
    live: list[str] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)

    def add(self, activity: ActivityItem) -> None:
        (self.stopped if activity.status == STOPPED else self.live).append(activity.ref)


def _cover(pairs: Iterable[tuple[str, ActivityItem]]) -> dict[str, _Coverage]:
    coverage: dict[str, _Coverage] = {}
    for code, activity in pairs:
        coverage.setdefault(code, _Coverage()).add(activity)
    return coverage


def _none_reason(what: str, coverage: _Coverage | None) -> str | None:
    """Return why `what` is uncovered, or None if a live activity covers it."""
    if coverage is None:
        return f"No activity on the roadmap {what}."
    if coverage.live:
        return None
    refs = ", ".join(sorted(coverage.stopped))
    return f"No activity on the roadmap {what} except stopped ones ({refs})."


def find_gaps(
    *,
    priorities: Sequence[PriorityItem],
    outcomes: Sequence[OutcomeItem],
    activities: Sequence[ActivityItem],
    funding_lines: Sequence[CodedItem],
    threats: Sequence[CodedItem],
    partner_plans: Sequence[PartnerPlanItem] = (),
    catalogues: Mapping[str, Sequence[CodedItem]] | None = None,
    today: dt.date | None = None,
) -> list[Gap]:
    """Return every alignment gap, grouped by kind in `GapKind` order, each with its reason.

    `catalogues` maps an activity link in `COVERAGE_CHECKS` to its items; `today` dates the
    partners' windows (no window is checked without it).
    """
    gaps: list[Gap] = []
    by_priority = _cover((a.priority_code, a) for a in activities if a.priority_code)
    by_outcome = _cover((code, a) for a in activities for code in set(a.outcome_codes))
    by_line = _cover((a.funding_code, a) for a in activities if a.funding_code)
    by_threat = _cover((code, a) for a in activities for code in set(a.threat_codes))
    uncovered_priorities: set[str] = set()

    for p in priorities:
        reason = _none_reason("serves this priority", by_priority.get(p.code))
        if reason:
            uncovered_priorities.add(p.code)
            count = sum(1 for o in outcomes if o.priority_code == p.code)
            if count:
                reason += f" None of its {count} outcome{'s' if count != 1 else ''} is served."
            gaps.append(Gap(GapKind.PRIORITY_WITHOUT_ACTIVITY, p.code, p.title, reason))

    for o in outcomes:
        # An uncovered priority already reports its outcomes; listing each again is noise.
        if o.priority_code in uncovered_priorities:
            continue
        reason = _none_reason("is linked to this outcome", by_outcome.get(o.code))
        if reason:
            reason += f" Priority {o.priority_code} has activities, but none for this outcome."
            gaps.append(Gap(GapKind.OUTCOME_WITHOUT_ACTIVITY, o.code, o.title, reason))

    for a in activities:
        if not a.priority_code:
            gaps.append(
                Gap(
                    GapKind.ACTIVITY_WITHOUT_PRIORITY,
                    a.ref,
                    a.title,
                    "Not linked to a priority of the Plan, so it cannot show what it delivers.",
                )
            )
    for a in activities:
        if not a.funding_code and a.status != STOPPED:
            gaps.append(
                Gap(
                    GapKind.ACTIVITY_WITHOUT_FUNDING,
                    a.ref,
                    a.title,
                    "No Medium Term Financial Plan line funds it.",
                )
            )

    for line in funding_lines:
        reason = _none_reason("is funded by this line", by_line.get(line.code))
        if reason:
            gaps.append(Gap(GapKind.FUNDING_LINE_WITHOUT_ACTIVITY, line.code, line.title, reason))

    gaps.extend(_overcommitted(funding_lines, activities))

    for threat in threats:
        reason = _none_reason("addresses this threat", by_threat.get(threat.code))
        if reason:
            gaps.append(Gap(GapKind.THREAT_NOT_ADDRESSED, threat.code, threat.title, reason))

    by_partner_plan = _cover((a.partner_plan_code, a) for a in activities if a.partner_plan_code)
    for plan in partner_plans:
        reason = _none_reason("is aligned with this plan", by_partner_plan.get(plan.code))
        if reason:
            gaps.append(Gap(GapKind.PARTNER_PLAN_WITHOUT_ACTIVITY, plan.code, plan.title, reason))
    if today is not None:
        gaps.extend(commitments_needed(partner_plans, activities, today))

    for link, items in (catalogues or {}).items():
        kind, words = COVERAGE_CHECKS[link]
        covered = _cover((code, a) for a in activities for name, code in a.links if name == link)
        for item in items:
            reason = _none_reason(words, covered.get(item.code))
            if reason:
                gaps.append(Gap(kind, item.code, item.title, reason))

    for a in activities:
        if a.status == SLIPPED:
            gaps.append(
                Gap(
                    GapKind.ACTIVITY_SLIPPED,
                    a.ref,
                    a.title,
                    "Marked slipped: it will not finish when planned.",
                )
            )

    order = list(GapKind)
    return sorted(gaps, key=lambda g: order.index(g.kind))


def _overcommitted(
    funding_lines: Sequence[CodedItem], activities: Sequence[ActivityItem]
) -> list[Gap]:
    """Return a gap for each line and year where live activities commit more than the line."""
    committed: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for a in activities:
        if a.funding_code and a.status != STOPPED:
            for year, amount in a.funding:
                if amount:
                    committed.setdefault((a.funding_code, year), []).append((a.ref, amount))
    gaps = []
    for line in funding_lines:
        budget = dict(line.amounts)
        for year in sorted(y for code, y in committed if code == line.code):
            spends = committed[(line.code, year)]
            total = sum(amount for _, amount in spends)
            available = budget.get(year)
            if available is not None and total <= available:
                continue
            detail = ", ".join(f"{ref} {pounds(amount)}" for ref, amount in sorted(spends))
            if available is None:
                reason = (
                    f"{year_label(year)}: activities commit {pounds(total)} ({detail}) but the "
                    "line has no amount for that year."
                )
            else:
                reason = (
                    f"{year_label(year)}: activities commit {pounds(total)} ({detail}) against "
                    f"{pounds(available)}, {pounds(total - available)} more than the line."
                )
            gaps.append(Gap(GapKind.FUNDING_OVERCOMMITTED, line.code, line.title, reason))
    return gaps


def commitments_needed(
    partner_plans: Sequence[PartnerPlanItem], activities: Sequence[ActivityItem], today: dt.date
) -> list[Gap]:
    """Return a gap for each live activity still waiting on a partner plan's commitment."""
    plans = {p.code: p for p in partner_plans}
    gaps = []
    for a in activities:
        plan = plans.get(a.partner_plan_code or "")
        if plan is None or plan.commitments_close is None or a.partner_committed_on:
            continue
        if a.status in (STOPPED, DONE):
            continue
        who = plan.organisation or "the partner"
        close = f"{plan.commitments_close:%-d %B %Y}"
        days = (plan.commitments_close - today).days
        if days < 0:
            reason = (
                f"{who}'s window for {plan.title} closed on {close} with no commitment "
                "recorded: agree it with them or plan for their next cycle."
            )
        else:
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            reason = (
                f"Needs {who}'s commitment in {plan.title} before its window closes on "
                f"{close} ({when})."
            )
        gaps.append(Gap(GapKind.PARTNER_COMMITMENT_NEEDED, a.ref, a.title, reason))
    return gaps


def group_gaps(gaps: Iterable[Gap]) -> list[tuple[GapKind, list[Gap]]]:
    """Return the gaps grouped by kind, every kind present (empty lists where none)."""
    grouped: dict[GapKind, list[Gap]] = {kind: [] for kind in GapKind}
    for gap in gaps:
        grouped[gap.kind].append(gap)
    return list(grouped.items())
