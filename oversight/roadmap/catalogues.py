"""The planning catalogues activities link to, who may change them, and the writes to them.

Every write is keyword-only, atomic and audited (`roadmap.catalogue.created`, `.updated`,
`.deleted`) with the item's state before and after, MTFP amounts included, and checks here,
not only in the views, who may make it: the Commissioner's and the Chief Constable's teams
change any item; a partner changes only its own organisation's partner plans, well-being
objectives and equality objectives; `by=None` is the system (the demo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Permission, Role
from oversight.plans.models import Plan
from oversight.roadmap.catalogue_values import PARTNER_PLAN_FIELDS, ItemValues, problems
from oversight.roadmap.models import (
    LINK_MODELS,
    AcademicWorkItem,
    Activity,
    EngagementItem,
    EqualityObjective,
    FinancialPlanAmount,
    FinancialPlanLine,
    JusticeSystemAction,
    PartnerPlan,
    PolicingRequirementThreat,
    WellbeingObjective,
)
from oversight.roadmap.models.links import LinkItem


@dataclass(frozen=True)
class Catalogue:
    """One catalogue: its address, model, the activity field that links to it, its names."""

    slug: str  # in page addresses: /roadmap/catalogues/<slug>/
    model: type[LinkItem]
    field: str  # Activity's foreign key to it
    label: str  # one item, e.g. "Medium Term Financial Plan line"
    title: str  # the catalogue, e.g. "Medium Term Financial Plan"
    sheet: str  # its worksheet in the exported workbook
    partners_maintain: bool  # whether partners keep their own organisation's items in it

    @property
    def has_amounts(self) -> bool:
        return self.model is FinancialPlanLine

    @property
    def is_partner_plan(self) -> bool:
        return self.model is PartnerPlan


_NAMES = {
    FinancialPlanLine: ("mtfp", "Medium Term Financial Plan", "MTFP", False),
    PolicingRequirementThreat: ("spr", "Strategic Policing Requirement", "SPR", False),
    PartnerPlan: ("partner-plans", "Partner plans", "Partner plans", True),
    WellbeingObjective: ("wellbeing", "Well-being Plan objectives", "Well-being objectives", True),
    EqualityObjective: ("equality", "Equality objectives", "Equality objectives", True),
    EngagementItem: ("engagement", "Consultation and engagement programme", "Engagement", False),
    AcademicWorkItem: ("academic", "Academic work programme", "Academic work", False),
    JusticeSystemAction: ("justice", "Criminal justice system actions", "Justice actions", False),
}

# In the order of LINK_MODELS, which is the order of the activity's links everywhere.
CATALOGUES: tuple[Catalogue, ...] = tuple(
    Catalogue(slug, model, field, label, title, sheet, partners)
    for field, model, label in LINK_MODELS
    for slug, title, sheet, partners in [_NAMES[model]]
)
_BY_SLUG = {c.slug: c for c in CATALOGUES}
_BY_MODEL = {c.model: c for c in CATALOGUES}


def catalogue_for(slug: str) -> Catalogue | None:
    """Return the catalogue with this address slug, or None."""
    return _BY_SLUG.get(slug)


def catalogue_of(model: type[LinkItem]) -> Catalogue:
    """Return the catalogue of a link model."""
    return _BY_MODEL[model]


# Who may change what ------------------------------------------------------------------


def refusal(
    user: User | None, catalogue: Catalogue, organisation: Organisation | None
) -> str | None:
    """Return why `user` may not change an item of `organisation` in `catalogue`, or None."""
    if user is None:
        return None
    if not user.is_authenticated or not user.can(Permission.EDIT_ROADMAP):
        return "your role cannot change the planning catalogues"
    if user.role != Role.PARTNER:
        return None
    if not catalogue.partners_maintain:
        return (
            "partners maintain only their own organisation's partner plans, well-being "
            f"objectives and equality objectives; the {catalogue.title} is kept by the "
            "Commissioner's and the Chief Constable's teams"
        )
    if organisation is None or organisation.pk != user.organisation_id:
        owner = f"{organisation}'s" if organisation is not None else "no organisation's"
        return (
            f"partners change only their own organisation's items ({user.organisation}), "
            f"not {owner}"
        )
    return None


def may_change(user: User | None, catalogue: Catalogue, organisation: Organisation | None) -> bool:
    """Return whether `user` may change an item of `organisation` in `catalogue`."""
    return refusal(user, catalogue, organisation) is None


def may_add(user: User | None, catalogue: Catalogue) -> bool:
    """Return whether `user` may add any item to `catalogue` (partners: their own)."""
    own = getattr(user, "organisation", None) if getattr(user, "role", "") == Role.PARTNER else None
    return may_change(user, catalogue, own)


def check_may_change(
    user: User | None, catalogue: Catalogue, organisation: Organisation | None
) -> None:
    """Raise PermissionDenied, with a sentence, unless `user` may make the change."""
    reason = refusal(user, catalogue, organisation)
    if reason:
        raise PermissionDenied(reason[0].upper() + reason[1:] + ".")


# An item's state ----------------------------------------------------------------------


def _amounts_of(line: FinancialPlanLine) -> dict[str, int]:
    return {str(a.year): a.amount for a in sorted(line.amounts.all(), key=lambda a: a.year)}


def _partner_plan_content(source: PartnerPlan | ItemValues) -> dict[str, Any]:
    found = {name: getattr(source, name) for name in PARTNER_PLAN_FIELDS}
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in found.items()}


def content(item: LinkItem) -> dict[str, Any]:
    """Return what an item says, JSON-safe: its fields, MTFP amounts as {"2025": pounds}."""
    found: dict[str, Any] = {
        "code": item.code,
        "title": item.title,
        "description": item.description,
        "order": item.order,
        "organisation": item.organisation.slug if item.organisation_id else None,
    }
    if isinstance(item, FinancialPlanLine):
        found["amounts"] = _amounts_of(item)
    if isinstance(item, PartnerPlan):
        found.update(_partner_plan_content(item))
    return found


def content_of_values(
    catalogue: Catalogue, values: ItemValues, *, current: LinkItem | None = None
) -> dict[str, Any]:
    """Return what an item would say with `values` (amounts None: those of `current`)."""
    found: dict[str, Any] = {
        "code": values.code,
        "title": values.title,
        "description": values.description,
        "order": values.order,
        "organisation": values.organisation.slug if values.organisation is not None else None,
    }
    if catalogue.has_amounts:
        if values.amounts is not None:
            found["amounts"] = {str(y): a for y, a in sorted(values.amounts.items())}
        else:
            found["amounts"] = _amounts_of(current) if current is not None else {}
    if catalogue.is_partner_plan:
        found.update(_partner_plan_content(values))
    return found


def state(item: LinkItem) -> dict[str, Any]:
    """Return an item's state as the audit log records it: its content and its version."""
    return {**content(item), "version": item.version}


