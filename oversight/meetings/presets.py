"""Who attends each kind of meeting and what its agenda is for, from the 2013 board paper.

Attendees are job titles; the names in brackets are the post holders the paper names. A user
whose job title matches is linked to the attendee when a meeting is created, so their calendar
feed carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from oversight.meetings.models import Attendee, Meeting

T = Attendee.Team
K = Meeting.Kind


@dataclass(frozen=True)
class PresetAttendee:
    """An attendee expected at every meeting of a kind."""

    job_title: str
    team: str
    name: str = ""


@dataclass(frozen=True)
class Purpose:
    """A standing agenda item: its title and what it is for."""

    title: str
    purpose: str


ACC_TP = "Assistant Chief Constable, Territorial Policing"

JPMG_ATTENDEES = (
    # Paragraph 2: the Commissioner's team...
    PresetAttendee("Deputy Commissioner", T.COMMISSIONERS, "Ms Howe"),
    PresetAttendee("Assistant Commissioner", T.COMMISSIONERS, "Mr Francis"),
    PresetAttendee("Planning and Performance Manager", T.COMMISSIONERS, "Mr Brace"),
    PresetAttendee("Partnership Analyst / Co-ordinator", T.COMMISSIONERS),
    # ...and the Chief Constable's team.
    PresetAttendee("Deputy Chief Constable", T.CHIEF_CONSTABLES, "Mr Jukes"),
    PresetAttendee(ACC_TP, T.CHIEF_CONSTABLES, "Mr Kirby"),
    PresetAttendee("Chief Superintendent, Performance", T.CHIEF_CONSTABLES, "C/Supt Jones"),
    PresetAttendee("Chief Statistician", T.CHIEF_CONSTABLES, "Mr Davis"),
    PresetAttendee("Assistant Director", T.CHIEF_CONSTABLES, "Mr Cogbill"),
)

ATTENDEES: dict[str, tuple[PresetAttendee, ...]] = {
    K.FORCE_COMPSTAT: (
        PresetAttendee("Deputy Chief Constable", T.CHIEF_CONSTABLES, "Mr Jukes"),
        PresetAttendee("Chief Superintendent, Performance", T.CHIEF_CONSTABLES, "C/Supt Jones"),
        PresetAttendee("BCU Commanders", T.CHIEF_CONSTABLES),
        PresetAttendee("Heads of Service", T.CHIEF_CONSTABLES),
        PresetAttendee("Chief Statistician", T.CHIEF_CONSTABLES, "Mr Davis"),
    ),
    # Paragraph 10: the Commissioner is represented at the debrief by Mr Brace.
    K.COMPSTAT_DEBRIEF: (
        PresetAttendee("Planning and Performance Manager", T.COMMISSIONERS, "Mr Brace"),
        PresetAttendee("Chief Superintendent, Performance", T.CHIEF_CONSTABLES, "C/Supt Jones"),
        PresetAttendee("Chief Statistician", T.CHIEF_CONSTABLES, "Mr Davis"),
    ),
    # Paragraph 10: Briefing – Mr Brace, C/Supt Jones, Mr Davis.
    K.BRIEFING: (
        PresetAttendee("Planning and Performance Manager", T.COMMISSIONERS, "Mr Brace"),
        PresetAttendee("Chief Superintendent, Performance", T.CHIEF_CONSTABLES, "C/Supt Jones"),
        PresetAttendee("Chief Statistician", T.CHIEF_CONSTABLES, "Mr Davis"),
    ),
    K.JPMG: JPMG_ATTENDEES,
    K.CHIEF_CONSTABLES_GOLD: (
        PresetAttendee("Chief Constable", T.CHIEF_CONSTABLES),
        PresetAttendee("Deputy Chief Constable", T.CHIEF_CONSTABLES, "Mr Jukes"),
        PresetAttendee(ACC_TP, T.CHIEF_CONSTABLES, "Mr Kirby"),
        PresetAttendee("Chief Superintendent, Performance", T.CHIEF_CONSTABLES, "C/Supt Jones"),
        PresetAttendee("Assistant Director", T.CHIEF_CONSTABLES, "Mr Cogbill"),
    ),
    K.CSB: (
        PresetAttendee("Police and Crime Commissioner", T.COMMISSIONERS),
        PresetAttendee("Deputy Commissioner", T.COMMISSIONERS, "Ms Howe"),
        PresetAttendee("Assistant Commissioner", T.COMMISSIONERS, "Mr Francis"),
        PresetAttendee("Planning and Performance Manager", T.COMMISSIONERS, "Mr Brace"),
        PresetAttendee("Chief Constable", T.CHIEF_CONSTABLES),
        PresetAttendee("Deputy Chief Constable", T.CHIEF_CONSTABLES, "Mr Jukes"),
    ),
    # The paper's opening: the planning board grew from the Deputy Commissioner, Assistant
    # Commissioner and Deputy Chief Constable's meetings.
    K.JOINT_PLANNING_BOARD: (
        PresetAttendee("Deputy Commissioner", T.COMMISSIONERS, "Ms Howe"),
        PresetAttendee("Assistant Commissioner", T.COMMISSIONERS, "Mr Francis"),
        PresetAttendee("Planning and Performance Manager", T.COMMISSIONERS, "Mr Brace"),
        PresetAttendee("Deputy Chief Constable", T.CHIEF_CONSTABLES, "Mr Jukes"),
        PresetAttendee("Assistant Director", T.CHIEF_CONSTABLES, "Mr Cogbill"),
    ),
}  # fmt: skip

PURPOSES: dict[str, tuple[Purpose, ...]] = {
    K.FORCE_COMPSTAT: (
        Purpose(
            "Performance by BCU and service",
            "BCU Commanders and Heads of Service account for performance against the Plan's "
            "outcomes.",
        ),
        Purpose(
            "Areas of concern and barriers to delivery",
            "Identify areas of concern or barriers to delivery from a partnership viewpoint, to "
            "be followed through with partners by the Commissioner's team (paragraph 8).",
        ),
    ),
    K.COMPSTAT_DEBRIEF: (
        Purpose(
            "Debrief of Force Compstat",
            "Share Compstat's findings with the Commissioner's representative (paragraph 10).",
        ),
        Purpose(
            "Concerns raised at Compstat",
            "Agree which partnership concerns may inform the choice of themes (paragraph 8).",
        ),
    ),
    K.BRIEFING: (
        Purpose(
            "Prepare the JPMG",
            "Agree the performance overview, the proposed escalations and the measures to review "
            "before the Joint Performance Management Group (paragraph 10).",
        ),
    ),
    # Paragraph 3: the purposes of the Joint Performance Management Group.
    K.JPMG: (
        Purpose(
            "Performance against the Plan's outcomes",
            "Review force performance targets and trends in line with the outcomes in the Police "
            "and Crime Reduction Plan.",
        ),
        Purpose(
            "Areas of concern for escalation",
            "Highlight areas of concern for escalation to the Commissioner's Strategic Board.",
        ),
        Purpose(
            "Measures fit for purpose",
            "Review outcomes and measures to ensure they remain fit for purpose.",
        ),
        Purpose(
            "Topics for thematic review",
            "Recommend topics for the rolling programme of thematic in-depth reviews for detailed "
            "discussion at the Commissioner's Strategic Board.",
        ),
        Purpose(
            "Rigour of thematic findings",
            "Consider the thematic findings and test their rigour before referral to the "
            "Commissioner's Strategic Board.",
        ),
    ),
    K.CHIEF_CONSTABLES_GOLD: (
        Purpose(
            "Gold products",
            "Approve the Chief Constable's Gold products in the light of the JPMG (paragraph 10).",
        ),
    ),
    K.CSB: (
        Purpose(
            "High-level performance overview",
            "A Compstat-style high-level overview presented by the Chief Constable's team on a "
            "Red, Amber and Green basis (paragraph 4).",
        ),
        Purpose(
            "Thematic presentation",
            "A drill-down presentation by the Chief Constable's team on an area of strategic "
            "importance to delivering the Plan's outcomes (paragraph 5).",
        ),
        Purpose(
            "Escalations from the JPMG",
            "Areas of concern the Joint Performance Management Group escalated to the Board "
            "(paragraph 3); each is listed below with its reason.",
        ),
    ),
    K.JOINT_PLANNING_BOARD: (
        Purpose(
            "Alignment of planning activity",
            "Align planning activity with the Police and Crime Reduction Plan, the Medium Term "
            "Financial Plan and the Strategic Policing Requirement.",
        ),
        Purpose(
            "Roadmap",
            "Review the roadmap of activity and timescales in each priority area.",
        ),
    ),
}

# Usual start times, so the calendar feed shows meetings at the time they are held.
START_TIMES: dict[str, time] = {
    K.FORCE_COMPSTAT: time(9, 30),
    K.COMPSTAT_DEBRIEF: time(14, 0),
    K.BRIEFING: time(10, 0),
    K.JPMG: time(10, 0),
    K.CHIEF_CONSTABLES_GOLD: time(9, 0),
    K.CSB: time(10, 0),
    K.JOINT_PLANNING_BOARD: time(14, 0),
}

# Steps of paragraph 10 that are meetings; the others are preparation work.
MEETING_STEPS: tuple[str, ...] = (
    K.FORCE_COMPSTAT,
    K.COMPSTAT_DEBRIEF,
    K.BRIEFING,
    K.JPMG,
    K.CHIEF_CONSTABLES_GOLD,
    K.CSB,
)
