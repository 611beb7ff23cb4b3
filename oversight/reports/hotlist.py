"""The hot list: what needs the Board's attention, and why — every Red, and every change.

As NYPD's CompStat book opens with its hot list, the overview and the Board pack open with
every measure rated Red for the force and every measure whose rating, variation or assurance
changed since the previous Board's snapshot, each with the reasons that decided it and a
sparkline of its recent months. Both snapshots are read from their records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from oversight.analysis.rag import Rating
from oversight.display.sparklines import sparkline_svg
from oversight.display.words import assurance_words, variation_words
from oversight.performance import frozen
from oversight.performance.frozen import FORCE, Record
from oversight.performance.models import Assessment, Snapshot, SnapshotStatus
from oversight.reports.presenters import OverviewRow, rows_for

# Months a sparkline shows: a year and the month a year ago, so the same month can be compared.
SPARK_MONTHS = 13


@dataclass(frozen=True)
class HotItem:
    """One measure on the hot list, with why it is there."""

    row: OverviewRow
    previous_rating: str  # "" when the previous Board did not rate it
    changes: tuple[str, ...]  # "Rating Amber → Red", "Variation ...", "Assurance ..."
    sparkline: str  # inline SVG with its text alternative

    @property
    def is_red(self) -> bool:
        return self.row.rating == "red"

    @property
    def why(self) -> tuple[str, ...]:
        """Return the reasons a reader needs: the deciding ones, then what changed."""
        return (*self.row.deciding_reasons, *self.changes)


def previous_board(snapshot: Snapshot) -> Snapshot | None:
    """Return the snapshot the previous Board was shown: the latest presented one before it."""
    shown = Snapshot.objects.exclude(status=SnapshotStatus.DRAFT).exclude(pk=snapshot.pk)
    if snapshot.is_frozen and snapshot.presented_at is not None:
        shown = shown.filter(presented_at__lt=snapshot.presented_at)
    else:
        shown = shown.filter(created_at__lte=snapshot.created_at)
    return shown.order_by("-presented_at", "-id").first()


def spark_values(cell: Assessment) -> list[float | None]:
    """Return a cell's last months as charted (per day for a daily rate), oldest first."""
    points = (cell.spc or {}).get("points") or []
    if points:
        return [p.get("value") for p in points][-SPARK_MONTHS:]
    return [month[1] for month in cell.series][-SPARK_MONTHS:]


def _changes(now: OverviewRow, before: OverviewRow | None) -> tuple[str, ...]:
    if before is None:
        return ()
    found = []
    if now.rating != before.rating:
        found.append(f"Rating {Rating(before.rating).label} → {Rating(now.rating).label}")
    if now.variation_icon != before.variation_icon and now.variation_icon and before.variation_icon:
        found.append(
            f"Variation {variation_words(before.variation_icon).lower()} → "
            f"{variation_words(now.variation_icon).lower()}"
        )
    if now.assurance_icon != before.assurance_icon and (
        now.assurance_icon or before.assurance_icon
    ):
        found.append(
            f"Assurance {assurance_words(before.assurance_icon).lower()} → "
            f"{assurance_words(now.assurance_icon).lower()}"
        )
    return tuple(found)


def hot_list(record: Record, previous: Record | None) -> list[HotItem]:
    """Return every Red force row and every force row that changed since ``previous``.

    Reds come first, then the other changes, each group in plan order.
    """
    rows = rows_for(record, area=FORCE)
    before = {r.measure_code: r for r in rows_for(previous, area=FORCE)} if previous else {}
    cells = {c.pk: c for c in record.cells}
    items = []
    for row in rows:
        was = before.get(row.measure_code)
        changes = _changes(row, was)
        if row.rating != "red" and not changes:
            continue
        label = (
            f"{row.measure_code} {row.measure_name}, last {SPARK_MONTHS} months; latest "
            f"{row.value_text} ({row.latest_period})"
        )
        items.append(
            HotItem(
                row=row,
                previous_rating=was.rating if was else "",
                changes=changes,
                sparkline=sparkline_svg(
                    spark_values(cells[row.assessment_id]),
                    label=label,
                    concern=row.rating == "red",
                ),
            )
        )
    return [i for i in items if i.is_red] + [i for i in items if not i.is_red]


def hot_list_for(snapshot: Snapshot, *, against: Snapshot | None = None) -> list[HotItem]:
    """Return the hot list of a snapshot against ``against`` (default: the previous Board's)."""
    previous = against if against is not None else previous_board(snapshot)
    return hot_list(frozen.load(snapshot), frozen.load(previous) if previous else None)


def sparkline_for(cell: Assessment, row: OverviewRow) -> str:
    """Return the sparkline of one overview row."""
    return sparkline_svg(
        spark_values(cell),
        label=f"{row.measure_code} {row.measure_name} ({row.where}), last months",
        concern=row.rating == "red",
    )


def sparklines(record: Record, rows: Sequence[OverviewRow]) -> dict[int, str]:
    """Return assessment id → its sparkline, for each of ``rows``."""
    cells = {c.pk: c for c in record.cells}
    return {r.assessment_id: sparkline_for(cells[r.assessment_id], r) for r in rows}
