"""The planning catalogues' pages and services: who may change which item, versions, audit."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.accounts.models import AuditEvent, Organisation
from oversight.roadmap import catalogue_views, catalogues, services
from oversight.roadmap.catalogue_values import ItemValues
from oversight.roadmap.demo import load
from oversight.roadmap.models import (
    Activity,
    FinancialPlanLine,
    PartnerPlan,
    PolicingRequirementThreat,
    WellbeingObjective,
)
from oversight.roadmap.urls import urlpatterns


@pytest.fixture
def roadmap(demo_plan):
    load(stdout=StringIO())
    return demo_plan


@pytest.fixture
def abuhb(roadmap):
    return Organisation.objects.get(slug="abuhb")


@pytest.fixture
def newport(roadmap):
    return Organisation.objects.get(slug="newport-council")


def item_form(**fields):
    """Return a POST of an item's form: the given fields, the rest blank."""
    data = {"code": "", "title": "", "description": "", "order": "0", "organisation": ""}
    data.update({k: str(getattr(v, "pk", v)) for k, v in fields.items()})
    return data


def funded_by(code):
    return Activity.objects.filter(funding_line__code=code).order_by("ref")


def events(action, item=None):
    """Return the audit events of an action, of one item if given (ids repeat across types)."""
    found = AuditEvent.objects.filter(action=action)
    if item is not None:
        found = found.filter(object_type=item._meta.label, object_id=str(item.pk))
    return found


def test_every_catalogue_url_declares_who_may_use_it():
    mine = [p for p in urlpatterns if p.callback.__module__ == catalogue_views.__name__]
    assert len(mine) == 8
    for pattern in mine:
        assert pattern.callback.required_permission


def test_the_matrix_links_to_the_catalogues(roadmap, client, opcc):
    client.force_login(opcc)
    assert 'href="/roadmap/catalogues/"' in client.get("/roadmap/").content.decode()