def values_of(item: LinkItem) -> ItemValues:
    """Return an item's values, to change some and save them."""
    values = ItemValues(
        code=item.code,
        title=item.title,
        description=item.description,
        order=item.order,
        organisation=item.organisation,
    )
    if isinstance(item, FinancialPlanLine):
        values.amounts = {a.year: a.amount for a in item.amounts.all()}
    if isinstance(item, PartnerPlan):
        for name in PARTNER_PLAN_FIELDS:
            setattr(values, name, getattr(item, name))
    return values


def linked_activities(catalogue: Catalogue, item: LinkItem) -> list[Activity]:
    """Return the activities that link to an item, by ref."""
    return list(Activity.objects.filter(**{catalogue.field: item}).order_by("ref"))


# Writes -------------------------------------------------------------------------------


def _check(catalogue: Catalogue, plan: Plan, values: ItemValues, current: LinkItem | None) -> None:
    new_code = current is None or values.code != current.code
    found = problems(
        values,
        years=dict(zip(plan.years, plan.year_labels, strict=True)),
        kinds=PartnerPlan.Kind.values,
        has_amounts=catalogue.has_amounts,
        is_partner_plan=catalogue.is_partner_plan,
        new_code=new_code,
    )
    taken = catalogue.model.objects.filter(plan=plan, code=values.code)
    if values.code and new_code and taken.exists():
        found.append(("code", f"{values.code} is already in the {catalogue.title}"))
    if found:
        errors: dict[str, list[str]] = {}
        for field, reason in found:
            errors.setdefault(field, []).append(reason[0].upper() + reason[1:] + ".")
        raise ValidationError(errors)


