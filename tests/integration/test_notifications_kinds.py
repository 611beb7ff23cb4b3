"""Each event that someone must act on notifies them, by e-mail and on their home page.

Publications: awaiting approval (to those who may approve, not the requester), approved and
rejected (to the requester); a follow-up assigned (to the partner organisation's people); a
finding of the integrity monitor (to the Chief Constable's team, who decide).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from oversight.data import demo
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.monitor import run_monitor
from oversight.notifications.models import Kind, Notification
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.publishing import services as publishing
from oversight.themes import services as themes
from oversight.themes.models import Concern
from tests.factories.notifications import addressed
from tests.factories.people import organisation, persona
from tests.factories.publications import ENGLISH_ONLY

pytestmark = pytest.mark.django_db
EXTRACT = Path(demo.__file__).resolve().parents[1] / "demo" / "police_uk"


def _outbox() -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in mail.outbox)


@pytest.fixture
def presented(force):
    plan = sample.build_plan(bcus=("east",))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0] * 24, start="2023-07", area="force")
    snapshot = performance.create_snapshot(period="2025-06", by=force)
    return performance.mark_presented(snapshot=snapshot, by=force)


@pytest.fixture
def team(opcc):
    """Olwen requests; Eleri and Dai may approve; Matt, of the force, may not."""
    eleri = addressed(persona("commissioners_team", "eleri"))
    dai = addressed(persona("commissioners_team", "dai"))
    matt = addressed(persona("chief_constables_team", "matt"))
    return addressed(opcc), eleri, dai, matt


def test_a_request_notifies_everyone_else_who_may_approve(
    presented, team, django_capture_on_commit_callbacks
):
    olwen = team[0]
    with django_capture_on_commit_callbacks(execute=True):
        request = publishing.request_publication(snapshot=presented, by=olwen, note="For June.")

    subject = "[Oversight] A publication of 2025-06 awaits approval"
    assert _outbox() == [("dai@example.org", subject), ("eleri@example.org", subject)]
    assert (
        f"{olwen.display_name} requested it" in mail.outbox[0].body
        and "Note: For June." in mail.outbox[0].body
    )
    url = reverse("publications:detail", args=[request.pk])
    assert set(Notification.objects.filter(kind=Kind.PUBLICATION_AWAITING).values_list(
        "user__username", "url"
    )) == {("eleri", url), ("dai", url)}  # fmt: skip


def test_approval_and_rejection_notify_the_requester(
    presented, team, django_capture_on_commit_callbacks
):
    olwen, eleri, dai, _ = team
    first = publishing.request_publication(snapshot=presented, by=olwen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.reject(publication=first, by=eleri, reason="The roadmap is out of date.")
    assert _outbox() == [
        ("olwen@example.org", "[Oversight] Your publication request for 2025-06 was rejected")
    ]
    assert "The roadmap is out of date." in mail.outbox[0].body

    second = publishing.request_publication(snapshot=presented, by=olwen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = publishing.approve(publication=second, by=dai, welsh_reason=ENGLISH_ONLY)
    assert _outbox() == [
        ("olwen@example.org", "[Oversight] Publication 1 (2025-06) is approved and public")
    ]
    approved = Notification.objects.get(kind=Kind.PUBLICATION_APPROVED)
    assert approved.user == olwen
    assert approved.url == reverse("publishing:overview", args=[published.number])


def test_a_follow_up_notifies_the_partner_organisations_people(
    opcc, django_capture_on_commit_callbacks
):
    newport = organisation()
    addressed(persona("partner", "nia", org=newport))
    addressed(persona("partner", "rhys", org=newport))
    other = addressed(persona("partner", "sian", org=organisation("torfaen", "Torfaen Council")))
    concern = themes.raise_concern(
        raised_by_name="Ch Supt Evans",
        raised_by_role=Concern.RaisedByRole.BCU_COMMANDER,
        service="Neighbourhood policing",
        concern="CCTV footage takes weeks",
        partner=newport,
        by=opcc,
    )
    with django_capture_on_commit_callbacks(execute=True):
        follow_up = themes.add_follow_up(
            concern=concern,
            action="Agree a protocol for footage",
            due_date=dt.date(2026, 3, 2),
            by=opcc,
        )

    subject = "[Oversight] A follow-up for Newport City Council, due 2 March 2026"
    assert _outbox() == [("nia@example.org", subject), ("rhys@example.org", subject)]
    assert "Agree a protocol for footage" in mail.outbox[0].body
    assert "CCTV footage takes weeks" in mail.outbox[0].body
    assert not Notification.objects.filter(user=other).exists()
    assert set(Notification.objects.values_list("url", flat=True)) == {
        reverse("themes:follow_up", args=[follow_up.pk])
    }


def test_a_new_finding_notifies_those_who_decide_once(
    demo_plan, force, opcc, settings, tmp_path, django_capture_on_commit_callbacks
):
    addressed(force)
    addressed(opcc)
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    import_police_uk([EXTRACT], warehouse_path=settings.WAREHOUSE_PATH, quiet=True)

    with django_capture_on_commit_callbacks(execute=True):
        report = run_monitor(warehouse_path=settings.WAREHOUSE_PATH)
    with django_capture_on_commit_callbacks(execute=True):
        again = run_monitor(warehouse_path=settings.WAREHOUSE_PATH)

    assert report.new and again.new == []
    notes = Notification.objects.filter(kind=Kind.DATA_BREAK)
    assert {n.user for n in notes} == {force}
    assert notes.count() == len(report.new) == len(mail.outbox)
    brk = next(f for f in report.new if f.kind == "break")
    note = notes.get(url=reverse("data:finding", args=[brk.pk]))
    assert note.subject == "To decide: Data break in gwent street at 2023-10"
    assert "the measures it touches are rated Grey" in note.body
    assert {m.to[0] for m in mail.outbox} == {"matt@example.org"}
