"""The demo's steps, one per capability, each safe to run twice."""

from pathlib import Path
from typing import TextIO

from oversight.plans.catalogue import parse
from oversight.plans.models import Plan
from oversight.plans.services import load_catalogue

DEMO_PLAN = Path(__file__).resolve().parent / "plan.toml"


def load_plan(*, stdout: TextIO) -> None:
    """Load the demo plan (examples/plan.toml, shipped inside the package) and publish it."""
    plan, counts = load_catalogue(catalogue=parse(DEMO_PLAN.read_text()), by=None)
    Plan.objects.filter(pk=plan.pk).update(published=True)
    stdout.write(
        f"Plan: {plan.title} ({counts['measures']} measures, {counts['measures_changed']} "
        "new or changed)."
    )


def publish_presented(*, stdout: TextIO) -> None:
    """Publish the Board's presented snapshot, as the Commissioner's team would after the CSB."""
    from oversight.accounts.models import User
    from oversight.performance.models import Snapshot, SnapshotStatus
    from oversight.performance.services import publish

    snapshot = Snapshot.objects.filter(status=SnapshotStatus.PRESENTED).order_by("-pk").first()
    if snapshot is None:
        published = Snapshot.objects.filter(status=SnapshotStatus.PUBLISHED).count()
        stdout.write(f"Publishing: nothing new to publish ({published} published).")
        return
    publish(snapshot=snapshot, by=User.objects.filter(username="opcc").first())
    stdout.write(f"Publishing: snapshot {snapshot.pk} for {snapshot.period} is now public.")
