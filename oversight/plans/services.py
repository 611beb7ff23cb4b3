"""Writes to the plan catalogue: loading a validated TOML document, versioning measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.plans import welsh
from oversight.plans.catalogue import Catalogue
from oversight.plans.models import (
    Bcu,
    LocalAuthority,
    Measure,
    MeasureStatus,
    MeasureVersion,
    Outcome,
    Plan,
    Priority,
    Theme,
)

# The fields that make up a measure's definition; a change to any of them is a new version.
DEFINITION_FIELDS = (
    "name", "description", "unit", "improvement", "source", "police_uk", "breakdowns",
    "target", "target_start", "target_end", "rag_rule", "owner", "daily_rate", "survey",
    "outcome_code", "themes", "rebases",
)  # fmt: skip


def definition_of(measure: Measure) -> dict[str, Any]:
    """Return the measure's definition as JSON-safe data, for versions and audit."""
    return {
        "name": measure.name,
        "description": measure.description,
        "unit": measure.unit,
        "improvement": measure.improvement,
        "source": measure.source,
        "police_uk": measure.police_uk,
        "breakdowns": measure.breakdowns,
        "target": measure.target,
        "target_start": measure.target_start.isoformat() if measure.target_start else None,
        "target_end": measure.target_end.isoformat() if measure.target_end else None,
        "rag_rule": measure.rag_rule,
        "owner": measure.owner,
        "daily_rate": measure.daily_rate,
        "survey": measure.survey,
        "rebases": list(measure.rebases),
        "outcome_code": measure.outcome.code,
        "themes": sorted(t.slug for t in measure.themes.all()) if measure.pk else [],
    }


def welsh_of(measure: Measure) -> dict[str, str]:
    """Return the measure's Welsh texts, for audit.

    A translation changes no part of what the measure counts, so it is audited with the
    definition but is not itself a new version of it.
    """
    return {"name_cy": measure.name_cy, "description_cy": measure.description_cy}


@transaction.atomic
def load_catalogue(*, catalogue: Catalogue, by: User | None) -> tuple[Plan, dict[str, int]]:
    """Create or update the plan in `catalogue`, all of it or nothing; return plan and counts."""
    spec = catalogue.plan
    plan, created = Plan.objects.get_or_create(
        force_slug=spec["force_slug"],
        first_year=spec["first_year"],
        defaults={
            "title": spec["title"],
            "force_name": spec["force_name"],
            "last_year": spec["last_year"],
        },
    )
    before = audit.state_of(plan)
    # A Welsh text the file leaves out keeps the one written on the Welsh texts page (an older
    # export, or a file written before the Welsh, loses nothing); "" in the file clears it.
    plan.title = spec["title"]
    plan.force_name = spec["force_name"]
    plan.last_year = spec["last_year"]
    plan.summary = spec.get("summary", "")
    plan.title_cy = spec.get("title_cy", plan.title_cy)
    plan.summary_cy = spec.get("summary_cy", plan.summary_cy)
    plan.save()
    if created or before != audit.state_of(plan):
        audit.record(
            by=by,
            action="plan.created" if created else "plan.updated",
            obj=plan,
            before=None if created else before,
            after=audit.state_of(plan),
        )

    counts = {"bcus": 0, "themes": 0, "priorities": 0, "outcomes": 0, "measures_changed": 0}
    for bcu_spec in catalogue.bcus:
        bcu, _ = Bcu.objects.update_or_create(
            plan=plan, code=bcu_spec["code"], defaults={"name": bcu_spec["name"]}
        )
        names = bcu_spec.get("local_authorities", [])
        LocalAuthority.objects.filter(bcu__plan=plan, name__in=names).exclude(bcu=bcu).delete()
        bcu.local_authorities.exclude(name__in=names).delete()
        for name in names:
            LocalAuthority.objects.get_or_create(bcu=bcu, name=name)
        counts["bcus"] += 1
    themes = {}
    for order, theme_spec in enumerate(catalogue.themes):
        was = Theme.objects.filter(plan=plan, slug=theme_spec["slug"]).first() or Theme()
        themes[theme_spec["slug"]], _ = Theme.objects.update_or_create(
            plan=plan,
            slug=theme_spec["slug"],
            defaults={
                "title": theme_spec["title"],
                "title_cy": theme_spec.get("title_cy", was.title_cy),
                "description": theme_spec.get("description", ""),
                "description_cy": theme_spec.get("description_cy", was.description_cy),
                "order": order,
            },
        )
        counts["themes"] += 1
    priorities = {}
    for order, p in enumerate(catalogue.priorities):
        was = Priority.objects.filter(plan=plan, code=p["code"]).first() or Priority()
        priorities[p["code"]], _ = Priority.objects.update_or_create(
            plan=plan,
            code=p["code"],
            defaults={
                "title": p["title"],
                "title_cy": p.get("title_cy", was.title_cy),
                "kind": p["kind"],
                "description": p.get("description", ""),
                "description_cy": p.get("description_cy", was.description_cy),
                "order": order,
            },
        )
        counts["priorities"] += 1
    outcomes = {}
    for order, o in enumerate(catalogue.outcomes):
        existing = Outcome.objects.filter(priority__plan=plan, code=o["code"]).first()
        outcome = existing or Outcome(code=o["code"])
        outcome.priority = priorities[o["priority"]]
        outcome.title = o["title"]
        outcome.title_cy = o.get("title_cy", outcome.title_cy)
        outcome.description = o.get("description", "")
        outcome.description_cy = o.get("description_cy", outcome.description_cy)
        outcome.order = order
        outcome.save()
        outcomes[o["code"]] = outcome
        counts["outcomes"] += 1
    for order, m in enumerate(catalogue.measures):
        if _load_measure(plan=plan, spec=m, order=order, outcomes=outcomes, themes=themes, by=by):
            counts["measures_changed"] += 1
    counts["measures"] = len(catalogue.measures)
    return plan, counts


