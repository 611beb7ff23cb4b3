"""The Panel paper: a publication printed as a landscape PDF with coloured badges and every Red
measure's chart, filed awaiting release, released by the Commissioner's team (audited), and only
then on the Panel's page."""

import io
import math
import re
from pathlib import Path

import pypdf
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.publishing import panel_paper, services
from oversight.publishing.models import PanelPaper, PaperStatus
from tests.factories.publications import publish
from tests.factories.two_boards import two_boards

pytestmark = pytest.mark.django_db

# The badges' colours (core and paper stylesheets) as PDF fill colours ("r g b rg").
RED_FILL = "0.694118 0.054902 0.117647 rg"
GREEN_FILL = "0 0.439216 0.235294 rg"


@pytest.fixture
def small_publication(db):
    """A publication of a one-measure plan: quick to print."""
    plan = sample.build_plan(bcus=("east", "west"))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0 + (i % 3) for i in range(24)], start="2023-07", area="force")
    snapshot = performance.create_snapshot(period="2025-06", by=None)
    return publish(snapshot)


def _make(client, user, publication):
    client.force_login(user)
    return client.post(reverse("publications:panel_paper", args=[publication.pk]))


def test_the_paper_is_landscape_coloured_and_charts_every_red(client, opcc):
    boards = two_boards()
    publish(boards.previous)
    publication = publish(boards.current)
    content = publication.content
    reds = [m for m in content["measures"] if m["rating"] == "red"]
    assert len(reds) > 3

    response = _make(client, opcc, publication)
    assert response.status_code == 302 and response.url == reverse("publications:papers")
    paper = PanelPaper.objects.get()
    assert paper.status == PaperStatus.AWAITING_RELEASE and paper.publication == publication
    assert paper.file_name == f"panel-paper-{publication.period}-publication-2.pdf"

    pdf = pypdf.PdfReader(io.BytesIO(bytes(paper.data)))
    pages = pdf.pages
    # A4 landscape on every page.
    for page in pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
        assert (
            round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595
        )
    # Cover, the table (two pages for 32 measures), the Reds two to a page, themes, roadmap.
    assert len(pages) <= 1 + 2 + math.ceil(len(reds) / 2) + 3
    text = "\n".join(page.extract_text() for page in pages)
    assert "Performance report: Sep 2025" in text and "Publication 2" in text
    # Every Red measure has its chart: the SVG's legend and axis are drawn as text, once each.
    assert text.count("Lower process limit") == len(reds)
    for measure in reds:
        assert f"{measure['code']} {measure['name']} — Gwent Police" in " ".join(text.split())
    # Coloured: the badges' fills are in the page content, each badge with its word.
    cover = pages[0].get_contents().get_data().decode("latin-1")
    assert RED_FILL in cover and GREEN_FILL in cover
    first_reds = pages[3].get_contents().get_data().decode("latin-1")
    assert RED_FILL in first_reds
    assert re.search(r"/\w+ Do", first_reds), "the charts are drawn (as form XObjects)"


def test_the_papers_badges_carry_their_words_and_colours(small_publication):
    html = panel_paper.render_html(small_publication)
    rating = small_publication.content["measures"][0]["rating_label"]
    assert f'<span class="badge rag-{rating.lower()}">{rating}</span>' in html
    for colour in ("Red", "Amber", "Green", "Grey"):
        assert f'<span class="badge rag-{colour.lower()}">{colour}</span>' in html  # the legend
    assert "Public activities by priority and plan year" in html
    css = (Path(panel_paper.__file__).parent / "static/publishing/panel_paper.css").read_text()
    assert "size: A4 landscape" in css
    assert ".rag-red { color: #fff; background: var(--red)" in css


