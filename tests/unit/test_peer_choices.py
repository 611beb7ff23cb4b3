"""The small rules of peer comparison: the population year used, what a measure counts, which
open findings touch it, and the force table's names."""

import pytest

from oversight.analysis.forces import BY_SLUG, NOT_COMPARABLE, force_by_name, force_name
from oversight.peers.inputs import ForcePopulation, OpenBreak, nearest_year
from oversight.peers.measures import DEFAULT_MEASURES, ComparedMeasure

YEARS = {2011: (576_754, "Census"), 2019: (600_000, "ONS")}


@pytest.mark.parametrize(
    ("year", "chosen"), [(2024, 2019), (2019, 2019), (2016, 2019), (2015, 2011), (2000, 2011)]
)
def test_the_nearest_year_is_used_and_a_tie_takes_the_earlier(year, chosen):
    assert nearest_year(YEARS, year) == chosen


def test_no_year_without_populations():
    assert nearest_year({}, 2024) is None


def test_a_population_says_its_year_and_source():
    assert ForcePopulation("gwent", 576_754, 2011, "Census usual residents").label == (
        "2011, Census usual residents"
    )


def test_a_measure_selects_its_crime_types_and_outcomes():
    burglary = ComparedMeasure("b", "Burglary", "street", ("Burglary",))
    charged = ComparedMeasure("c", "Charged", "street", (), ("Suspect charged",))
    assert burglary.selects("Burglary", "Under investigation")
    assert not burglary.selects("Robbery", "")
    assert charged.selects("Robbery", "Suspect charged") and not charged.selects("Robbery", "")


def test_the_default_measures_are_all_crime_then_each_crime_type():
    assert DEFAULT_MEASURES[0].code == "all-crime"
    assert "Anti-social behaviour" not in DEFAULT_MEASURES[0].crime_types
    assert len(DEFAULT_MEASURES) == 15


def test_an_open_break_touches_measures_counting_what_stepped():
    found = OpenBreak(1, "gwent", "street", "2024-02", ("Burglary",), "Burglary stepped")
    assert found.touches(ComparedMeasure("b", "Burglary", "street", ("Burglary",)))
    assert found.touches(ComparedMeasure("all", "All", "street"))
    assert not found.touches(ComparedMeasure("r", "Robbery", "street", ("Robbery",)))
    assert not found.touches(ComparedMeasure("s", "Searches", "stop-and-search"))


def test_the_force_table_matches_names_explicitly():
    assert force_by_name("Avon & Somerset").slug == "avon-and-somerset"
    assert force_by_name("avon and somerset constabulary").slug == "avon-and-somerset"
    assert force_by_name("London, City of").slug == "city-of-london"
    assert force_by_name("Metropolitan Police").slug == "metropolitan"
    assert force_by_name("Avon") is None
    assert force_name("gwent") == "Gwent Police" and force_name("unknown") == "unknown"
    assert set(NOT_COMPARABLE) <= set(BY_SLUG)
    territorial = [f for f in BY_SLUG.values() if f.nation in ("England", "Wales")]
    assert len(territorial) == 43 and all(f.code for f in territorial)
