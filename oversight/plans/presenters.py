"""Shaping the plan for display."""

from dataclasses import dataclass, field

from oversight.plans.models import Measure, Outcome, Plan, Priority


@dataclass
class OutcomeRow:
    outcome: Outcome
    measures: list[Measure] = field(default_factory=list)


@dataclass
class PriorityRow:
    priority: Priority
    outcomes: list[OutcomeRow] = field(default_factory=list)


def plan_tree(plan: Plan) -> list[PriorityRow]:
    """Return the plan as priorities → outcomes → measures, in plan order, in three queries."""
    rows = {p.pk: PriorityRow(p) for p in plan.priorities.all()}
    outcome_rows: dict[int, OutcomeRow] = {}
    for o in Outcome.objects.filter(priority__plan=plan):
        outcome_rows[o.pk] = OutcomeRow(o)
        rows[o.priority_id].outcomes.append(outcome_rows[o.pk])
    for m in plan.measures.prefetch_related("themes"):
        outcome_rows[m.outcome_id].measures.append(m)
    return list(rows.values())