def _load_measure(
    *,
    plan: Plan,
    spec: dict[str, Any],
    order: int,
    outcomes: dict[str, Outcome],
    themes: dict[str, Theme],
    by: User | None,
) -> bool:
    measure = Measure.objects.filter(plan=plan, code=spec["code"]).first()
    created = measure is None
    before = None if created else definition_of(measure)
    before_state = None if created else (measure.status, measure.version)
    before_welsh = None if created else welsh_of(measure)
    if created:
        measure = Measure(plan=plan, code=spec["code"])
    target = spec.get("target") or {}
    measure.outcome = outcomes[spec["outcome"]]
    measure.name = spec["name"]
    measure.name_cy = spec.get("name_cy", measure.name_cy)
    measure.description = spec.get("description", "")
    measure.description_cy = spec.get("description_cy", measure.description_cy)
    measure.unit = spec["unit"]
    measure.improvement = spec["improvement"]
    measure.source = spec["source"]
    measure.police_uk = spec.get("police_uk", {})
    measure.breakdowns = spec.get("breakdowns", ["force"])
    measure.target = target.get("value")
    measure.target_start = target.get("start")
    measure.target_end = target.get("end")
    measure.rag_rule = spec.get("rag", {})
    measure.owner = spec.get("owner", "")
    measure.daily_rate = spec.get("daily_rate", False)
    measure.survey = spec.get("survey", False)
    # Rebases recorded by a decision on a data finding stay, whatever the file says: the
    # decision is the record (oversight.data.breaks), and an older file does not undo it.
    listed = [dict(r) for r in spec.get("rebase", [])]
    decided = [
        r
        for r in (measure.rebases if not created else [])
        if r.get("finding") is not None and r not in listed
    ]
    measure.rebases = sorted(listed + decided, key=lambda r: r["period"])
    measure.status = spec.get("status", MeasureStatus.ACTIVE)
    measure.effective_from = spec.get("effective_from")
    measure.effective_to = spec.get("effective_to")
    measure.order = order
    if created:
        measure.version = spec.get("version", 1)
    measure.save()
    measure.themes.set([themes[s] for s in spec.get("themes", [])])
    after = definition_of(measure)
    after_welsh = welsh_of(measure)
    if not created and before == after and before_state == (measure.status, measure.version):
        if before_welsh == after_welsh:
            return False
        audit.record(by=by, action="measure.updated", obj=measure, before=before_welsh,
                     after=after_welsh, note="Welsh texts changed")  # fmt: skip
        return True
    if not created and before != after:
        measure.version += 1
        measure.save(update_fields=["version"])
    _close_previous_version(measure)
    MeasureVersion.objects.create(
        measure=measure,
        version=measure.version,
        status=measure.status,
        definition=after,
        effective_from=measure.effective_from,
        effective_to=measure.effective_to,
        reason="Loaded from the plan file",
        created_by=by if by is not None and by.pk else None,
    )
    audit.record(
        by=by,
        action="measure.created" if created else "measure.updated",
        obj=measure,
        before=None if before is None else {**before, **before_welsh},
        after={**after, **after_welsh},
    )
    return True