def test_index_lists_each_catalogue_with_its_count(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.get("/roadmap/catalogues/")
    counts = {s.catalogue.slug: s.count for s in response.context["summaries"]}
    assert counts == {
        c.slug: c.model.objects.filter(plan=roadmap).count() for c in catalogues.CATALOGUES
    }
    assert counts["mtfp"] == 6 and counts["spr"] == 7  # as the demo loads them
    page = response.content.decode()
    assert 'href="/roadmap/catalogues/partner-plans/"' in page
    assert 'href="/roadmap/catalogues/mtfp/new/"' in page


def test_mtfp_list_shows_amounts_in_pounds_owner_version_and_links(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.get("/roadmap/catalogues/mtfp/")
    page = response.content.decode()
    for text in ("2025/26", "2028/29", "£41,200,000", "£43,300,000", "£169,000,000"):
        assert text in page, text
    rows = {r.item.code: r for r in response.context["rows"]}
    # The demo funds several activities from MTFP-01 and none from MTFP-06.
    assert rows["MTFP-01"].linked == funded_by("MTFP-01").count() > 1
    assert rows["MTFP-06"].linked == 0
    assert rows["MTFP-01"].amounts[0] == "£41,200,000"


def test_opcc_creates_an_mtfp_line_with_amounts(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.post(
        "/roadmap/catalogues/mtfp/new/",
        item_form(
            code="MTFP-07",
            title="Body-worn video",
            order="7",
            amount_2025="250000",
            amount_2026="0",
            amount_2028="125000",
        ),
    )
    assert response.status_code == 302
    assert response.url == "/roadmap/catalogues/mtfp/MTFP-07/"
    line = FinancialPlanLine.objects.get(plan=roadmap, code="MTFP-07")
    assert (line.title, line.order, line.version, line.organisation) == (
        "Body-worn video",
        7,
        1,
        None,
    )
    assert {a.year: a.amount for a in line.amounts.all()} == {2025: 250_000, 2026: 0, 2028: 125_000}
    event = events("roadmap.catalogue.created", line).get()
    assert event.actor == opcc
    assert event.object_type == "roadmap.FinancialPlanLine"
    assert event.after["amounts"] == {"2025": 250_000, "2026": 0, "2028": 125_000}
    page = client.get(response.url).content.decode()
    assert "£250,000" in page and "£375,000" in page  # the year and the total
    assert "No activity links to MTFP-07." in page
    assert "Created (version 1)" in page and opcc.display_name in page


def test_opcc_creates_an_spr_threat(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.post(
        "/roadmap/catalogues/spr/new/",
        item_form(code="SPR-DRG", title="County lines drug supply", description="National threat"),
    )
    assert response.status_code == 302
    threat = PolicingRequirementThreat.objects.get(plan=roadmap, code="SPR-DRG")
    assert threat.description == "National threat"
    assert events("roadmap.catalogue.created", threat).exists()


def test_opcc_creates_a_partner_wellbeing_plan(roadmap, client, opcc, newport):
    client.force_login(opcc)
    response = client.post(
        "/roadmap/catalogues/partner-plans/new/",
        item_form(
            code="PSB-WBP-2028",
            title="Gwent Well-being Plan 2028-2033",
            organisation=newport.pk,
            kind="wellbeing",
            assessment_date="2027-05-01",
            commitments_close="2027-11-30",
            publication_date="2028-05-01",
            first_year="2028",
            last_year="2033",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    plan = PartnerPlan.objects.get(plan=roadmap, code="PSB-WBP-2028")
    assert plan.kind == PartnerPlan.Kind.WELLBEING
    assert plan.organisation == newport
    assert (plan.assessment_date, plan.commitments_close, plan.publication_date) == (
        dt.date(2027, 5, 1),
        dt.date(2027, 11, 30),
        dt.date(2028, 5, 1),
    )
    assert (plan.first_year, plan.last_year) == (2028, 2033)
    listing = client.get("/roadmap/catalogues/partner-plans/").content.decode()
    for text in ("Well-being plan (Public Services Board)", "30 Nov 2027", "2028 to 2033"):
        assert text in listing, text


def test_partner_plan_dates_render_as_iso_in_date_inputs(roadmap, client, opcc, newport):
    catalogues.create_item(
        model=PartnerPlan,
        plan=roadmap,
        values=ItemValues(
            code="CSP-1",
            title="Community safety plan",
            organisation=newport,
            kind="community_safety",
            commitments_close=dt.date(2026, 3, 31),
        ),
        by=None,
    )
    client.force_login(opcc)
    page = client.get("/roadmap/catalogues/partner-plans/CSP-1/edit/").content.decode()
    assert 'type="date" name="commitments_close" value="2026-03-31"' in page


def test_an_edit_bumps_the_version_and_is_audited_with_amounts(roadmap, client, opcc):
    line = FinancialPlanLine.objects.get(plan=roadmap, code="MTFP-06")
    version = line.version
    client.force_login(opcc)
    form = client.get("/roadmap/catalogues/mtfp/MTFP-06/edit/").context["form"]
    data = item_form(**{k: v for k, v in form.initial.items() if v is not None})
    data.update(title="Estates rationalisation and new custody suite", amount_2026="1500000")
    response = client.post("/roadmap/catalogues/mtfp/MTFP-06/edit/", data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.version == version + 1
    assert line.amount_for(2026) == 1_500_000
    event = events("roadmap.catalogue.updated", line).get(actor=opcc)
    assert event.before["title"] == "Estates rationalisation"
    assert event.after["title"] == "Estates rationalisation and new custody suite"
    assert event.before["amounts"]["2026"] == 1_400_000
    assert event.after["amounts"] == {
        "2025": 900_000,
        "2026": 1_500_000,
        "2027": 600_000,
        "2028": 300_000,
    }
    assert (event.before["version"], event.after["version"]) == (version, version + 1)
    page = client.get("/roadmap/catalogues/mtfp/MTFP-06/").content.decode()
    assert f"Changed (version {version + 1})" in page
    assert "2026/27 £1,400,000" in page and "2026/27 £1,500,000" in page


def test_saving_an_unchanged_item_keeps_its_version_and_writes_no_audit(roadmap, client, opcc):
    line = FinancialPlanLine.objects.get(plan=roadmap, code="MTFP-06")
    version = line.version
    client.force_login(opcc)
    form = client.get("/roadmap/catalogues/mtfp/MTFP-06/edit/").context["form"]
    data = item_form(**{k: v for k, v in form.initial.items() if v is not None})
    before = AuditEvent.objects.count()
    assert client.post("/roadmap/catalogues/mtfp/MTFP-06/edit/", data).status_code == 302
    line.refresh_from_db()
    assert line.version == version
    assert AuditEvent.objects.count() == before


def test_a_partner_adds_their_own_organisations_partner_plan(roadmap, client, partner, newport):
    client.force_login(partner)
    page = client.get("/roadmap/catalogues/partner-plans/new/").content.decode()
    assert 'name="organisation"' not in page  # their own, so not offered
    response = client.post(
        "/roadmap/catalogues/partner-plans/new/",
        item_form(code="NCC-CSP", title="Newport community safety plan", kind="community_safety"),
    )
    assert response.status_code == 302
    plan = PartnerPlan.objects.get(code="NCC-CSP")
    assert plan.organisation == newport
    assert events("roadmap.catalogue.created", plan).get().actor == partner


def test_a_partner_is_refused_another_organisations_plan_with_the_form_reshown(
    roadmap, client, partner, abuhb
):
    client.force_login(partner)
    response = client.post(
        "/roadmap/catalogues/partner-plans/new/",
        item_form(
            code="ABUHB-IMTP",
            title="Health board plan typed by Nia",
            kind="health",
            organisation=abuhb.pk,
        ),
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Partners maintain only their own organisation&#x27;s items" in page
    assert 'value="Health board plan typed by Nia"' in page
    assert not PartnerPlan.objects.filter(code="ABUHB-IMTP").exists()


def test_a_partner_is_refused_an_mtfp_line_with_the_form_reshown(roadmap, client, partner):
    client.force_login(partner)
    warned = client.get("/roadmap/catalogues/mtfp/new/").content.decode()
    assert "the Medium Term Financial Plan is kept by the Commissioner" in warned
    response = client.post(
        "/roadmap/catalogues/mtfp/new/",
        item_form(code="MTFP-99", title="Newport grant", amount_2025="5000"),
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "kept by the Commissioner&#x27;s and the Chief Constable&#x27;s teams" in page
    assert 'value="Newport grant"' in page and 'value="5000"' in page
    assert not FinancialPlanLine.objects.filter(code="MTFP-99").exists()
    assert not events("roadmap.catalogue.created").filter(actor=partner).exists()


def test_a_partner_may_not_edit_or_delete_another_organisations_item(
    roadmap, client, partner, abuhb
):
    item = catalogues.create_item(
        model=WellbeingObjective,
        plan=roadmap,
        values=ItemValues(code="WB-ABUHB", title="Healthy ageing", organisation=abuhb),
        by=None,
    )
    client.force_login(partner)
    assert client.get("/roadmap/catalogues/wellbeing/WB-ABUHB/edit/").status_code == 403
    assert client.post("/roadmap/catalogues/wellbeing/WB-ABUHB/delete/").status_code == 403
    assert WellbeingObjective.objects.filter(pk=item.pk).exists()
    page = client.get("/roadmap/catalogues/wellbeing/WB-ABUHB/").content.decode()
    assert "/edit/" not in page  # no Edit offered


def test_delete_is_refused_while_activities_link_to_the_item(roadmap, client, opcc):
    refs = [a.ref for a in funded_by("MTFP-01")]
    client.force_login(opcc)
    response = client.post("/roadmap/catalogues/mtfp/MTFP-01/delete/")
    assert response.status_code == 400
    page = response.content.decode()
    assert f"MTFP-01 cannot be deleted while {len(refs)} activities link to it" in page
    assert f"({', '.join(refs)})" in page
    assert FinancialPlanLine.objects.filter(code="MTFP-01").exists()
    assert not events("roadmap.catalogue.deleted").exists()


def test_delete_removes_an_unlinked_item_with_its_amounts_audited(roadmap, client, opcc):
    line = FinancialPlanLine.objects.get(code="MTFP-06")
    client.force_login(opcc)
    response = client.post("/roadmap/catalogues/mtfp/MTFP-06/delete/")
    assert response.status_code == 302
    assert response.url == "/roadmap/catalogues/mtfp/"
    assert not FinancialPlanLine.objects.filter(code="MTFP-06").exists()
    event = events("roadmap.catalogue.deleted", line).get()
    assert event.before["amounts"]["2025"] == 900_000
    assert client.get("/roadmap/catalogues/mtfp/MTFP-06/delete/").status_code == 405


def test_the_form_says_what_is_wrong(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.post(
        "/roadmap/catalogues/partner-plans/new/",
        item_form(
            code="MTFP 01/x",
            title="Plan",
            kind="health",
            assessment_date="2027-06-01",
            publication_date="2027-05-01",
            first_year="2030",
            last_year="2029",
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "is not a code" in errors["code"][0]
    assert "is before the assessment date" in errors["publication_date"][0]
    assert "before the first" in errors["last_year"][0]
    response = client.post(
        "/roadmap/catalogues/mtfp/new/", item_form(code="MTFP-01", title="Again")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "MTFP-01 is already in the Medium Term Financial Plan."
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/roadmap/catalogues/",
        "/roadmap/catalogues/mtfp/",
        "/roadmap/catalogues/mtfp/MTFP-01/",
        "/roadmap/catalogues/mtfp/new/",
        "/roadmap/catalogues/mtfp/MTFP-01/edit/",
        "/roadmap/catalogues/export/",
        "/roadmap/catalogues/import/",
    ],
)
def test_the_panel_and_the_public_are_refused(roadmap, client, panel, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    client.force_login(panel)
    assert client.get(path).status_code == 403
    assert client.post(path, item_form(code="X-1", title="X")).status_code == 403
    assert not FinancialPlanLine.objects.filter(code="X-1").exists()


def test_an_unknown_catalogue_or_code_is_not_found(roadmap, client, opcc):
    client.force_login(opcc)
    assert client.get("/roadmap/catalogues/budgets/").status_code == 404
    assert client.get("/roadmap/catalogues/mtfp/MTFP-42/").status_code == 404


# The services, which the pages, the import and the demo share ----------------------------


def test_the_services_enforce_the_same_rules(roadmap, partner, administrator, force, newport):
    values = ItemValues(code="EQ-NCC", title="Equality objective", organisation=newport)
    item = catalogues.create_item(model=WellbeingObjective, plan=roadmap, values=values, by=partner)
    with pytest.raises(PermissionDenied, match="Your role cannot change"):
        catalogues.update_item(
            item=item, values=ItemValues(code="EQ-NCC", title="Changed"), by=administrator
        )
    # A partner cannot give its own item away, nor change an MTFP line.
    with pytest.raises(PermissionDenied, match="not no organisation"):
        catalogues.update_item(
            item=item, values=ItemValues(code="EQ-NCC", title="Orphan"), by=partner
        )
    line = FinancialPlanLine.objects.get(code="MTFP-01")
    with pytest.raises(PermissionDenied, match="Medium Term Financial Plan is kept"):
        catalogues.set_amounts(line=line, amounts={2025: 1}, by=partner)
    # The Chief Constable's team changes any item, a partner's included.
    assert catalogues.update_item(
        item=item, values=ItemValues(code="EQ-NCC", title="Renamed", organisation=newport), by=force
    )
    item.refresh_from_db()
    assert (item.title, item.version) == ("Renamed", 2)


def test_set_funding_delegates_validates_and_audits(roadmap, opcc):
    line = FinancialPlanLine.objects.get(code="MTFP-05")
    version = line.version
    with pytest.raises(ValidationError) as caught:
        services.set_funding(line=line, amounts={2024: 5, 2025: -1}, by=opcc)
    assert caught.value.message_dict["amounts"] == [
        "2024 is not a year of the plan (2025/26 to 2028/29).",
        "2025/26: an amount cannot be negative (£-1).",
    ]
    services.set_funding(line=line, amounts={2025: 3_600_000}, by=opcc)
    line.refresh_from_db()
    assert line.version == version + 1
    assert {a.year: a.amount for a in line.amounts.all()} == {2025: 3_600_000}
    # The same amounts again change nothing.
    services.set_funding(line=line, amounts={2025: 3_600_000}, by=opcc)
    line.refresh_from_db()
    assert line.version == version + 1
    assert events("roadmap.catalogue.updated", line).filter(actor=opcc).count() == 1


def test_ensure_link_item_finds_or_adds_and_audits_once(roadmap):
    first = services.ensure_link_item(
        model=PolicingRequirementThreat, plan=roadmap, code="SPR-NEW", title="New", by=None
    )
    again = services.ensure_link_item(
        model=PolicingRequirementThreat, plan=roadmap, code="SPR-NEW", title="Other", by=None
    )
    assert first.pk == again.pk and again.title == "New"
    created = events("roadmap.catalogue.created", first)
    assert created.count() == 1
    assert created.get().actor_name == "system"
