"""Imports check every value against its model field's max_length before writing anything.

SQLite would store a 200-character roadmap ref in a 30-character column; PostgreSQL refuses
the whole transaction. Either way the file must be rejected first, naming the row and column.
"""

from __future__ import annotations

from io import StringIO

import pytest

from oversight.core.tables import Rejected, RowError
from oversight.data import values_import
from oversight.data.models import Observation, Population
from oversight.data.population import import_population
from oversight.data.values_rows import ValueRow
from oversight.roadmap.demo import load as load_roadmap
from oversight.roadmap.models import Activity
from oversight.roadmap.rows import COLUMN_NAMES, load_table, to_csv
from oversight.roadmap.services import import_table

pytestmark = pytest.mark.django_db


def roadmap_row(**cells: str) -> dict[str, str]:
    base = {"ref": "RM-900", "title": "A test", "perspective": "force"}
    return dict.fromkeys(COLUMN_NAMES, "") | base | {"start": "2025Q1", "end": "2025Q2"} | cells


def import_roadmap(plan, *rows: dict[str, str]) -> list[tuple[int, str, str]]:
    with pytest.raises(Rejected) as info:
        import_table(plan=plan, table=load_table(to_csv(list(rows)), "r.csv"), by=None)
    return [(e.row, e.column, e.reason) for e in info.value.errors]


def test_a_roadmap_ref_longer_than_its_column_is_rejected_with_row_and_column(demo_plan):
    load_roadmap(stdout=StringIO())
    before = Activity.objects.count()
    errors = import_roadmap(demo_plan, roadmap_row(), roadmap_row(ref="R" * 200))
    assert errors == [(3, "ref", "longer than 30 characters (200)")]
    assert Activity.objects.count() == before


@pytest.mark.parametrize(("column", "limit"), [("title", 200), ("lead", 200)])
def test_roadmap_text_longer_than_its_column_is_rejected(demo_plan, column, limit):
    errors = import_roadmap(demo_plan, roadmap_row(**{column: "x" * (limit + 1)}))
    assert errors == [(2, column, f"longer than {limit} characters ({limit + 1})")]
    assert Activity.objects.count() == 0


def test_a_milestone_title_longer_than_its_column_is_rejected(demo_plan):
    errors = import_roadmap(demo_plan, roadmap_row(milestones="2025Q2: " + "m" * 201))
    assert errors == [
        (2, "milestones", "'mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm'…: a milestone title is "
         "longer than 200 characters")
    ]  # fmt: skip


def test_a_population_source_longer_than_its_column_is_rejected(demo_plan):
    data = f"area,year,population,source\r\nforce,2024,600000,{'s' * 301}\r\n".encode()
    result = import_population(data=data, file_name="p.csv", plan=demo_plan, by=None)
    assert result.errors == [RowError(2, "source", "longer than 300 characters (301)")]
    assert Population.objects.count() == 0


def test_a_population_without_a_source_keeps_as_much_of_a_long_file_name_as_fits(demo_plan):
    name = "p" * 400 + ".csv"
    result = import_population(
        data=b"area,year,population\r\nforce,2024,600000\r\n",
        file_name=name,
        plan=demo_plan,
        by=None,
    )
    assert (result.errors, result.created) == ([], 1)
    assert Population.objects.get().source == name[:300]


def test_values_are_checked_against_the_observation_fields_before_writing():
    row = ValueRow(
        row=7, measure_code="DA01", period="2025-01", area="a" * 41, breakdown="",
        value=1, numerator=None, denominator=None, note="",
    )  # fmt: skip
    with pytest.raises(Rejected) as info:
        values_import._check_lengths([row])
    assert info.value.errors == [RowError(7, "area", "longer than 40 characters (41)")]
    assert Observation.objects.count() == 0