def _write(catalogue: Catalogue, item: LinkItem, values: ItemValues) -> None:
    for name in ("code", "title", "description", "order", "organisation"):
        setattr(item, name, getattr(values, name))
    if catalogue.is_partner_plan:
        for name in PARTNER_PLAN_FIELDS:
            setattr(item, name, getattr(values, name))
    item.save()
    if catalogue.has_amounts and values.amounts is not None:
        FinancialPlanAmount.objects.filter(line=item).delete()
        FinancialPlanAmount.objects.bulk_create(
            FinancialPlanAmount(line=item, year=year, amount=amount)
            for year, amount in sorted(values.amounts.items())
        )
        # A prefetched list of the old amounts would otherwise answer `content` below.
        getattr(item, "_prefetched_objects_cache", {}).pop("amounts", None)


@transaction.atomic
def create_item(
    *, model: type[LinkItem], plan: Plan, values: ItemValues, by: User | None
) -> LinkItem:
    """Add an item to a catalogue; audited (ValidationError if ill-formed, PermissionDenied
    if `by` may not)."""
    catalogue = catalogue_of(model)
    values = values.cleaned()
    check_may_change(by, catalogue, values.organisation)
    _check(catalogue, plan, values, None)
    item = model(plan=plan)
    _write(catalogue, item, values)
    audit.record(by=by, action="roadmap.catalogue.created", obj=item, after=state(item))
    return item


@transaction.atomic
def update_item(*, item: LinkItem, values: ItemValues, by: User | None) -> bool:
    """Change an item to `values`; return whether anything changed (then version + 1, audited).

    `by` must be allowed to change the item both as it was and as it will be, so a partner
    can neither take over another organisation's item nor give its own away.
    """
    catalogue = catalogue_of(type(item))
    values = values.cleaned()
    check_may_change(by, catalogue, item.organisation)
    check_may_change(by, catalogue, values.organisation)
    _check(catalogue, item.plan, values, item)
    before = state(item)
    if content_of_values(catalogue, values, current=item) == content(item):
        return False
    item.version += 1
    _write(catalogue, item, values)
    audit.record(
        by=by, action="roadmap.catalogue.updated", obj=item, before=before, after=state(item)
    )
    return True


@transaction.atomic
def set_amounts(*, line: FinancialPlanLine, amounts: dict[int, int], by: User | None) -> bool:
    """Set an MTFP line's whole-pound amount per plan year; return whether any changed."""
    values = values_of(line)
    values.amounts = dict(amounts)
    return update_item(item=line, values=values, by=by)


@transaction.atomic
def delete_item(*, item: LinkItem, by: User | None) -> None:
    """Remove an item from its catalogue; audited. ValidationError if activities link to it."""
    catalogue = catalogue_of(type(item))
    check_may_change(by, catalogue, item.organisation)
    linked = [a.ref for a in linked_activities(catalogue, item)]
    if linked:
        count = f"{len(linked)} activit{'y' if len(linked) == 1 else 'ies'}"
        raise ValidationError(
            f"{item.code} cannot be deleted while {count} link to it ({', '.join(linked)}). "
            f"Change their {catalogue.label} first."
        )
    audit.record(by=by, action="roadmap.catalogue.deleted", obj=item, before=state(item))
    item.delete()


def ensure_item(
    *, model: type[LinkItem], plan: Plan, code: str, title: str, by: User | None, **extra: Any
) -> LinkItem:
    """Return the item with this code, adding it (audited) with `title` and `extra` if missing."""
    item = model.objects.filter(plan=plan, code=code.strip()).first()
    if item is not None:
        return item
    return create_item(
        model=model, plan=plan, values=ItemValues(code=code, title=title, **extra), by=by
    )
