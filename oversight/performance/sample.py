"""Plans and observation series built in code, for the tests and the assessment benchmark.

Everything here writes straight to the database without audit records: it makes fixtures,
never real data.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence

from oversight.analysis.periods import add_months
from oversight.data.models import Observation, SourceMonth
from oversight.plans.models import Bcu, Measure, Outcome, Plan, Priority


def build_plan(*, bcus: Sequence[str] = ("east", "west"), code: str = "test") -> Plan:
    """Return a plan with one priority, one outcome and the given BCUs (no measures yet)."""
    plan = Plan.objects.create(
        title=f"Plan {code}",
        force_name="Test Police",
        force_slug=code,
        first_year=2020,
        last_year=2027,
    )
    for i, bcu in enumerate(bcus):
        Bcu.objects.create(plan=plan, code=bcu, name=f"{bcu.title()} BCU {i}")
    priority = Priority.objects.create(plan=plan, code="P1", title="Safer places", kind="policing")
    Outcome.objects.create(priority=priority, code="P1.1", title="Less crime")
    return plan


def add_measure(
    plan: Plan,
    code: str,
    *,
    unit: str = "count",
    improvement: str = "down",
    breakdowns: Sequence[str] = ("force", "bcu"),
    rag_rule: dict | None = None,
    target: float | None = None,
    daily_rate: bool = False,
    status: str = "active",
    source: str = "police-uk",
) -> Measure:
    """Return a new measure of the plan's first outcome."""
    outcome = Outcome.objects.filter(priority__plan=plan).first()
    assert outcome is not None
    return Measure.objects.create(
        plan=plan,
        outcome=outcome,
        code=code,
        name=f"Measure {code}",
        unit=unit,
        improvement=improvement,
        source=source,
        breakdowns=list(breakdowns),
        rag_rule=rag_rule or {},
        target=target,
        daily_rate=daily_rate,
        status=status,
        police_uk={"dataset": "street", "statistic": "count"} if source == "police-uk" else {},
    )


def observations(
    measure: Measure,
    values: Iterable[float | None],
    *,
    start: str,
    area: str = "force",
    breakdown: str = "",
    batches: Sequence[int] = (),
    is_sample: bool = False,
) -> list[Observation]:
    """Return unsaved observations of ``values`` month by month from ``start`` (None: a gap)."""
    origin = Observation.Origin.POLICE_UK if not is_sample else Observation.Origin.FORCE
    return [
        Observation(
            measure=measure,
            period=add_months(start, i),
            area=area,
            breakdown=breakdown,
            value=value,
            origin=origin,
            is_sample=is_sample,
            warehouse_batches=list(batches),
        )
        for i, value in enumerate(values)
        if value is not None
    ]


def add_series(measure: Measure, values: Iterable[float | None], **kwargs: object) -> None:
    """Save a series of observations (see :func:`observations`).

    For a police.uk measure, each month with a value is also recorded as imported (readiness).
    """
    rows = observations(measure, values, **kwargs)  # type: ignore[arg-type]
    Observation.objects.bulk_create(rows)
    record_source_months(rows)


def record_source_months(rows: Iterable[Observation]) -> None:
    """Record the police.uk months of ``rows`` as imported for their measures' force."""
    held = {
        (str(o.measure.police_uk.get("dataset", "")), o.measure.plan.force_slug, o.period)
        for o in rows
        if o.measure.source == "police-uk"
    }
    SourceMonth.objects.bulk_create(
        [SourceMonth(dataset=d, force=f, period=p, batch=1) for d, f, p in sorted(held)],
        ignore_conflicts=True,
    )


def noisy_counts(n: int, *, level: float = 100, seed: int = 0) -> list[float]:
    """Return ``n`` whole-number counts varying around ``level`` (reproducible)."""
    rng = random.Random(seed)
    return [float(max(0, round(rng.gauss(level, level**0.5)))) for _ in range(n)]


def build_force(
    *, measures: int, areas: int, months: int, end: str = "2025-06", seed: int = 0
) -> Plan:
    """Return a plan of ``measures`` count measures over force and ``areas - 1`` BCUs, filled."""
    plan = build_plan(bcus=[f"bcu{i}" for i in range(1, areas)], code=f"bench{seed}")
    start = add_months(end, -(months - 1))
    rows: list[Observation] = []
    for m in range(measures):
        measure = add_measure(plan, f"M{m:02d}", daily_rate=m % 2 == 0)
        for a, area in enumerate(["force", *[f"bcu{i}" for i in range(1, areas)]]):
            series = noisy_counts(months, level=50 + 10 * a + m, seed=seed * 10_000 + m * 100 + a)
            rows.extend(observations(measure, series, start=start, area=area, batches=[1]))
    Observation.objects.bulk_create(rows, batch_size=2000)
    record_source_months(rows)
    return plan


def personas() -> dict[str, object]:
    """Return one user per role: alice (OPCC), bob (force), carol (partner), dan, erin.

    Passwords are random: tests sign them in with ``force_login``.
    """
    from oversight.accounts.models import Organisation
    from oversight.accounts.services import ensure_organisation, ensure_user

    council = ensure_organisation(
        name="Test Council", slug="test-council", kind=Organisation.Kind.COUNCIL, by=None
    )
    people = {
        "commissioners_team": ("alice", None),
        "chief_constables_team": ("bob", None),
        "partner": ("carol", council),
        "panel_member": ("dan", None),
        "administrator": ("erin", None),
    }
    return {
        role: ensure_user(
            username=name, password=secrets.token_urlsafe(), role=role, first_name=name.title(),
            organisation=org, by=None,
        )[0]
        for role, (name, org) in people.items()
    }  # fmt: skip
