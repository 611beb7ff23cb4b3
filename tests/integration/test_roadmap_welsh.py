"""A roadmap activity's public summary in Welsh: the demo's, the edit form, export and import."""

from io import StringIO

import pytest

from oversight.accounts.models import AuditEvent
from oversight.roadmap.demo import load
from oversight.roadmap.models import Activity
from oversight.roadmap.rows import COLUMN_NAMES, export_rows, load_table, to_csv, to_xlsx
from oversight.roadmap.services import import_table

pytestmark = pytest.mark.django_db

WELSH = "Mannau heblaw gorsafoedd heddlu lle gall pobl riportio troseddau casineb, gyda chymorth."


@pytest.fixture
def roadmap(demo_plan):
    load(stdout=StringIO())
    return demo_plan


def _form_data(client, ref: str) -> dict:
    """Return an activity's edit form as the browser would post it, unchanged."""
    form = client.get(f"/roadmap/activities/{ref}/edit/").context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data


def test_every_public_demo_activity_has_a_welsh_summary(roadmap):
    public = Activity.objects.filter(public=True)
    assert public.count() == 7
    assert not public.filter(public_summary_cy="").exists()
    assert Activity.objects.get(ref="RM-005").public_summary_cy == WELSH
    assert not Activity.objects.filter(public=False).exclude(public_summary_cy="").exists()


def test_the_edit_form_changes_the_welsh_summary_and_it_is_audited(roadmap, client, opcc):
    client.force_login(opcc)
    data = _form_data(client, "RM-005")
    assert data["public_summary_cy"] == WELSH
    data["public_summary_cy"] = "  Canolfannau riportio troseddau casineb.  "
    response = client.post("/roadmap/activities/RM-005/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert Activity.objects.get(ref="RM-005").public_summary_cy == (
        "Canolfannau riportio troseddau casineb."
    )
    event = AuditEvent.objects.filter(action="roadmap.activity.updated").latest("pk")
    assert event.before["public_summary_cy"] == WELSH
    assert event.after["public_summary_cy"] == "Canolfannau riportio troseddau casineb."


def test_export_carries_the_welsh_summary_and_import_reads_it_back(roadmap):
    assert "public_summary_cy" in COLUMN_NAMES
    rows = export_rows(roadmap)
    row = next(r for r in rows if r["ref"] == "RM-005")
    assert row["public_summary_cy"] == WELSH
    for data, name in ((to_csv(rows), "r.csv"), (to_xlsx(rows), "r.xlsx")):
        result = import_table(plan=roadmap, table=load_table(data, name), by=None)
        assert result.updated == [] and result.created == []
    row["public_summary_cy"] = "Canolfannau riportio."
    result = import_table(plan=roadmap, table=load_table(to_csv(rows), "r.csv"), by=None)
    assert result.updated == ["RM-005"]
    assert Activity.objects.get(ref="RM-005").public_summary_cy == "Canolfannau riportio."
