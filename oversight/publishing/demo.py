"""The demo's publication: the Board's presented snapshot, requested, approved and published,
and its Panel paper made from the publication, filed and then released to the Police and Crime
Panel."""

from __future__ import annotations

from typing import TextIO

from oversight.accounts.models import User
from oversight.performance.models import Snapshot, SnapshotStatus
from oversight.publishing import services
from oversight.publishing.models import PanelPaper


def load(*, stdout: TextIO) -> None:
    latest = services.latest_published()
    if latest is not None:
        stdout.write(f"Publishing: publication {latest.number} ({latest.period}) is public.")
    else:
        snapshot = Snapshot.objects.filter(status=SnapshotStatus.PRESENTED).order_by("-pk").first()
        if snapshot is None:
            stdout.write("Publishing: no presented snapshot to publish.")
            return
        request = services.request_publication(
            snapshot=snapshot,
            by=User.objects.filter(username="opcc").first(),
            note="As agreed at the Commissioner's Strategic Board; for the public and the Panel.",
        )
        latest = services.approve(
            publication=request, by=User.objects.filter(username="approver").first()
        )
        stdout.write(
            f"Publishing: publication {latest.number} ({latest.period}) requested by opcc, "
            "approved by approver, now public at /public/."
        )
    if not PanelPaper.objects.exists():
        opcc = User.objects.filter(username="opcc").first()
        paper = services.file_panel_paper(publication=latest, by=opcc)
        services.release(paper=paper, by=opcc)
    stdout.write(f"Panel: {PanelPaper.objects.released().count()} paper(s) released.")
