import io

import pytest

from oversight.performance.models import Commentary
from oversight.reports import demo
from tests.factories.people import persona

pytestmark = pytest.mark.django_db


def test_demo_commentary_is_labelled_sample_and_loaded_once(demo_plan):
    persona("chief_constables_team", "force")
    persona("commissioners_team", "opcc")
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    entries = list(Commentary.objects.all())
    assert len(entries) == 8
    assert all(e.text.startswith("Sample commentary: ") for e in entries)
    assert {e.kind for e in entries} == {"force_commentary", "scrutiny_question", "answer"}
