"""`oversight import population` reads every force's population: its own layout naming any
force, and the published ONS layouts by police force area (census, wide mid-year estimates)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from oversight.analysis.forces import BY_SLUG, force_by_name
from oversight.data.models import Population
from oversight.data.population import import_population
from tests.conftest import SHARED_DATA
from tests.factories.verbs import run

POPULATION = SHARED_DATA / "population"
TOTAL = "Ethnic Group: All categories: Ethnic group; measures: Value"

pytestmark = pytest.mark.django_db


def stored() -> dict[tuple[str, int], tuple[int, str]]:
    return {(p.area, p.year): (p.population, p.source) for p in Population.objects.all()}


def test_a_census_table_by_police_force_area_is_read_as_it_comes(tmp_path):
    path = tmp_path / "census-2011-pfa.csv"
    path.write_text(
        f'PFA16NM,"{TOTAL}","Ethnic Group: White; measures: Value"\n'
        "Gwent,576754,560000\nAvon & Somerset,1599555,1500000\nMetropolitan,8166566,1\n"
    )
    status, out, err = run("import", "population", path)
    assert status == 0, err
    assert "3 new" in out
    assert stored() == {
        ("gwent", 2011): (576754, "Census usual residents"),
        ("avon-and-somerset", 2011): (1599555, "Census usual residents"),
        ("metropolitan", 2011): (8166566, "Census usual residents"),
    }


def test_the_plan_force_is_stored_as_force(demo_plan, tmp_path):
    path = tmp_path / "census.csv"
    path.write_text(f'PFA16NM,"{TOTAL}"\nGwent,576754\nSouth Wales,1283651\n')
    result = import_population(data=path.read_bytes(), file_name=path.name, plan=demo_plan, by=None)
    assert not result.errors
    assert set(stored()) == {("force", 2011), ("south-wales", 2011)}


def test_a_wide_table_of_mid_year_estimates_gives_a_row_per_force_and_year(tmp_path):
    path = tmp_path / "estimates.csv"
    path.write_text("year,Cleveland,Avon and Somerset,Metropolitan Police\n"
                    "2018,567718,1663000,8300000\n2019,569141,1671000,8390028\n")  # fmt: skip
    status, _, err = run("import", "population", path)
    assert status == 0, err
    assert stored()[("cleveland", 2019)] == (569141, "ONS mid-year population estimate")
    assert stored()[("metropolitan", 2018)] == (8300000, "ONS mid-year population estimate")
    assert len(stored()) == 6


def test_a_name_no_force_has_is_rejected_with_its_row_and_column(tmp_path):
    path = tmp_path / "estimates.csv"
    path.write_text("year,Cleveland,Gotham\n2019,569141,12\n2020,x,13\n")
    status, _, err = run("import", "population", path)
    assert status == 1
    assert "row 2, column gotham: unknown area 'gotham'" in err
    assert "row 3, column cleveland: 'x' is not a number" in err
    assert Population.objects.count() == 0


def test_its_own_layout_takes_any_force_by_slug_or_name(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("area,year,population,source\nsouth-wales,2023,1300000,ONS 2023\n"
                    "Devon & Cornwall Police,2023,1800000,ONS 2023\n")  # fmt: skip
    status, _, err = run("import", "population", path)
    assert status == 0, err
    assert stored() == {
        ("south-wales", 2023): (1300000, "ONS 2023"),
        ("devon-and-cornwall", 2023): (1800000, "ONS 2023"),
    }


shared = pytest.mark.skipif(
    not POPULATION.is_dir(), reason=f"the shared population tables are not beside the checkout "
    f"({POPULATION})"
)  # fmt: skip


@pytest.mark.shared_data
@shared
def test_the_shared_tables_import_for_every_territorial_force():
    for name in ("census-2011-pfa-ethnic-group.csv",
                 "ons-mid-year-population-english-pfa-2009-2019.csv"):  # fmt: skip
        status, _, err = run("import", "population", POPULATION / name)
        assert status == 0, err
    held = stored()
    territorial = [f for f in BY_SLUG.values() if f.nation in ("England", "Wales")]
    assert len(territorial) == 43
    assert all((f.slug, 2011) in held for f in territorial)
    english = [f for f in territorial if f.nation == "England"]
    assert all((f.slug, 2019) in held for f in english)
    assert held[("gwent", 2011)] == (576754, "Census usual residents")
    assert held[("cleveland", 2019)] == (569141, "ONS mid-year population estimate")


def _names_in(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    if rows[0][0] == "year":
        return rows[0][1:]
    if rows[0][0] == "PFA16NM":
        return [r[0] for r in rows[1:]]
    raise AssertionError(path)


@pytest.mark.shared_data
@shared
def test_every_force_name_in_the_shared_tables_maps_to_one_force():
    for name in ("census-2011-pfa-ethnic-group.csv",
                 "ons-mid-year-population-english-pfa-2009-2019.csv"):  # fmt: skip
        names = _names_in(POPULATION / name)
        forces = [force_by_name(n) for n in names]
        assert None not in forces, [n for n, f in zip(names, forces, strict=True) if f is None]
        assert len({f.slug for f in forces}) == len(names)
    with (POPULATION / "lad-csp-pfa-lookup-2016-12.csv").open(encoding="utf-8-sig") as f:
        areas = {(r["PFA16CD"], r["PFA16NM"]) for r in csv.DictReader(f)}
    assert len(areas) == 43
    for code, name in areas:
        force = force_by_name(name)
        assert force is not None and force.code == code, (code, name)
