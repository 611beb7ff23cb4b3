"""The plan file carries each text's Welsh (title_cy, name_cy, summary_cy, description_cy):
`plan load` reads it, `plan export` writes it, and a change of Welsh is audited."""

import io
import tomllib

import pytest
import tomli_w
from django.core.management import CommandError, call_command

from oversight.accounts.models import AuditEvent
from oversight.plans.catalogue import parse
from oversight.plans.models import Measure, MeasureVersion, Outcome, Plan, Priority, Theme
from oversight.plans.services import load_catalogue
from tests.conftest import EXAMPLE_PLAN

pytestmark = pytest.mark.django_db

# A plan with Welsh for every text, and one text (the theme's description) without.
PLAN = """
[plan]
title = "Test plan"
title_cy = "Cynllun prawf"
force_name = "Test Police"
force_slug = "test"
first_year = 2025
last_year = 2026
summary = "Two years."
summary_cy = "Dwy flynedd."

[[themes]]
slug = "hate-crime"
title = "Hate crime"
title_cy = "Troseddau casineb"
description = "Recorded hate crime."

[[priorities]]
code = "P1"
kind = "policing"
title = "Keep neighbourhoods safe"
title_cy = "Cadw cymdogaethau'n ddiogel"
description = "Reduce crime."
description_cy = "Lleihau troseddau."

[[outcomes]]
code = "P1.1"
priority = "P1"
title = "Less crime"
title_cy = "Llai o droseddau"
description = "In every ward."
description_cy = "Ym mhob ward."

[[measures]]
code = "HC01"
outcome = "P1.1"
name = "Hate crimes recorded"
name_cy = "Troseddau casineb a gofnodwyd"
description = "Recorded in the month."
description_cy = "A gofnodwyd yn y mis."
unit = "count"
improvement = "neutral"
source = "force-supplied"
themes = ["hate-crime"]
"""


def _export() -> str:
    out = io.StringIO()
    call_command("plan", "export", stdout=out)
    return out.getvalue()


def _load(text: str) -> Plan:
    plan, _ = load_catalogue(catalogue=parse(text), by=None)
    return plan


def test_load_reads_the_welsh_of_every_text():
    plan = _load(PLAN)
    assert (plan.title_cy, plan.summary_cy) == ("Cynllun prawf", "Dwy flynedd.")
    theme = Theme.objects.get()
    assert (theme.title_cy, theme.description_cy) == ("Troseddau casineb", "")
    priority = Priority.objects.get()
    assert (priority.title_cy, priority.description_cy) == (
        "Cadw cymdogaethau'n ddiogel",
        "Lleihau troseddau.",
    )
    outcome = Outcome.objects.get()
    assert (outcome.title_cy, outcome.description_cy) == ("Llai o droseddau", "Ym mhob ward.")
    measure = Measure.objects.get()
    assert (measure.name_cy, measure.description_cy) == (
        "Troseddau casineb a gofnodwyd",
        "A gofnodwyd yn y mis.",
    )


def test_load_then_export_keeps_the_welsh(tmp_path):
    _load(PLAN)
    first = _export()
    doc = tomllib.loads(first)
    assert doc["plan"]["title_cy"] == "Cynllun prawf"
    assert doc["plan"]["summary_cy"] == "Dwy flynedd."
    assert doc["themes"][0]["title_cy"] == "Troseddau casineb"
    assert "description_cy" not in doc["themes"][0]  # empty, so left out
    assert doc["priorities"][0]["description_cy"] == "Lleihau troseddau."
    assert doc["outcomes"][0]["title_cy"] == "Llai o droseddau"
    assert doc["measures"][0]["name_cy"] == "Troseddau casineb a gofnodwyd"
    assert doc["measures"][0]["description_cy"] == "A gofnodwyd yn y mis."
    path = tmp_path / "plan.toml"
    path.write_text(first)
    call_command("plan", "load", str(path), stdout=io.StringIO())
    assert _export() == first


