"""The demo's performance step: a presented snapshot for the latest month and a newer draft."""

from __future__ import annotations

from typing import TextIO

from oversight.accounts.models import User
from oversight.performance import services
from oversight.performance.models import Snapshot, SnapshotStatus


def load(*, stdout: TextIO) -> None:
    """Present a snapshot of the latest month (made if missing), then leave a newer draft."""
    period = services.latest_period()
    if period is None:
        stdout.write("Snapshots: no observations yet, nothing to assess.")
        return
    # The demo's people, if the personas step has run; otherwise the system.
    presenter = User.objects.filter(username="force").first()
    opcc = User.objects.filter(username="opcc").first()
    shown = Snapshot.objects.filter(period=period).exclude(status=SnapshotStatus.DRAFT).first()
    if shown is None:
        # Present the draft already made for this month, if any, rather than a new one.
        snapshot = Snapshot.objects.filter(period=period, status=SnapshotStatus.DRAFT).first()
        if snapshot is None:
            snapshot = services.create_snapshot(
                period=period, by=presenter, note="Presented to the Commissioner's Strategic Board."
            )
        shown = services.mark_presented(snapshot=snapshot, by=presenter)
    draft = Snapshot.objects.filter(status=SnapshotStatus.DRAFT, pk__gt=shown.pk).first()
    if draft is None:
        draft = services.create_snapshot(
            period=period, by=opcc, note="Re-assessed after the Board; not yet presented."
        )
    stdout.write(
        f"Snapshots: {shown.pk} presented for {period} ({shown.assessments.count()} "
        f"assessments, hash {shown.short_hash}); draft {draft.pk} ready for the next Board."
    )
