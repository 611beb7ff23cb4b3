"""The Welsh texts page: the plan's English beside its Welsh, what is missing, and a form per item
for the Commissioner's team (and administrators); other roles that read the plan only read it."""

import re

import pytest
from django.urls import reverse

from oversight.accounts.models import AuditEvent
from oversight.plans.models import Measure, Outcome, Plan, Priority, Theme

pytestmark = pytest.mark.django_db

LIST = reverse("plans:welsh")
MEASURE = reverse("plans:welsh_edit", args=["measure", "PUK08"])
NEW_NAME = "Achosion o ymddygiad gwrthgymdeithasol"


@pytest.fixture
def plan(demo_plan):
    """The demo plan with three texts missing their Welsh."""
    Measure.objects.filter(code="PUK08").update(name_cy="")
    Priority.objects.filter(code="P1").update(description_cy=" ")
    Theme.objects.filter(pk=Theme.objects.filter(plan=demo_plan).first().pk).update(title_cy="")
    return demo_plan


def _texts(plan: Plan) -> int:
    """Count the plan's texts that have English (each needs its Welsh)."""
    fields = {Priority: ("title", "description"), Outcome: ("title", "description"),
              Theme: ("title", "description"), Measure: ("name", "description")}  # fmt: skip
    count = sum(bool(getattr(plan, f)) for f in ("title", "summary"))
    for model, names in fields.items():
        for item in model.objects.all():
            count += sum(bool(getattr(item, n).strip()) for n in names)
    return count


def test_the_page_sets_each_english_text_beside_its_welsh_and_counts_those_missing(
    client, opcc, plan
):
    client.force_login(opcc)
    html = client.get(LIST).content.decode()
    assert "<h1>Welsh texts</h1>" in html
    assert f"3 of {_texts(plan)} texts have no Welsh version." in html
    measure = Measure.objects.get(code="PUK13")
    assert measure.name in html and f'<td lang="cy">{measure.name_cy}</td>' in html
    for heading in ("Priorities", "Measures", "Themes"):
        assert re.search(rf'{heading} <span class="muted">· 1 of \d+ with no Welsh</span>', html)
    assert 'The plan <span class="muted">· all 2 in Welsh</span>' in html
    assert html.count("<strong>No Welsh yet</strong>") == 3
    assert f'href="{MEASURE}#id_name_cy">Add the Welsh' in html


def test_the_filter_shows_only_the_texts_with_no_welsh(client, opcc, plan):
    client.force_login(opcc)
    html = client.get(LIST, {"show": "missing"}).content.decode()
    shown = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>', html)
    theme = Theme.objects.filter(title_cy="").get()
    assert shown == [("P1", "Description"), ("PUK08", "Name"), (theme.slug, "Title")]
    assert f"3 of {_texts(plan)} texts have no Welsh version." in html
    assert '<option value="missing" selected>' in html
    assert "The plan" in html and "Every text here has its Welsh version." in html
    # Each link keeps the filter, so saving comes back to the texts still missing.
    assert f'href="{MEASURE}?show=missing#id_name_cy"' in html


def test_with_every_welsh_written_the_page_says_so(client, opcc, demo_plan):
    client.force_login(opcc)
    html = client.get(LIST, {"show": "missing"}).content.decode()
    assert f"Every one of the {_texts(demo_plan)} texts has its Welsh version." in html
    assert "No Welsh yet" not in html


def test_the_form_shows_the_english_and_offers_only_the_welsh(client, opcc, plan):
    client.force_login(opcc)
    html = client.get(MEASURE).content.decode()
    measure = Measure.objects.get(code="PUK08")
    assert "<h1>Welsh texts of Measure PUK08</h1>" in html
    assert measure.name in html and measure.description in html
    assert re.search(r'<input type="text" name="name_cy"[^>]* lang="cy"', html)
    assert re.search(r'<textarea name="description_cy"[^>]* lang="cy"', html)
    assert '<label for="id_name_cy">Name in Welsh</label>' in html
    assert 'name="name"' not in html and 'name="description"' not in html


