"""What the public and the Panel may see of a published snapshot, after disclosure control."""

from dataclasses import dataclass, field

from oversight.analysis.disclosure import Disclosed, disclose_group
from oversight.data.models import FORCE_AREA
from oversight.performance.models import Assessment, Snapshot, SnapshotStatus
from oversight.plans.models import Bcu, Measure, Plan


@dataclass
class PublicRow:
    measure: Measure
    value: Disclosed
    rating: str
    rating_label: str
    headline: str
    is_sample: bool
    areas: dict[str, Disclosed] = field(default_factory=dict)


@dataclass
class PublicTheme:
    title: str
    description: str
    rows: list[PublicRow]


def published_snapshots() -> list[Snapshot]:
    """Return the published snapshots, newest period first."""
    return list(Snapshot.objects.filter(status=SnapshotStatus.PUBLISHED).order_by("-period", "-pk"))


def published_snapshot(pk: int | None = None) -> Snapshot | None:
    """Return a published snapshot by id (or the latest); never a draft or presented one."""
    snapshots = Snapshot.objects.filter(status=SnapshotStatus.PUBLISHED)
    if pk is not None:
        return snapshots.filter(pk=pk).first()
    return snapshots.order_by("-period", "-pk").first()


def _format(measure: Measure) -> str:
    return "{:,.1f}" if measure.unit in ("percentage", "rate") else "{:,.0f}"


def public_rows(snapshot: Snapshot, plan: Plan) -> tuple[list[PublicRow], list[Bcu]]:
    """Return one row per measure (force-wide), with BCU figures after disclosure control."""
    assessments = list(
        Assessment.objects.filter(snapshot=snapshot, breakdown="")
        .select_related("measure__outcome__priority")
        .prefetch_related("overrides")
    )
    bcus = list(plan.bcus.all())
    by_measure: dict[int, dict[str, Assessment]] = {}
    for a in assessments:
        by_measure.setdefault(a.measure_id, {})[a.area] = a
    rows = []
    for cells in by_measure.values():
        force = cells.get(FORCE_AREA)
        if force is None:
            continue
        measure = force.measure
        counts = measure.unit == "count"
        area_values = {b.code: cells[b.code].value if b.code in cells else None for b in bcus}
        if counts:
            areas = disclose_group(area_values, total_published=force.value is not None)
        else:
            areas = {code: Disclosed(v) for code, v in area_values.items()}
        rows.append(
            PublicRow(
                measure=measure,
                # Force-wide figures are already public on data.police.uk.
                value=Disclosed(force.value),
                rating=force.effective_rating,
                rating_label=force.effective_rating_label,
                headline=force.headline,
                is_sample=force.is_sample,
                areas=areas,
            )
        )
    rows.sort(key=lambda r: (r.measure.outcome.priority.order, r.measure.outcome.order,
                             r.measure.order, r.measure.code))  # fmt: skip
    return rows, bcus


def public_themes(rows: list[PublicRow], plan: Plan) -> list[PublicTheme]:
    """Return the plan's themes, each with the published rows of its measures."""
    by_code = {r.measure.code: r for r in rows}
    themes = []
    for theme in plan.themes.prefetch_related("measures"):
        theme_rows = [by_code[m.code] for m in theme.measures.all() if m.code in by_code]
        themes.append(PublicTheme(theme.title, theme.description, theme_rows))
    return themes


def value_text(row: PublicRow, disclosed: Disclosed) -> str:
    """Return a published figure as text in the measure's format."""
    return disclosed.text(_format(row.measure))