def test_the_demo_plan_round_trips_with_its_welsh(tmp_path, demo_plan):
    first = _export()
    doc = tomllib.loads(first)
    assert all(m.get("name_cy") for m in doc["measures"])
    path = tmp_path / "plan.toml"
    path.write_text(first)
    call_command("plan", "load", str(path), stdout=io.StringIO())
    assert _export() == first


def test_the_demo_plan_has_welsh_for_every_text(demo_plan):
    assert demo_plan.title_cy and demo_plan.summary_cy
    texts = {Priority: ("title", "description"), Outcome: ("title", "description"),
             Theme: ("title", "description"), Measure: ("name", "description")}  # fmt: skip
    for model, fields in texts.items():
        for obj in model.objects.all():
            for field in fields:
                if getattr(obj, field):
                    assert getattr(obj, f"{field}_cy").strip(), f"{obj} {field}"


def test_a_plan_without_welsh_exports_no_welsh_keys():
    english = "\n".join(line for line in PLAN.splitlines() if "_cy = " not in line)
    _load(english)
    assert "_cy" not in _export()


def test_welsh_must_be_text(tmp_path):
    doc = tomllib.loads(PLAN)
    doc["measures"][0]["name_cy"] = 3
    path = tmp_path / "bad.toml"
    path.write_text(tomli_w.dumps(doc))
    with pytest.raises(CommandError, match=r"measures\[0\] \(HC01\)\.name_cy: must be text"):
        call_command("plan", "load", str(path), stdout=io.StringIO())
    assert not Plan.objects.exists()


def test_a_change_of_welsh_is_audited_but_is_no_new_version_of_the_measure():
    _load(PLAN)
    measure = Measure.objects.get()
    events = AuditEvent.objects.count()
    _load(PLAN.replace("Troseddau casineb a gofnodwyd", "Troseddau casineb wedi'u cofnodi"))
    measure.refresh_from_db()
    # What the measure counts has not changed: a translation is not a new definition.
    assert measure.version == 1 and MeasureVersion.objects.filter(measure=measure).count() == 1
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-pk").first()
    assert event.action == "measure.updated"
    assert event.before["name_cy"] == "Troseddau casineb a gofnodwyd"
    assert event.after["name_cy"] == "Troseddau casineb wedi'u cofnodi"


def test_a_new_measure_and_a_change_of_the_plans_welsh_are_audited():
    _load(PLAN)
    created = AuditEvent.objects.get(action="measure.created")
    assert created.after["name_cy"] == "Troseddau casineb a gofnodwyd"
    _load(PLAN.replace('title_cy = "Cynllun prawf"', 'title_cy = "Y cynllun prawf"'))
    updated = AuditEvent.objects.get(action="plan.updated")
    assert (updated.before["title_cy"], updated.after["title_cy"]) == (
        "Cynllun prawf",
        "Y cynllun prawf",
    )


def test_the_demo_file_says_its_welsh_needs_a_translators_review():
    head = EXAMPLE_PLAN.read_text(encoding="utf-8").split("[plan]")[0]
    assert "needs review by a translator" in head


def test_loading_a_file_without_a_welsh_text_keeps_the_one_written_since():
    _load(PLAN)
    # Written on the Welsh texts page after the file was loaded.
    Theme.objects.update(description_cy="Troseddau casineb a gofnodwyd.")
    Measure.objects.update(name_cy="Enw newydd")
    english_only = "\n".join(line for line in PLAN.splitlines() if "_cy = " not in line)
    _load(english_only)
    assert Theme.objects.get().description_cy == "Troseddau casineb a gofnodwyd."
    assert Measure.objects.get().name_cy == "Enw newydd"
    assert Plan.objects.get().title_cy == "Cynllun prawf"
    # A file clears a Welsh text by giving it as "".
    _load(PLAN.replace('name_cy = "Troseddau casineb a gofnodwyd"', 'name_cy = ""'))
    assert Measure.objects.get().name_cy == ""