def test_saving_writes_the_welsh_audits_it_and_returns_to_the_list(client, opcc, plan):
    client.force_login(opcc)
    measure = Measure.objects.get(code="PUK08")
    response = client.post(
        MEASURE,
        {"name_cy": f"  {NEW_NAME} ", "description_cy": measure.description_cy,
         "name": "Changed English", "show": "missing"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response.url == f"{LIST}?show=missing#measure-PUK08"
    measure.refresh_from_db()
    assert measure.name_cy == NEW_NAME
    assert measure.name == "Anti-social behaviour incidents"  # the English is not the form's
    event = AuditEvent.objects.get(action="measure.updated")
    assert (event.actor, event.before["name_cy"], event.after["name_cy"]) == (opcc, "", NEW_NAME)
    page = client.get(response.url).content.decode()
    assert "The Welsh of Measure PUK08 is saved." in page
    assert f"2 of {_texts(plan)} texts have no Welsh version." in page


def test_saving_unchanged_says_nothing_changed_and_records_nothing(client, opcc, demo_plan):
    client.force_login(opcc)
    measure = Measure.objects.get(code="PUK08")
    data = {"name_cy": measure.name_cy, "description_cy": measure.description_cy}
    page = client.post(MEASURE, data, follow=True).content.decode()
    assert "Nothing changed: the Welsh of Measure PUK08 was already as given." in page
    assert not AuditEvent.objects.filter(action="measure.updated").exists()


def test_a_bad_text_is_refused_with_its_reason_and_what_was_typed_kept(client, opcc, plan):
    client.force_login(opcc)
    typed = "Achosion\x0b o ymddygiad"
    response = client.post(MEASURE, {"name_cy": typed, "description_cy": "x" * 10_001})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "The Welsh was not saved:" in html
    assert '<a href="#id_name_cy">The Welsh name contains a character that cannot be saved' in html
    assert "The Welsh description is longer than 10,000 characters (it has 10,001)." in html
    assert 'aria-invalid="true"' in html
    assert Measure.objects.get(code="PUK08").name_cy == ""
    assert not AuditEvent.objects.filter(action="measure.updated").exists()


@pytest.mark.parametrize(
    ("kind", "code", "field"),
    [("plan", "gwent", "summary_cy"), ("priority", "P1", "description_cy"),
     ("outcome", "P1.1", "title_cy")],
)  # fmt: skip
def test_every_kind_of_item_has_its_form(client, opcc, plan, kind, code, field):
    client.force_login(opcc)
    url = reverse("plans:welsh_edit", args=[kind, code])
    assert client.get(url).status_code == 200
    assert client.post(url, {field: "Testun"}).status_code == 302
    event = AuditEvent.objects.get(action=f"{kind}.updated")
    assert event.after[field] == "Testun"
    # The other text, left out of the request, is left as it was.
    (other,) = set(event.after) - {field}
    assert event.after[other] == event.before[other]


@pytest.mark.parametrize(
    ("kind", "code"), [("measure", "NOPE"), ("plan", "dyfed-powys"), ("bcu", "east"), ("x", "1")]
)
def test_an_item_the_plan_does_not_hold_is_404(client, opcc, demo_plan, kind, code):
    client.force_login(opcc)
    assert client.get(reverse("plans:welsh_edit", args=[kind, code])).status_code == 404


def test_the_administrator_may_write_the_welsh(client, administrator, plan):
    client.force_login(administrator)
    assert "Add the Welsh" in client.get(LIST).content.decode()
    assert client.post(MEASURE, {"name_cy": NEW_NAME}).status_code == 302
    assert Measure.objects.get(code="PUK08").name_cy == NEW_NAME


@pytest.mark.parametrize("role", ["force", "partner"])
def test_roles_that_read_the_plan_only_read_the_welsh(request, client, plan, role):
    client.force_login(request.getfixturevalue(role))
    html = client.get(LIST).content.decode()
    assert "No Welsh yet" in html and "Add the Welsh" not in html and "welsh/measure" not in html
    assert "Only the Commissioner's team and administrators change the Welsh texts." in html
    assert client.get(MEASURE).status_code == 403
    assert client.post(MEASURE, {"name_cy": NEW_NAME}).status_code == 403
    assert Measure.objects.get(code="PUK08").name_cy == ""


def test_the_panel_is_refused_the_working_plans_welsh(client, panel, plan):
    client.force_login(panel)
    for response in (client.get(LIST), client.get(MEASURE), client.post(MEASURE, {})):
        assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    for response in (client.get(LIST), client.get(MEASURE), client.post(MEASURE, {})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    assert Measure.objects.get(code="PUK08").name_cy == ""


def test_the_plan_home_page_links_to_the_welsh_texts(client, opcc, force, demo_plan):
    client.force_login(opcc)
    assert f'<a href="{LIST}">Welsh texts</a>' in client.get(reverse("plans:home")).content.decode()
    client.force_login(force)
    assert f'<a href="{LIST}">Welsh texts</a>' in client.get(reverse("plans:home")).content.decode()
