"""Escalations from the JPMG to the Board (paragraph 3): proposed, decided, answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.meetings.models import Action, AgendaItem, Escalation, Meeting
from oversight.meetings.services.records import add_agenda_item

if TYPE_CHECKING:
    from oversight.performance.models import Assessment, Snapshot

S = Escalation.Source
DECISION_FIELDS = ("status", "decision_reason", "decided_by_id", "decided_at", "csb_id")
RESPONSE_FIELDS = ("csb_response", "responded_at")


def _csb_of(jpmg: Meeting) -> Meeting | None:
    """Return the Board the JPMG reports to: the CSB meeting of its cycle."""
    if jpmg.cycle_id is None:
        return None
    return Meeting.objects.filter(cycle_id=jpmg.cycle_id, kind=Meeting.Kind.CSB).first()


def _assessment_reasons(assessment: Assessment) -> tuple[str, list[str]]:
    """Return the main source and the reasons an assessment should be escalated, if any."""
    sources: list[str] = []
    reasons: list[str] = []
    if assessment.variation_icon.startswith("concern"):
        sources.append(S.SPECIAL_CAUSE_CONCERN)
        side = "high" if assessment.variation_icon.endswith("high") else "low"
        reasons.append(f"Special-cause variation of concern ({side} values)")
    if assessment.assurance_icon == "consistent_fail":
        sources.append(S.FAILING_ASSURANCE)
        reasons.append("Failing assurance: the process will consistently miss its target")
    if assessment.effective_rating == "red":
        sources.append(S.RED)
        reasons.append("Rated Red")
    return (sources[0] if sources else ""), reasons


@transaction.atomic
def propose_escalations(*, jpmg: Meeting, snapshot: Snapshot, by: User | None) -> list[Escalation]:
    """Propose the JPMG's escalations from a snapshot and the overdue actions; return new ones.

    One proposal per measure and area that shows a special-cause concern, failing assurance or
    a Red rating, and one per action overdue on the JPMG's date, each with its reason. Items
    already proposed to this JPMG are not proposed twice.
    """
    from oversight.performance.models import Assessment

    if jpmg.kind != Meeting.Kind.JPMG:
        raise ValueError("Escalations are proposed at the Joint Performance Management Group.")
    csb = _csb_of(jpmg)
    existing = {(e.measure_id, e.area, e.breakdown, e.action_id) for e in jpmg.escalations.all()}
    created: list[Escalation] = []
    label = f"Snapshot {snapshot.pk} for {snapshot.period}"
    assessments = (
        Assessment.objects.filter(snapshot=snapshot)
        .select_related("measure")
        .prefetch_related("overrides")
        .order_by("order", "pk")
    )
    for a in assessments:
        if a.hold:
            # Grey until its data are in or a break is decided: nothing yet to escalate.
            continue
        source, reasons = _assessment_reasons(a)
        if not source or (a.measure_id, a.area, a.breakdown, None) in existing:
            continue
        text = "; ".join(reasons) + (f". {a.headline}" if a.headline else ".")
        created.append(
            Escalation.objects.create(
                jpmg=jpmg,
                csb=csb,
                source=source,
                measure=a.measure,
                area=a.area,
                breakdown=a.breakdown,
                snapshot=snapshot,
                snapshot_label=label,
                reason=text,
            )
        )
    overdue = Action.objects.filter(
        status__in=Action.OPEN_STATUSES, due_date__lt=jpmg.date
    ).select_related("owner")
    for action in overdue:
        if (None, "", "", action.pk) in existing:
            continue
        days = (jpmg.date - action.due_date).days
        created.append(
            Escalation.objects.create(
                jpmg=jpmg,
                csb=csb,
                source=S.OVERDUE_ACTION,
                action=action,
                reason=(
                    f"Action owned by {action.owner_display} was due on "
                    f"{action.due_date:%d %B %Y}, {days} days before this meeting, and is "
                    f"{action.get_status_display().lower()}."
                ),
            )
        )
    for escalation in created:
        audit.record(
            by=by,
            action="escalation.proposed",
            obj=escalation,
            after=audit.state_of(escalation),
        )
    return created


@transaction.atomic
def raise_escalation(
    *, jpmg: Meeting, area: str, reason: str, by: User | None, measure: object | None = None
) -> Escalation:
    """Propose an escalation raised at the meeting itself, with its reason (audited)."""
    if jpmg.kind != Meeting.Kind.JPMG:
        raise ValueError("Escalations are proposed at the Joint Performance Management Group.")
    if not reason.strip() or not area.strip():
        raise ValueError("An escalation needs the area of concern and the reason.")
    escalation = Escalation.objects.create(
        jpmg=jpmg,
        csb=_csb_of(jpmg),
        source=S.MANUAL,
        measure=measure,
        area=area.strip(),
        reason=reason.strip(),
    )
    audit.record(
        by=by, action="escalation.proposed", obj=escalation, after=audit.state_of(escalation)
    )
    return escalation


@transaction.atomic
def decide_escalation(
    *, escalation: Escalation, accept: bool, reason: str, by: User | None
) -> Escalation:
    """Accept or reject a proposed escalation with the reason; accepted ones join the Board's
    agenda."""
    if not reason.strip():
        raise ValueError("Give the reason for accepting or rejecting the escalation.")
    # Read the status under a lock: two people deciding at once must not both succeed.
    current = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if current.status != Escalation.Status.PROPOSED:
        raise ValueError(f"This escalation was already {current.get_status_display().lower()}.")
    before = audit.state_of(escalation, DECISION_FIELDS)
    escalation.status = Escalation.Status.ACCEPTED if accept else Escalation.Status.REJECTED
    escalation.decision_reason = reason.strip()
    escalation.decided_by = by if by is not None and by.pk else None
    escalation.decided_at = timezone.now()
    if escalation.csb_id is None:
        escalation.csb = _csb_of(escalation.jpmg)
    escalation.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "csb"])
    if accept and escalation.csb is not None:
        add_agenda_item(
            meeting=escalation.csb,
            title=f"Escalation: {escalation.subject}",
            purpose=f"{escalation.reason} JPMG: {escalation.decision_reason}",
            origin=AgendaItem.Origin.ESCALATION,
            escalation=escalation,
            by=by,
        )
    audit.record(
        by=by,
        action=f"escalation.{escalation.status}",
        obj=escalation,
        before=before,
        after=audit.state_of(escalation, DECISION_FIELDS),
        note=escalation.decision_reason,
    )
    return escalation


@transaction.atomic
def record_csb_response(*, escalation: Escalation, response: str, by: User | None) -> Escalation:
    """Record the Board's response to an accepted escalation (audited)."""
    current = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if current.status != Escalation.Status.ACCEPTED:
        raise ValueError("Only an escalation accepted for the Board has a Board response.")
    if not response.strip():
        raise ValueError("Write the Board's response.")
    before = audit.state_of(escalation, RESPONSE_FIELDS)
    escalation.csb_response = response.strip()
    escalation.responded_at = timezone.now()
    escalation.save(update_fields=list(RESPONSE_FIELDS))
    audit.record(
        by=by,
        action="escalation.responded",
        obj=escalation,
        before=before,
        after=audit.state_of(escalation, RESPONSE_FIELDS),
    )
    return escalation
