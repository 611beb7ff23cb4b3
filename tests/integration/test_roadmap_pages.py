"""The matrix, its filters and print versions, the Board pages and the pack PDF."""

import datetime as dt
import io
from io import StringIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from oversight.accounts.models import AuditEvent
from oversight.roadmap import views
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity, TermsOfReference
from oversight.roadmap.urls import urlpatterns
from tests.factories.meetings import strategic_board
from tests.factories.publications import published_board

# A Strategic Board held before the roadmap demo loads: it approves version 1, proposed at the
# inaugural meeting four weeks before it.
FIRST_BOARD = dt.date(2026, 2, 5)


@pytest.fixture
def roadmap(demo_plan):
    strategic_board(FIRST_BOARD)
    load(stdout=StringIO())
    demo_plan.published = True
    demo_plan.save()
    return demo_plan


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())  # table cells wrap lines


def test_every_roadmap_url_declares_who_may_use_it():
    for pattern in urlpatterns:
        view = pattern.callback
        assert getattr(view, "required_permission", None) or getattr(view, "is_public", False)
    assert views.public_matrix.is_public


def test_matrix_groups_priorities_by_kind_with_perspective_and_status_in_words(
    roadmap, client, opcc
):
    client.force_login(opcc)
    page = client.get("/roadmap/").content.decode()
    for text in (
        "Policing priorities",
        "Partnership priorities",
        "Development priorities",
        "2025/26",
        "2028/29",
        "Partner: Newport City Council",
        "Status: Slipped",
        "Status: In progress",
    ):
        assert text in page, text
    assert '<span class="rm-letter" aria-hidden="true">F</span> Force' in page


def test_matrix_expands_to_quarters(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.get("/roadmap/?view=quarters")
    columns = [c.label for c in response.context["matrix"].columns]
    assert len(columns) == 16
    assert columns[0] == "2025/26 Q1"
    row = response.context["matrix"].groups[0].rows[0]  # P1
    refs = [[a.ref for a in cell] for cell in row.cells]
    assert "RM-003" in refs[3] and "RM-003" not in refs[4]  # ends 2025Q4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("perspective=partner", {"RM-006", "RM-007", "RM-008", "RM-009"}),
        ("partner=gwent-yjs", {"RM-007"}),
        ("status=slipped", {"RM-007"}),
        ("link=academic_item", {"RM-007"}),
        ("link=spr_threat&perspective=force", {"RM-003", "RM-004", "RM-010", "RM-011", "RM-012"}),
        ("status=nonsense", None),
    ],
)
def test_matrix_filters_by_get(roadmap, client, opcc, query, expected):
    client.force_login(opcc)
    matrix = client.get(f"/roadmap/?{query}").context["matrix"]
    refs = {a.ref for a in matrix.activities}
    assert refs == (expected or {f"RM-{n:03d}" for n in range(1, 14)})


def test_matrix_pdf_has_the_activities(roadmap, client, force):
    client.force_login(force)
    response = client.get("/roadmap/roadmap.pdf?perspective=force")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Cyber crime unit" in text
    assert "Youth diversion" not in text


def test_the_public_roadmap_is_the_published_one(roadmap, client):
    # Nothing published yet: the public address leads nowhere.
    assert client.get("/roadmap/public/", follow=True).status_code == 404
    published_board(roadmap)
    Activity.objects.filter(public=True).update(public_summary="Changed after publication")
    page = client.get("/roadmap/public/", follow=True).content.decode()
    assert "Diverting young people from first offences" in page
    assert "Changed after publication" not in page
    assert "Integrated offender management" not in page
    assert 'href="/public/roadmap/terms/"' in page


def test_alignment_page_lists_the_demo_gaps_with_reasons(roadmap, client, partner):
    client.force_login(partner)
    page = client.get("/roadmap/alignment/").content.decode()
    for text in (
        "Priorities with no activity (1)",
        "No activity on the roadmap serves this priority.",
        "Activities with no funding line (1)",
        "Financial-plan lines with no activity (1)",
        "MTFP-06",
        "Strategic Policing Requirement threats not addressed (1)",
        "Civil emergencies",
        "Slipped activities (1)",
        "Activities with no priority (0)",
    ):
        assert text in page, text


