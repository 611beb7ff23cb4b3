"""An accountability record to publish: an escalation the Board answered, with two actions and
a verdict, and a thematic review the Board considered, with the force's response."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oversight.accountability import services as accountability
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.plans.models import Measure
from oversight.themes.models import ThematicReview
from tests.factories.people import persona


def record_keys(*, opcc, measure_code: str = "PUK01") -> list[str]:
    """Make the record's two items, each with a verdict by ``opcc``; return their keys."""
    force = persona("chief_constables_team", "record-force")
    day = timezone.localdate() - dt.timedelta(days=30)
    (cycle,) = meetings.create_cycles(csb_dates=[day], calendar=WorkingCalendar(), by=None)
    escalation = meetings.raise_escalation(
        jpmg=cycle.meetings.get(kind="jpmg"),
        area="Force-wide",
        reason="Seven months above the average.",
        measure=Measure.objects.get(code=measure_code),
        by=opcc,
    )
    meetings.decide_escalation(escalation=escalation, accept=True, reason="Yes.", by=opcc)
    meetings.record_csb_response(escalation=escalation, response="A plan by March.", by=opcc)
    for title, status in (("Report the results", "done"), ("Publish the plan", "open")):
        action = meetings.create_action(
            title=title, owner=force, owner_name="", due_date=day + dt.timedelta(days=20),
            origin="escalation", origin_escalation=escalation, by=opcc,
        )  # fmt: skip
        meetings.update_action(action=action, changes={"status": status}, by=opcc)
    review = ThematicReview.objects.create(
        title="Domestic abuse",
        origin="initial_programme",
        status=ThematicReview.Status.PRESENTED,
        findings="Repeat victimisation fell in the East only.",
        recommendations="Extend the weekend rota.",
        presented_at=timezone.now(),
    )
    accountability.respond_to_findings(review=review, text="We accept them.", by=force)
    keys = [f"escalation:{escalation.pk}", f"review:{review.pk}"]
    for key in keys:
        accountability.record_verdict(
            key=key, verdict="partly_assured", reasons="More to do.", by=opcc
        )
    return keys
