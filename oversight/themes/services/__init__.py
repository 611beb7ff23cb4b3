"""Every write to the themes app: keyword-only, atomic, audited, and checked against the lifecycle.

Grouped by what they change; import them from here (`oversight.themes.services`).
"""

from oversight.themes.services.concerns import (
    add_follow_up,
    propose_as_theme,
    raise_concern,
    set_concern_status,
    update_follow_up,
)
from oversight.themes.services.programme import board_dates, insert_urgent
from oversight.themes.services.reviews import (
    add_action,
    advance,
    draft_findings,
    propose_review,
    record_rigour_test,
    reschedule,
    schedule,
)

__all__ = [
    "add_action",
    "add_follow_up",
    "advance",
    "board_dates",
    "draft_findings",
    "insert_urgent",
    "propose_as_theme",
    "propose_review",
    "raise_concern",
    "record_rigour_test",
    "reschedule",
    "schedule",
    "set_concern_status",
    "update_follow_up",
]
