"""Two Boards a month apart, both presented, with a rating that changes between them.

The board factory's observations run to September 2025. The August Board is assessed and
presented first; then September's all-crime figure is made far higher than usual (a special
cause of concern: Red) and the September Board is assessed and presented. A period has only one
presented snapshot, so the two Boards are of two periods.
"""

from __future__ import annotations

from dataclasses import dataclass

from oversight.data.models import Observation
from oversight.performance.models import Snapshot
from oversight.performance.services import create_snapshot, mark_presented
from tests.factories.board import PERIOD, add_observations, load_plan

PREVIOUS_PERIOD = "2025-08"
# Green in August; far above its usual range in September, so Red.
CHANGED = "PUK02"


@dataclass(frozen=True)
class TwoBoards:
    previous: Snapshot
    current: Snapshot


def two_boards(*, by=None) -> TwoBoards:
    """Return the August and September Boards' snapshots, both presented."""
    plan = load_plan()
    add_observations(plan, period=PERIOD)
    previous = mark_presented(snapshot=create_snapshot(period=PREVIOUS_PERIOD, by=by), by=by)
    latest = Observation.objects.filter(
        measure__code=CHANGED, area="force", breakdown="", period=PERIOD
    )
    latest.update(value=latest.get().value * 3)
    current = mark_presented(snapshot=create_snapshot(period=PERIOD, by=by), by=by)
    return TwoBoards(previous=previous, current=current)
