"""The planning catalogues' import: a file's rows written all or nothing, each audited."""

from __future__ import annotations

from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.core.tables import Rejected
from oversight.plans.models import Plan
from oversight.roadmap import catalogues
from oversight.roadmap.catalogue_rows import SheetRowError, items_of, read_file
from oversight.roadmap.catalogues import CATALOGUES
from oversight.roadmap.models.links import LinkItem
from oversight.roadmap.services import ImportResult


def import_file(*, plan: Plan, data: bytes, filename: str, by: User | None) -> ImportResult:
    """Create or update catalogue items from a file, by catalogue and code, all or nothing.

    Raise Rejected listing every problem (sheet, row, column, reason) and write nothing if
    any row is ill-formed or changes an item `by` may not change. An unchanged row needs no
    right to change it, so a partner can re-import a whole export. Items missing from the
    file are left as they are.
    """
    parsed, errors = read_file(data, filename, plan)
    existing: dict[tuple[str, str], LinkItem] = {
        (c.slug, item.code): item for c in CATALOGUES for item in items_of(c, plan)
    }
    same: set[tuple[str, str]] = set()
    for row in parsed:
        key = (row.catalogue.slug, row.values.code)
        current = existing.get(key)
        wanted = catalogues.content_of_values(row.catalogue, row.values, current=current)
        if current is not None and wanted == catalogues.content(current):
            same.add(key)
            continue
        owners = [row.values.organisation]
        if current is not None:
            owners.insert(0, current.organisation)
        for owner in owners:
            reason = catalogues.refusal(by, row.catalogue, owner)
            if reason:
                errors.append(SheetRowError(row.number, "organisation", reason, row.sheet))
                break
    if errors:
        order = {c.sheet: i for i, c in enumerate(CATALOGUES)}
        raise Rejected(sorted(errors, key=lambda e: (order.get(e.sheet, -1), e.row)))
    created, updated, unchanged = [], [], []
    with transaction.atomic():
        for row in parsed:
            key = (row.catalogue.slug, row.values.code)
            name = f"{row.catalogue.sheet}: {row.values.code}"
            current = existing.get(key)
            if key in same:
                unchanged.append(name)
            elif current is None:
                catalogues.create_item(
                    model=row.catalogue.model, plan=plan, values=row.values, by=by
                )
                created.append(name)
            elif catalogues.update_item(item=current, values=row.values, by=by):
                updated.append(name)
            else:
                unchanged.append(name)  # differed only in form, e.g. "£5" for "5"
        if created or updated:
            audit.record(
                by=by,
                action="roadmap.catalogue.imported",
                object_type="plans.Plan",
                object_id=str(plan.pk),
                object_repr=str(plan),
                after={"created": created, "updated": updated, "unchanged": len(unchanged)},
            )
    return ImportResult(created, updated, unchanged)