def _close_previous_version(measure: Measure) -> None:
    MeasureVersion.objects.filter(measure=measure, version=measure.version).delete()


@transaction.atomic
def amend_measure(
    *,
    measure: Measure,
    changes: dict[str, Any],
    effective_from: dt.date,
    reason: str,
    by: User | None,
) -> Measure:
    """Amend a measure's definition from a date: a new version, the old one closed."""
    if not reason.strip():
        raise ValueError("An amendment needs a reason.")
    allowed = {
        "name", "description", "unit", "improvement", "target", "target_start", "target_end",
        "rag_rule", "owner", "daily_rate", "survey", "police_uk", "breakdowns", "rebases",
    }  # fmt: skip
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"These fields cannot be amended: {', '.join(sorted(unknown))}")
    before = definition_of(measure)
    MeasureVersion.objects.filter(measure=measure, version=measure.version).update(
        effective_to=effective_from - dt.timedelta(days=1), status=MeasureStatus.AMENDED
    )
    for key, value in changes.items():
        setattr(measure, key, value)
    measure.version += 1
    measure.status = MeasureStatus.ACTIVE
    measure.effective_from = effective_from
    measure.effective_to = None
    measure.save()
    after = definition_of(measure)
    MeasureVersion.objects.create(
        measure=measure,
        version=measure.version,
        status=measure.status,
        definition=after,
        effective_from=effective_from,
        reason=reason,
        created_by=by if by is not None and by.pk else None,
    )
    audit.record(by=by, action="measure.amended", obj=measure, before=before, after=after,
                 note=reason)  # fmt: skip
    return measure


@transaction.atomic
def set_measure_status(
    *, measure: Measure, status: str, effective: dt.date, reason: str, by: User | None
) -> Measure:
    """Put a measure under review, back to active, or retire it from a date, with a reason."""
    if status not in MeasureStatus.values:
        raise ValueError(f"Unknown measure status {status!r}")
    if not reason.strip():
        raise ValueError("A change of status needs a reason.")
    before = {"status": measure.status, "effective_to": str(measure.effective_to or "")}
    measure.status = status
    if status == MeasureStatus.RETIRED:
        measure.effective_to = effective
    measure.save(update_fields=["status", "effective_to"])
    MeasureVersion.objects.filter(measure=measure, version=measure.version).update(
        status=status, effective_to=measure.effective_to, reason=reason
    )
    audit.record(
        by=by,
        action=f"measure.{status}",
        obj=measure,
        before=before,
        after={"status": measure.status, "effective_to": str(measure.effective_to or "")},
        note=reason,
    )
    return measure


@transaction.atomic
def add_rebase(
    *, measure: Measure, period: str, reason: str, finding: int | None = None, by: User | None
) -> Measure:
    """Start new SPC limits for a measure at ``period``, for a recorded reason: a new version.

    What the measure counts does not change, so it keeps its effective dates; the version
    before is marked amended. A rebase already recorded at that period is left as it is.
    """
    if not reason.strip():
        raise ValueError("A rebase needs a reason.")
    if any(r["period"] == period for r in measure.rebases):
        return measure
    before = definition_of(measure)
    entry: dict[str, Any] = {"period": period, "reason": reason.strip()}
    if finding is not None:
        entry["finding"] = finding
    measure.rebases = sorted([*measure.rebases, entry], key=lambda r: r["period"])
    MeasureVersion.objects.filter(measure=measure, version=measure.version).update(
        status=MeasureStatus.AMENDED
    )
    measure.version += 1
    measure.save(update_fields=["rebases", "version"])
    after = definition_of(measure)
    MeasureVersion.objects.create(
        measure=measure,
        version=measure.version,
        status=measure.status,
        definition=after,
        effective_from=measure.effective_from,
        effective_to=measure.effective_to,
        reason=reason.strip(),
        created_by=by if by is not None and by.pk else None,
    )
    audit.record(by=by, action="measure.rebased", obj=measure, before=before, after=after,
                 note=reason.strip())  # fmt: skip
    return measure


