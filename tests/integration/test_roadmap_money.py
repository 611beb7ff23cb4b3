"""Money, balance and partners' windows on the roadmap: the matrix, the report, forms, files."""

import io
from io import StringIO

import pytest
from pypdf import PdfReader

from oversight.accounts.models import AuditEvent
from oversight.core.tables import Rejected
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity, ActivityFunding
from oversight.roadmap.presenters import alignment_report
from oversight.roadmap.rows import export_rows, load_table, to_csv, to_xlsx
from oversight.roadmap.services import import_table


@pytest.fixture
def roadmap(demo_plan):
    load(stdout=StringIO())
    return demo_plan


def _form_data(client, ref: str) -> dict:
    """Return an activity's edit form as the browser would post it, unchanged."""
    form = client.get(f"/roadmap/activities/{ref}/edit/").context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data


def test_matrix_shows_each_activitys_funding_in_its_year_to_the_internal_teams(
    roadmap, client, opcc
):
    client.force_login(opcc)
    page = client.get("/roadmap/").content.decode()
    assert "Funding £38m this year" in page  # RM-001 in 2025/26
    assert "Funding £41m this year" in page  # RM-001 in 2028/29
    assert "Funding committed in each plan year" in page
    assert "Funded, all years" in page


def test_quarter_view_shows_no_yearly_amounts(roadmap, client, opcc):
    client.force_login(opcc)
    assert "this year" not in client.get("/roadmap/?view=quarters").content.decode()


def test_a_partner_sees_only_its_own_organisations_funding(roadmap, client, partner):
    client.force_login(partner)
    page = client.get("/roadmap/").content.decode()
    assert "Funding £400k this year" in page  # RM-009, Newport City Council's own
    assert "Funding £38m this year" not in page  # the force's RM-001
    assert "Funding committed in each plan year" not in page
    assert "Funded, all years" not in page
    assert "Activities running in each plan year" in page
    own = client.get("/roadmap/activities/RM-009/").content.decode()
    assert "Funding by plan year" in own and "£400,000" in own
    other = client.get("/roadmap/activities/RM-001/").content.decode()
    assert "Funding by plan year" not in other and "38,000,000" not in other


def test_balance_table_counts_activities_per_priority_per_year_and_warns_of_empty_years(
    roadmap, client, force
):
    client.force_login(force)
    response = client.get("/roadmap/")
    balance = response.context["balance"]
    p1 = next(r for r in balance.rows if r.code == "P1")
    # RM-001, RM-002, RM-003 and RM-010 run in 2025/26; in 2027/28 only RM-001.
    assert [c.live for c in p1.cells] == [4, 3, 1, 1]
    assert p1.cells[0].funded == 38_000_000 + 250_000 + 180_000 + 1_800_000
    empty = [(e.code, e.year) for e in balance.empty_years]
    assert empty == [("P5", 2025), ("P5", 2026), ("P5", 2027), ("P5", 2028)]
    page = response.content.decode()
    assert "P5 An effective and efficient police service has nothing planned in 2026/27." in page
    assert "Data table for this chart" in page


def test_alignment_report_checks_money_partner_windows_and_every_catalogue(roadmap, client, opcc):
    client.force_login(opcc)
    report = dict(client.get("/roadmap/alignment/").context["report"])
    by_kind = {kind.value: [(g.code, g.reason) for g in gaps] for kind, gaps in report.items()}
    [(code, reason)] = by_kind["funding_overcommitted"]
    assert code == "MTFP-03"
    assert reason.startswith("2025/26: activities commit £1,300,000 (RM-007 £700,000, RM-008")
    needed = dict(by_kind["partner_commitment_needed"])
    assert "before its window closes" in needed["RM-002"]
    assert "Gwent Public Services Board" in needed["RM-002"]
    assert "closed on" in needed["RM-007"]
    assert "RM-009" not in needed  # committed
    assert "RM-006" in needed  # the health board has not committed yet
    assert [c for c, _ in by_kind["justice_action_not_addressed"]] == ["CJ-03"]
    assert [c for c, _ in by_kind["partner_plan_without_activity"]] == []
    assert [c for c, _ in by_kind["engagement_not_planned"]] == []
    assert by_kind["funding_line_without_activity"][0][0] == "MTFP-06"


