"""Shaping the plan for display."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model

from oversight.analysis.welsh import needs_welsh, welsh_key
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.plans.welsh import KINDS, Kind, items_of


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


@dataclass
class WelshRow:
    """One text of the plan: its English beside its Welsh, and whether the Welsh is missing."""

    name: str  # the item in words: "Measure PUK02"
    code: str
    text: str  # the English field: "name"
    english: str
    welsh: str
    missing: bool
    first: bool = False  # the first row shown of its item, which the page can be linked to

    @property
    def welsh_field(self) -> str:
        return welsh_key(self.text)


@dataclass
class WelshSection:
    """The texts of one kind of item (the plan, its priorities, ...), in plan order.

    ``rows`` are those shown; ``total`` and ``missing`` count every text of the kind.
    """

    kind: Kind
    rows: list[WelshRow]
    total: int
    missing: int


def _items(plan: Plan, kind: Kind) -> Iterable[Model]:
    return [plan] if kind.slug == "plan" else items_of(plan, kind)


def _rows(item: Model, kind: Kind) -> list[WelshRow]:
    rows = []
    for text in kind.texts:
        english, cy = getattr(item, text), getattr(item, welsh_key(text))
        # Nothing to translate; Welsh with no English is kept, so it can be seen and cleared.
        if english.strip() or cy.strip():
            rows.append(WelshRow(kind.name_of(item), kind.code_of(item), text, english, cy,
                                 needs_welsh(english, cy)))  # fmt: skip
    return rows


def welsh_sections(plan: Plan, *, missing_only: bool = False) -> list[WelshSection]:
    """Return every text of the plan with its Welsh, by kind of item, in plan order.

    With ``missing_only``, only the texts with no Welsh version are shown (all are counted).
    """
    sections = []
    for kind in KINDS.values():
        every = [_rows(item, kind) for item in _items(plan, kind)]
        shown = []
        for rows in every:
            kept = [row for row in rows if row.missing or not missing_only]
            if kept:
                kept[0].first = True
            shown += kept
        missing = sum(row.missing for rows in every for row in rows)
        sections.append(WelshSection(kind, shown, sum(map(len, every)), missing))
    return sections
