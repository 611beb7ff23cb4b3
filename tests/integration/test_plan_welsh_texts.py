"""`save_welsh` writes one item's Welsh texts, checked and audited, never its English; the
form checks each text as the service does and says what is wrong on its field."""

import pytest

from oversight.accounts.models import AuditEvent
from oversight.plans import welsh
from oversight.plans.forms import WelshForm
from oversight.plans.models import Measure, MeasureVersion, Outcome, Plan, Priority, Theme
from oversight.plans.services import save_welsh

pytestmark = pytest.mark.django_db

WELSH_NAME = "Achosion o ymddygiad gwrthgymdeithasol"


@pytest.fixture
def measure(demo_plan):
    return Measure.objects.get(plan=demo_plan, code="PUK08")


def test_a_measures_welsh_is_saved_and_audited_with_before_and_after(measure, opcc):
    before = {"name_cy": measure.name_cy, "description_cy": measure.description_cy}
    versions = MeasureVersion.objects.filter(measure=measure).count()
    assert save_welsh(item=measure, texts={"name_cy": WELSH_NAME}, by=opcc) is True
    measure.refresh_from_db()
    assert measure.name_cy == WELSH_NAME
    # A translation is no new version of what the measure counts.
    assert measure.version == 1
    assert MeasureVersion.objects.filter(measure=measure).count() == versions
    event = AuditEvent.objects.get(action="measure.updated")
    assert event.actor == opcc and event.object_id == str(measure.pk)
    assert event.before == before
    assert event.after == {**before, "name_cy": WELSH_NAME}


@pytest.mark.parametrize(
    ("kind", "field"),
    [("plan", "summary_cy"), ("priority", "description_cy"), ("outcome", "title_cy"),
     ("theme", "title_cy")],
)  # fmt: skip
def test_each_kind_of_item_is_saved_and_audited(demo_plan, opcc, kind, field):
    spec = welsh.KINDS[kind]
    item = demo_plan if kind == "plan" else welsh.items_of(demo_plan, spec).first()
    old = getattr(item, field)
    save_welsh(item=item, texts={field: "Testun newydd"}, by=opcc)
    item.refresh_from_db()
    assert getattr(item, field) == "Testun newydd"
    event = AuditEvent.objects.get(action=f"{kind}.updated")
    assert (event.before[field], event.after[field]) == (old, "Testun newydd")
    assert set(event.after) == set(spec.welsh_fields)
    assert event.note == "Welsh texts changed on the Welsh texts page"


def test_whitespace_is_trimmed_and_line_breaks_kept_as_newlines(measure, opcc):
    save_welsh(item=measure, texts={"name_cy": f"  {WELSH_NAME} \n",
                                    "description_cy": " Un llinell.\r\nAil linell.\r "},
               by=opcc)  # fmt: skip
    measure.refresh_from_db()
    assert measure.name_cy == WELSH_NAME
    assert measure.description_cy == "Un llinell.\nAil linell."


def test_saving_the_same_welsh_changes_nothing_and_records_nothing(measure, opcc):
    assert save_welsh(item=measure, texts={"name_cy": f" {measure.name_cy} "}, by=opcc) is False
    assert not AuditEvent.objects.filter(action="measure.updated").exists()


