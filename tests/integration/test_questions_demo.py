"""The demo's Panel questions: one answered and published, one assigned to the force; once."""

from io import StringIO

import pytest

from oversight.accounts.models import AuditEvent
from oversight.accounts.permissions import Role
from oversight.questions import demo
from oversight.questions.models import Question
from tests.factories.people import persona
from tests.factories.publications import published_board

pytestmark = pytest.mark.django_db


def test_demo_asks_two_questions_once():
    published_board()
    panel = persona(Role.PANEL_MEMBER, "panel")
    persona(Role.COMMISSIONERS_TEAM, "opcc")
    force = persona(Role.CHIEF_CONSTABLES_TEAM, "force")
    out = StringIO()
    demo.load(stdout=out)
    counts = (Question.objects.count(), AuditEvent.objects.count())
    demo.load(stdout=out)
    assert counts == (Question.objects.count(), AuditEvent.objects.count()) and counts[0] == 2

    answered, open_question = Question.objects.order_by("pk")
    assert answered.asked_by == panel and answered.is_released and answered.public
    assert answered.answered_in_time
    assert not open_question.is_released and open_question.assigned_to == force
    assert "one answered and published" in out.getvalue()


def test_demo_asks_nothing_without_a_publication():
    out = StringIO()
    demo.load(stdout=out)
    assert not Question.objects.exists()
    assert "no publication" in out.getvalue()
