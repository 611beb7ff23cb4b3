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
from oversight.meetings import services as meeting_services
from oversight.meetings.models import Attendee, Decision, Meeting
from oversight.plans.models import Plan
from oversight.roadmap import catalogues, rules
from oversight.roadmap.models import (
    Activity,
    ActivityFunding,
    BoardMember,
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
    values.public_summary_cy = values.public_summary_cy.strip()
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
    activity.funding.all().delete()
    ActivityFunding.objects.bulk_create(
        ActivityFunding(activity=activity, year=year, amount=amount)
        for year, amount in sorted(values.funding.items())
        if amount
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


def ensure_link_item(
    *, model: type[LinkItem], plan: Plan, code: str, title: str, by: User | None, **extra: object
) -> LinkItem:
    """Return the catalogue item with this code, creating it (audited) if missing."""
    # The catalogues' own module checks, writes and audits every item (see `catalogues`).
    return catalogues.ensure_item(model=model, plan=plan, code=code, title=title, by=by, **extra)


def set_funding(
    *, line: FinancialPlanLine, amounts: dict[int, int], by: User | None
) -> FinancialPlanLine:
    """Set a financial-plan line's amount per plan year (whole pounds); audited if changed."""
    catalogues.set_amounts(line=line, amounts=amounts, by=by)
    return line


# The Joint Planning Board -------------------------------------------------------------
# Its meetings are meetings of the meetings app, outside any reporting cycle, and its
# decisions are those meetings' decisions; the roadmap adds who its members are and its
# terms of reference, which it proposes and the Commissioner's Strategic Board approves.

BOARD_MEETING_TITLE = "Joint Planning Board"
# A member recorded without a job title is still invited as what they are.
MEMBER_JOB_TITLE = "Member of the Joint Planning Board"
PROPOSAL = (
    "The Joint Planning Board proposes version {version} of its terms of reference to the "
    "Strategic Board."
)
# The board paper's recommendation, with the version it approves.
APPROVAL = "The Terms of Reference for the Joint Planning Board are approved (version {version})."
TERMS_FIELDS = ("status", "proposed_by_id", "approved_by_id")

_TEAMS = {
    Organisation.Kind.OPCC: Attendee.Team.COMMISSIONERS,
    Organisation.Kind.FORCE: Attendee.Team.CHIEF_CONSTABLES,
}


def _check_board(by: User | None) -> None:
    if by is not None and not by.can(Permission.MANAGE_PLANNING_BOARD):
        raise PermissionDenied("Your role cannot manage the Joint Planning Board.")


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _check_meeting(meeting: Meeting, kind: str, refusal: str) -> None:
    """Refuse a meeting of another kind (with `refusal`), or one not yet recorded as held.

    A decision exists once the meeting has taken it, so it is recorded at a held meeting.
    """
    if meeting.kind != kind:
        raise ValidationError({"meeting": [refusal.format(kind=meeting.get_kind_display())]})
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            {
                "meeting": [
                    f"The {meeting.title} of {_day(meeting.date)} is not recorded as held: "
                    "save its minutes, marked as held, first."
                ]
            }
        )


def _lock(terms: TermsOfReference) -> None:
    """Re-read a version's state under a row lock, so two clicks cannot both record it."""
    locked = TermsOfReference.objects.select_for_update().get(pk=terms.pk)
    for name in TERMS_FIELDS:
        setattr(terms, name, getattr(locked, name))


def _team(member: BoardMember) -> str:
    if member.organisation is None:
        return Attendee.Team.OTHER
    return _TEAMS.get(member.organisation.kind, Attendee.Team.PARTNER)


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
def schedule_board_meeting(
    *,
    date: dt.date,
    by: User | None,
    title: str = "",
    start_time: dt.time | None = None,
    location: str = "",
) -> Meeting:
    """Create a Joint Planning Board meeting, outside any cycle, inviting the active members.

    Audited as the meetings app audits a meeting and each attendee. With no member recorded
    yet, the paper's founding members (the meetings app's presets) are invited instead.
    """
    _check_board(by)
    members = list(BoardMember.objects.filter(active=True).select_related("organisation", "user"))
    meeting = meeting_services.create_meeting(
        kind=Meeting.Kind.JOINT_PLANNING_BOARD,
        date=date,
        title=title.strip() or BOARD_MEETING_TITLE,
        start_time=start_time,
        location=location.strip(),
        with_presets=not members,
        by=by,
    )
    for member in members:
        meeting_services.add_attendee(
            meeting=meeting,
            name=member.name,
            job_title=member.job_title or MEMBER_JOB_TITLE,
            team=_team(member),
            user=member.user,
            by=by,
        )
    return meeting


@transaction.atomic
def draft_terms(*, text: str, text_cy: str = "", by: User | None) -> TermsOfReference:
    """Create the next version of the terms of reference as a draft, with its Welsh; audited."""
    _check_board(by)
    if not text.strip():
        raise ValidationError({"text": ["The terms of reference need some text."]})
    latest = TermsOfReference.objects.order_by("-version").first()
    terms = TermsOfReference.objects.create(
        version=(latest.version + 1) if latest else 1, text=text.strip(), text_cy=text_cy.strip()
    )
    audit.record(by=by, action="roadmap.terms.drafted", obj=terms, after=audit.state_of(terms))
    return terms


@transaction.atomic
def record_decision(*, meeting: Meeting, text: str, by: User | None) -> Decision:
    """Record a decision of the Board in the minutes of one of its held meetings; audited."""
    _check_board(by)
    _check_meeting(
        meeting,
        Meeting.Kind.JOINT_PLANNING_BOARD,
        "A decision of the Joint Planning Board is recorded at one of its own meetings; that "
        "is a meeting of the {kind}.",
    )
    if not text.strip():
        raise ValidationError({"text": ["A decision needs its text."]})
    return meeting_services.add_decision(meeting=meeting, text=text, by=by)


@transaction.atomic
def propose_terms(
    *, terms: TermsOfReference, meeting: Meeting, by: User | None
) -> TermsOfReference:
    """Propose a draft to the Strategic Board by a decision of a held Board meeting; audited."""
    _check_board(by)
    _lock(terms)
    if terms.status != TermsOfReference.Status.DRAFT:
        raise ValidationError(
            {
                "status": [
                    f"Version {terms.version} is already {terms.get_status_display().lower()}; "
                    "draft a new version to propose a change."
                ]
            }
        )
    _check_meeting(
        meeting,
        Meeting.Kind.JOINT_PLANNING_BOARD,
        "Only the Joint Planning Board proposes its terms of reference, at one of its meetings; "
        "that is a meeting of the {kind}.",
    )
    decision = record_decision(meeting=meeting, text=PROPOSAL.format(version=terms.version), by=by)
    before = audit.state_of(terms, TERMS_FIELDS)
    terms.status = TermsOfReference.Status.PROPOSED
    terms.proposed_by = decision
    terms.save(update_fields=["status", "proposed_by"])
    audit.record(
        by=by,
        action="roadmap.terms.proposed",
        obj=terms,
        before=before,
        after=audit.state_of(terms, TERMS_FIELDS),
        note=f"{meeting.title}, {_day(meeting.date)}",
    )
    return terms


@transaction.atomic
def approve_terms(
    *, terms: TermsOfReference, meeting: Meeting, by: User | None
) -> TermsOfReference:
    """Approve a proposed version by a decision of a held Strategic Board meeting; audited.

    The board paper asks the Commissioner's Strategic Board to approve the Board's terms of
    reference, so nothing else makes a version approved; the approved version is the one the
    public sees, until a later version is approved.
    """
    _check_board(by)
    _lock(terms)
    if terms.status == TermsOfReference.Status.DRAFT:
        raise ValidationError(
            {
                "status": [
                    f"Version {terms.version} is a draft: the Joint Planning Board proposes it "
                    "at one of its meetings before the Strategic Board can approve it."
                ]
            }
        )
    if terms.status == TermsOfReference.Status.APPROVED:
        raise ValidationError(
            {
                "status": [
                    f"Version {terms.version} is already approved, on {_day(terms.approved_on)}."
                ]
            }
        )
    _check_meeting(
        meeting,
        Meeting.Kind.CSB,
        "Only the Commissioner's Strategic Board approves the terms of reference; that is a "
        "meeting of the {kind}.",
    )
    proposed_on = terms.proposed_on
    if proposed_on is not None and meeting.date < proposed_on:
        raise ValidationError(
            {
                "meeting": [
                    f"The Strategic Board of {_day(meeting.date)} met before the Joint Planning "
                    f"Board proposed version {terms.version}, on {_day(proposed_on)}."
                ]
            }
        )
    in_force = current_terms()
    if in_force is not None and in_force.version > terms.version:
        # Approving it would change nothing the public sees, and would read as if it had.
        raise ValidationError(
            {
                "status": [
                    f"Version {in_force.version}, a later one, is already approved; draft a new "
                    f"version rather than approve version {terms.version}."
                ]
            }
        )
    decision = meeting_services.add_decision(
        meeting=meeting, text=APPROVAL.format(version=terms.version), by=by
    )
    before = audit.state_of(terms, TERMS_FIELDS)
    terms.status = TermsOfReference.Status.APPROVED
    terms.approved_by = decision
    terms.save(update_fields=["status", "approved_by"])
    audit.record(
        by=by,
        action="roadmap.terms.approved",
        obj=terms,
        before=before,
        after=audit.state_of(terms, TERMS_FIELDS),
        note=f"{meeting.title}, {_day(meeting.date)}",
    )
    return terms


def current_terms() -> TermsOfReference | None:
    """Return the terms of reference in force: the latest version the Strategic Board approved."""
    return (
        TermsOfReference.objects.filter(status=TermsOfReference.Status.APPROVED)
        .select_related("approved_by__meeting", "proposed_by__meeting")
        .order_by("-version")
        .first()
    )