def test_an_empty_text_clears_the_welsh_and_is_audited(measure, opcc):
    old = measure.name_cy
    save_welsh(item=measure, texts={"name_cy": "   "}, by=opcc)
    measure.refresh_from_db()
    assert measure.name_cy == ""
    event = AuditEvent.objects.get(action="measure.updated")
    assert (event.before["name_cy"], event.after["name_cy"]) == (old, "")


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({"name_cy": "x" * 201}, "The Welsh name is longer than 200 characters (it has 201)."),
        ({"description_cy": "x" * 10_001},
         "The Welsh description is longer than 10,000 characters (it has 10,001)."),
        ({"name_cy": "Dau\nlinell"}, "The Welsh name is one line: remove the line breaks."),
        ({"name_cy": "Bwrgler\x00iaeth"}, "cannot be saved (U+0000, a control character) at "
         "character 8. Delete it, or paste the text again as plain text."),
        ({"name_cy": "Bwr\tgleriaeth"}, "(U+0009, a control character) at character 4"),
        ({"description_cy": "Cyfrif\x1b misol"}, "The Welsh description contains a character"),
        ({"description_cy": "Cyfrif\u2028misol"}, "(U+2028, LINE SEPARATOR)"),
        ({"name_cy": "Bwrgleriaeth\ud800"}, "(U+D800, an unpaired surrogate)"),
        ({"name_cy": 3}, "The Welsh name must be text."),
        ({"name": "Burglary"}, "Only the Welsh texts of a measure are changed here "
         "(name_cy, description_cy), not name."),
    ],
)  # fmt: skip
def test_a_text_the_field_cannot_hold_is_refused_with_the_reason(measure, opcc, texts, message):
    before = (measure.name, measure.name_cy, measure.description_cy)
    with pytest.raises(ValueError) as refused:
        save_welsh(item=measure, texts=texts, by=opcc)
    assert message in str(refused.value)
    measure.refresh_from_db()
    assert (measure.name, measure.name_cy, measure.description_cy) == before
    assert not AuditEvent.objects.filter(action="measure.updated").exists()


def test_the_limit_is_each_fields_own(demo_plan, opcc):
    outcome = Outcome.objects.filter(priority__plan=demo_plan).first()
    save_welsh(item=outcome, texts={"title_cy": "t" * 300}, by=opcc)
    with pytest.raises(welsh.WelshTextError, match="longer than 300 characters"):
        save_welsh(item=outcome, texts={"title_cy": "t" * 301}, by=opcc)


def test_only_items_of_the_plan_carry_welsh_texts(demo_plan, opcc):
    with pytest.raises(ValueError, match="carries no Welsh texts of the plan"):
        save_welsh(item=demo_plan.bcus.first(), texts={}, by=opcc)


def test_the_form_offers_the_welsh_of_each_text_that_has_english(demo_plan):
    outcome = Outcome.objects.filter(priority__plan=demo_plan).first()
    assert outcome.description == "" and outcome.description_cy == ""
    form = WelshForm(kind=welsh.KINDS["outcome"], item=outcome)
    # The outcome has no description to translate; its English title is not a field at all.
    assert list(form.fields) == ["title_cy"]
    html = str(form["title_cy"])
    assert 'lang="cy"' in html
    assert 'aria-describedby="english-title_cy id_title_cy_helptext"' in html
    assert "maxlength" not in html


def test_the_form_keeps_a_welsh_text_with_no_english_so_it_can_be_cleared(demo_plan):
    Theme.objects.filter(plan=demo_plan).update(description="", description_cy="Hen destun")
    form = WelshForm(kind=welsh.KINDS["theme"], item=Theme.objects.filter(plan=demo_plan).first())
    assert list(form.fields) == ["title_cy", "description_cy"]


def test_the_form_shows_each_refusal_on_its_own_field(demo_plan):
    priority = Priority.objects.filter(plan=demo_plan).first()
    form = WelshForm(
        {"title_cy": "t" * 201, "description_cy": "Lleihau\x07 troseddau."},
        kind=welsh.KINDS["priority"],
        item=priority,
    )
    assert not form.is_valid()
    assert form.errors["title_cy"] == [
        "The Welsh title is longer than 200 characters (it has 201)."
    ]
    assert "U+0007" in form.errors["description_cy"][0]
    assert "id_title_cy_error" in str(form["title_cy"])


def test_the_form_gives_the_service_its_text_trimmed(demo_plan):
    form = WelshForm({"title_cy": "  Y cynllun  ", "summary_cy": "Crynodeb\r\n"},
                     kind=welsh.KINDS["plan"], item=Plan.objects.get())  # fmt: skip
    assert form.is_valid()
    assert form.cleaned_data == {"title_cy": "Y cynllun", "summary_cy": "Crynodeb"}
