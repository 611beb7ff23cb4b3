"""The public open-data CSVs carry the formula guard: text a spreadsheet could run is not."""

import csv
import io
import json

import pytest

from oversight.performance import sample
from oversight.performance.services import create_snapshot
from oversight.plans.models import Priority
from oversight.roadmap.models import Activity
from tests.factories.publications import publish

pytestmark = pytest.mark.django_db

SUMMARY = "=cmd|' /C calc'!A0"
NAME = "@SUM(1+1)*cmd|' /C calc'!A0"
MONTHS = 24


@pytest.fixture
def publication():
    plan = sample.build_plan(bcus=("east",))
    measure = sample.add_measure(plan, "M01")
    measure.name = NAME
    measure.save()
    sample.add_series(measure, [100.0] * MONTHS, start="2023-07", area="force")
    sample.add_series(measure, [90.0] * MONTHS, start="2023-07", area="east")
    Activity.objects.create(
        plan=plan,
        ref="RM-001",
        title="Working title",
        priority=Priority.objects.get(plan=plan, code="P1"),
        perspective="force",
        start_year=2025,
        start_quarter=1,
        end_year=2026,
        end_quarter=4,
        public=True,
        public_summary=SUMMARY,
    )
    return publish(create_snapshot(period="2025-06", by=None))


def _get(client, publication, name: str) -> bytes:
    response = client.get(f"/public/publications/{publication.number}/data/{name}")
    assert response.status_code == 200, name
    return response.content


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_a_roadmap_summary_that_is_a_formula_is_guarded_in_the_public_csv(client, publication):
    data = _get(client, publication, "roadmap.csv")
    assert b"\r\nRM-001,'=cmd|' /C calc'!A0,P1,Force," in data
    assert [r["summary"] for r in _rows(data)] == [f"'{SUMMARY}"]


def test_a_measure_name_that_is_a_formula_is_guarded_in_every_public_csv(client, publication):
    for name in ("overview.csv", "monthly-figures.csv", "plan.csv"):
        rows = _rows(_get(client, publication, name))
        assert rows and {r["measure"] for r in rows} == {f"'{NAME}"}, name


def test_no_public_csv_cell_could_start_a_formula(client, publication):
    package = json.loads(_get(client, publication, "datapackage.json"))
    for resource in package["resources"]:
        data = client.get(resource["path"]).content
        for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (resource["name"], cell)
                assert not cell.startswith("-") or float(cell) < 0, (resource["name"], cell)


def test_json_is_not_a_spreadsheet_and_keeps_the_text(client, publication):
    rows = json.loads(_get(client, publication, "roadmap.json"))["rows"]
    assert [r["summary"] for r in rows] == [SUMMARY]
