"""The planning catalogues shaped for their pages: counts, rows, pounds and change history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from oversight.accounts import audit
from oversight.accounts.models import AuditEvent, User
from oversight.plans.models import Plan
from oversight.roadmap import catalogues
from oversight.roadmap.catalogue_rows import items_of
from oversight.roadmap.catalogues import CATALOGUES, Catalogue
from oversight.roadmap.models import Activity, PartnerPlan
from oversight.roadmap.models.links import LinkItem

# What the history calls each field, in the order it lists them.
FIELD_LABELS = {
    "code": "Code",
    "title": "Title",
    "description": "Description",
    "order": "Order",
    "organisation": "Owner",
    "amounts": "Amounts",
    "kind": "Kind",
    "assessment_date": "Needs assessment",
    "commitments_close": "Commitments close",
    "publication_date": "Publication",
    "first_year": "First year",
    "last_year": "Last year",
}
_ACTIONS = {
    "roadmap.catalogue.created": "Created",
    "roadmap.catalogue.updated": "Changed",
    "roadmap.catalogue.deleted": "Deleted",
}


def money(amount: int | None) -> str:
    """Return whole pounds as people write them: £41,200,000 (a dash for none)."""
    return "—" if amount is None else f"£{amount:,}"


@dataclass(frozen=True)
class CatalogueSummary:
    catalogue: Catalogue
    count: int
    may_add: bool


def summaries(plan: Plan, user: User) -> list[CatalogueSummary]:
    """Return each catalogue with its number of items and whether `user` may add one."""
    return [
        CatalogueSummary(c, c.model.objects.filter(plan=plan).count(), catalogues.may_add(user, c))
        for c in CATALOGUES
    ]


@dataclass(frozen=True)
class ItemRow:
    """One item as its catalogue's list shows it."""

    item: LinkItem
    linked: int
    amounts: list[str] = field(default_factory=list)  # one per plan year, formatted
    total: str = ""
    kind: str = ""


def item_row(catalogue: Catalogue, item: LinkItem, plan: Plan, linked: int) -> ItemRow:
    """Return an item with its linked-activity count, amounts by plan year and partner kind."""
    amounts: list[str] = []
    total = ""
    if catalogue.has_amounts:
        by_year = {a.year: a.amount for a in item.amounts.all()}
        amounts = [money(by_year.get(year)) for year in plan.years]
        total = money(sum(by_year.get(year, 0) for year in plan.years))
    kind = item.get_kind_display() if isinstance(item, PartnerPlan) else ""
    return ItemRow(item, linked, amounts, total, kind)


def item_rows(catalogue: Catalogue, plan: Plan) -> list[ItemRow]:
    """Return a catalogue's items in order, each with what its list shows."""
    counts = dict(
        Activity.objects.filter(plan=plan, **{f"{catalogue.field}__isnull": False})
        .values(catalogue.field)
        .annotate(n=Count("id"))
        .values_list(catalogue.field, "n")
    )
    return [
        item_row(catalogue, item, plan, counts.get(item.pk, 0))
        for item in items_of(catalogue, plan)
    ]


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    event: AuditEvent
    action: str
    version: int | None  # the item's version after the change
    changes: list[Change]


def _shown(name: str, value: Any, plan: Plan) -> str:
    if value in (None, "", {}):
        return "—"
    if name == "amounts":
        labels = dict(zip(plan.years, plan.year_labels, strict=True))
        return "; ".join(
            f"{labels.get(int(year), year)} {money(amount)}" for year, amount in value.items()
        )
    if name == "kind":
        return str(dict(PartnerPlan.Kind.choices).get(value, value))
    return str(value)


def history(item: LinkItem, plan: Plan) -> list[HistoryEntry]:
    """Return the item's changes from the audit log, newest first, each field before and after."""
    events = AuditEvent.objects.filter(
        object_type=item._meta.label, object_id=str(item.pk), action__in=list(_ACTIONS)
    ).order_by("-at", "-id")
    entries = []
    for event in events:
        differ = audit.changed(event.before or {}, event.after or {})
        shown = [
            Change(label, _shown(name, differ[name][0], plan), _shown(name, differ[name][1], plan))
            for name, label in FIELD_LABELS.items()
            if name in differ
        ]
        # "" and None differ in the record but read the same on the page.
        changes = [c for c in shown if c.before != c.after]
        version = (event.after or event.before or {}).get("version")
        entries.append(HistoryEntry(event, _ACTIONS[event.action], version, changes))
    return entries
