"""Reporting cycles in the database: a year of Boards, their steps, meetings and warnings."""

from datetime import date, timedelta

import pytest

from oversight.accounts.models import AuditEvent
from oversight.accounts.services import ensure_user
from oversight.analysis.cycle import STEP_KEYS, WorkingCalendar, csb_dates_from_rule
from oversight.meetings import services
from oversight.meetings.models import CycleStep, Meeting, ReportingCycle

pytestmark = pytest.mark.django_db
CAL = WorkingCalendar()


@pytest.fixture
def olwen():
    user, _ = ensure_user(
        username="olwen", password="x", role="commissioners_team", job_title="Deputy Commissioner",
        first_name="Olwen", last_name="Howe", by=None,
    )  # fmt: skip
    return user


def year_of_boards() -> list[ReportingCycle]:
    dates = csb_dates_from_rule("first Thursday", date(2026, 1, 1), date(2026, 12, 31), CAL)
    return services.create_cycles(csb_dates=dates, calendar=CAL, by=None)


def test_cycles_for_a_year_keep_every_jpmg_in_its_window_on_a_working_day():
    cycles = year_of_boards()
    assert len(cycles) == 12
    for cycle in cycles:
        steps = list(cycle.steps.order_by("order"))
        assert [s.key for s in steps] == list(STEP_KEYS)
        jpmg = next(s for s in steps if s.key == "jpmg")
        # The first Thursday of January 2026 is New Year's Day: a conflict, never moved.
        if cycle.csb_date == date(2026, 1, 1):
            assert cycle.conflicts
            continue
        assert 7 <= (cycle.csb_date - jpmg.planned_date).days <= 10
        dated = [s.planned_date for s in steps]
        assert all(CAL.is_working_day(d) for d in dated)
        assert dated == sorted(dated) and len(set(dated)) == 9


def test_cycles_create_the_meetings_with_presets_and_agenda(olwen):
    cycle = year_of_boards()[1]
    kinds = set(cycle.meetings.values_list("kind", flat=True))
    assert kinds == {"force_compstat", "compstat_debrief", "briefing", "jpmg",
                     "chief_constables_gold", "csb"}  # fmt: skip
    jpmg = cycle.meetings.get(kind=Meeting.Kind.JPMG)
    assert jpmg.date == cycle.steps.get(key="jpmg").planned_date
    titles = list(jpmg.attendees.values_list("job_title", flat=True))
    assert "Deputy Commissioner" in titles and "Chief Statistician" in titles
    assert len(titles) == 9
    assert jpmg.attendees.get(job_title="Deputy Commissioner").user == olwen
    purposes = list(jpmg.agenda.values_list("purpose", flat=True))
    assert len(purposes) == 5 and all(purposes)
    assert "fit for purpose" in purposes[2]


def test_create_cycles_is_idempotent():
    year_of_boards()
    year_of_boards()
    assert ReportingCycle.objects.count() == 12
    assert Meeting.objects.filter(kind="jpmg").count() == 12


def test_step_done_marks_the_meeting_held_and_is_audited(olwen):
    cycle = year_of_boards()[1]
    step = cycle.steps.get(key="jpmg")
    services.set_step_status(step=step, status=CycleStep.Status.DONE, by=olwen)
    step.refresh_from_db()
    cycle.refresh_from_db()
    assert step.completed_by == olwen and step.completed_at is not None
    assert cycle.status == ReportingCycle.Status.IN_PROGRESS
    assert cycle.meetings.get(kind="jpmg").status == Meeting.Status.HELD
    event = AuditEvent.objects.get(action="cycle_step.done")
    assert event.before["status"] == "planned" and event.after["status"] == "done"


def test_step_redated_outside_the_window_warns(olwen):
    cycle = year_of_boards()[1]
    step = cycle.steps.get(key="jpmg")
    services.redate_step(
        step=step, planned_date=cycle.csb_date - timedelta(days=3), reason="Room", by=olwen
    )
    step.refresh_from_db()
    assert step.jpmg_outside_window
    assert any("outside the 7 to 10 day window" in w for w in step.warnings(CAL))
    assert cycle.meetings.get(kind="jpmg").date == step.planned_date
    assert AuditEvent.objects.filter(action="cycle_step.redated").count() == 1


def test_step_in_the_past_not_done_is_late():
    cycle = services.create_cycles(csb_dates=[date(2024, 2, 1)], calendar=CAL, by=None)[0]
    step = cycle.steps.get(key="force_compstat")
    assert step.is_late
    assert any(w.startswith("Late") for w in step.warnings())


def test_step_skipped_without_a_reason_is_refused():
    cycle = services.create_cycles(csb_dates=[date(2026, 2, 5)], calendar=CAL, by=None)[0]
    with pytest.raises(ValueError, match="why"):
        services.set_step_status(step=cycle.steps.first(), status="skipped", by=None)