def test_funding_saved_through_the_form_is_audited_and_checked(roadmap, client, opcc):
    client.force_login(opcc)
    data = _form_data(client, "RM-013")
    data["funding_2026"] = 60000
    response = client.post("/roadmap/activities/RM-013/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(ref="RM-013")
    assert dict(activity.funding.values_list("year", "amount"))[2026] == 60000
    event = AuditEvent.objects.filter(action="roadmap.activity.updated").latest("pk")
    assert "2026=45000" in event.before["funding"] and "2026=60000" in event.after["funding"]

    data.pop("funding_line")
    refused = client.post("/roadmap/activities/RM-013/edit/", data)
    assert refused.status_code == 400
    assert "funding needs the Medium Term Financial Plan line" in refused.content.decode()

    data = _form_data(client, "RM-005")  # runs in 2025/26 and 2026/27 only
    data["funding_2027"] = 10
    refused = client.post("/roadmap/activities/RM-005/edit/", data)
    assert "2027/28: the activity does not run in that plan year" in refused.content.decode()
    assert not ActivityFunding.objects.filter(activity__ref="RM-005", year=2027).exists()


def test_unchanged_form_saves_nothing(roadmap, client, opcc):
    client.force_login(opcc)
    before = AuditEvent.objects.count()
    response = client.post("/roadmap/activities/RM-002/edit/", _form_data(client, "RM-002"))
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_funding_and_partner_plans_round_trip_through_the_spreadsheet(roadmap, fmt):
    rows = export_rows(roadmap)
    rm007 = next(r for r in rows if r["ref"] == "RM-007")
    assert rm007["funding"] == "2025=700000; 2026=450000"
    assert rm007["partner_plan"] == "PP-YJ"
    rm009 = next(r for r in rows if r["ref"] == "RM-009")
    assert rm009["partner_committed_on"]
    data = to_csv(rows) if fmt == "csv" else to_xlsx(rows)
    result = import_table(plan=roadmap, table=load_table(data, f"roadmap.{fmt}"), by=None)
    assert result.created == [] and result.updated == []
    assert len(result.unchanged) == len(rows)


def test_bad_funding_in_a_spreadsheet_is_reported_and_nothing_changes(roadmap):
    rows = export_rows(roadmap)
    for row in rows:
        if row["ref"] == "RM-001":
            row["funding"] = "2025=lots; 2026=5"
        if row["ref"] == "RM-006":
            row["funding"] = "2026=1000"  # no MTFP line
        if row["ref"] == "RM-002":
            row["partner_committed_on"] = "soon"
    with pytest.raises(Rejected) as caught:
        import_table(plan=roadmap, table=load_table(to_csv(rows), "roadmap.csv"), by=None)
    reasons = [(e.column, e.reason) for e in caught.value.errors]
    assert ("funding", "'2025=lots' is not 'YEAR=POUNDS', e.g. 2026=95000") in reasons
    assert ("funding", "funding needs the Medium Term Financial Plan line it comes from") in reasons
    assert ("partner_committed_on", "'soon' is not a date") in reasons
    assert ActivityFunding.objects.get(activity__ref="RM-001", year=2026).amount == 39_000_000


def test_roadmap_pdf_carries_the_balance_and_its_charts(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.get("/roadmap/roadmap.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Balance across the plan's years" in text
    assert "Funding committed in each plan year" in text
    assert "has nothing planned in 2028/29" in text


def test_roadmap_flags_activities_waiting_on_a_partners_window(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.get("/roadmap/")
    waiting = {g.code: g.reason for g in response.context["waiting_on_partners"]}
    assert set(waiting) == {"RM-002", "RM-006", "RM-007"}
    page = response.content.decode()
    assert "Waiting on partners' planning windows (3)" in page
    assert "Needs Gwent Public Services Board&#x27;s commitment" in page


def test_catalogue_items_made_through_the_pages_link_to_an_activity_and_reach_the_report(
    roadmap, client, opcc
):
    """The issue's check: an MTFP line, an SPR threat and a well-being plan, made and linked."""
    client.force_login(opcc)
    base = {"description": "", "order": "0", "organisation": ""}
    made = [
        ("mtfp", {"code": "MTFP-07", "title": "Body-worn video", "amount_2026": "90000"}),
        ("spr", {"code": "SPR-DRG", "title": "County lines drug supply"}),
        (
            "partner-plans",
            {
                "code": "PP-NWB",
                "title": "Newport local well-being plan",
                "kind": "wellbeing",
                "commitments_close": "2099-03-31",
            },
        ),
    ]
    for kind, fields in made:
        response = client.post(f"/roadmap/catalogues/{kind}/new/", {**base, **fields})
        assert response.status_code == 302, response.content.decode()[:2000]
    gaps = {(k.value, g.code) for k, items in alignment_report(roadmap) for g in items}
    assert ("funding_line_without_activity", "MTFP-07") in gaps
    assert ("threat_not_addressed", "SPR-DRG") in gaps
    assert ("partner_plan_without_activity", "PP-NWB") in gaps

    data = _form_data(client, "RM-013")
    form = client.get("/roadmap/activities/RM-013/edit/").context["form"]
    pick = {
        name: form.fields[name].queryset.get(code=code).pk
        for name, code in (
            ("funding_line", "MTFP-07"),
            ("spr_threat", "SPR-DRG"),
            ("partner_plan", "PP-NWB"),
        )
    }
    data.update(pick)
    data.update(
        {"funding_2025": "", "funding_2026": "90000", "funding_2027": "", "funding_2028": ""}
    )
    response = client.post("/roadmap/activities/RM-013/edit/", data)
    assert response.status_code == 302, response.context["form"].errors

    gaps = {(k.value, g.code) for k, items in alignment_report(roadmap) for g in items}
    assert ("funding_line_without_activity", "MTFP-07") not in gaps
    assert ("threat_not_addressed", "SPR-DRG") not in gaps
    assert ("partner_plan_without_activity", "PP-NWB") not in gaps
    assert ("partner_commitment_needed", "RM-013") in gaps  # the plan's window is still open
    matrix = client.get("/roadmap/").content.decode()
    assert "Funding £90k this year" in matrix
    detail = client.get("/roadmap/activities/RM-013/").content.decode()
    for text in ("MTFP-07 Body-worn video", "SPR-DRG County lines drug supply", "PP-NWB Newport"):
        assert text in detail, text