@transaction.atomic
def save_welsh(*, item: welsh.Item, texts: Mapping[str, str], by: User | None) -> bool:
    """Set some Welsh texts of one item of the plan, each checked; return whether any changed.

    Only the Welsh: the English is the catalogue's, changed by its import. A measure's Welsh is
    no part of its definition, so it makes no new version (see ``welsh_of``). Each change is
    audited with the item's Welsh texts before and after; saving them unchanged records nothing.
    """
    kind = welsh.kind_of(item)
    unknown = sorted(set(texts) - set(kind.welsh_fields))
    if unknown:
        raise ValueError(
            f"Only the Welsh texts of a {kind.label.lower()} are changed here "
            f"({', '.join(kind.welsh_fields)}), not {', '.join(unknown)}."
        )
    cleaned = {field: welsh.check_text(kind, field, value) for field, value in texts.items()}
    current = type(item).objects.select_for_update().get(pk=item.pk)
    before = audit.state_of(current, kind.welsh_fields)
    for field, value in cleaned.items():
        setattr(current, field, value)
        setattr(item, field, value)
    after = audit.state_of(current, kind.welsh_fields)
    if after == before:
        return False
    current.save(update_fields=list(cleaned))
    audit.record(by=by, action=f"{kind.slug}.updated", obj=current, before=before, after=after,
                 note="Welsh texts changed on the Welsh texts page")  # fmt: skip
    return True


def export_catalogue(plan: Plan) -> dict[str, Any]:
    """Return the plan as a TOML-ready document that `plan load` accepts unchanged."""
    doc: dict[str, Any] = {
        "plan": {
            "title": plan.title,
            "title_cy": plan.title_cy,
            "force_name": plan.force_name,
            "force_slug": plan.force_slug,
            "first_year": plan.first_year,
            "last_year": plan.last_year,
        }
    }
    if plan.summary:
        doc["plan"]["summary"] = plan.summary
    if plan.summary_cy:
        doc["plan"]["summary_cy"] = plan.summary_cy
    doc["plan"] = _drop_empty(doc["plan"])
    doc["bcus"] = [
        {
            "code": b.code,
            "name": b.name,
            "local_authorities": [la.name for la in b.local_authorities.all()],
        }
        for b in plan.bcus.prefetch_related("local_authorities")
    ]
    doc["themes"] = [
        _drop_empty(
            {
                "slug": t.slug,
                "title": t.title,
                "title_cy": t.title_cy,
                "description": t.description,
                "description_cy": t.description_cy,
            }
        )
        for t in plan.themes.all()
    ]
    doc["priorities"] = [
        _drop_empty(
            {
                "code": p.code,
                "title": p.title,
                "title_cy": p.title_cy,
                "kind": p.kind,
                "description": p.description,
                "description_cy": p.description_cy,
            }
        )
        for p in plan.priorities.all()
    ]
    doc["outcomes"] = [
        _drop_empty(
            {
                "code": o.code,
                "priority": o.priority.code,
                "title": o.title,
                "title_cy": o.title_cy,
                "description": o.description,
                "description_cy": o.description_cy,
            }
        )
        for o in Outcome.objects.filter(priority__plan=plan).select_related("priority")
    ]
    doc["measures"] = [
        _measure_doc(m) for m in plan.measures.select_related("outcome").prefetch_related("themes")
    ]
    return doc


def _measure_doc(m: Measure) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "code": m.code,
        "outcome": m.outcome.code,
        "name": m.name,
        "name_cy": m.name_cy,
        "description": m.description,
        "description_cy": m.description_cy,
        "unit": m.unit,
        "improvement": m.improvement,
        "source": m.source,
        "breakdowns": list(m.breakdowns),
        "themes": [t.slug for t in m.themes.all()],
        "owner": m.owner,
        "daily_rate": m.daily_rate,
        "status": m.status,
        "version": m.version,
    }
    if m.survey:
        doc["survey"] = True
    if m.effective_from:
        doc["effective_from"] = m.effective_from
    if m.effective_to:
        doc["effective_to"] = m.effective_to
    if m.police_uk:
        doc["police_uk"] = dict(m.police_uk)
    if m.target is not None:
        target: dict[str, Any] = {"value": m.target}
        if m.target_start:
            target["start"] = m.target_start
        if m.target_end:
            target["end"] = m.target_end
        doc["target"] = target
    if m.rag_rule:
        doc["rag"] = dict(m.rag_rule)
    if m.rebases:
        doc["rebase"] = [dict(r) for r in m.rebases]
    return _drop_empty(doc)


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in ("", None)}
