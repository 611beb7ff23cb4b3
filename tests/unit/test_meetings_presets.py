"""Meeting presets follow the board paper: paragraph 2's attendees, paragraph 3's purposes."""

from oversight.analysis.cycle import STEP_KEYS
from oversight.meetings.models import Attendee, Meeting
from oversight.meetings.presets import ATTENDEES, MEETING_STEPS, PURPOSES, START_TIMES


def test_presets_jpmg_attendees_are_paragraph_2():
    teams = {}
    for a in ATTENDEES[Meeting.Kind.JPMG]:
        teams.setdefault(a.team, []).append(a.job_title)
    assert teams[Attendee.Team.COMMISSIONERS] == [
        "Deputy Commissioner",
        "Assistant Commissioner",
        "Planning and Performance Manager",
        "Partnership Analyst / Co-ordinator",
    ]
    assert teams[Attendee.Team.CHIEF_CONSTABLES] == [
        "Deputy Chief Constable",
        "Assistant Chief Constable, Territorial Policing",
        "Chief Superintendent, Performance",
        "Chief Statistician",
        "Assistant Director",
    ]


def test_presets_jpmg_agenda_states_paragraph_3s_five_purposes():
    purposes = [p.purpose for p in PURPOSES[Meeting.Kind.JPMG]]
    assert len(purposes) == 5
    for phrase in (
        "outcomes in the Police and Crime Reduction Plan",
        "escalation to the Commissioner's Strategic Board",
        "fit for purpose",
        "thematic in-depth reviews",
        "test their rigour",
    ):
        assert sum(phrase in p for p in purposes) == 1, phrase


def test_presets_cover_every_kind_of_meeting():
    for kind in Meeting.Kind.values:
        assert ATTENDEES[kind] and PURPOSES[kind] and START_TIMES[kind], kind
    assert all(p.purpose for items in PURPOSES.values() for p in items)


def test_presets_meeting_steps_are_steps_of_paragraph_10():
    assert set(MEETING_STEPS) <= set(STEP_KEYS)
    assert [k for k in STEP_KEYS if k in MEETING_STEPS] == list(MEETING_STEPS)
