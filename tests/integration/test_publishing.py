"""Publishing: request, approval by someone else, frozen content, disclosure control, open data,
what changed since the last publication, and the Panel's papers."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.data.models import Observation
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.plans.models import Measure
from oversight.publishing import services
from oversight.publishing.models import (
    PanelPaper,
    Publication,
    PublicationFrozen,
    PublicationStatus,
)
from tests.factories.people import persona
from tests.factories.publications import ENGLISH_ONLY

pytestmark = pytest.mark.django_db

MONTHS = 24


@pytest.fixture
def plan():
    plan = sample.build_plan(bcus=("east", "west"))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0] * MONTHS, start="2023-07", area="force")
    # West is small (3 or 2 a month): withheld, and east with it so west cannot be derived.
    sample.add_series(
        measure, [97.0 + (i % 2) for i in range(MONTHS)], start="2023-07", area="east"
    )
    sample.add_series(measure, [3.0 - (i % 2) for i in range(MONTHS)], start="2023-07", area="west")
    return plan


@pytest.fixture
def approver(db):
    return persona("commissioners_team", username="approver")


@pytest.fixture
def presented(plan, force):
    snapshot = performance.create_snapshot(period="2025-06", by=force)
    return performance.mark_presented(snapshot=snapshot, by=force)


def _publish(snapshot, opcc, approver, **kwargs):
    request = services.request_publication(snapshot=snapshot, by=opcc, **kwargs)
    return services.approve(publication=request, by=approver, welsh_reason=ENGLISH_ONLY)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_draft_snapshot_cannot_be_requested(plan, opcc):
    draft = performance.create_snapshot(period="2025-06", by=opcc)
    with pytest.raises(services.PublishingError, match="draft"):
        services.request_publication(snapshot=draft, by=opcc)


def test_a_request_is_not_public_until_approved(client, presented, opcc, approver):
    request = services.request_publication(snapshot=presented, by=opcc)
    assert request.status == PublicationStatus.REQUESTED and request.number is None
    assert (
        "Nothing has been published yet" in client.get(reverse("publishing:index")).content.decode()
    )
    for n in (1, request.pk):
        assert client.get(reverse("publishing:overview", args=[n])).status_code == 404
        assert client.get(reverse("publishing:csv", args=[n, "overview"])).status_code == 404
    services.approve(publication=request, by=approver, welsh_reason=ENGLISH_ONLY)
    assert client.get(reverse("publishing:overview", args=[1])).status_code == 200


def test_the_requester_cannot_approve_their_own_request(presented, opcc, force):
    request = services.request_publication(snapshot=presented, by=opcc)
    with pytest.raises(services.PublishingError, match="colleague"):
        services.approve(publication=request, by=opcc)
    # The Chief Constable's team may not approve the Commissioner's publications at all.
    with pytest.raises(services.PublishingError, match="approve"):
        services.approve(publication=request, by=force)


def test_approval_publishes_the_snapshot_numbers_it_and_is_audited(presented, opcc, approver):
    publication = _publish(presented, opcc, approver)
    presented.refresh_from_db()
    assert publication.number == 1 and presented.status == "published"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"publication.requested", "publication.approved", "snapshot.published"} <= actions


def test_a_rejected_request_needs_a_reason_and_stays_private(client, presented, opcc, approver):
    request = services.request_publication(snapshot=presented, by=opcc)
    with pytest.raises(services.PublishingError, match="why"):
        services.reject(publication=request, by=approver, reason=" ")
    services.reject(publication=request, by=approver, reason="Figures for May are incomplete.")
    request.refresh_from_db()
    assert request.status == PublicationStatus.REJECTED and request.number is None
    assert client.get(reverse("publishing:overview", args=[request.pk])).status_code == 404
    with pytest.raises(services.PublishingError, match="already been decided"):
        services.approve(publication=request, by=approver, welsh_reason=ENGLISH_ONLY)


def test_published_content_is_frozen(client, presented, opcc, approver):
    publication = _publish(presented, opcc, approver)
    # Later changes to the working plan and data do not reach the published pages.
    Measure.objects.filter(code="M01").update(name="Renamed after publication")
    Observation.objects.filter(area="force").update(value=1.0)
    page = client.get(reverse("publishing:overview", args=[1])).content.decode()
    assert "Measure M01" in page and "Renamed after publication" not in page
    publication.content["period"] = "1999-01"
    with pytest.raises(PublicationFrozen):
        publication.save()
    with pytest.raises(PublicationFrozen):
        Publication.objects.filter(pk=publication.pk).update(decision_note="edited")
    with pytest.raises(PublicationFrozen):
        Publication.objects.filter(pk=publication.pk).delete()


def _csv(client, number, table):
    response = client.get(reverse("publishing:csv", args=[number, table]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_small_bcu_counts_are_withheld_and_cannot_be_recovered(client, presented, opcc, approver):
    _publish(presented, opcc, approver)
    rows = _csv(client, 1, "monthly-figures")
    groups: dict[str, dict[str, dict]] = {}
    for row in rows:
        groups.setdefault(row["period"], {})[row["area"]] = row
    assert len(groups) == MONTHS
    for period, cells in groups.items():
        assert cells["west"]["withheld"] == "fewer than 5", period
        assert cells["west"]["value"] == ""
        assert cells["east"]["withheld"] == "withheld so another figure cannot be derived"
        # The force total is published, so withheld cells are never alone in their month.
        withheld = [a for a, c in cells.items() if c["withheld"]]
        assert cells["force"]["value"] and len(withheld) != 1
    page = _text(client.get(reverse("publishing:measure", args=[1, "M01"])))
    assert "fewer than 5" in page and "How figures are protected" in page


def test_csv_and_json_totals_match_the_pages(client, presented, opcc, approver):
    _publish(presented, opcc, approver)
    overview = _text(client.get(reverse("publishing:overview", args=[1])))
    rows = _csv(client, 1, "overview")
    force = [r for r in rows if r["area"] == "force"]
    assert force, "the overview table has a force row per measure"
    for row in force:
        assert f"{row['measure']} {row['rating']} " in overview
        assert f" {int(float(row['value'])):,} " in overview
    measure_page = _text(client.get(reverse("publishing:measure", args=[1, "M01"])))
    for row in _csv(client, 1, "monthly-figures"):
        if row["area"] == "force":
            assert f" {int(float(row['value'])):,} " in measure_page
    as_json = json.loads(client.get(reverse("publishing:json", args=[1, "overview"])).content)
    assert [r["value"] for r in as_json["rows"]] == [
        float(r["value"]) if r["value"] else None for r in rows
    ]


def test_every_table_has_metadata_with_licence_units_source_and_columns(
    client, presented, opcc, approver
):
    _publish(presented, opcc, approver)
    package = json.loads(client.get(reverse("publishing:datapackage", args=[1])).content)
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert package["created"] and package["sources"]
    names = {r["name"] for r in package["resources"]}
    assert {"overview", "monthly-figures", "plan", "roadmap"} <= names
    for name in names:
        meta = json.loads(client.get(reverse("publishing:metadata", args=[1, name])).content)
        assert meta["title"] and meta["description"] and meta["licenses"] and meta["created"]
        fields = meta["resource"]["schema"]["fields"]
        assert all(f["description"] for f in fields)
        assert client.get(meta["resource"]["path"]).status_code == 200
        assert client.get(meta["resource"]["json_path"]).status_code == 200
    overview_fields = {f["name"] for f in package["resources"][0]["schema"]["fields"]}
    assert {"unit", "value", "withheld"} <= overview_fields


def test_a_later_publication_supersedes_and_marks_revised_figures(
    client, plan, presented, opcc, approver, force
):
    _publish(presented, opcc, approver)
    # police.uk revises a past month; the next Board's snapshot, a month on, picks it up.
    Observation.objects.filter(area="force", period="2025-03").update(value=140.0)
    measure = plan.measures.get(code="M01")
    for area, value in (("force", 100.0), ("east", 97.0), ("west", 3.0)):
        sample.add_series(measure, [value], start="2025-07", area=area)
    later = performance.create_snapshot(period="2025-07", by=force)
    performance.mark_presented(snapshot=later, by=force)
    second = _publish(later, opcc, approver)
    assert second.number == 2 and second.previous.number == 1
    revisions = second.change_record.revisions
    assert [(r.period, r.area, r.before, r.after) for r in revisions] == [
        ("2025-03", "force", 100.0, 140.0)
    ]
    page = _text(client.get(reverse("publishing:measure", args=[2, "M01"])))
    assert "Mar 2025 140 r (revised)" in page
    overview = _text(client.get(reverse("publishing:overview", args=[2])))
    assert "What changed since publication 1" in overview
    earlier = _text(client.get(reverse("publishing:overview", args=[1])))
    assert "This is an earlier publication" in earlier
    archive = _text(client.get(reverse("publishing:archive")))
    assert "Publication 2" in archive and "Superseded by publication 2" in archive
    # The earlier publication's figures are as they were.
    assert "Mar 2025 100 " in _text(client.get(reverse("publishing:measure", args=[1, "M01"])))


def test_latest_addresses_follow_the_newest_publication(client, presented, opcc, approver):
    assert client.get(reverse("publishing:latest_plan")).status_code == 404
    _publish(presented, opcc, approver)
    response = client.get(reverse("publishing:latest_measure", args=["M01"]))
    assert response.url == reverse("publishing:measure", args=[1, "M01"])
    assert client.get(reverse("roadmap:public")).url == reverse("publishing:latest_roadmap")


def test_the_roadmap_is_published_as_it_stood(client, presented, opcc, approver):
    _publish(presented, opcc, approver, includes_roadmap=False)
    assert client.get(reverse("publishing:roadmap", args=[1])).status_code == 404
    assert client.get(reverse("publishing:csv", args=[1, "roadmap"])).status_code == 404


def test_request_and_approval_through_the_pages(client, presented, opcc, approver):
    client.force_login(opcc)
    response = client.post(
        reverse("publications:list"),
        {"snapshot": presented.pk, "includes_roadmap": "on", "note": "For the Panel."},
    )
    request = Publication.objects.get()
    assert response.url == reverse("publications:detail", args=[request.pk])
    page = client.get(response.url).content.decode()
    assert "a colleague must approve" in page and "Approve and publish" not in page
    client.post(reverse("publications:approve", args=[request.pk]))
    assert Publication.objects.get().status == PublicationStatus.REQUESTED
    client.force_login(approver)
    assert "Approve and publish" in client.get(response.url).content.decode()
    client.post(
        reverse("publications:approve", args=[request.pk]),
        {"note": "", "welsh_reason": ENGLISH_ONLY},
    )
    assert Publication.objects.get().number == 1


@pytest.mark.parametrize("who", ["force", "partner", "panel", "administrator"])
def test_only_the_commissioners_team_publishes(client, request, presented, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("publications:list")).status_code == 403
    assert client.post(reverse("publications:list"), {"snapshot": presented.pk}).status_code == 403
    assert client.get(reverse("publications:papers")).status_code == 403


def _pdf_paper(client, title="Report to the Panel", name="report.pdf", data=b"%PDF-1.7 test"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("publications:papers"), {"title": title, "file": upload})


def test_papers_released_to_the_panel_are_seen_by_the_panel_only(client, opcc, panel, partner):
    client.force_login(opcc)
    _pdf_paper(client)
    paper = PanelPaper.objects.get()
    client.force_login(panel)
    assert "Report to the Panel" in client.get(reverse("publishing:panel")).content.decode()
    download = client.get(reverse("publishing:panel_paper", args=[paper.pk]))
    assert download.status_code == 200 and download.content == b"%PDF-1.7 test"
    client.force_login(partner)
    assert client.get(reverse("publishing:panel_paper", args=[paper.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("publishing:panel_paper", args=[paper.pk])).status_code == 302
    client.force_login(opcc)
    client.post(reverse("publications:withdraw", args=[paper.pk]), {"reason": "Superseded."})
    client.force_login(panel)
    assert client.get(reverse("publishing:panel_paper", args=[paper.pk])).status_code == 404
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"panel_paper.released", "panel_paper.withdrawn"} <= actions


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tool.exe", b"MZ", "papers must be one of"),
        ("report.pdf", b"<html>", "is not a PDF file"),
        ("empty.pdf", b"", "is empty"),
        ("notes.txt", b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_a_bad_paper_is_rejected_with_the_reason(client, opcc, name, data, message):
    client.force_login(opcc)
    page = _pdf_paper(client, name=name, data=data).content.decode()
    assert message in page
    assert not PanelPaper.objects.exists()


def test_the_panel_sees_nothing_internal(client, panel, presented):
    client.force_login(panel)
    for name, args in [
        ("plans:measure", ["M01"]),
        ("performance:snapshot", [presented.pk]),
        ("publications:detail", [1]),
        ("data:index", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert client.get(reverse("plans:home")).url == reverse("publishing:panel")


def test_the_publication_command(presented, opcc, approver):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("publication", "request", str(presented.pk), "--by", opcc.username, stdout=out)
    request = Publication.objects.get()
    call_command(
        "publication", "approve", str(request.pk), "--by", "approver",
        "--welsh-reason", ENGLISH_ONLY, stdout=out,
    )  # fmt: skip
    call_command("publication", "list", "--json", stdout=out)
    assert "Published: publication 1 (2025-06)" in out.getvalue()
    assert '"status": "published"' in out.getvalue()


def test_the_threshold_is_a_setting_recorded_with_the_publication(
    client, settings, presented, opcc, approver
):
    settings.DISCLOSURE_THRESHOLD = 3
    publication = _publish(presented, opcc, approver)
    assert publication.threshold == 3 and publication.content["threshold"] == 3
    rows = _csv(client, 1, "monthly-figures")
    west = [r for r in rows if r["area"] == "west"]
    # West's 3s are now published; its 2s are still withheld.
    assert {r["withheld"] for r in west if r["value"] == "3"} == {""}
    assert {r["withheld"] for r in west if r["value"] == ""} == {"fewer than 3"}
    assert "fewer than 3" in _text(client.get(reverse("publishing:measure", args=[1, "M01"])))


def test_the_same_snapshot_can_be_published_again_with_the_roadmap_as_it_now_stands(
    client, presented, opcc, approver
):
    _publish(presented, opcc, approver, includes_roadmap=False)
    second = _publish(presented, opcc, approver)
    assert second.number == 2 and second.content["roadmap"] is not None
    assert not second.change_record.revisions and not second.change_record.ratings
    with pytest.raises(services.PublishingError, match="awaiting approval"):
        services.request_publication(snapshot=presented, by=opcc)
        services.request_publication(snapshot=presented, by=opcc)


def test_a_papers_name_cannot_break_its_download_header(client, opcc, panel):
    client.force_login(opcc)
    _pdf_paper(client, name="Panel report; x=1 – Cymraeg ŵ.pdf")
    client.force_login(panel)
    paper = PanelPaper.objects.get()
    header = client.get(reverse("publishing:panel_paper", args=[paper.pk]))["Content-Disposition"]
    assert header == (
        "attachment; filename*=utf-8''Panel%20report%3B%20x%3D1%20%E2%80%93%20Cymraeg%20%C5%B5.pdf"
    )
