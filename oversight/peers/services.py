"""Peer comparison as the command line and the pages ask for it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Sum

from oversight.analysis.periods import validate_period
from oversight.data.models import Finding, Population
from oversight.peers.comparison import Comparison, Engine
from oversight.peers.counts import CountsReport, store_counts
from oversight.peers.groups import supplied_for
from oversight.peers.inputs import Inputs
from oversight.peers.measures import plan_measures
from oversight.peers.models import CountedMonth
from oversight.plans.models import MeasureVersion, Plan

SPAN = 12  # months read: the longest window, and the months of a crime-mix profile


class ComparisonError(ValueError):
    """A comparison that cannot be made (unknown measure, bad month)."""


def refresh_counts(*, warehouse_path: Path | str) -> CountsReport:
    """Store every force's counts from the warehouse (only months not yet counted)."""
    return store_counts(warehouse_path=warehouse_path)


def latest_period() -> str | None:
    """Return the latest street month counted for any force, or None."""
    return CountedMonth.objects.filter(dataset="street").aggregate(p=Max("period"))["p"]


def data_state() -> tuple[object, ...]:
    """Return what a comparison depends on, summarised: it changes whenever any of it does."""
    months = CountedMonth.objects.aggregate(n=Count("id"), at=Max("counted_at"), top=Max("id"))
    people = Population.objects.aggregate(n=Count("id"), total=Sum("population"), top=Max("id"))
    findings = Finding.objects.aggregate(n=Count("id"), at=Max("last_seen_at"),
                                         decided=Max("decided_at"))  # fmt: skip
    # A plan loaded again gives its changed measures a new version.
    plan = MeasureVersion.objects.aggregate(n=Count("id"), top=Max("id"))
    return (
        months, people, findings, plan, sorted(settings.PEER_GROUPS.items()),
        settings.PEER_GROUPS_SOURCE,
    )  # fmt: skip


def periods() -> list[str]:
    """Return the street months counted, newest first."""
    found = CountedMonth.objects.filter(dataset="street").values_list("period", flat=True)
    return sorted(set(found), reverse=True)


def read_inputs(*, period: str, plan: Plan | None) -> Inputs:
    """Return what a comparison of the month ``period`` reads from the database."""
    return Inputs.load(last=period, months=SPAN, plan_force=plan.force_slug if plan else None)


def compare_force(
    *,
    force: str,
    period: str,
    codes: Sequence[str] = (),
    peers: Sequence[str] | None = None,
    source: str = "",
    plan: Plan | None = None,
    inputs: Inputs | None = None,
) -> Comparison:
    """Return the force against its peers and all forces for the month, from the database.

    ``peers`` (with its ``source``) overrides the peer group set in OVERSIGHT_PEER_GROUPS; a
    force with neither gets computed peers. ``codes`` limits the measures compared. ``inputs``
    are those :func:`read_inputs` read for the month, when the caller has them already.
    """
    try:
        validate_period(period)
    except ValueError as exc:
        raise ComparisonError(str(exc)) from exc
    plan = plan if plan is not None else Plan.objects.first()
    measures, not_compared = plan_measures(plan)
    if codes:
        known = {m.code for m in measures}
        unknown = [c for c in codes if c not in known]
        if unknown:
            skipped = {n.code: n.reason for n in not_compared}
            said = [f"{c} ({skipped[c]})" if c in skipped else c for c in unknown]
            raise ComparisonError(
                "not a police.uk measure compared per resident: "
                + ", ".join(said)
                + "; compared: "
                + ", ".join(sorted(known))
            )
        measures = [m for m in measures if m.code in codes]
        not_compared = [n for n in not_compared if n.code in codes]
    if peers is None and (found := supplied_for(force)) is not None:
        peers, source = found
    if inputs is None:
        inputs = read_inputs(period=period, plan=plan)
    engine = Engine(inputs, measures)
    return engine.compare(
        force=force, period=period, supplied=peers, source=source, not_compared=not_compared
    )
