"""The snapshot is the record: what the Board was shown is frozen, hashed and verifiable."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from oversight.accounts.models import AuditEvent
from oversight.data.models import Observation
from oversight.performance import services
from oversight.performance.commentary import add_commentary
from oversight.performance.models import (
    Assessment,
    Snapshot,
    SnapshotFrozen,
    SnapshotStatus,
)
from oversight.performance.record import verify
from oversight.plans.models import Measure
from oversight.reports.pack import build_pack
from oversight.reports.renderers import render
from oversight.themes.narratives import save_theme_narrative
from tests.factories.board import PERIOD, board

pytestmark = pytest.mark.django_db


@pytest.fixture
def presented(force, opcc):
    snapshot = board()
    puk01 = Measure.objects.get(code="PUK01")
    add_commentary(measure=puk01, kind="force_commentary", text="As the Board saw it.", by=force)
    add_commentary(measure=puk01, kind="scrutiny_question", text="Why the rise?", by=opcc)
    return services.mark_presented(snapshot=snapshot, by=force)


def _pack_content(snapshot: Snapshot) -> tuple[str, list[str], dict[str, bytes]]:
    """Return the pack as HTML, as the PDF's page texts, and as the deck's slide XML."""
    pack = build_pack(snapshot)
    html = render(pack, "html").decode()
    pdf = [page.extract_text() for page in PdfReader(io.BytesIO(render(pack, "pdf"))).pages]
    with zipfile.ZipFile(io.BytesIO(render(pack, "pptx"))) as deck:
        slides = {
            name: deck.read(name)
            for name in deck.namelist()
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)
        }
    return html, pdf, slides


def _change_everything_live(force, opcc) -> None:
    """Amend the plan, add commentary and findings, and revise the data, as later months do."""
    for measure in Measure.objects.filter(code__in=["PUK01", "PUK02", "DA02"]):
        measure.name = f"{measure.name} (renamed)"
        measure.target = 1.0
        measure.save()
    puk01 = Measure.objects.get(code="PUK01")
    add_commentary(
        measure=puk01, kind="force_commentary", text="Written after the Board.", by=force
    )
    theme = puk01.themes.first()
    save_theme_narrative(theme=theme, findings="Findings written later.", by=opcc)
    Observation.objects.filter(period=PERIOD).update(value=1.0)


def test_a_presented_snapshot_gives_the_same_pack_after_everything_live_changes(
    presented, force, opcc
):
    before = _pack_content(presented)
    assert "As the Board saw it." in before[0]

    _change_everything_live(force, opcc)
    services.create_snapshot(period=PERIOD, by=force)  # a newer assessment meanwhile

    after = _pack_content(Snapshot.objects.get(pk=presented.pk))
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]
    assert "(renamed)" not in after[0] and "Written after the Board." not in after[0]


def test_the_measure_page_of_a_presented_snapshot_shows_it_as_assessed(
    client, presented, force, opcc
):
    _change_everything_live(force, opcc)
    client.force_login(opcc)

    page = client.get(
        reverse("reports:measure", args=["PUK01"]) + f"?snapshot={presented.pk}"
    ).content.decode()

    assert "<h1>PUK01 All recorded crime" in page and "(renamed)</h1>" not in page
    assert "the plan's definition has changed since" in page
    assert "added after the Board" in page  # the later commentary, marked as such


def test_verify_passes_and_fails_naming_the_row_that_was_altered(presented):
    out = io.StringIO()
    call_command("snapshot", "verify", "--all", stdout=out)
    assert f"Snapshot {presented.pk} verified: {presented.content_hash}" in out.getvalue()

    cell = presented.assessments.filter(area="force").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE performance_assessment SET headline = %s WHERE id = %s",
            ["Green: tampered with", cell.pk],
        )
    err = io.StringIO()
    with pytest.raises(CommandError, match="do not match their record"):
        call_command("snapshot", "verify", str(presented.pk), stdout=io.StringIO(), stderr=err)
    assert f"assessment {cell.pk} ({cell.measure.code} force)" in err.getvalue()


def test_the_hash_covers_overrides_and_frozen_notes(presented):
    assert verify(presented).ok
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE performance_snapshotnote SET text = %s WHERE snapshot_id = %s",
            ["Something the Board never saw.", presented.pk],
        )
    result = verify(presented)
    assert not result.ok and "does not match its stored record" in result.problems[0]


def test_an_override_on_a_draft_is_sealed_into_its_hash(opcc):
    snapshot = board()
    before = Snapshot.objects.get(pk=snapshot.pk).content_hash
    cell = snapshot.assessments.filter(area="force").first()
    services.override_rating(assessment=cell, rating="amber", justification="Known.", by=opcc)
    assert Snapshot.objects.get(pk=snapshot.pk).content_hash != before
    assert verify(snapshot).ok


def test_a_period_has_one_presented_snapshot(presented, force):
    second = services.create_snapshot(period=PERIOD, by=force)
    with pytest.raises(SnapshotFrozen, match="a period has one presented snapshot"):
        services.mark_presented(snapshot=second, by=force)
    # The database says so too, whatever path a write takes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.filter(pk=second.pk).update(status=SnapshotStatus.PRESENTED)


def test_a_draft_is_discarded_with_an_audit_record_and_a_presented_one_never(presented, force):
    draft = services.create_snapshot(period=PERIOD, by=force)
    services.discard_draft(snapshot=draft, by=force, reason="Assessed by mistake")
    assert not Snapshot.objects.filter(pk=draft.pk).exists()
    event = AuditEvent.objects.get(action="snapshot.discarded")
    assert event.note == "Assessed by mistake" and event.before["assessments"] > 0
    with pytest.raises(SnapshotFrozen, match="never discarded"):
        services.discard_draft(snapshot=presented, by=force)


def test_a_new_assessment_does_not_change_what_the_overview_shows_until_presented(
    client, presented, force, opcc
):
    client.force_login(opcc)
    url = reverse("reports:overview")
    shown = client.get(url).content.decode()
    assert f"snapshot {presented.pk}" in shown

    Observation.objects.filter(period=PERIOD).update(value=1.0)
    call_command("assess", "--period", PERIOD, stdout=io.StringIO())
    draft = Snapshot.objects.get(status=SnapshotStatus.DRAFT)

    now = client.get(url).content.decode()
    assert f"snapshot {presented.pk}" in now and "A newer draft is being prepared" in now
    assert f"?snapshot={draft.pk}" in now
    draft_page = client.get(url + f"?snapshot={draft.pk}").content.decode()
    assert "has not been presented to the Board" in draft_page


def test_the_snapshot_page_shows_it_verified(client, presented, opcc):
    client.force_login(opcc)
    page = client.get(reverse("performance:snapshot", args=[presented.pk])).content.decode()
    assert "✓ Verified" in page and presented.content_hash in page


def test_the_record_is_frozen_row_by_row(presented):
    note = presented.notes.first()
    note.text = "edited"
    with pytest.raises(SnapshotFrozen):
        note.save()
    with pytest.raises(SnapshotFrozen):
        presented.measures.update(code="X")
    assert Assessment.objects.filter(snapshot=presented).exists()
