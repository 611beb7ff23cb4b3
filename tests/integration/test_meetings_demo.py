"""The demo's reporting cycles: a year of Boards, past ones recorded, safe to run twice."""

from io import StringIO

import pytest
from django.utils import timezone

from oversight.accounts.models import AuditEvent
from oversight.demo.steps import load_plan
from oversight.meetings import demo
from oversight.meetings.models import (
    Action,
    Escalation,
    MeasureReview,
    Meeting,
    ReportingCycle,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_a_year_of_cycles_once():
    out = StringIO()
    load_plan(stdout=out)
    demo.load(stdout=out)
    counts = (
        ReportingCycle.objects.count(),
        Meeting.objects.count(),
        Action.objects.count(),
        Escalation.objects.count(),
        MeasureReview.objects.count(),
        AuditEvent.objects.count(),
    )
    demo.load(stdout=out)
    assert counts == (
        ReportingCycle.objects.count(),
        Meeting.objects.count(),
        Action.objects.count(),
        Escalation.objects.count(),
        MeasureReview.objects.count(),
        AuditEvent.objects.count(),
    )
    assert counts[0] == 13
    today = timezone.localdate()
    past = ReportingCycle.objects.filter(csb_date__lt=today)
    # Eleven or twelve, depending on whether this month's Board has met yet.
    assert past.count() in (11, 12)
    assert all(c.status == "complete" for c in past)
    current = ReportingCycle.objects.filter(csb_date__gte=today).first()
    assert current.status != "complete"
    assert sum(a.is_overdue for a in Action.objects.all()) == 1
    held = Meeting.objects.filter(date__lt=today)
    assert all(m.status == "held" and m.minutes for m in held)
    assert MeasureReview.objects.exists()
    assert Escalation.objects.filter(status="accepted").exclude(csb_response="").exists()
    assert "Reporting cycle: 13 cycles" in out.getvalue()
