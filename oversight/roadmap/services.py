"""Writes to the roadmap and the Joint Planning Board: keyword-only, atomic, each audited.

Every activity write checks who may change it (see `rules`) here, not only in the views, so
the command line, the upload form and the edit form obey the same rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from oversight.accounts import audit
from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Permission
from oversight.core.tables import Rejected, RowError, Table
from oversight.plans.models import Plan
from oversight.roadmap import rules
from oversight.roadmap.models import (
    Activity,
    BoardDecision,
    BoardMember,
    FinancialPlanAmount,
    FinancialPlanLine,
    Milestone,
    Status,
    TermsOfReference,
)
from oversight.roadmap.models.links import LinkItem
from oversight.roadmap.rows import read_rows, row_of, row_of_values
from oversight.roadmap.values import ActivityValues


def _clean(values: ActivityValues) -> ActivityValues:
    values.ref = values.ref.strip()
    values.title = values.title.strip()
    values.description = values.description.strip()
    values.lead = values.lead.strip()
    values.public_summary = values.public_summary.strip()
    return values


def _write(activity: Activity, values: ActivityValues) -> None:
    for name, value in values.scalar_fields().items():
        setattr(activity, name, value)
    activity.save()
    activity.outcomes.set(values.outcomes)
    activity.measures.set(values.measures)
    activity.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(
            activity=activity,
            title=m.title,
            due_year=m.due_year,
            due_quarter=m.due_quarter,
            due_date=m.due_date,
            done=m.done,
            order=i,
        )
        for i, m in enumerate(values.milestones)
    )


def _check(values: ActivityValues, plan: Plan) -> None:
    problems = values.problems(plan)
    if problems:
        errors: dict[str, list[str]] = {}
        for field, reason in problems:
            errors.setdefault(field, []).append(reason)
        raise ValidationError(errors)


@transaction.atomic
def create_activity(*, plan: Plan, values: ActivityValues, by: User | None) -> Activity:
    """Create an activity (ValidationError if ill-formed, PermissionDenied if not theirs)."""
    values = _clean(values)
    rules.check_may_edit(
        by, perspective=values.perspective, partner_id=values.partner.pk if values.partner else None
    )
    _check(values, plan)
    if Activity.objects.filter(plan=plan, ref=values.ref).exists():
        raise ValidationError({"ref": [f"{values.ref} is already on the roadmap"]})
    activity = Activity(plan=plan)
    _write(activity, values)
    audit.record(by=by, action="roadmap.activity.created", obj=activity, after=row_of(activity))
    return activity


@transaction.atomic
def update_activity(*, activity: Activity, values: ActivityValues, by: User | None) -> bool:
    """Change an activity to `values`; return whether anything changed (audited if so).

    The user must be allowed to change the activity both as it was and as it will be, so a
    team cannot hand an activity to another perspective, nor take one over.
    """
    values = _clean(values)
    rules.check_may_edit(by, perspective=activity.perspective, partner_id=activity.partner_id)
    rules.check_may_edit(
        by, perspective=values.perspective, partner_id=values.partner.pk if values.partner else None
    )
    _check(values, activity.plan)
    renamed = values.ref != activity.ref
    if renamed and Activity.objects.filter(plan=activity.plan, ref=values.ref).exists():
        raise ValidationError({"ref": [f"{values.ref} is already on the roadmap"]})
    before = row_of(activity)
    _write(activity, values)
    activity.refresh_from_db()
    after = row_of(activity)
    if before == after:
        return False
    audit.record(by=by, action="roadmap.activity.updated", obj=activity, before=before, after=after)
    return True


@transaction.atomic
def set_status(*, activity: Activity, status: str, by: User | None, note: str = "") -> None:
    """Change only an activity's status (e.g. to slipped), with an optional note; audited."""
    rules.check_may_edit(by, perspective=activity.perspective, partner_id=activity.partner_id)
    if status not in Status.values:
        raise ValidationError({"status": [f"{status!r} is not a status"]})
    before = audit.state_of(activity, ["status"])
    activity.status = status
    activity.save(update_fields=["status", "updated_at"])
    audit.record(
        by=by,
        action="roadmap.activity.status",
        obj=activity,
        before=before,
        after=audit.state_of(activity, ["status"]),
        note=note,
    )


@transaction.atomic
def delete_activity(*, activity: Activity, by: User | None) -> None:
    """Remove an activity from the roadmap; audited with what it was."""
    rules.check_may_edit(by, perspective=activity.perspective, partner_id=activity.partner_id)
    before = row_of(activity)
    audit.record(by=by, action="roadmap.activity.deleted", obj=activity, before=before)
    activity.delete()


@dataclass(frozen=True)
class ImportResult:
    created: list[str]
    updated: list[str]
    unchanged: list[str]


