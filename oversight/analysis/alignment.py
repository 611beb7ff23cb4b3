"""Alignment of the roadmap with the Plan, the MTFP and the SPR: the gaps, each with a reason.

Pure: plain dataclasses in, a list of `Gap` out. The Joint Planning Board uses it to check
that planning activity covers every priority and outcome of the Police and Crime Reduction
Plan, is funded by a line of the Medium Term Financial Plan, and addresses every threat of
the Strategic Policing Requirement.

A stopped activity no longer covers anything: a priority whose only activities are stopped
is a gap, and so is a financial-plan line or threat that only stopped activities point at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class GapKind(StrEnum):
    """The kinds of gap, in the order the report lists them."""

    PRIORITY_WITHOUT_ACTIVITY = "priority_without_activity"
    OUTCOME_WITHOUT_ACTIVITY = "outcome_without_activity"
    ACTIVITY_WITHOUT_PRIORITY = "activity_without_priority"
    ACTIVITY_WITHOUT_FUNDING = "activity_without_funding"
    FUNDING_LINE_WITHOUT_ACTIVITY = "funding_line_without_activity"
    THREAT_NOT_ADDRESSED = "threat_not_addressed"
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
    GapKind.THREAT_NOT_ADDRESSED: "Strategic Policing Requirement threats not addressed",
    GapKind.ACTIVITY_SLIPPED: "Slipped activities",
}

STOPPED = "stopped"
SLIPPED = "slipped"


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
    """A financial-plan line or an SPR threat."""

    code: str
    title: str


@dataclass(frozen=True)
class ActivityItem:
    """What the report needs of an activity; `outcome_codes` include its measures' outcomes."""

    ref: str
    title: str
    status: str
    priority_code: str | None = None
    outcome_codes: tuple[str, ...] = ()
    funding_code: str | None = None
    threat_codes: tuple[str, ...] = ()


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
) -> list[Gap]:
    """Return every alignment gap, grouped by kind in `GapKind` order, each with its reason."""
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

    for threat in threats:
        reason = _none_reason("addresses this threat", by_threat.get(threat.code))
        if reason:
            gaps.append(Gap(GapKind.THREAT_NOT_ADDRESSED, threat.code, threat.title, reason))

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


def group_gaps(gaps: Iterable[Gap]) -> list[tuple[GapKind, list[Gap]]]:
    """Return the gaps grouped by kind, every kind present (empty lists where none)."""
    grouped: dict[GapKind, list[Gap]] = {kind: [] for kind in GapKind}
    for gap in gaps:
        grouped[gap.kind].append(gap)
    return list(grouped.items())
