"""A draft assessed from new figures, so an import is seen on the overview without another step.

The current snapshot stays the latest presented one (ADR 0007); the draft is offered beside it,
labelled as a draft, until the Board is shown it.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from oversight.data.signals import police_figures_changed
from oversight.performance.services import create_snapshot


@receiver(police_figures_changed, dispatch_uid="performance.assess_new_figures")
def assess_new_figures(sender: Any, *, by: Any = None, changes: Any = (), **_: Any) -> list[str]:
    """Assess the latest month with data as a draft; return what was done, for the report."""
    if not changes:
        return []
    try:
        snapshot = create_snapshot(period=None, by=by, note="Assessed after a police.uk import")
    except ValueError as exc:
        return [f"No draft was assessed: {exc}"]
    return [
        f"Draft snapshot {snapshot.pk} for {snapshot.period} assessed from the new figures: "
        "the overview offers it beside the presented snapshot until the Board is shown it."
    ]