def import_table(*, plan: Plan, table: Table, by: User | None) -> ImportResult:
    """Create or update activities from a table's rows keyed by ref, all or nothing.

    Raise Rejected listing every problem (row, column, reason) and write nothing, if
    any row is ill-formed or is an activity `by` may not change. Activities missing from the
    file are left as they are.
    """
    parsed, errors = read_rows(plan, table.rows)
    existing = {a.ref: a for a in Activity.objects.filter(plan=plan).select_related("partner")}
    same: set[str] = set()
    for number, values in parsed:
        current = existing.get(values.ref)
        if current is not None and row_of(current) == row_of_values(values):
            same.add(values.ref)
            continue  # an unchanged row needs no right to change it
        checks = [(values.perspective, values.partner.pk if values.partner else None)]
        if current is not None:
            checks.insert(0, (current.perspective, current.partner_id))
        for perspective, partner_id in checks:
            reason = rules.refusal(by, perspective=perspective, partner_id=partner_id)
            if reason:
                errors.append(RowError(number, "perspective", reason))
                break
    if errors:
        raise Rejected(sorted(errors, key=lambda e: e.row))
    created, updated, unchanged = [], [], []
    with transaction.atomic():
        for _, values in parsed:
            current = existing.get(values.ref)
            if values.ref in same:
                unchanged.append(values.ref)
            elif current is None:
                create_activity(plan=plan, values=values, by=by)
                created.append(values.ref)
            elif update_activity(activity=current, values=values, by=by):
                updated.append(values.ref)
            else:
                unchanged.append(values.ref)  # differed only in form, e.g. "Yes" for "yes"
        if created or updated:
            audit.record(
                by=by,
                action="roadmap.imported",
                object_type="roadmap.Plan",
                object_id=str(plan.pk),
                object_repr=str(plan),
                after={"created": created, "updated": updated, "unchanged": len(unchanged)},
            )
    return ImportResult(created, updated, unchanged)


# Catalogues an activity links to -----------------------------------------------------


@transaction.atomic
def ensure_link_item(
    *, model: type[LinkItem], plan: Plan, code: str, title: str, by: User | None, **extra: object
) -> LinkItem:
    """Return the catalogue item with this code, creating it (audited) if missing."""
    item, created = model.objects.get_or_create(
        plan=plan, code=code, defaults={"title": title, **extra}
    )
    if created:
        audit.record(
            by=by, action="roadmap.catalogue.created", obj=item, after=audit.state_of(item)
        )
    return item


@transaction.atomic
def set_funding(
    *, line: FinancialPlanLine, amounts: dict[int, int], by: User | None
) -> FinancialPlanLine:
    """Set a financial-plan line's amount per plan year (whole pounds); audited if changed."""
    before = {str(a.year): a.amount for a in line.amounts.all()}
    after = {str(year): amount for year, amount in sorted(amounts.items())}
    if before != after:
        line.amounts.all().delete()
        FinancialPlanAmount.objects.bulk_create(
            FinancialPlanAmount(line=line, year=year, amount=amount)
            for year, amount in sorted(amounts.items())
        )
        audit.record(by=by, action="roadmap.funding.changed", obj=line, before=before, after=after)
    return line


# The Joint Planning Board -------------------------------------------------------------


def _check_board(by: User | None) -> None:
    if by is not None and not by.can(Permission.MANAGE_PLANNING_BOARD):
        raise PermissionDenied("Your role cannot manage the Joint Planning Board.")


@transaction.atomic
def add_board_member(
    *,
    name: str,
    job_title: str = "",
    organisation: Organisation | None = None,
    by: User | None,
) -> BoardMember:
    """Return the Board member of this name, adding them (audited) if new."""
    _check_board(by)
    member, created = BoardMember.objects.get_or_create(
        name=name.strip(),
        defaults={
            "job_title": job_title,
            "organisation": organisation,
            "order": BoardMember.objects.count(),
        },
    )
    if created:
        audit.record(
            by=by, action="roadmap.board.member_added", obj=member, after=audit.state_of(member)
        )
    return member


@transaction.atomic
def draft_terms(*, text: str, by: User | None) -> TermsOfReference:
    """Create the next version of the terms of reference as a draft; audited."""
    _check_board(by)
    if not text.strip():
        raise ValidationError({"text": ["The terms of reference need some text."]})
    latest = TermsOfReference.objects.order_by("-version").first()
    terms = TermsOfReference.objects.create(
        version=(latest.version + 1) if latest else 1, text=text.strip()
    )
    audit.record(by=by, action="roadmap.terms.drafted", obj=terms, after=audit.state_of(terms))
    return terms


@transaction.atomic
def record_decision(
    *,
    decided_on: dt.date,
    summary: str,
    text: str = "",
    meeting: object | None = None,
    by: User | None,
) -> BoardDecision:
    """Record a decision of the Board with its date (and meeting); audited."""
    _check_board(by)
    if meeting is not None and getattr(meeting, "kind", None) != "joint_planning_board":
        raise ValidationError({"meeting": ["That is not a Joint Planning Board meeting."]})
    decision = BoardDecision.objects.create(
        decided_on=decided_on,
        summary=summary.strip(),
        text=text.strip(),
        meeting=meeting,
        recorded_by=by if by is not None and by.pk else None,
    )
    audit.record(
        by=by, action="roadmap.board.decision", obj=decision, after=audit.state_of(decision)
    )
    return decision


@transaction.atomic
def approve_terms(
    *,
    terms: TermsOfReference,
    decided_on: dt.date,
    meeting: object | None = None,
    by: User | None,
) -> TermsOfReference:
    """Approve a draft by recording the Board's decision with its date; audited."""
    _check_board(by)
    if terms.status != TermsOfReference.Status.DRAFT:
        raise ValidationError({"status": [f"Version {terms.version} is already approved."]})
    decision = record_decision(
        decided_on=decided_on,
        summary=f"Terms of reference version {terms.version} approved",
        meeting=meeting,
        by=by,
    )
    before = audit.state_of(terms, ["status", "approved_by_id"])
    terms.status = TermsOfReference.Status.APPROVED
    terms.approved_by = decision
    terms.save(update_fields=["status", "approved_by"])
    audit.record(
        by=by,
        action="roadmap.terms.approved",
        obj=terms,
        before=before,
        after=audit.state_of(terms, ["status", "approved_by_id"]),
    )
    return terms


def current_terms() -> TermsOfReference | None:
    """Return the latest approved terms of reference, or None."""
    return (
        TermsOfReference.objects.filter(status=TermsOfReference.Status.APPROVED)
        .select_related("approved_by")
        .order_by("-version")
        .first()
    )
