"""A board's worth of data for the report tests and the pack benchmark.

Loads the example plan as the demo does, writes 36 months of synthetic observations for every
measure (force, each BCU where the measure is broken down by BCU, and both age bands where it
is broken down by age), then freezes a snapshot with the performance service. A few measures
get a sustained rise so that the pack has Red and special-cause measures to show.
"""

from __future__ import annotations

import random

from oversight.analysis.periods import add_months
from oversight.data.models import Observation, SourceMonth
from oversight.performance.models import Snapshot
from oversight.performance.services import create_snapshot
from oversight.plans.catalogue import parse
from oversight.plans.models import Bcu, Measure, Plan
from oversight.plans.services import load_catalogue
from tests.conftest import EXAMPLE_PLAN

PERIOD = "2025-09"
MONTHS = 36


def load_plan() -> Plan:
    """Return the example plan, loaded as the demo loads it."""
    plan, _ = load_catalogue(catalogue=parse(EXAMPLE_PLAN.read_text()), by=None)
    return plan


def _series(measure: Measure, rng: random.Random, *, scale: float, shifted: bool) -> list[float]:
    if measure.unit == "percentage":
        level, spread = 70.0, 3.0
    elif measure.unit == "duration":
        level, spread = 600.0, 40.0
    else:
        level, spread = 400.0 * scale, 25.0 * scale
    values = []
    for i in range(MONTHS):
        value = rng.gauss(level, spread)
        if shifted and i >= MONTHS - 9:
            # A sustained move in the wrong direction: special cause concern, rated Red.
            worse = 1 if measure.improvement != "up" else -1
            value += worse * 4 * spread
        if measure.unit == "percentage":
            value = min(max(value, 0.0), 100.0)
        values.append(round(value, 1) if measure.unit != "count" else float(max(round(value), 0)))
    return values


def add_observations(
    plan: Plan, *, period: str = PERIOD, seed: int = 7, measures: list[Measure] | None = None
) -> int:
    """Write synthetic observations for every measure of the plan; return how many."""
    rng = random.Random(seed)
    bcus = list(Bcu.objects.filter(plan=plan).values_list("code", flat=True))
    start = add_months(period, -(MONTHS - 1))
    rows = []
    for index, measure in enumerate(measures or Measure.objects.filter(plan=plan)):
        breakdowns = measure.breakdowns or ["force"]
        shifted = index % 4 == 0
        sample = measure.source == "force-supplied"
        cells = [("force", "", 1.0)]
        if "bcu" in breakdowns:
            cells += [(b, "", 0.5) for b in bcus]
        if "age_band" in breakdowns:
            cells += [("force", "age:under-18", 0.3), ("force", "age:18-and-over", 0.7)]
        for area, breakdown, scale in cells:
            for i, value in enumerate(_series(measure, rng, scale=scale, shifted=shifted)):
                rows.append(
                    Observation(
                        measure=measure,
                        period=add_months(start, i),
                        area=area,
                        breakdown=breakdown,
                        value=value,
                        origin="force-supplied" if sample else "police-uk",
                        is_sample=sample,
                        warehouse_batches=[] if sample else [f"wh-{add_months(start, i)}"],
                    )
                )
    Observation.objects.bulk_create(rows, batch_size=2000)
    record_source_months(plan, start=start, period=period)
    return len(rows)


def record_source_months(plan: Plan, *, start: str, period: str) -> None:
    """Record every police.uk dataset of the plan's measures as imported from start to period."""
    datasets = {
        (m.police_uk or {}).get("dataset")
        for m in Measure.objects.filter(plan=plan, source="police-uk")
    } - {None}
    months = [add_months(start, i) for i in range(MONTHS)]
    SourceMonth.objects.bulk_create(
        [
            SourceMonth(dataset=d, force=plan.force_slug, period=m, batch=i + 1)
            for d in sorted(datasets)
            for i, m in enumerate(months)
            if m <= period
        ],
        ignore_conflicts=True,
    )


def board(*, period: str = PERIOD) -> Snapshot:
    """Return a snapshot of the example plan with synthetic observations for ``period``."""
    plan = load_plan()
    add_observations(plan, period=period)
    return create_snapshot(period=period, by=None)


BOARD_DATE = "2025-10-16"  # a Thursday, after the snapshot's month


def board_meeting(snapshot: Snapshot, *, by, date: str = BOARD_DATE):
    """Return a Strategic Board with a cycle, accepted JPMG escalations, actions and a theme.

    The JPMG proposes escalations from ``snapshot`` and accepts two; an action is overdue,
    one is open; the "youth-offending" review is scheduled to the Board with findings.
    """
    import datetime as dt

    from oversight.analysis.cycle import WorkingCalendar
    from oversight.meetings import services as meetings
    from oversight.meetings.models import Meeting
    from oversight.plans.models import Theme
    from oversight.themes.services import reviews

    day = dt.date.fromisoformat(date)
    (cycle,) = meetings.create_cycles(csb_dates=[day], calendar=WorkingCalendar(), by=by)
    csb = cycle.meetings.get(kind=Meeting.Kind.CSB)
    jpmg = cycle.meetings.get(kind=Meeting.Kind.JPMG)
    proposed = meetings.propose_escalations(jpmg=jpmg, snapshot=snapshot, by=by)
    measures = [e for e in proposed if e.measure_id is not None]
    for escalation in measures[:2]:
        meetings.decide_escalation(
            escalation=escalation, accept=True, reason="The Board should hear the plan.", by=by
        )
    meetings.create_action(
        title="Report on the burglary series", owner=None, owner_name="Head of Crime",
        due_date=day - dt.timedelta(days=20), origin="meeting", origin_meeting=jpmg, by=by,
    )  # fmt: skip
    meetings.create_action(
        title="Plan for the summer night-time economy", owner=None, owner_name="BCU Commander",
        due_date=day + dt.timedelta(days=60), origin="meeting", origin_meeting=jpmg, by=by,
    )  # fmt: skip
    theme = Theme.objects.get(slug="youth-offending")
    review = reviews.propose_review(
        title="Youth offending: first-time entrants", origin="initial_programme", theme=theme,
        by=by,
    )  # fmt: skip
    reviews.schedule(review=review, board=csb, by=by)
    review.findings = "First-time entrants fell after the diversion scheme began."
    review.save(update_fields=["findings"])
    return csb
