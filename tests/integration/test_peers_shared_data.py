"""`oversight peers` on the real 2024 police.uk files and population tables in ../shared/data,
its rates checked against counts ÷ population × 1,000 worked out from the files themselves."""

from __future__ import annotations

import csv
import gzip
import json

import pytest

from oversight.analysis.forces import force_by_name
from tests.conftest import SHARED_DATA
from tests.factories.verbs import run

POLICE_UK = SHARED_DATA / "police-uk"
POPULATION = SHARED_DATA / "population"
MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04")
ASB = "Anti-social behaviour"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.shared_data,
    pytest.mark.skipif(
        not (POLICE_UK / "2024-03").is_dir() or not POPULATION.is_dir(),
        reason=f"the shared police.uk files and population tables are not beside the checkout "
        f"({SHARED_DATA})",
    ),
]


@pytest.fixture
def national(tmp_path, settings):
    """The shared 2024 months of every force, and the shared population tables, imported."""
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    status, _, err = run("import", "police-uk", *(POLICE_UK / m for m in MONTHS), "--quiet")
    assert status == 0, err
    for name in ("census-2011-pfa-ethnic-group.csv",
                 "ons-mid-year-population-english-pfa-2009-2019.csv"):  # fmt: skip
        status, _, err = run("import", "population", POPULATION / name)
        assert status == 0, err


def crimes_in_file(month: str, force: str) -> int:
    """Return the non-ASB rows of a force's street file, read with the csv module."""
    path = POLICE_UK / month / f"{month}-{force}-street.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return sum(1 for r in csv.DictReader(f) if r["Crime type"] != ASB)


def population_2011(force: str) -> int:
    """Return a force's 2011 Census usual residents, read from the shared table."""
    with (POPULATION / "census-2011-pfa-ethnic-group.csv").open(encoding="utf-8") as f:
        for r in csv.reader(f):
            found = force_by_name(r[0])
            if found is not None and found.slug == force:
                return int(r[1])
    raise AssertionError(force)


def test_gwent_in_march_2024_against_its_peers_and_all_forces(national):
    status, out, err = run("peers", "--force", "gwent", "--period", "2024-03", "--json")
    assert status == 0, err
    doc = json.loads(out)
    group = doc["peer_group"]
    assert group["method"] == "computed" and len(group["peers"]) == 7
    assert all(p["reasons"] and p["distance"] is not None for p in group["peers"])
    measure = next(m for m in doc["measures"] if m["code"] == "all-crime")
    month = next(w for w in measure["windows"] if w["window"] == "month")
    rows = {r["force"]: r for r in month["forces"]}
    gwent = rows["gwent"]
    count = crimes_in_file("2024-03", "gwent")
    assert gwent["count"] == count
    # Wales has only the 2011 Census here: the nearest year there is to 2024.
    assert gwent["population"] == population_2011("gwent") == 576_754
    assert gwent["population_year"] == 2011
    assert gwent["rate_per_1000"] == pytest.approx(count / 576_754 * 1000)
    assert gwent["funnel"] in {"within", "above_95", "above_998", "below_95", "below_998"}
    assert gwent["rank"] and gwent["of"] == 38
    for peer in group["peers"]:
        row = rows[peer["force"]]
        assert row["role"] == "peer" and row["status"] == "compared"
        expected = crimes_in_file("2024-03", peer["force"]) / row["population"] * 1000
        assert row["rate_per_1000"] == pytest.approx(expected)
    for force, reason in (("btp", "no resident population"), ("greater-manchester", "July 2019"),
                          ("city-of-london", "tiny")):  # fmt: skip
        assert rows[force]["status"] == "excluded" and reason in rows[force]["marks"][0]
    for force in ("metropolitan", "west-midlands", "west-yorkshire"):
        assert rows[force]["status"] == "missing" and rows[force]["count"] is None
    twelve = next(w for w in measure["windows"] if w["window"] == "12-months")
    assert twelve["available"] is False


def test_a_force_missing_its_latest_file_is_marked(national):
    status, out, err = run("peers", "--force", "derbyshire", "--period", "2024-04", "--json")
    assert status == 0, err
    doc = json.loads(out)
    measure = doc["measures"][0]
    for key in ("month", "3-months"):
        window = next(w for w in measure["windows"] if w["window"] == key)
        notts = next(r for r in window["forces"] if r["force"] == "nottinghamshire")
        assert notts["status"] == "missing"
        assert notts["marks"] == ["no street file for 2024-04"]
        assert notts["rate_per_1000"] is None
