"""The demo's publications: the month before the Board's, then the Board's own, each requested by
the Commissioner's team and approved by a colleague, each carrying the accountability record;
between them the burglary escalation moves on, so the second shows how. The Panel paper is made
from the latest publication, in English and in Welsh, filed and then released to the Police and
Crime Panel."""

from __future__ import annotations

from typing import TextIO

from oversight.accountability import demo as accountability_demo
from oversight.accountability import record
from oversight.accounts.models import User
from oversight.analysis.periods import add_months
from oversight.analysis.welsh import missing_welsh
from oversight.performance import services as performance
from oversight.performance.models import Snapshot, SnapshotStatus
from oversight.publishing import services
from oversight.publishing.models import PanelPaper, Publication


def _earlier_snapshot(period: str, by: User | None) -> Snapshot | None:
    """Return the month before's snapshot, presented, making it if there is none."""
    earlier = add_months(period, -1)
    found = Snapshot.objects.filter(period=earlier).exclude(status=SnapshotStatus.DRAFT).first()
    if found is not None:
        return found
    try:
        draft = performance.create_snapshot(
            period=earlier, by=by, note="Presented to the Commissioner's Strategic Board."
        )
    except ValueError:
        return None
    return performance.mark_presented(snapshot=draft, by=by)


def _publish(snapshot: Snapshot, note: str, stdout: TextIO) -> Publication:
    keys = [item["key"] for item in record.candidates() if item["verdict"]]
    request = services.request_publication(
        snapshot=snapshot,
        by=User.objects.filter(username="opcc").first(),
        note=note,
        record_keys=keys,
    )
    # The demo plan and roadmap carry their Welsh; a demo database loaded before they did
    # (its activities are kept as they were) is published with the reason said.
    reason = "Demo data loaded before its Welsh texts." if missing_welsh(request.content) else ""
    published = services.approve(
        publication=request,
        by=User.objects.filter(username="approver").first(),
        welsh_reason=reason,
    )
    items = len(published.content.get("record", {}).get("items", []))
    stdout.write(
        f"Publishing: publication {published.number} ({published.period}) requested by opcc, "
        f"approved by approver, with {items} items of the accountability record."
    )
    return published


def load(*, stdout: TextIO) -> None:
    latest = services.latest_published()
    if latest is not None:
        stdout.write(f"Publishing: publication {latest.number} ({latest.period}) is public.")
    else:
        snapshot = Snapshot.objects.filter(status=SnapshotStatus.PRESENTED).order_by("-pk").first()
        if snapshot is None:
            stdout.write("Publishing: no presented snapshot to publish.")
            return
        force = User.objects.filter(username="force").first()
        earlier = _earlier_snapshot(snapshot.period, force)
        if earlier is not None:
            _publish(earlier, "The month before the Board's, with the record as it stood.", stdout)
            accountability_demo.progress(stdout=stdout)
        latest = _publish(
            snapshot,
            "As agreed at the Commissioner's Strategic Board; for the public and the Panel.",
            stdout,
        )
        stdout.write(" Public at /public/; the record's history at /public/record/.")
    if not PanelPaper.objects.exists():
        opcc = User.objects.filter(username="opcc").first()
        # The Panel reads it in English or in Welsh (the Welsh Language Standards).
        for language in ("en-gb", "cy"):
            paper = services.file_panel_paper(publication=latest, by=opcc, language=language)
            services.release(paper=paper, by=opcc)
    stdout.write(f"Panel: {PanelPaper.objects.released().count()} paper(s) released.")
