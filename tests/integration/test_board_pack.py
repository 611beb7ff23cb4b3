"""A pack for a Board meeting: its date, hot list, theme, escalations and actions; built once."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pptx import Presentation
from pypdf import PdfReader

from oversight.accounts.models import AuditEvent
from oversight.meetings.models import CycleStep
from oversight.performance.services import mark_presented
from oversight.reports import builds
from oversight.reports.models import PackBuild
from oversight.reports.pack import build_pack
from tests.factories.board import board, board_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(opcc, force):
    snapshot = mark_presented(snapshot=board(), by=force)
    return board_meeting(snapshot, by=opcc)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_board_pack_names_the_board_and_carries_its_theme_escalations_and_actions(
    meeting, tmp_path
):
    out = tmp_path / "board.pdf"
    call_command(
        "pack", "--board", f"{meeting.date:%Y-%m-%d}", "--format", "pdf", "-o", str(out),
        "--no-progress", stdout=io.StringIO(),
    )  # fmt: skip

    text = _pdf_text(out.read_bytes())
    assert meeting.title in text and f"{meeting.date.day} {meeting.date:%B %Y}" in text
    assert "What needs the Board's attention" in text
    assert "Theme: Youth offending" in text and "First-time entrants fell" in text
    assert "Theme: Domestic abuse" not in text  # only the scheduled theme
    assert "Escalations from the JPMG" in text and "The Board should hear the plan." in text
    assert "Report on the burglary series" in text and "Overdue" in text
    assert "police.uk data to" in text


def test_the_hot_list_comes_first_with_every_red_and_its_reasons(meeting):
    from oversight.reports.board import board_snapshot

    pack = build_pack(board_snapshot(meeting), board=meeting)
    reds = {r.measure_code for r in pack.overview_rows if r.rating == "red"}
    assert reds and reds <= {i.row.measure_code for i in pack.hot}
    assert all(i.why and "<svg" in i.sparkline for i in pack.hot)
    assert [i.is_red for i in pack.hot] == sorted((i.is_red for i in pack.hot), reverse=True)


def test_the_deck_presents_with_speaker_notes_on_every_slide(meeting):
    from oversight.reports.board import board_snapshot
    from oversight.reports.renderers import render

    pack = build_pack(board_snapshot(meeting), board=meeting)
    deck = Presentation(io.BytesIO(render(pack, "pptx")))
    slides = list(deck.slides)
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in slides)
    titles = [
        next((sh.text_frame.text for sh in s.shapes if sh.has_text_frame), "") for s in slides
    ]
    for section in pack.sections:
        if section.row.rating == "red":
            assert any(t.startswith(section.row.measure_code) for t in titles)
    assert any("Theme: Youth offending — findings" in t for t in titles)
    assert any(t == "Escalations from the JPMG" for t in titles)
    assert any(t == "Action log" for t in titles)


def test_asking_twice_builds_once(meeting, opcc, monkeypatch):
    from oversight.reports.board import board_snapshot

    built = []
    real = builds.run_build
    monkeypatch.setattr(builds, "run_build", lambda pk, **kw: (built.append(pk), real(pk, **kw)))
    snapshot = board_snapshot(meeting)

    first = builds.request_build(snapshot=snapshot, fmt="pdf", board=meeting, by=opcc)
    second = builds.request_build(snapshot=snapshot, fmt="pdf", board=meeting, by=opcc)

    assert first.pk == second.pk and len(built) == 1 and second.is_ready
    assert PackBuild.objects.count() == 1


def test_a_build_under_way_is_not_started_twice_and_a_dead_one_is(meeting, opcc, monkeypatch):
    from django.utils import timezone

    from oversight.reports.board import board_snapshot

    snapshot = board_snapshot(meeting)
    built = []
    monkeypatch.setattr(builds, "run_build", lambda pk, **kw: built.append(pk))
    first = builds.request_build(snapshot=snapshot, fmt="pptx", board=meeting, by=opcc)
    assert first.status == PackBuild.Status.BUILDING
    builds.request_build(snapshot=snapshot, fmt="pptx", board=meeting, by=opcc)
    assert built == [first.pk]
    PackBuild.objects.filter(pk=first.pk).update(
        heartbeat_at=timezone.now() - builds.STALE_AFTER * 2
    )
    builds.request_build(snapshot=snapshot, fmt="pptx", board=meeting, by=opcc)
    assert built == [first.pk, first.pk]


def test_the_web_builds_shows_progress_and_serves_the_kept_file(client, meeting, force):
    client.force_login(force)
    date = f"{meeting.date:%Y-%m-%d}"
    page = client.get(reverse("reports:board", args=[date]))
    assert page.status_code == 200 and b"Youth offending" in page.content

    response = client.get(reverse("reports:board_pack", args=[date, "html"]))
    assert response.status_code == 200 and b"Escalations from the JPMG" in response.content
    again = client.get(reverse("reports:board_pack", args=[date, "html"]))
    assert again.content == response.content and PackBuild.objects.count() == 1

    building = PackBuild.objects.create(
        key="x" * 64, snapshot=PackBuild.objects.get().snapshot, board=meeting, fmt="pdf"
    )
    progress = client.get(reverse("reports:build", args=[building.pk])).content.decode()
    assert 'http-equiv="refresh"' in progress and "Building" in progress


def test_finalising_completes_step_8_and_the_meeting_page_links_to_it(client, meeting, force):
    from oversight.reports.board import board_snapshot

    build = builds.request_build(snapshot=board_snapshot(meeting), fmt="pdf", board=meeting)
    client.force_login(force)
    response = client.post(reverse("reports:finalise", args=[build.pk]))
    assert response.status_code == 302

    step = meeting.cycle.steps.get(key="csb_finalisation")
    assert step.status == CycleStep.Status.DONE
    assert AuditEvent.objects.filter(action="pack.finalised").exists()
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("reports:build_download", args=[build.pk]) in page
    assert "Finalised for this Board" in page


def test_a_date_with_no_board_is_refused_naming_the_boards_near_it(meeting, tmp_path):
    with pytest.raises(CommandError, match="There is no Strategic Board on 2025-10-17"):
        call_command(
            "pack", "--board", "2025-10-17", "--format", "pdf", "-o", str(tmp_path / "x.pdf"),
            stdout=io.StringIO(),
        )  # fmt: skip
