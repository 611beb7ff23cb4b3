"""What the integrity monitor's findings touch, and the decision a person records on each.

A finding touches a police.uk measure of its force and dataset when a category it found
stepping (or revised) is one the measure counts: a crime type for street data, an outcome type
for outcomes, any object of search for stop-and-search (those measures do not filter by it).
A measure with no category filter counts every category, so every finding of its dataset
touches it. A break found only in the location shares (no location, outside every BCU) moves
rows between the force's BCUs and the rest of the force, so it touches only BCU values.

The decision is the record: once a finding is decided ("real change", or "recording change —
rebase at PERIOD") it never changes. A recording change becomes a rebase of every measure the
finding touches (``plans.services.add_rebase``), with the finding's id and the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.analysis.periods import validate_period
from oversight.data.models import FORCE_AREA, Decision, Finding, FindingKind
from oversight.plans.models import Measure, MeasureStatus, Plan, Source
from oversight.plans.services import add_rebase

# The measure definition key that filters each dataset's categories.
_CATEGORY_KEY = {
    "street": "crime_types",
    "outcomes": "outcome_types",
    "stop-and-search": None,
}
DECISIONS = {"real": Decision.REAL_CHANGE, "recording": Decision.RECORDING_CHANGE}


class DecisionError(ValueError):
    """A decision that cannot be recorded (already decided, no reason, wrong role...)."""


def location_only(finding: Finding) -> bool:
    """Return whether a break stepped only in the location shares, in no category."""
    return finding.kind == FindingKind.BREAK and not finding.categories


def touches(finding: Finding, measure: Measure, force_slug: str, area: str | None = None) -> bool:
    """Return whether ``finding`` touches ``measure``'s values (for ``area``, or any area)."""
    spec = measure.police_uk or {}
    if measure.source != Source.POLICE_UK or finding.force != force_slug:
        return False
    if spec.get("dataset") != finding.dataset:
        return False
    if location_only(finding):
        if area is None:
            return "bcu" in (measure.breakdowns or [])
        return area != FORCE_AREA
    key = _CATEGORY_KEY.get(finding.dataset)
    chosen = set(spec.get(key) or ()) if key else set()
    return not chosen or bool(chosen & set(finding.categories))


def touched_measures(finding: Finding, measures: Iterable[Measure] | None = None) -> list[Measure]:
    """Return the measures in use that ``finding`` touches, in plan order."""
    if measures is None:
        measures = Measure.objects.filter(source=Source.POLICE_UK).exclude(
            status=MeasureStatus.RETIRED
        )
    slugs = dict(Plan.objects.values_list("pk", "force_slug"))
    return [m for m in measures if touches(finding, m, slugs.get(m.plan_id, ""))]


def holding(force_slug: str) -> list[Finding]:
    """Return the findings that hold ratings at Grey for a force until someone decides."""
    found = Finding.objects.filter(force=force_slug, decision=Decision.OPEN, still_detected=True)
    return list(found.exclude(kind=FindingKind.REVISION))


def finding_json(finding: Finding, measures: Sequence[Measure] | None = None) -> dict:
    """Return a finding as `oversight data breaks --json` prints it."""
    touched = touched_measures(finding, measures)
    return {
        "id": finding.pk,
        "kind": finding.kind,
        "force": finding.force,
        "dataset": finding.dataset,
        "period": finding.period,
        "summary": finding.summary,
        "series": [s["label"] for s in finding.evidence.get("steps", [])],
        "categories": finding.categories,
        "evidence": finding.evidence,
        "measures": [{"code": m.code, "name": m.name} for m in touched],
        "still_detected": finding.still_detected,
        "decision": "open" if finding.is_open else finding.decision,
        "reason": finding.reason,
        "rebase_period": finding.rebase_period or None,
        "rebased_measures": finding.rebased_measures,
        "decided_by": finding.decided_by.display_name if finding.decided_by else None,
        "decided_at": finding.decided_at.isoformat() if finding.decided_at else None,
        "detected_at": finding.detected_at.isoformat(),
    }


@transaction.atomic
def decide(
    *,
    finding: Finding,
    decision: str,
    reason: str,
    by: User,
    rebase_period: str | None = None,
) -> Finding:
    """Record "real change" or "recording change" on an open finding; audited, final.

    ``decision`` is "real" or "recording" (or the stored values). A recording change rebases
    every measure the finding touches at ``rebase_period`` (default the finding's month).
    """
    chosen = DECISIONS.get(decision, decision)
    if chosen not in (Decision.REAL_CHANGE, Decision.RECORDING_CHANGE):
        raise DecisionError(f"Decide as 'real' or 'recording', not {decision!r}.")
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("A decision needs a reason: what was checked, and with whom.")
    if by is None or not by.pk or not by.can(Permission.DECIDE_BREAKS):
        raise DecisionError(
            "Only the Chief Constable's team (who own the data) may decide a data finding."
        )
    current = Finding.objects.select_for_update().get(pk=finding.pk)
    if not current.is_open:
        raise DecisionError(
            f"Finding {current.pk} was decided on {current.decided_at:%d %B %Y} "
            f"({current.get_decision_display().lower()}); a decision is never changed."
        )
    period = rebase_period or current.period
    if chosen == Decision.RECORDING_CHANGE:
        try:
            validate_period(period)
        except ValueError as exc:
            raise DecisionError(f"Rebase period: {exc}") from exc
    before = audit.state_of(current, ["decision", "reason", "rebase_period"])
    rebased = []
    if chosen == Decision.RECORDING_CHANGE:
        for measure in touched_measures(current):
            add_rebase(
                measure=measure,
                period=period,
                reason=f"Recording change found by the integrity monitor (finding {current.pk}, "
                f"{current.summary}): {reason}",
                finding=current.pk,
                by=by,
            )
            rebased.append(measure.code)
    current.decision = chosen
    current.reason = reason
    current.rebase_period = period if chosen == Decision.RECORDING_CHANGE else ""
    current.rebased_measures = rebased
    current.decided_by = by
    current.decided_at = timezone.now()
    current.save()
    audit.record(
        by=by,
        action=f"data.finding.{chosen}",
        obj=current,
        before=before,
        after=audit.state_of(current, ["decision", "reason", "rebase_period", "rebased_measures"]),
        note=reason,
    )
    return current
