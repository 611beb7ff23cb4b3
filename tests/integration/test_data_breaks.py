"""Data breaks hold ratings at Grey until a person decides; the decision is the record."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.data import demo
from oversight.data.breaks import DecisionError, decide, touched_measures
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Decision, Finding, FindingKind
from oversight.data.monitor import run_monitor
from oversight.meetings.models import Meeting
from oversight.meetings.services.escalations import propose_escalations
from oversight.performance.services import create_snapshot
from oversight.plans.catalogue import parse
from oversight.plans.models import Measure
from oversight.plans.services import load_catalogue
from tests.conftest import EXAMPLE_PLAN
from tests.factories.board import add_observations, load_plan

PERIOD = "2025-07"
EXTRACT = Path(demo.__file__).resolve().parents[1] / "demo" / "police_uk"


def _break(**fields) -> Finding:
    values = {
        "kind": FindingKind.BREAK,
        "force": "gwent",
        "dataset": "street",
        "period": "2024-10",
        "summary": "Burglary 100 → 300 a month (+200%); Robbery 20 → 60 a month (+200%)",
        "categories": ["Burglary", "Robbery"],
        "evidence": {"steps": [], "series": {}},
    }
    values.update(fields)
    return Finding.objects.create(**values)


@pytest.fixture
def board_plan(db):
    plan = load_plan()
    add_observations(plan, period=PERIOD)
    return plan


def test_a_break_touches_the_measures_counting_its_categories(board_plan):
    finding = _break()

    touched = [m.code for m in touched_measures(finding)]

    # All recorded crime counts every crime type but anti-social behaviour.
    assert touched == ["PUK01", "PUK02", "PUK03"]


def test_an_open_break_holds_an_spc_rating_at_grey_and_out_of_escalation(board_plan, force):
    finding = _break()
    snapshot = create_snapshot(period=PERIOD, by=None)

    held = snapshot.assessments.filter(measure__code__in=["PUK01", "PUK02", "PUK03"])
    assert {a.rating for a in held} == {"grey"} and {a.hold for a in held} == {"break_review"}
    assert all(a.held_by == [finding.pk] for a in held)
    assert "data break under review" in held[0].reasons[0]
    assert held[0].variation_icon == "" and held[0].spc  # the chart stays, for the reviewer
    assert snapshot.assessments.get(measure__code="PUK04", area="force").hold == ""

    jpmg = Meeting.objects.create(kind=Meeting.Kind.JPMG, date="2025-08-20", title="JPMG")
    proposed = propose_escalations(jpmg=jpmg, snapshot=snapshot, by=force)
    assert not {e.measure.code for e in proposed if e.measure} & {"PUK01", "PUK02", "PUK03"}


def test_a_break_outside_the_charted_months_holds_nothing(board_plan):
    _break(period="2021-01")
    snapshot = create_snapshot(period=PERIOD, by=None)
    assert not snapshot.assessments.exclude(hold="").filter(hold="break_review").exists()


def test_a_recording_change_rebases_every_touched_measure_and_lifts_the_hold(board_plan, force):
    finding = _break()
    version = Measure.objects.get(code="PUK02").version

    decided = decide(finding=finding, decision="recording", reason="Checked with IT.", by=force)

    assert decided.decision == Decision.RECORDING_CHANGE and decided.rebase_period == "2024-10"
    assert decided.rebased_measures == ["PUK01", "PUK02", "PUK03"]
    puk02 = Measure.objects.get(code="PUK02")
    assert puk02.version == version + 1
    assert puk02.rebases[-1]["period"] == "2024-10" and puk02.rebases[-1]["finding"] == finding.pk
    assert AuditEvent.objects.filter(action="data.finding.recording_change").count() == 1
    assert AuditEvent.objects.filter(action="measure.rebased").count() == 3
    snapshot = create_snapshot(period=PERIOD, by=None)
    cell = snapshot.assessments.get(measure__code="PUK02", area="force")
    assert cell.hold == "" and len(cell.spc["groups"]) == 2
    assert cell.spc["groups"][1]["start_period"] == "2024-10"


def test_a_window_across_a_rebase_says_so(board_plan, force):
    decide(finding=_break(), decision="recording", reason="Checked with IT.", by=force)
    snapshot = create_snapshot(period=PERIOD, by=None)

    cell = snapshot.assessments.get(measure__code="PUK02", area="force")

    assert cell.compstat["rolling_12"]["crosses_rebase"] == "2024-10"
    assert "across the rebase at 2024-10" in cell.compstat["rolling_12"]["text"]
    assert cell.compstat["month"]["crosses_rebase"] is None


def test_a_real_change_lifts_the_hold_without_a_rebase(board_plan, force):
    finding = _break()
    decide(finding=finding, decision="real", reason="A burglary series, confirmed.", by=force)

    snapshot = create_snapshot(period=PERIOD, by=None)

    cell = snapshot.assessments.get(measure__code="PUK02", area="force")
    assert cell.hold == "" and len(cell.spc["groups"]) == 1
    assert Measure.objects.get(code="PUK02").rebases == []


def test_a_decision_needs_a_reason_the_right_role_and_is_final(board_plan, force, opcc):
    finding = _break()
    with pytest.raises(DecisionError, match="needs a reason"):
        decide(finding=finding, decision="real", reason="  ", by=force)
    with pytest.raises(DecisionError, match="Chief Constable's team"):
        decide(finding=finding, decision="real", reason="Looks real.", by=opcc)
    decide(finding=finding, decision="real", reason="Looks real.", by=force)
    with pytest.raises(DecisionError, match="never changed"):
        decide(finding=finding, decision="recording", reason="On reflection.", by=force)


def test_reloading_the_plan_keeps_a_decided_rebase(board_plan, force):
    decide(finding=_break(), decision="recording", reason="Checked with IT.", by=force)
    version = Measure.objects.get(code="PUK02").version

    load_catalogue(catalogue=parse(EXAMPLE_PLAN.read_text()), by=None)

    puk02 = Measure.objects.get(code="PUK02")
    assert [r["period"] for r in puk02.rebases] == ["2024-10"] and puk02.version == version


def test_the_decide_command_records_a_decision(board_plan, force):
    finding = _break()
    out = io.StringIO()

    call_command(
        "data", "breaks", "decide", str(finding.pk), "--as", "recording",
        "--reason", "Force IT migration.", "--by", force.username, stdout=out,
    )  # fmt: skip

    assert "Rebased at 2024-10: PUK01, PUK02, PUK03" in out.getvalue()
    with pytest.raises(CommandError, match="never changed"):
        call_command(
            "data", "breaks", "decide", str(finding.pk), "--as", "real",
            "--reason", "x", "--by", force.username, stdout=io.StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="No finding 999"):
        call_command(
            "data", "breaks", "decide", "999", "--as", "real", "--reason", "x",
            "--by", force.username, stdout=io.StringIO(),
        )  # fmt: skip


def test_the_finding_page_lets_the_force_decide_and_no_one_else(board_plan, client, force, opcc):
    finding = _break()
    url = reverse("data:finding", args=[finding.pk])
    client.force_login(opcc)
    page = client.get(url)
    assert page.status_code == 200 and b"Only the Chief Constable" in page.content
    assert client.post(url, {"decision": "real", "reason": "x"}).status_code == 403

    client.force_login(force)
    assert client.post(url, {"decision": "real", "reason": " "}).status_code == 400
    response = client.post(url, {"decision": "recording", "rebase_at": "2024-11", "reason": "IT."})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.decision == Decision.RECORDING_CHANGE and finding.rebase_period == "2024-11"
    index = client.get(reverse("data:index"))
    assert b"Recording change (rebased)" in index.content


# -- the monitor on the project's own extract of real police.uk files ------------------------


@pytest.fixture
def gwent_warehouse(demo_plan, settings, tmp_path):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    import_police_uk([EXTRACT], warehouse_path=settings.WAREHOUSE_PATH, quiet=True)
    return settings.WAREHOUSE_PATH


def test_the_monitor_finds_the_gwent_october_2023_break_itself(gwent_warehouse):
    report = run_monitor(warehouse_path=gwent_warehouse)

    breaks = Finding.objects.filter(kind=FindingKind.BREAK, force="gwent", dataset="street")
    assert [f.period for f in breaks] == ["2023-10"]
    found = breaks.get()
    assert {"Burglary", "Criminal damage and arson"} <= set(found.categories)
    assert {m.code for m in touched_measures(found)} >= {"PUK01", "PUK02", "PUK06"}
    assert found in report.new and found.is_open
    # Running again finds the same, and makes nothing new.
    again = run_monitor(warehouse_path=gwent_warehouse)
    assert again.new == [] and Finding.objects.filter(pk=found.pk, still_detected=True).exists()


def test_the_breaks_command_lists_the_break_as_json(gwent_warehouse):
    run_monitor(warehouse_path=gwent_warehouse)
    out = io.StringIO()

    call_command("data", "breaks", "--force", "gwent", "--json", stdout=out)

    rows = json.loads(out.getvalue())
    street = [r for r in rows if r["kind"] == "break" and r["dataset"] == "street"]
    assert [r["period"] for r in street] == ["2023-10"]
    assert {"PUK02", "PUK06"} <= {m["code"] for m in street[0]["measures"]}
    assert street[0]["decision"] == "open" and street[0]["evidence"]["steps"]


def test_a_republished_month_with_other_counts_is_a_revision(gwent_warehouse, tmp_path):
    original = EXTRACT / "2024-01" / "2024-01-gwent-street.csv.gz"
    lines = gzip.decompress(original.read_bytes()).decode().splitlines(keepends=True)
    moved = 0
    for i, line in enumerate(lines):
        if moved < 3 and ",Other theft," in line:
            lines[i] = line.replace(",Other theft,", ",Burglary,")
            moved += 1
    folder = tmp_path / "republished" / "2024-01"
    folder.mkdir(parents=True)
    (folder / "2024-01-gwent-street.csv").write_text("".join(lines))
    report = import_police_uk([folder], warehouse_path=gwent_warehouse, quiet=True)
    assert [r.status for r in report.results] == ["replaced"]

    run_monitor(warehouse_path=gwent_warehouse)

    revision = Finding.objects.get(kind=FindingKind.REVISION)
    assert revision.period == "2024-01" and revision.dataset == "street"
    changes = {c["category"]: c["change"] for c in revision.evidence["changes"]}
    assert changes == {"Burglary": 3, "Other theft": -3}
    # A revision is shown, but holds no rating.
    assert not revision.holds_ratings
    shutil.rmtree(tmp_path / "republished")
