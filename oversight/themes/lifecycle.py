"""The lifecycle of a thematic review as data: which step may follow which, and who may take it.

proposed → scheduled → findings drafted → rigour tested (at the JPMG) → presented (at the
Board) → actions → closed, with two ways back: a scheduled review can be taken off the
programme, and a rigour-tested review goes back to drafting if its findings change.
The services in ``services/reviews.py`` are the only writers and consult this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission, Role
from oversight.themes.models import ThematicReview

S = ThematicReview.Status


class LifecycleError(ValueError):
    """A step the lifecycle does not allow, or whose condition is not met."""


@dataclass(frozen=True)
class Transition:
    """One allowed step: its button label and the roles that may take it (empty: any manager)."""

    source: str
    target: str
    label: str
    roles: frozenset[str] = frozenset()
    # Steps taken by a dedicated service (with its own form), not by a bare button.
    by_service: str = ""


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.PROPOSED, S.SCHEDULED, "Schedule for a Board", by_service="schedule"),
    Transition(S.SCHEDULED, S.PROPOSED, "Take off the programme"),
    # The Chief Constable's team owns the thematic presentation [5].
    Transition(
        S.SCHEDULED,
        S.FINDINGS_DRAFTED,
        "Draft the findings",
        roles=frozenset({Role.CHIEF_CONSTABLES_TEAM}),
        by_service="draft_findings",
    ),
    # The JPMG tests the rigour of the findings before referral to the Board [3].
    Transition(
        S.FINDINGS_DRAFTED, S.RIGOUR_TESTED, "Record the rigour test", by_service="rigour_test"
    ),
    Transition(
        S.RIGOUR_TESTED,
        S.FINDINGS_DRAFTED,
        "Redraft the findings",
        roles=frozenset({Role.CHIEF_CONSTABLES_TEAM}),
        by_service="draft_findings",
    ),
    Transition(S.RIGOUR_TESTED, S.PRESENTED, "Record as presented to the Board"),
    Transition(S.PRESENTED, S.ACTIONS, "Actions agreed"),
    # The Commissioner holds the Chief Constable to account: his team closes a review.
    Transition(S.ACTIONS, S.CLOSED, "Close the review", roles=frozenset({Role.COMMISSIONERS_TEAM})),
)

_TABLE = {(t.source, t.target): t for t in TRANSITIONS}


def transition_for(source: str, target: str) -> Transition:
    """Return the transition from `source` to `target`, or raise LifecycleError."""
    found = _TABLE.get((source, target))
    if found is None:
        raise LifecycleError(
            f"A review cannot go from {S(source).label.lower()} to {S(target).label.lower()}."
        )
    return found


def may_take(user: User | None, transition: Transition) -> bool:
    """Return whether `user` may take the step; None (the system, the demo) always may."""
    if user is None:
        return True
    if not user.can(Permission.MANAGE_THEMES):
        return False
    return not transition.roles or user.role in transition.roles


def next_steps(review: ThematicReview, user: User | None) -> list[Transition]:
    """Return the bare-button steps open to `user` from the review's current status."""
    return [
        t
        for t in TRANSITIONS
        if t.source == review.status and not t.by_service and may_take(user, t)
    ]
