"""Dates bring notifications: steps due tomorrow, actions due soon or overdue; once a day each.

`oversight notify` creates them (and `oversight cycle tick` those of its steps due), however
often either runs; the next day brings the next day's.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.meetings.models import Action, CycleStep
from oversight.meetings.tick import tick
from oversight.notifications.models import Kind, Notification
from tests.factories.notifications import addressed
from tests.factories.people import organisation, persona

pytestmark = pytest.mark.django_db

BOARD = dt.date(2026, 2, 5)


@pytest.fixture
def cycle():
    (cycle,) = meetings.create_cycles(csb_dates=[BOARD], calendar=WorkingCalendar(), by=None)
    return cycle


def _notify(today: dt.date) -> str:
    out = io.StringIO()
    call_command("notify", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def _received(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_step_due_tomorrow_notifies_its_owning_teams_once(
    cycle, opcc, force, partner, django_capture_on_commit_callbacks
):
    addressed(opcc)
    briefing = cycle.steps.get(key="briefing")  # a joint step: both teams own it
    eve = briefing.planned_date - dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(eve)
        second = _notify(eve)

    assert _received(Kind.STEP_DUE) == ["matt", "olwen"]
    assert "Cycle step due tomorrow: 2" in first
    assert "none new" in second
    (message,) = mail.outbox
    assert message.to == ["olwen@example.org"]
    assert message.subject == "[Oversight] Due tomorrow: Briefing, for the Board on 5 February 2026"
    note = Notification.objects.filter(kind=Kind.STEP_DUE).first()
    assert note.url == reverse("meetings:cycle", args=["2026-02-05"])


def test_a_step_of_one_team_notifies_that_team_only(cycle, opcc, force):
    gold = cycle.steps.get(key="chief_constables_gold")
    _notify(gold.planned_date - dt.timedelta(days=1))

    assert _received(Kind.STEP_DUE) == ["matt"]


def test_a_step_done_or_not_due_tomorrow_notifies_no_one(cycle, opcc, force):
    briefing = cycle.steps.get(key="briefing")
    CycleStep.objects.filter(pk=briefing.pk).update(status=CycleStep.Status.DONE)
    _notify(briefing.planned_date - dt.timedelta(days=1))
    _notify(briefing.planned_date - dt.timedelta(days=2))

    assert _received(Kind.STEP_DUE) == []


def test_the_tick_notifies_its_steps_due_tomorrow_once(cycle, opcc, force, settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"  # no plan: nothing to fetch
    briefing = cycle.steps.get(key="briefing")
    eve = briefing.planned_date - dt.timedelta(days=1)

    first = tick(today=eve)
    again = tick(today=eve)
    dry = tick(today=eve, dry_run=True)

    assert [s.key for s in first.steps if s.when == "tomorrow"] == ["briefing"]
    assert (first.notified, again.notified, dry.notified) == (2, 0, 0)
    assert "Notifications: 2 new for the steps due tomorrow." in first.lines()
    # The daily job shares the tick's key: it makes no second notification of the step.
    assert "none new" in _notify(eve)
    assert _received(Kind.STEP_DUE) == ["matt", "olwen"]


@pytest.fixture
def actions(force):
    """Matt's action due in two days, an overdue one of Newport's, one later, one done."""
    today = dt.date(2026, 3, 10)
    newport = organisation()
    nia = persona("partner", "nia", org=newport)
    rows = {
        "soon": ("Report on the burglary series", force, None, today + dt.timedelta(days=2)),
        "late": ("Share the CCTV protocol", None, newport, today - dt.timedelta(days=3)),
        "later": ("Plan the summer", force, None, today + dt.timedelta(days=10)),
        "done": ("Confirm the survey sample", force, None, today - dt.timedelta(days=5)),
    }
    made = {}
    for name, (title, owner, org, due) in rows.items():
        made[name] = meetings.create_action(
            title=title, owner=owner, owner_name="" if owner else "Newport's CCTV lead",
            organisation=org, due_date=due, origin=Action.Origin.THEME,
            origin_label="Anti-social behaviour", by=None,
        )  # fmt: skip
    meetings.update_action(action=made["done"], changes={"status": "done"}, by=None)
    return today, made, nia


def test_actions_due_soon_or_overdue_notify_the_owner_or_the_organisation(
    actions, force, django_capture_on_commit_callbacks
):
    today, made, nia = actions
    addressed(force)
    addressed(nia)

    with django_capture_on_commit_callbacks(execute=True):
        out = _notify(today)

    assert "Action due soon: 1, Action overdue: 1" in out
    soon = Notification.objects.get(kind=Kind.ACTION_DUE)
    assert (soon.user, soon.subject) == (
        force,
        "Due Thursday 12 March: Report on the burglary series",
    )
    assert soon.url == reverse("meetings:action_edit", args=[made["soon"].pk])
    late = Notification.objects.get(kind=Kind.ACTION_OVERDUE)
    assert (late.user, late.subject) == (nia, "Overdue by 3 days: Share the CCTV protocol")
    assert late.url == ""  # a partner cannot open the register; it is on her home page
    assert sorted(m.to[0] for m in mail.outbox) == ["matt@example.org", "nia@example.org"]


def test_action_reminders_come_once_a_day(actions):
    today, _, _ = actions

    _notify(today)
    _notify(today)
    assert Notification.objects.count() == 2
    _notify(today + dt.timedelta(days=1))
    assert Notification.objects.count() == 4
    assert "Overdue by 4 days: Share the CCTV protocol" in Notification.objects.values_list(
        "subject", flat=True
    )


def test_the_reminder_window_is_a_setting(actions, settings):
    today, _, _ = actions
    settings.NOTIFY_ACTION_DAYS = 10

    out = _notify(today)

    assert "(actions due within 10 days)" in out
    assert _received(Kind.ACTION_DUE) == ["matt", "matt"]


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="--today must be a date"):
        _notify_raw("05/01/2026")


def _notify_raw(value: str) -> None:
    call_command("notify", "--today", value, stdout=io.StringIO())
