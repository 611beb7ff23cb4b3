"""The demo's performance steps: the Board's snapshot for the latest month, and a newer draft.

``load`` makes the Board's snapshot as a draft (the JPMG reads it to propose escalations);
``present`` presents it once the commentary and theme findings are written, which freezes
them into the record, then leaves a newer draft for the next Board.
"""

from __future__ import annotations

from typing import TextIO

from oversight.accounts.models import User
from oversight.performance import services
from oversight.performance.models import Snapshot, SnapshotStatus


def _board_snapshot(period: str) -> Snapshot | None:
    shown = Snapshot.objects.filter(period=period).exclude(status=SnapshotStatus.DRAFT).first()
    return shown or Snapshot.objects.filter(period=period, status=SnapshotStatus.DRAFT).first()


def load(*, stdout: TextIO) -> None:
    """Make the Board's snapshot of the latest month, as a draft, unless there is one."""
    period = services.latest_period()
    if period is None:
        stdout.write("Snapshots: no observations yet, nothing to assess.")
        return
    snapshot = _board_snapshot(period)
    if snapshot is None:
        snapshot = services.create_snapshot(
            period=period,
            by=User.objects.filter(username="force").first(),
            note="Presented to the Commissioner's Strategic Board.",
        )
    stdout.write(
        f"Snapshots: {snapshot.pk} for {period} ({snapshot.assessments.count()} assessments), "
        f"{snapshot.get_status_display().lower()}."
    )


def present(*, stdout: TextIO) -> None:
    """Present the Board's snapshot (freezing its notes), then leave a newer draft."""
    period = services.latest_period()
    snapshot = _board_snapshot(period) if period else None
    if snapshot is None:
        stdout.write("Snapshots: nothing to present.")
        return
    if not snapshot.is_frozen:
        presenter = User.objects.filter(username="force").first()
        snapshot = services.mark_presented(snapshot=snapshot, by=presenter)
    draft = Snapshot.objects.filter(status=SnapshotStatus.DRAFT, pk__gt=snapshot.pk).first()
    if draft is None:
        draft = services.create_snapshot(
            period=period,
            by=User.objects.filter(username="opcc").first(),
            note="Re-assessed after the Board; not yet presented.",
        )
    stdout.write(
        f"Snapshots: {snapshot.pk} presented for {period} ({snapshot.notes.count()} notes "
        f"frozen, hash {snapshot.short_hash}); draft {draft.pk} ready for the next Board."
    )
