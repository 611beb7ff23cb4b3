"""Commentary on a measure: who may write which kind, answers to scrutiny, and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.performance.commentary import add_commentary
from oversight.performance.models import Commentary
from oversight.performance.sample import add_measure, build_plan
from oversight.plans.models import Theme
from oversight.themes.narratives import save_theme_narrative, theme_findings


@pytest.fixture
def measure(db):
    return add_measure(build_plan(), "M1")


def test_force_writes_commentary_and_it_is_audited(force, measure):
    entry = add_commentary(measure=measure, kind="force_commentary", text="Up in summer.", by=force)
    event = AuditEvent.objects.get(action="reports.commentary.force_commentary")
    assert event.actor == force and event.object_id == str(entry.pk)
    assert event.after["text"] == "Up in summer."


def test_force_cannot_write_scrutiny(force, measure):
    with pytest.raises(PermissionDenied):
        add_commentary(measure=measure, kind="scrutiny_question", text="Why?", by=force)
    assert not Commentary.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="reports.").exists()


def test_opcc_cannot_write_force_commentary(opcc, measure):
    with pytest.raises(PermissionDenied):
        add_commentary(measure=measure, kind="force_commentary", text="Fine.", by=opcc)


def test_force_answers_a_scrutiny_question(force, opcc, measure):
    question = add_commentary(measure=measure, kind="scrutiny_question", text="Why?", by=opcc)
    answer = add_commentary(
        measure=measure, kind="answer", text="Because.", by=force, parent=question
    )
    assert list(question.answers.all()) == [answer]
    with pytest.raises(PermissionDenied):
        add_commentary(measure=measure, kind="answer", text="No.", by=opcc, parent=question)


def test_answer_needs_a_question(force, measure):
    note = add_commentary(measure=measure, kind="force_commentary", text="Note.", by=force)
    with pytest.raises(ValidationError):
        add_commentary(measure=measure, kind="answer", text="Hm.", by=force, parent=note)
    with pytest.raises(ValidationError):
        add_commentary(measure=measure, kind="force_commentary", text="  ", by=force)


def test_commentary_form_by_role(client, force, opcc, panel, measure):
    url = reverse("reports:measure", args=[measure.code])
    client.force_login(force)
    response = client.post(url, {"kind": "scrutiny_question", "text": "Why?"})
    assert response.status_code == 403
    response = client.post(url, {"kind": "force_commentary", "text": "Explained."})
    assert response.status_code == 302
    client.force_login(opcc)
    assert client.post(url, {"kind": "force_commentary", "text": "x"}).status_code == 403
    assert client.post(url, {"kind": "scrutiny_question", "text": "Why?"}).status_code == 302
    client.force_login(panel)
    assert client.post(url, {"kind": "scrutiny_question", "text": "Why?"}).status_code == 403
    kinds = list(Commentary.objects.values_list("kind", "by__username"))
    assert kinds == [("force_commentary", "matt"), ("scrutiny_question", "olwen")]
    client.force_login(force)
    html = client.get(url).content.decode()
    assert "Explained." in html and "Answer this question" in html


def test_theme_findings_come_from_the_latest_narrative(force, opcc, db):
    plan = build_plan()
    theme = Theme.objects.create(plan=plan, slug="hate-crime", title="Hate crime")
    assert theme_findings(theme) == ("", "")
    save_theme_narrative(theme=theme, findings="First.", by=force)
    save_theme_narrative(theme=theme, findings="Second.", recommendations="Act.", by=opcc)
    assert theme_findings(theme) == ("Second.", "Act.")
    assert AuditEvent.objects.filter(action="reports.theme_narrative.save").count() == 2
