"""`plan load` is all or nothing and names the bad key; `plan export` round-trips."""

import io

import pytest
import tomli_w
from django.core.management import CommandError, call_command

from oversight.accounts.models import AuditEvent
from oversight.plans.catalogue import CatalogueError, parse
from oversight.plans.models import Measure, MeasureVersion, Plan
from oversight.plans.services import amend_measure, export_catalogue
from tests.conftest import EXAMPLE_PLAN

pytestmark = pytest.mark.django_db


def _export() -> str:
    out = io.StringIO()
    call_command("plan", "export", stdout=out)
    return out.getvalue()


def test_example_plan_loads_with_all_three_kinds_of_priority(demo_plan):
    kinds = set(demo_plan.priorities.values_list("kind", flat=True))
    assert kinds == {"policing", "partnership", "development"}
    assert 28 <= demo_plan.measures.count() <= 40
    assert demo_plan.bcus.count() == 2
    assert demo_plan.force_slug == "gwent"


def test_example_plan_has_measures_for_each_theme_of_paragraph_6(demo_plan):
    for slug in ("domestic-abuse", "youth-offending", "anti-social-behaviour",
                 "victim-satisfaction", "older-people", "hate-crime"):  # fmt: skip
        assert Measure.objects.filter(themes__slug=slug, source="force-supplied").exists(), slug


def test_export_then_load_is_lossless(tmp_path, demo_plan):
    first = _export()
    path = tmp_path / "plan.toml"
    path.write_text(first)
    call_command("plan", "load", str(path), stdout=io.StringIO())
    assert _export() == first
    assert Plan.objects.count() == 1


def test_loading_the_same_file_twice_changes_nothing(tmp_path, demo_plan):
    events = AuditEvent.objects.count()
    versions = MeasureVersion.objects.count()
    call_command("plan", "load", str(EXAMPLE_PLAN), stdout=io.StringIO())
    assert AuditEvent.objects.count() == events
    assert MeasureVersion.objects.count() == versions


def _bad_file(tmp_path, mutate) -> str:
    doc = parse(EXAMPLE_PLAN.read_text())
    raw = {
        "plan": doc.plan,
        "bcus": doc.bcus,
        "themes": doc.themes,
        "priorities": doc.priorities,
        "outcomes": doc.outcomes,
        "measures": doc.measures,
    }
    mutate(raw)
    path = tmp_path / "bad.toml"
    path.write_text(tomli_w.dumps(raw))
    return str(path)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["measures"][0].update(improvement="sideways"),
            "measures[0] (PUK01).improvement",
        ),
        (
            lambda d: d["measures"][1].update(colour="red"),
            "measures[1] (PUK02).colour: unknown key",
        ),
        (lambda d: d["measures"][2].update(code="PUK01"), "duplicate code 'PUK01'"),
        (lambda d: d["outcomes"][0].update(priority="P9"), "outcomes[0] (P1.1).priority"),
        (lambda d: d["priorities"][0].update(kind="tactical"), "priorities[0] (P1).kind"),
        (lambda d: d["measures"][0]["police_uk"].update(crime_types=["Jaywalking"]), "Jaywalking"),
        (lambda d: d["measures"][0].update(rag={"basis": "vibes"}), "measures[0] (PUK01).rag"),
    ],
)
def test_a_bad_plan_file_changes_nothing_and_names_the_key(tmp_path, demo_plan, mutate, message):
    before = _export()
    with pytest.raises(CommandError) as excinfo:
        call_command("plan", "load", _bad_file(tmp_path, mutate), stdout=io.StringIO())
    assert message in str(excinfo.value)
    assert "nothing was loaded" in str(excinfo.value)
    assert _export() == before


def test_a_plan_file_into_an_empty_database_loads_nothing_on_error(tmp_path, db):
    path = _bad_file(tmp_path, lambda d: d["measures"][3].update(unit="furlongs"))
    with pytest.raises(CommandError, match="unit"):
        call_command("plan", "load", path, stdout=io.StringIO())
    assert Plan.objects.count() == 0
    assert Measure.objects.count() == 0


def test_invalid_toml_names_the_line(tmp_path, db):
    path = tmp_path / "broken.toml"
    path.write_text('[plan]\ntitle = "x"\nfirst_year = \n')
    with pytest.raises(CommandError, match="line 3"):
        call_command("plan", "load", str(path), stdout=io.StringIO())


def test_catalogue_collects_every_problem():
    with pytest.raises(CatalogueError) as excinfo:
        parse('[plan]\ntitle = "t"\n[[measures]]\ncode = "A"\n')
    assert len(excinfo.value.problems) > 3


def test_amending_a_measure_makes_a_new_version_and_is_audited(demo_plan, opcc):
    import datetime as dt

    measure = Measure.objects.get(code="VS01")
    amend_measure(
        measure=measure,
        changes={"target": 85.0},
        effective_from=dt.date(2026, 4, 1),
        reason="Board raised the ambition",
        by=opcc,
    )
    measure.refresh_from_db()
    assert measure.version == 2
    old, new = MeasureVersion.objects.filter(measure=measure).order_by("version")
    assert old.effective_to == dt.date(2026, 3, 31)
    assert new.definition["target"] == 85.0
    assert AuditEvent.objects.filter(action="measure.amended", actor=opcc).exists()
    assert export_catalogue(demo_plan)["measures"]


def test_export_with_no_plan_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No plan is loaded"):
        _export()


def test_a_rebase_needs_a_period_and_a_reason(tmp_path, demo_plan):
    path = _bad_file(tmp_path, lambda d: d["measures"][0].update(rebase=[{"period": "2023-13"}]))
    with pytest.raises(CommandError) as excinfo:
        call_command("plan", "load", path, stdout=io.StringIO())
    assert "measures[0] (PUK01).rebase[0].period" in str(excinfo.value)
    assert "measures[0] (PUK01).rebase[0].reason: missing" in str(excinfo.value)


def test_the_example_plan_types_in_no_rebase(demo_plan):
    # Rebases come from decisions on what the integrity monitor finds, not from the file.
    assert not any(m.rebases for m in Measure.objects.all())
