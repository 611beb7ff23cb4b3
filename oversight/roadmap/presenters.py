"""Shaping the roadmap for display: the matrix, its filters, and the alignment report."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import QueryDict

from oversight.accounts.models import Organisation
from oversight.analysis.alignment import (
    ActivityItem,
    CodedItem,
    Gap,
    GapKind,
    OutcomeItem,
    PriorityItem,
    find_gaps,
    group_gaps,
)
from oversight.plans.models import Outcome, Plan, Priority
from oversight.roadmap.models import (
    LINK_MODELS,
    Activity,
    FinancialPlanLine,
    Perspective,
    PolicingRequirementThreat,
    Status,
)

# Link types a filter can ask to be present: the single links, then outcomes and measures.
LINK_FILTERS: tuple[tuple[str, str], ...] = (
    ("outcomes", "Plan outcome"),
    ("measures", "Plan measure"),
    *((name, label) for name, _, label in LINK_MODELS),
)


@dataclass
class Filters:
    """The matrix's GET filters, as given (invalid values are ignored, not errors)."""

    perspective: str = ""
    partner: str = ""
    status: str = ""
    link: str = ""
    quarters: bool = False

    @classmethod
    def from_query(cls, query: QueryDict) -> Filters:
        def pick(name: str, allowed: list[str]) -> str:
            value = query.get(name, "")
            return value if value in allowed else ""

        return cls(
            perspective=pick("perspective", Perspective.values),
            partner=query.get("partner", "")[:80],
            status=pick("status", Status.values),
            link=pick("link", [name for name, _ in LINK_FILTERS]),
            quarters=query.get("view") == "quarters",
        )

    def apply(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        """Return the activities that pass these filters."""
        if self.perspective:
            activities = activities.filter(perspective=self.perspective)
        if self.partner:
            activities = activities.filter(partner__slug=self.partner)
        if self.status:
            activities = activities.filter(status=self.status)
        if self.link in ("outcomes", "measures"):
            activities = activities.filter(**{f"{self.link}__isnull": False}).distinct()
        elif self.link:
            activities = activities.filter(**{f"{self.link}__isnull": False})
        return activities

    @property
    def active(self) -> bool:
        return bool(self.perspective or self.partner or self.status or self.link)

    def describe(self) -> str:
        """Return the filters in words, for captions and printed copies."""
        parts = []
        if self.perspective:
            parts.append(f"perspective {Perspective(self.perspective).label}")
        if self.partner:
            parts.append(f"partner {self.partner}")
        if self.status:
            parts.append(f"status {Status(self.status).label}")
        if self.link:
            parts.append(f"linked to a {dict(LINK_FILTERS)[self.link]}")
        return "; ".join(parts) if parts else "all activities"


@dataclass
class Column:
    year: int
    quarter: int | None
    label: str


@dataclass
class Row:
    priority: Priority | None
    cells: list[list[Activity]]

    @property
    def count(self) -> int:
        return len({a.pk for cell in self.cells for a in cell})


@dataclass
class Group:
    label: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Matrix:
    plan: Plan
    columns: list[Column]
    groups: list[Group]
    activities: list[Activity]


def columns_for(plan: Plan, *, quarters: bool) -> list[Column]:
    """Return the matrix columns: the plan years, or each quarter of them."""
    if not quarters:
        return [
            Column(y, None, label) for y, label in zip(plan.years, plan.year_labels, strict=True)
        ]
    return [
        Column(y, q, f"{label} Q{q}")
        for y, label in zip(plan.years, plan.year_labels, strict=True)
        for q in (1, 2, 3, 4)
    ]


def activities_for(plan: Plan) -> QuerySet[Activity]:
    """Return the plan's activities with everything the matrix and detail pages show."""
    return (
        Activity.objects.filter(plan=plan)
        .select_related("priority", "partner", *(name for name, _, _ in LINK_MODELS))
        .prefetch_related("outcomes", "measures", "milestones")
        .order_by("ref")
    )


def build_matrix(
    plan: Plan, activities: QuerySet[Activity], *, quarters: bool, show_unprioritised: bool
) -> Matrix:
    """Return the matrix: priorities grouped by kind, one cell per column they run in."""
    columns = columns_for(plan, quarters=quarters)
    chosen = list(activities)
    by_priority: dict[int | None, list[Activity]] = {}
    for a in chosen:
        by_priority.setdefault(a.priority_id, []).append(a)

    def row(priority: Priority | None) -> Row:
        mine = by_priority.get(priority.pk if priority else None, [])
        return Row(priority, [[a for a in mine if a.spans(c.year, c.quarter)] for c in columns])

    groups = []
    priorities = list(Priority.objects.filter(plan=plan).order_by("order", "code"))
    for kind, label in Priority.Kind.choices:
        rows = [row(p) for p in priorities if p.kind == kind]
        if rows:
            groups.append(Group(f"{label.split()[0]} priorities", rows))
    if show_unprioritised and None in by_priority:
        groups.append(Group("Not linked to a priority", [row(None)]))
    return Matrix(plan, columns, groups, chosen)


def partner_choices(plan: Plan) -> list[Organisation]:
    """Return the organisations with partner activities on this plan's roadmap."""
    return list(
        Organisation.objects.filter(roadmap_activities__plan=plan).distinct().order_by("name")
    )


# Alignment --------------------------------------------------------------------------


def alignment_gaps(plan: Plan) -> list[Gap]:
    """Return the plan's alignment gaps (see oversight.analysis.alignment)."""
    activities = []
    for a in activities_for(plan):
        outcome_codes = {o.code for o in a.outcomes.all()}
        outcome_codes |= {m.outcome.code for m in a.measures.select_related("outcome").all()}
        activities.append(
            ActivityItem(
                ref=a.ref,
                title=a.title,
                status=a.status,
                priority_code=a.priority.code if a.priority_id else None,
                outcome_codes=tuple(sorted(outcome_codes)),
                funding_code=a.funding_line.code if a.funding_line_id else None,
                threat_codes=(a.spr_threat.code,) if a.spr_threat_id else (),
            )
        )
    return find_gaps(
        priorities=[PriorityItem(p.code, p.title) for p in Priority.objects.filter(plan=plan)],
        outcomes=[
            OutcomeItem(o.code, o.title, o.priority.code)
            for o in Outcome.objects.filter(priority__plan=plan).select_related("priority")
        ],
        activities=activities,
        funding_lines=[
            CodedItem(f.code, f.title) for f in FinancialPlanLine.objects.filter(plan=plan)
        ],
        threats=[
            CodedItem(t.code, t.title) for t in PolicingRequirementThreat.objects.filter(plan=plan)
        ],
    )


def alignment_report(plan: Plan) -> list[tuple[GapKind, list[Gap]]]:
    """Return the gaps grouped by kind, every kind listed."""
    return group_gaps(alignment_gaps(plan))