def test_a_paper_awaits_release_and_then_the_panel_sees_it(client, opcc, panel, small_publication):
    _make(client, opcc, small_publication)
    paper = PanelPaper.objects.get()
    assert AuditEvent.objects.filter(action="panel_paper.filed").count() == 1

    client.force_login(panel)
    link = reverse("publishing:panel_paper", args=[paper.pk])
    assert link not in client.get(reverse("publishing:panel")).content.decode()
    assert client.get(reverse("publishing:panel_paper", args=[paper.pk])).status_code == 404

    client.force_login(opcc)
    papers = client.get(reverse("publications:papers")).content.decode()
    assert "Awaiting release" in papers and paper.title in papers
    own = client.get(reverse("publications:paper_file", args=[paper.pk]))
    assert own.status_code == 200 and own.content.startswith(b"%PDF-")
    client.post(reverse("publications:release", args=[paper.pk]))
    paper.refresh_from_db()
    assert paper.status == PaperStatus.RELEASED and paper.released_by == opcc
    event = AuditEvent.objects.get(action="panel_paper.released")
    assert event.before == {"status": "awaiting_release"}

    client.force_login(panel)
    assert link in client.get(reverse("publishing:panel")).content.decode()
    download = client.get(reverse("publishing:panel_paper", args=[paper.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")


def test_only_the_commissioners_team_makes_and_releases_papers(
    client, opcc, force, panel, small_publication
):
    for user in (force, panel):
        assert _make(client, user, small_publication).status_code == 403
    _make(client, opcc, small_publication)
    paper = PanelPaper.objects.get()
    for user in (force, panel):
        client.force_login(user)
        assert client.post(reverse("publications:release", args=[paper.pk])).status_code == 403
        assert client.get(reverse("publications:paper_file", args=[paper.pk])).status_code == 403
    with pytest.raises(services.PublishingError, match="may release"):
        services.release(paper=paper, by=force)
    paper.refresh_from_db()
    assert paper.status == PaperStatus.AWAITING_RELEASE


def test_the_button_is_on_a_published_publications_page(client, opcc, small_publication):
    client.force_login(opcc)
    page = client.get(reverse("publications:detail", args=[small_publication.pk]))
    assert "Make the Panel paper" in page.content.decode()


def test_a_paper_is_released_once_and_a_withdrawn_one_never(client, opcc, small_publication):
    paper = services.file_panel_paper(publication=small_publication, by=opcc)
    services.release(paper=paper, by=opcc)
    with pytest.raises(services.PublishingError, match="is released"):
        services.release(paper=paper, by=opcc)
    other = services.file_panel_paper(publication=small_publication, by=opcc)
    services.withdraw_paper(paper=other, by=opcc, reason="Made by mistake.")
    with pytest.raises(services.PublishingError, match="is withdrawn"):
        services.release(paper=other, by=opcc)
    assert list(PanelPaper.objects.released()) == [paper]


def test_only_a_published_publication_makes_a_paper(opcc, small_publication):
    request = services.request_publication(snapshot=small_publication.snapshot, by=opcc)
    with pytest.raises(services.PublishingError, match="not published"):
        services.file_panel_paper(publication=request, by=opcc)


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_existing_papers_released_or_withdrawn():
    before = [("publishing", "0001_publications_and_panel_papers")]
    after = [("publishing", "0002_panel_paper_status_and_release")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("publishing", "PanelPaper")
    fields = {"file_name": "a.pdf", "content_type": "application/pdf", "data": b"%PDF-", "size": 5}
    old.objects.create(title="Kept", sha256="0" * 64, **fields)
    gone = old.objects.create(title="Gone", sha256="1" * 64, withdrawal_reason="Old", **fields)
    old.objects.filter(pk=gone.pk).update(withdrawn_at=gone.released_at)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("publishing", "PanelPaper")
    found = {p.title: (p.status, p.filed_at == p.released_at) for p in new.objects.all()}
    assert found == {"Kept": ("released", True), "Gone": ("withdrawn", True)}
    MigrationExecutor(connection).migrate(after)
