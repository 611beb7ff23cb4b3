"""Every URL, tried anonymously and as each role: anonymous users reach no internal page and read
nothing unpublished; a role is refused exactly the pages whose permission it lacks."""

import datetime as dt
import re

import pytest
from django.urls import URLPattern

from oversight.accountability.services import record_verdict
from oversight.accounts.permissions import Permission, Role, permissions_for
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.performance.commentary import add_commentary
from oversight.performance.models import Assessment, SnapshotStatus
from oversight.publishing.services import release_paper
from oversight.questions import services as questions
from tests.factories.board import board
from tests.factories.people import persona
from tests.integration.test_url_conventions import EXEMPT_PREFIXES, _all_views

# Words written on a draft snapshot; no anonymous response may contain them.
UNPUBLISHED = "Unpublished scrutiny note 7c1e"
# What accounts.decorators.signed_in states in place of a permission.
SIGNED_IN = "signed-in"


def _is_public(view: URLPattern) -> bool:
    return getattr(view, "is_public", False)


def _internal_routes() -> list[tuple[str, object]]:
    return [
        (route, view)
        for route, view in _all_views()
        if not route.startswith(EXEMPT_PREFIXES) and not _is_public(view)
    ]


def _public_routes() -> list[str]:
    return [route for route, view in _all_views() if _is_public(view)]


def _path(route: str, real: dict[tuple[str, str], object]) -> str:
    """Return a path for `route`, with real ids where the sweep built the object, else samples."""

    def fill(match: re.Match) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        for (prefix, key), value in real.items():
            if key == name and route.startswith(prefix):
                return str(value)
        return "1" if converter == "int" else "x"

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    return "/" + path.lstrip("^").rstrip("$")


def _answered_escalation(measure):
    day = dt.date.today() - dt.timedelta(days=20)
    (cycle,) = meetings.create_cycles(csb_dates=[day], calendar=WorkingCalendar(), by=None)
    escalation = meetings.raise_escalation(
        jpmg=cycle.meetings.get(kind="jpmg"), area="Force", reason=UNPUBLISHED, measure=measure,
        by=None,
    )  # fmt: skip
    meetings.decide_escalation(escalation=escalation, accept=True, reason=UNPUBLISHED, by=None)
    meetings.record_csb_response(escalation=escalation, response=UNPUBLISHED, by=None)
    return escalation


@pytest.fixture
def real(db) -> dict[tuple[str, str], object]:
    """Build a draft snapshot with a scrutiny note and an unanswered Panel question; return ids."""
    snapshot = board()
    assert snapshot.status == SnapshotStatus.DRAFT
    assessment = Assessment.objects.filter(snapshot=snapshot, area="force", breakdown="").first()
    add_commentary(
        measure=assessment.measure,
        kind="scrutiny_question",
        text=UNPUBLISHED,
        by=persona(Role.COMMISSIONERS_TEAM, "sweep-olwen"),
        snapshot=snapshot,
    )
    theme = assessment.measure.themes.order_by("order").first()
    # A Panel question with a draft answer, neither released: the public must read neither.
    paper = release_paper(
        title="Sweep paper", file_name="sweep.txt", data=b"For the Panel.", by=None
    )
    question = questions.ask(
        kind="question",
        text=UNPUBLISHED,
        pin=f"paper:{paper.pk}",
        by=persona(Role.PANEL_MEMBER, "sweep-asker"),
    )
    questions.save_answer(question=question, answer=UNPUBLISHED, by=None)
    # An escalation the Board answered, with a verdict, in no publication: the public reads
    # neither (the accountability record reaches the public only inside an approved one).
    escalation = _answered_escalation(assessment.measure)
    record_verdict(
        key=f"escalation:{escalation.pk}",
        verdict="not_assured",
        reasons=UNPUBLISHED,
        by=persona(Role.COMMISSIONERS_TEAM, "sweep-olwen"),
    )
    return {
        ("questions/", "pk"): question.pk,
        ("accountability/", "pk"): escalation.pk,
        ("accountability/", "kind"): "escalation",
        ("reports/snapshots/", "pk"): snapshot.pk,
        ("performance/snapshots/", "pk"): snapshot.pk,
        ("performance/assessments/", "pk"): assessment.pk,
        ("reports/themes/", "slug"): theme.slug if theme else "x",
        # The Welsh texts form of the measure below, so a role allowed it opens a real one.
        ("plan/welsh/", "kind"): "measure",
        ("", "code"): assessment.measure.code,
    }


def test_anonymous_requests_to_every_internal_url_go_to_login(client, real):
    routes = _internal_routes()
    assert len(routes) > 50, "expected the internal pages"
    for route, _ in routes:
        path = _path(route, real)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (method.__name__, path)
            assert response.url.startswith("/accounts/login/?next="), (method.__name__, path)
            assert UNPUBLISHED not in response.content.decode(), path


def test_anonymous_users_read_nothing_unpublished_on_public_urls(client, real):
    for route in _public_routes():
        path = _path(route, real)
        response = client.get(path)
        assert response.status_code != 403, path
        if response.status_code == 302:
            assert not response.url.startswith("/accounts/login/"), path
        body = b"".join(response) if response.streaming else response.content
        assert UNPUBLISHED.encode() not in body, path


def test_anonymous_users_are_kept_out_of_the_admin(client, db):
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_each_role_is_refused_exactly_what_it_lacks(client, real):
    # One test for every role, so the snapshot is built once; failures are listed by role.
    wrongly_allowed: dict[str, list[str]] = {}
    wrongly_refused: dict[str, list[str]] = {}
    for role in Role.values:
        client.force_login(persona(role, f"sweep-{role}"))
        granted = permissions_for(role)
        refused = 0
        for route, view in _internal_routes():
            path = _path(route, real)
            needed = view.required_permission
            if needed == SIGNED_IN:
                # Open to every signed-in user, the view itself scopes what each role may see
                # (and may refuse a role outright): nothing to check from the URL alone.
                continue
            if Permission(needed) in granted:
                if client.get(path).status_code == 403:
                    wrongly_refused.setdefault(role, []).append(path)
                continue
            refused += 1
            for method in (client.get, client.post):
                if method(path).status_code != 403:
                    wrongly_allowed.setdefault(role, []).append(
                        f"{method.__name__.upper()} {path} (needs {needed})"
                    )
        if role != Role.COMMISSIONERS_TEAM:
            assert refused, f"{role} should lack some permission"
    assert wrongly_allowed == {}
    assert wrongly_refused == {}


@pytest.mark.parametrize("role", Role.values)
def test_only_administrators_reach_the_admin(client, db, role):
    client.force_login(persona(role, f"sweep-{role}"))
    response = client.get("/admin/accounts/user/")
    if Permission.ADMINISTER in permissions_for(role):
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
