"""The demo's steps, one per capability, each safe to run twice."""

from pathlib import Path
from typing import TextIO

from oversight.plans.catalogue import parse
from oversight.plans.models import Plan
from oversight.plans.services import load_catalogue

DEMO_PLAN = Path(__file__).resolve().parent / "plan.toml"


def load_plan(*, stdout: TextIO) -> None:
    """Load the demo plan (oversight/demo/plan.toml, shipped inside the package) and publish it."""
    plan, counts = load_catalogue(catalogue=parse(DEMO_PLAN.read_text()), by=None)
    Plan.objects.filter(pk=plan.pk).update(published=True)
    stdout.write(
        f"Plan: {plan.title} ({counts['measures']} measures, {counts['measures_changed']} "
        "new or changed)."
    )
