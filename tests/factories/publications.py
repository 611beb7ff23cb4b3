"""A published publication, made the way the Commissioner's team makes one: presented snapshot,
request by one person, approval by another."""

from __future__ import annotations

from oversight.performance.models import Snapshot
from oversight.performance.services import create_snapshot, mark_presented
from oversight.plans.models import Plan
from oversight.publishing.models import Publication
from oversight.publishing.services import approve, request_publication
from tests.factories.board import PERIOD, add_observations, load_plan
from tests.factories.people import persona

# The reason the tests give for approving a publication with texts that have no Welsh version.
ENGLISH_ONLY = "Test plan: English only"


def publish(snapshot: Snapshot, *, includes_roadmap: bool = True) -> Publication:
    """Request and approve a publication of ``snapshot`` (presenting it first if a draft)."""
    if snapshot.status == "draft":
        snapshot = mark_presented(snapshot=snapshot, by=None)
    requester = persona("commissioners_team", username="requester")
    approver = persona("commissioners_team", username="approver")
    request = request_publication(
        snapshot=snapshot, by=requester, includes_roadmap=includes_roadmap
    )
    # Tests add public activities and plans of their own with no Welsh texts.
    return approve(publication=request, by=approver, welsh_reason=ENGLISH_ONLY)


def published_board(plan: Plan | None = None, *, period: str = PERIOD) -> Publication:
    """Return a publication of the example plan with synthetic observations for ``period``."""
    plan = plan or load_plan()
    add_observations(plan, period=period)
    return publish(create_snapshot(period=period, by=None))
