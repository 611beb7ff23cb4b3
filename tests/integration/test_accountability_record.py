"""The accountability record: verdicts and responses kept by the two teams, items opted into a
publication, frozen with it, shown to the public, carried forward and moved on in the next."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from oversight.accountability import services as accountability
from oversight.accountability.models import Verdict
from oversight.accounts.models import AuditEvent
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.meetings.models import Action, Meeting
from oversight.plans.models import Measure
from oversight.publishing import services as publishing
from oversight.publishing.models import Publication
from oversight.themes.models import ThematicReview
from tests.factories.people import persona
from tests.factories.publications import ENGLISH_ONLY
from tests.factories.two_boards import CHANGED, two_boards

pytestmark = pytest.mark.django_db

CONCERN = "Burglary above its average for seven months 4f1a."
RESPONSE = "The Board asked for a burglary reduction plan 9b2c."
REASONS = "A credible plan, results not yet in 77d0."


@pytest.fixture
def people():
    return {
        "opcc": persona("commissioners_team", "rec-opcc"),
        "approver": persona("commissioners_team", "rec-approver"),
        "force": persona("chief_constables_team", "rec-force"),
        "panel": persona("panel_member", "rec-panel"),
    }


@pytest.fixture
def setting(people):
    """Two presented Boards; a burglary escalation the Board answered, with two actions."""
    boards = two_boards()
    day = timezone.localdate() - dt.timedelta(days=30)
    (cycle,) = meetings.create_cycles(csb_dates=[day], calendar=WorkingCalendar(), by=None)
    jpmg = cycle.meetings.get(kind=Meeting.Kind.JPMG)
    escalation = meetings.raise_escalation(
        jpmg=jpmg,
        area="Force-wide",
        reason=CONCERN,
        measure=Measure.objects.get(code=CHANGED),
        by=people["opcc"],
    )
    meetings.decide_escalation(escalation=escalation, accept=True, reason="Yes.", by=None)
    meetings.record_csb_response(escalation=escalation, response=RESPONSE, by=None)
    actions = [
        meetings.create_action(
            title=title, owner=people["force"], owner_name="", due_date=day + dt.timedelta(days=n),
            origin=Action.Origin.ESCALATION, origin_escalation=escalation, by=None,
        )
        for title, n in (("Report Operation Harbour's results", 10), ("Publish the plan", 40))
    ]  # fmt: skip
    review = ThematicReview.objects.create(
        title="Domestic abuse: repeat victims",
        origin=ThematicReview.Origin.INITIAL_PROGRAMME,
        status=ThematicReview.Status.PRESENTED,
        findings="Repeat victimisation fell in the East only.",
        recommendations="Extend the weekend rota.",
        presented_at=timezone.now(),
    )
    return {"boards": boards, "escalation": escalation, "actions": actions, "review": review}


def _key(setting):
    return f"escalation:{setting['escalation'].pk}"


def _publish(snapshot, keys, people) -> Publication:
    request = publishing.request_publication(snapshot=snapshot, by=people["opcc"], record_keys=keys)
    return publishing.approve(publication=request, by=people["approver"], welsh_reason=ENGLISH_ONLY)


# Verdicts and responses ----------------------------------------------------------------------


def test_the_commissioners_team_records_a_verdict_audited(setting, people):
    verdict = accountability.record_verdict(
        key=_key(setting), verdict="partly_assured", reasons=REASONS, by=people["opcc"]
    )
    assert verdict.escalation == setting["escalation"]
    event = AuditEvent.objects.get(action="accountability.verdict")
    assert event.object_id == str(verdict.pk) and event.note == REASONS


@pytest.mark.parametrize("who", ["force", "panel"])
def test_only_the_commissioners_team_records_a_verdict(setting, people, who):
    with pytest.raises(PermissionDenied):
        accountability.record_verdict(
            key=_key(setting), verdict="assured", reasons=REASONS, by=people[who]
        )
    assert not Verdict.objects.exists()


@pytest.mark.parametrize(
    ("key", "verdict", "reasons", "message"),
    [
        (None, "assured", "  ", "Write the reasons"),
        (None, "fine", REASONS, "Choose a verdict"),
        ("escalation:99999", "assured", REASONS, "accepted for the Board"),
        ("plan:1", "assured", REASONS, "does not name an item"),
    ],
)
def test_a_bad_verdict_is_refused_in_words(setting, people, key, verdict, reasons, message):
    with pytest.raises(accountability.RecordRefused, match=message):
        accountability.record_verdict(
            key=key or _key(setting), verdict=verdict, reasons=reasons, by=people["opcc"]
        )


def test_the_force_responds_to_findings_only_once_the_board_considered_them(setting, people):
    review = setting["review"]
    with pytest.raises(PermissionDenied):
        accountability.respond_to_findings(review=review, text="We accept.", by=people["opcc"])
    accountability.respond_to_findings(review=review, text="We accept.", by=people["force"])
    assert AuditEvent.objects.filter(action="accountability.findings_response").count() == 1
    drafted = ThematicReview.objects.create(
        title="Not yet", origin="initial_programme", status=ThematicReview.Status.FINDINGS_DRAFTED
    )
    with pytest.raises(accountability.RecordRefused, match="once the Board has considered"):
        accountability.respond_to_findings(review=drafted, text="Early.", by=people["force"])


# Publications --------------------------------------------------------------------------------


def test_a_publication_carries_only_the_items_chosen(setting, people):
    publication = _publish(setting["boards"].previous, [_key(setting)], people)
    items = publication.content["record"]["items"]
    assert [i["key"] for i in items] == [_key(setting)]
    assert items[0]["board_response"] == RESPONSE
    # Who owns an action is said by role and organisation, never by username.
    assert all("rec-force" not in a["owner"] for a in items[0]["actions"])
    without = _publish(setting["boards"].current, [], people)
    assert "record" not in without.content


def test_an_item_not_in_the_record_is_refused(setting, people):
    with pytest.raises(publishing.PublishingError, match="Not in the accountability record"):
        publishing.request_publication(
            snapshot=setting["boards"].previous, by=people["opcc"], record_keys=["review:99999"]
        )
    assert not Publication.objects.exists()


def test_the_next_publication_shows_the_item_moved_on(client, setting, people):
    key = _key(setting)
    accountability.record_verdict(
        key=key, verdict="partly_assured", reasons=REASONS, by=people["opcc"]
    )
    first = _publish(setting["boards"].previous, [key], people)
    assert publishing.carried_keys() == [key]
    meetings.update_action(action=setting["actions"][0], changes={"status": "done"}, by=None)
    accountability.record_verdict(
        key=key, verdict="assured", reasons="Results are in.", by=people["opcc"]
    )
    second = _publish(setting["boards"].current, publishing.carried_keys(), people)
    (item,) = second.content["record"]["items"]
    today = timezone.localdate()
    closed = f"{today.day} {today:%B %Y}"
    assert item["moved_on"] == [
        f"Action \u201cReport Operation Harbour's results\u201d closed on {closed}.",
        "The Commissioner's verdict moved from Partly assured to Assured.",
    ]
    assert item["history"][0]["number"] == first.number
    # The first publication never changes.
    first.refresh_from_db()
    assert first.content["record"]["items"][0]["verdict"]["label"] == "Partly assured"

    home = client.get("/public/").content.decode()
    for words in (RESPONSE, "Report Operation Harbour&#x27;s results", "done", "Assured"):
        assert words in home
    assert "closed on" in home
    page = client.get(f"/public/publications/{second.number}/record/").content.decode()
    assert CONCERN in page and "Results are in." in page
    history = client.get("/public/record/").content.decode()
    assert f"Publication {first.number}" in history and f"Publication {second.number}" in history


def test_a_verdict_after_approval_stays_off_the_public_pages(client, setting, people):
    key = _key(setting)
    _publish(setting["boards"].previous, [key], people)
    accountability.record_verdict(
        key=key, verdict="not_assured", reasons="Unpublished verdict 31ee.", by=people["opcc"]
    )
    for path in ("/public/", "/public/record/", "/public/publications/1/record/"):
        assert "Unpublished verdict 31ee." not in client.get(path).content.decode(), path


def test_the_record_is_open_data_with_the_publications_metadata(client, setting, people):
    key = _key(setting)
    accountability.record_verdict(key=key, verdict="assured", reasons=REASONS, by=people["opcc"])
    publication = _publish(
        setting["boards"].previous, [key, f"review:{setting['review'].pk}"], people
    )
    base = f"/public/publications/{publication.number}/data/"
    rows = list(csv.DictReader(io.StringIO(client.get(f"{base}record.csv").content.decode())))
    assert {r["item"] for r in rows} == {key, f"review:{setting['review'].pk}"}
    assert next(r for r in rows if r["item"] == key)["verdict"] == "Assured"
    actions = json.loads(client.get(f"{base}record_actions.json").content)["rows"]
    assert [a["title"] for a in actions] == [
        "Report Operation Harbour's results",
        "Publish the plan",
    ]
    package = json.loads(client.get(f"{base}datapackage.json").content)
    assert {"record", "record_actions", "record_scrutiny"} <= {
        r["name"] for r in package["resources"]
    }


# Pages ---------------------------------------------------------------------------------------


def test_the_teams_keep_the_record_on_its_page(client, setting, people):
    key_path = f"/accountability/escalation/{setting['escalation'].pk}/"
    client.force_login(people["force"])
    assert client.get("/accountability/").status_code == 200
    assert (
        client.post(key_path + "verdict/", {"verdict": "assured", "reasons": "x"}).status_code
        == 403
    )
    review_path = f"/accountability/review/{setting['review'].pk}/response/"
    response = client.post(review_path, {"text": "We accept the findings."})
    assert response.status_code == 302
    client.force_login(people["opcc"])
    refused = client.post(key_path + "verdict/", {"verdict": "assured", "reasons": ""})
    assert refused.status_code == 400
    assert "This field is required" in refused.content.decode()
    saved = client.post(key_path + "verdict/", {"verdict": "assured", "reasons": REASONS})
    assert saved.status_code == 302
    page = client.get(key_path).content.decode()
    assert REASONS in page and CONCERN in page
    assert client.get("/accountability/escalation/99999/").status_code == 404


def test_the_request_form_ticks_the_items_of_the_last_publication(client, setting, people):
    key = _key(setting)
    _publish(setting["boards"].previous, [key], people)
    client.force_login(people["opcc"])
    form = client.get("/publications/").context["form"]
    assert form.initial["record_items"] == [key]
    assert f"review:{setting['review'].pk}" in dict(form.fields["record_items"].choices)


def test_a_public_measure_page_offers_the_panel_a_question_on_its_figure(client, setting, people):
    publication = _publish(setting["boards"].previous, [_key(setting)], people)
    page = client.get(f"/public/publications/{publication.number}/measures/{CHANGED}/")
    body = page.content.decode()
    assert f"/public/questions/ask/?pin=figure:{publication.number}:{CHANGED}" in body
    assert "The Commissioner took this up with the force" in body
