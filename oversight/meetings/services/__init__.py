"""Every write to the meetings app: keyword-only, atomic, and audited.

Grouped by what they change; import them from here (`oversight.meetings.services`).
"""

from oversight.meetings.services.actions import create_action, delete_action, update_action
from oversight.meetings.services.cycles import (
    create_cycles,
    create_meeting,
    redate_step,
    reschedule_meeting,
    set_step_status,
)
from oversight.meetings.services.escalations import (
    decide_escalation,
    propose_escalations,
    raise_escalation,
    record_csb_response,
)
from oversight.meetings.services.records import (
    add_agenda_item,
    add_attendee,
    add_decision,
    link_attendees_by_job_title,
    record_attendance,
    record_minutes,
)
from oversight.meetings.services.reviews import review_measure
from oversight.meetings.services.tokens import issue_calendar_token, revoke_calendar_token

__all__ = [
    "add_agenda_item",
    "add_attendee",
    "add_decision",
    "create_action",
    "create_cycles",
    "create_meeting",
    "decide_escalation",
    "delete_action",
    "issue_calendar_token",
    "link_attendees_by_job_title",
    "propose_escalations",
    "raise_escalation",
    "record_attendance",
    "record_csb_response",
    "record_minutes",
    "redate_step",
    "reschedule_meeting",
    "review_measure",
    "revoke_calendar_token",
    "set_step_status",
    "update_action",
]
