"""Shaping the roadmap for display: the matrix, its filters, and the alignment report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import QueryDict

from oversight.accounts.models import Organisation
from oversight.analysis.alignment import (
    COVERAGE_CHECKS,
    ActivityItem,
    CodedItem,
    Gap,
    GapKind,
    OutcomeItem,
    PartnerPlanItem,
    PriorityItem,
    commitments_needed,
    find_gaps,
    group_gaps,
)
from oversight.analysis.balance import Balance, BalanceActivity, BalancePriority, balance
from oversight.analysis.balance import Cell as BalanceCell
from oversight.plans.models import Outcome, Plan, Priority
from oversight.roadmap.models import (
    LINK_MODELS,
    Activity,
    FinancialPlanLine,
    PartnerPlan,
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


def short_pounds(amount: int) -> str:
    """Return pounds briefly, as a matrix cell has room for: £41.2m, £950k, £800."""
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:,.1f}m".replace(".0m", "m")
    if amount >= 10_000:
        return f"£{amount / 1_000:,.0f}k"
    return f"£{amount:,}"


@dataclass
class MatrixCell:
    """The activities running in one column of a priority's row, and what each spends there.

    `amounts` holds an activity's funding in the column's year only where the viewer may see
    it (see `rules.sees_funding`), and only in plan-year columns.
    """

    column: Column
    activities: list[Activity]
    amounts: dict[int, int] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.activities)

    def __len__(self) -> int:
        return len(self.activities)

    @property
    def entries(self) -> list[tuple[Activity, str]]:
        return [
            (a, short_pounds(self.amounts[a.pk]) if a.pk in self.amounts else "")
            for a in self.activities
        ]


@dataclass
class Row:
    priority: Priority | None
    cells: list[MatrixCell]

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
        .prefetch_related("outcomes", "measures__outcome", "milestones", "funding")
        .order_by("ref")
    )


def build_matrix(
    plan: Plan,
    activities: Iterable[Activity],
    *,
    quarters: bool,
    show_unprioritised: bool,
    sees_funding: Callable[[Activity], bool] | None = None,
) -> Matrix:
    """Return the matrix: priorities grouped by kind, one cell per column they run in.

    `sees_funding` says whose funding the viewer may see; without it none is shown.
    """
    columns = columns_for(plan, quarters=quarters)
    chosen = list(activities)
    by_priority: dict[int | None, list[Activity]] = {}
    for a in chosen:
        by_priority.setdefault(a.priority_id, []).append(a)
    money: dict[tuple[int, int], int] = {}
    if sees_funding is not None and not quarters:
        for a in chosen:
            if sees_funding(a):
                money.update({(a.pk, f.year): f.amount for f in a.funding.all()})

    def cell(mine: list[Activity], c: Column) -> MatrixCell:
        running = [a for a in mine if a.spans(c.year, c.quarter)]
        amounts = {a.pk: money[(a.pk, c.year)] for a in running if (a.pk, c.year) in money}
        return MatrixCell(c, running, amounts)

    def row(priority: Priority | None) -> Row:
        mine = by_priority.get(priority.pk if priority else None, [])
        return Row(priority, [cell(mine, c) for c in columns])

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


def _funding(activity: Activity) -> tuple[tuple[int, int], ...]:
    return tuple((f.year, f.amount) for f in activity.funding.all())


def _item(a: Activity) -> ActivityItem:
    """Return what the alignment checks need of an activity loaded by `activities_for`."""
    outcome_codes = {o.code for o in a.outcomes.all()}
    outcome_codes |= {m.outcome.code for m in a.measures.all()}
    return ActivityItem(
        ref=a.ref,
        title=a.title,
        status=a.status,
        priority_code=a.priority.code if a.priority_id else None,
        outcome_codes=tuple(sorted(outcome_codes)),
        funding_code=a.funding_line.code if a.funding_line_id else None,
        threat_codes=(a.spr_threat.code,) if a.spr_threat_id else (),
        funding=_funding(a),
        partner_plan_code=a.partner_plan.code if a.partner_plan_id else None,
        partner_committed_on=a.partner_committed_on,
        links=tuple(
            (name, getattr(a, name).code) for name in COVERAGE_CHECKS if getattr(a, f"{name}_id")
        ),
    )


def _partner_plans(plan: Plan) -> list[PartnerPlanItem]:
    return [
        PartnerPlanItem(
            p.code, p.title, p.organisation.name if p.organisation_id else "", p.commitments_close
        )
        for p in PartnerPlan.objects.filter(plan=plan).select_related("organisation")
    ]


def alignment_gaps(plan: Plan, *, today: dt.date | None = None) -> list[Gap]:
    """Return the plan's alignment gaps (see oversight.analysis.alignment)."""
    link_models = {name: model for name, model, _ in LINK_MODELS}
    activities = [_item(a) for a in activities_for(plan)]
    lines = FinancialPlanLine.objects.filter(plan=plan).prefetch_related("amounts")
    return find_gaps(
        priorities=[PriorityItem(p.code, p.title) for p in Priority.objects.filter(plan=plan)],
        outcomes=[
            OutcomeItem(o.code, o.title, o.priority.code)
            for o in Outcome.objects.filter(priority__plan=plan).select_related("priority")
        ],
        activities=activities,
        funding_lines=[
            CodedItem(f.code, f.title, tuple((a.year, a.amount) for a in f.amounts.all()))
            for f in lines
        ],
        threats=[
            CodedItem(t.code, t.title) for t in PolicingRequirementThreat.objects.filter(plan=plan)
        ],
        partner_plans=_partner_plans(plan),
        catalogues={
            name: [CodedItem(i.code, i.title) for i in link_models[name].objects.filter(plan=plan)]
            for name in COVERAGE_CHECKS
        },
        today=today or dt.date.today(),
    )


