"""Every force's police.uk rows per month by category, from the warehouse into the database.

`store_counts` compares the warehouse's loaded batches with the months already counted and
counts only what changed: a new month, or a month whose file was replaced (a re-published
month); a month no longer loaded is removed. One GROUP BY per dataset over just those batches.
Rows are counted, never distinct Crime IDs, as the measures count them (``data.aggregation``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from oversight.data.policeuk import Kind
from oversight.data.warehouse import ROW_TABLES, Batch, Warehouse
from oversight.peers.models import CountedMonth, ForceCount

# Per dataset: the category column (crime type, street only) and the outcome column.
COLUMNS: dict[str, tuple[str | None, str]] = {
    "street": ("crime_type", "last_outcome_category"),
    "outcomes": (None, "outcome_type"),
    "stop-and-search": (None, "outcome"),
}


@dataclass
class CountsReport:
    """What one storing of counts did."""

    counted: int = 0  # months (force × dataset) counted afresh
    removed: int = 0  # months no longer in the warehouse
    kept: int = 0  # months already counted from the same batch
    forces: int = 0  # forces with at least one counted month

    def line(self) -> str:
        return (
            f"Peer counts: {self.counted} month(s) counted, {self.kept} unchanged, "
            f"{self.removed} removed, {self.forces} force(s) held."
        )


def store_counts(*, warehouse_path: Path | str) -> CountsReport:
    """Count each loaded police.uk month of every force not yet counted; return what was done."""
    report = CountsReport()
    path = Path(warehouse_path)
    if not path.exists():
        report.removed, _ = CountedMonth.objects.all().delete()
        return report
    with Warehouse(path, read_only=True) as warehouse:
        current = {
            key: batch for key, batch in warehouse.current_batches().items() if key[0] in COLUMNS
        }
        stored = {(m.dataset, m.force, m.period): m for m in CountedMonth.objects.all()}
        stale = [m.pk for key, m in stored.items() if key not in current
                 or current[key].id != m.batch]  # fmt: skip
        wanted = {key: b for key, b in current.items()
                  if key not in stored or stored[key].batch != b.id}  # fmt: skip
        counts = _count(warehouse, wanted)
    report.kept = len(current) - len(wanted)
    with transaction.atomic():
        report.removed = sum(1 for key in stored if key not in current)
        CountedMonth.objects.filter(pk__in=stale).delete()
        months = CountedMonth.objects.bulk_create(
            [
                CountedMonth(dataset=d, force=f, period=p, batch=b.id, rows=b.rows or 0)
                for (d, f, p), b in sorted(wanted.items())
            ],
            batch_size=2000,
        )
        by_batch = {m.batch: m for m in months}
        rows = [
            ForceCount(month=by_batch[batch], category=category, outcome=outcome, rows=n)
            for (batch, category, outcome), n in sorted(counts.items())
        ]
        ForceCount.objects.bulk_create(rows, batch_size=5000)
    report.counted = len(wanted)
    report.forces = len({f for _, f, _ in current})
    return report


def _count(
    warehouse: Warehouse, wanted: dict[tuple[str, str, str], Batch]
) -> dict[tuple[int, str, str], int]:
    """Return (batch, category, outcome) → rows for the wanted months' batches."""
    ids: dict[str, list[int]] = defaultdict(list)
    for (dataset, _, _), batch in wanted.items():
        ids[dataset].append(batch.id)
    out: dict[tuple[int, str, str], int] = {}
    for dataset, batch_ids in ids.items():
        category, outcome = COLUMNS[dataset]
        table = ROW_TABLES[Kind(dataset)]
        category_sql = f"coalesce({category}, '')" if category else "''"
        rows = warehouse.connection.execute(
            f"SELECT batch_id, {category_sql}, coalesce({outcome}, ''), count(*)"  # noqa: S608
            f" FROM {table} WHERE list_contains(?, batch_id) GROUP BY ALL",
            [batch_ids],
        ).fetchall()
        for batch_id, cat, out_, n in rows:
            out[(int(batch_id), cat, out_)] = int(n)
    return out