def test_board_page_shows_terms_members_meetings_and_decisions(roadmap, client, partner):
    client.force_login(partner)
    page = client.get("/roadmap/board/").content.decode()
    in_force = "In force: version 1, approved on 5 February 2026 by the Commissioner&#x27;s"
    assert f"{in_force} Strategic Board." in page
    assert "Joint Planning Board (inaugural meeting)" in page  # proposed at, meetings, decisions
    assert "8 January 2026" in page
    assert "The Joint Planning Board proposes version 2 of its terms of reference" in page
    assert "Mr Brace" in page
    assert "Draft a new version" not in page  # partners do not manage the Board
    assert "New Joint Planning Board meeting" not in page
    assert 'href="/meetings/' not in page  # nor see the meetings' pages


def test_board_manager_drafts_proposes_and_approves_terms(roadmap, client, opcc):
    client.force_login(opcc)
    response = client.post("/roadmap/board/terms/new/", {"text": "Version three text."})
    assert response.status_code == 302
    terms = TermsOfReference.objects.get(version=3)
    assert terms.status == "draft"
    # Proposed at the Board's latest meeting, the one that proposed version 2.
    latest = TermsOfReference.objects.get(version=2).proposed_by.meeting
    response = client.post("/roadmap/board/terms/3/propose/", {"meeting": latest.pk})
    assert response.status_code == 302
    terms.refresh_from_db()
    assert (terms.status, terms.proposed_by.meeting) == ("proposed", latest)
    # Version 2 is approved first: a later version's approval supersedes it.
    board = strategic_board(timezone.localdate())
    for version in (2, 3):
        response = client.post(f"/roadmap/board/terms/{version}/approve/", {"meeting": board.pk})
        assert response.status_code == 302, response.content.decode()
    terms.refresh_from_db()
    assert terms.status == "approved"
    assert terms.approved_on == board.date
    assert list(board.decisions.values_list("text", flat=True)) == [
        "The Terms of Reference for the Joint Planning Board are approved (version 2).",
        "The Terms of Reference for the Joint Planning Board are approved (version 3).",
    ]
    mine = set(AuditEvent.objects.filter(actor=opcc).values_list("action", flat=True))
    assert {"roadmap.terms.drafted", "roadmap.terms.proposed", "roadmap.terms.approved"} <= mine
    assert "decision.created" in mine
    page = client.get("/roadmap/board/").content.decode()
    assert "In force: version 3" in page
    client.post("/roadmap/board/members/add/", {"name": "Ms Evans", "job_title": "Analyst"})
    assert AuditEvent.objects.filter(action="roadmap.board.member_added", actor=opcc).exists()


def test_board_management_is_refused_to_partners(roadmap, client, partner):
    client.force_login(partner)
    board = TermsOfReference.objects.get(version=1).approved_by.meeting
    latest = TermsOfReference.objects.get(version=2).proposed_by.meeting
    assert client.post("/roadmap/board/terms/new/", {"text": "Mine"}).status_code == 403
    assert client.post("/roadmap/board/terms/2/approve/", {"meeting": board.pk}).status_code == 403
    assert client.post("/roadmap/board/terms/2/propose/", {"meeting": latest.pk}).status_code == 403
    assert TermsOfReference.objects.get(version=2).status == "proposed"
    page = client.get("/roadmap/board/terms/2/").content.decode()
    assert "Approve at a Strategic Board meeting" not in page


def test_joint_planning_board_pack_pdf(roadmap, client, opcc):
    client.force_login(opcc)
    assert "Alignment report" in client.get("/roadmap/pack/").content.decode()
    text = pdf_text(client.get("/roadmap/pack/joint-planning-board.pdf").content)
    expected_texts = (
        "Joint Planning Board pack",
        "Terms of reference",
        "Mr Jukes",
        "Neighbourhood teams",
        "Estates rationalisation",
        "Civil emergencies",
    )
    for expected in expected_texts:
        assert expected in text, expected


def test_activity_page_shows_links_and_milestones(roadmap, client, force):
    client.force_login(force)
    page = client.get("/roadmap/activities/RM-007/").content.decode()
    assert "University evaluation of youth diversion" in page
    assert "2025Q3" in page and "Pilot launched" in page
    assert "Edit" not in page.split("<dl")[0]  # a partner's activity: no edit for the force