def waiting_on_partners(
    plan: Plan, activities: Iterable[Activity], *, today: dt.date | None = None
) -> list[Gap]:
    """Return the gaps of these (already loaded) activities that wait on a partner's window."""
    return commitments_needed(
        _partner_plans(plan), [_item(a) for a in activities], today or dt.date.today()
    )


def alignment_report(
    plan: Plan, *, today: dt.date | None = None
) -> list[tuple[GapKind, list[Gap]]]:
    """Return the gaps grouped by kind, every kind listed."""
    return group_gaps(alignment_gaps(plan, today=today))


def balance_for(plan: Plan, activities: list[Activity] | None = None) -> Balance:
    """Return the roadmap's activity and funding per priority per plan year."""
    chosen = activities if activities is not None else list(activities_for(plan))
    return balance(
        priorities=[
            BalancePriority(p.code, p.title)
            for p in Priority.objects.filter(plan=plan).order_by("order", "code")
        ],
        years=list(plan.years),
        activities=[
            BalanceActivity(
                ref=a.ref,
                priority_code=a.priority.code if a.priority_id else None,
                start_year=a.start_year,
                end_year=a.end_year,
                status=a.status,
                funding=_funding(a),
            )
            for a in chosen
        ],
    )


@dataclass(frozen=True)
class BalanceCellView:
    count: int
    live: int
    status_text: str
    funded_text: str


@dataclass(frozen=True)
class BalanceRowView:
    code: str
    title: str
    cells: list[BalanceCellView]
    funded_text: str


def _cell_view(cell: BalanceCell) -> BalanceCellView:
    labels = dict(Status.choices)
    text = ", ".join(f"{n} {labels.get(s, s).lower()}" for s, n in cell.statuses)
    return BalanceCellView(cell.count, cell.live, text, f"£{cell.funded:,} funded")


def balance_rows(result: Balance) -> list[BalanceRowView]:
    """Return the balance's rows in words, for the page and the PDF."""
    return [
        BalanceRowView(r.code, r.title, [_cell_view(c) for c in r.cells], f"£{r.funded:,}")
        for r in result.rows
    ]


def balance_totals(result: Balance) -> list[BalanceCellView]:
    return [_cell_view(c) for c in result.totals]
