"""`oversight peers` on a small world of forces built in the test, with answers worked by hand."""

from __future__ import annotations

import json

import pytest

from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Finding, FindingKind, Population
from oversight.peers.models import CountedMonth, ForceCount
from tests.factories.peer_files import street_file
from tests.factories.verbs import run

BURGLARY, VIOLENCE, ASB = "Burglary", "Violence and sexual offences", "Anti-social behaviour"
MONTHS = ("2024-01", "2024-02", "2024-03")
# Rows a month per force: the same in each month held.
WORLD = {
    "gwent": {BURGLARY: 30, VIOLENCE: 60, ASB: 20},
    "south-wales": {BURGLARY: 55, VIOLENCE: 130, ASB: 40},
    "north-wales": {BURGLARY: 20, VIOLENCE: 50, ASB: 10},  # no file for 2024-02
    "dyfed-powys": {BURGLARY: 10, VIOLENCE: 30, ASB: 5},  # no population
    "cleveland": {BURGLARY: 5, VIOLENCE: 100, ASB: 60},
    "btp": {VIOLENCE: 40},  # not comparable per resident
}
POPULATIONS = {"gwent": 600_000, "south-wales": 1_200_000, "north-wales": 700_000,
               "cleveland": 550_000}  # fmt: skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path, settings):
    """Import the small world's files and populations (no plan: the default measures)."""
    folder = tmp_path / "files"
    for force, counts in WORLD.items():
        for month in MONTHS:
            if force == "north-wales" and month == "2024-02":
                continue
            street_file(folder, force, month, counts)
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    assert import_police_uk([folder], warehouse_path=settings.WAREHOUSE_PATH, quiet=True).ok
    for force, population in POPULATIONS.items():
        Population.objects.create(area=force, year=2019, population=population, source="test")
    return settings.WAREHOUSE_PATH


def peers_json(*args: str) -> dict:
    status, out, err = run("peers", "--json", *args)
    assert status == 0, err
    return json.loads(out)


def window(doc: dict, code: str, key: str) -> dict:
    measure = next(m for m in doc["measures"] if m["code"] == code)
    return next(w for w in measure["windows"] if w["window"] == key)


def row(win: dict, force: str) -> dict:
    return next(f for f in win["forces"] if f["force"] == force)


def test_rates_per_1000_are_counts_over_population(world):
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    month = window(doc, "all-crime", "month")
    for force in ("gwent", "south-wales", "north-wales", "cleveland"):
        expected = WORLD[force][BURGLARY] + WORLD[force][VIOLENCE]
        found = row(month, force)
        assert found["status"] == "compared"
        assert found["count"] == expected
        assert found["population"] == POPULATIONS[force]
        assert found["population_year"] == 2019
        assert found["rate_per_1000"] == pytest.approx(expected / POPULATIONS[force] * 1000)
    # The target is the pooled rate of the compared forces: 450 rows over 3.05 million.
    assert month["target_rate_per_1000"] == pytest.approx(450 / 3_050_000 * 1000)
    three = window(doc, "all-crime", "3-months")
    assert row(three, "gwent")["count"] == 270
    assert row(three, "gwent")["rate_per_1000"] == pytest.approx(270 / 600_000 * 1000)


def test_ranks_and_funnel_places_are_given(world):
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    month = window(doc, "all-crime", "month")
    # Rates 0.100 (north-wales), 0.150 (gwent), 0.154 (south-wales), 0.191 (cleveland).
    assert [
        row(month, f)["rank"] for f in ("north-wales", "gwent", "south-wales", "cleveland")
    ] == [1, 2, 3, 4]
    assert row(month, "gwent")["of"] == 4
    # Gwent: 90 against 88.5 expected; Cleveland: 105 against 81.1 (z ≈ 2.6, under 3.09).
    assert row(month, "gwent")["funnel"] == "within"
    assert row(month, "cleveland")["funnel"] == "above_95"
    assert row(month, "north-wales")["funnel"] == "below_998"  # 70 against 103.3: z ≈ −3.3
    limits = row(month, "gwent")["limits"]
    assert (
        limits["lower_998"] < limits["lower_95"] < 0.150 < limits["upper_95"] < limits["upper_998"]
    )


def test_a_missing_month_is_marked_never_zero(world):
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    three = window(doc, "all-crime", "3-months")
    north = row(three, "north-wales")
    assert north["status"] == "missing"
    assert north["count"] is None and north["rate_per_1000"] is None and north["rank"] is None
    assert north["marks"] == ["no street file for 2024-02"]
    # Forces with no files at all are listed as missing too, not as zero.
    assert row(three, "metropolitan")["status"] == "missing"
    assert row(three, "metropolitan")["count"] is None


def test_a_force_without_population_gets_counts_only(world):
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    dyfed = row(window(doc, "all-crime", "month"), "dyfed-powys")
    assert dyfed["status"] == "no_population"
    assert dyfed["count"] == 40
    assert dyfed["rate_per_1000"] is None and dyfed["funnel"] is None
    assert dyfed["marks"] == ["no population loaded: counts only"]


def test_btp_is_excluded_with_its_reason(world):
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    btp = row(window(doc, "all-crime", "month"), "btp")
    assert btp["status"] == "excluded" and btp["count"] == 40 and btp["rate_per_1000"] is None
    assert "no resident population" in btp["marks"][0]
    assert {e["force"] for e in doc["excluded"]} == {"btp", "city-of-london", "greater-manchester"}
    assert "btp" not in [p["force"] for p in doc["peer_group"]["peers"]]


def test_computed_peers_come_with_reasons(world):
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    group = doc["peer_group"]
    assert group["method"] == "computed"
    assert group["profile_months"] == ["2023-04", "2024-03"]
    slugs = [p["force"] for p in group["peers"]]
    assert sorted(slugs) == ["cleveland", "dyfed-powys", "north-wales", "south-wales"]
    distances = [p["distance"] for p in group["peers"]]
    assert distances == sorted(distances)
    first = group["peers"][0]
    assert first["reasons"][0].startswith("1st most similar of 4 (distance ")
    by_force = {p["force"]: p["reasons"] for p in group["peers"]}
    # The nearest mix is South Wales's; the farthest Cleveland's (3 % burglary against 27 %).
    assert by_force["south-wales"][1].startswith("crime mix 1st closest of 4")
    assert by_force["cleveland"][1].startswith("crime mix 4th closest of 4")
    assert by_force["south-wales"][2].endswith(": 2.0 times the size")
    dyfed = next(p for p in group["peers"] if p["force"] == "dyfed-powys")
    assert "no population: chosen on crime mix alone" in dyfed["reasons"]
    assert group["problems"] == ["only 4 other forces could be compared, fewer than 7"]
    month = window(doc, "all-crime", "month")
    assert row(month, "gwent")["role"] == "force"
    assert {f["force"] for f in month["forces"] if f["role"] == "peer"} == set(slugs)
    # The group: gwent and the three peers with a rate.
    assert row(month, "gwent")["group_rank"] == 2 and row(month, "gwent")["group_of"] == 4


def test_supplied_peers_come_from_the_setting_with_its_source(world, settings):
    settings.PEER_GROUPS = {"gwent": ("south-wales", "btp")}
    settings.PEER_GROUPS_SOURCE = "Home Office Most Similar Group (test)"
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    group = doc["peer_group"]
    assert group["method"] == "supplied"
    south, btp = group["peers"]
    assert south["reasons"][0] == "supplied: Home Office Most Similar Group (test)"
    assert south["reasons"][1].startswith("computed similarity would rank it ")
    assert "crime mix 1st closest of 4" in south["reasons"][1]
    assert btp["reasons"][1].startswith("not comparable per resident: British Transport")


def test_peers_option_overrides_the_setting(world, settings):
    settings.PEER_GROUPS = {"gwent": ("south-wales",)}
    doc = peers_json("--force", "gwent", "--period", "2024-03", "--peers", "cleveland")
    assert [p["force"] for p in doc["peer_group"]["peers"]] == ["cleveland"]
    assert doc["peer_group"]["peers"][0]["reasons"][0] == "supplied: given with --peers"


def test_an_open_data_break_of_a_peer_is_marked(world):
    finding = Finding.objects.create(
        kind=FindingKind.BREAK, force="south-wales", dataset="street", period="2024-02",
        summary="Burglary stepped up", categories=[BURGLARY],
    )  # fmt: skip
    doc = peers_json("--force", "gwent", "--period", "2024-03")
    marks = row(window(doc, "burglary", "month"), "south-wales")["marks"]
    assert marks == [
        f"open data break from 2024-02 (finding {finding.pk}, undecided): Burglary stepped up"
    ]
    assert row(window(doc, "all-crime", "month"), "south-wales")["marks"]  # counts burglary
    assert row(window(doc, "robbery", "month"), "south-wales")["marks"] == []


def test_one_measure_and_text_output(world):
    status, out, err = run("peers", "--force", "gwent", "--period", "2024-03",
                           "--measure", "burglary")  # fmt: skip
    assert status == 0, err
    assert "Gwent Police (gwent), 2024-03: population 600,000 (2019, test)." in out
    assert "burglary Burglary [street]" in out
    assert "all-crime" not in out
    assert "no street file for 2024-02" in out
    assert "latest 12 months (2023-04..2024-03): not available" in out


def test_unknown_measure_and_force_are_refused(world):
    status, _, err = run("peers", "--force", "gwent", "--measure", "nope")
    assert status == 1 and "not a police.uk measure compared per resident: nope" in err
    status, _, err = run("peers", "--force", "nowhere")
    assert status != 0 and "unknown police.uk force 'nowhere'" in err


def test_without_any_files_it_says_to_import_some(tmp_path, settings):
    settings.WAREHOUSE_PATH = tmp_path / "none.duckdb"
    status, _, err = run("peers", "--force", "gwent")
    assert status == 1 and "No police.uk street files are held" in err


def test_plan_measures_are_compared_and_proportions_are_said_not_to_be(world, demo_plan):
    Population.objects.filter(area="gwent").update(area="force")
    doc = peers_json("--period", "2024-03")
    assert doc["force"] == "gwent"
    codes = [m["code"] for m in doc["measures"]]
    assert codes[0] == "PUK01" and "PUK13" not in codes
    assert row(window(doc, "PUK01", "month"), "gwent")["population"] == 600_000
    assert {n["code"] for n in doc["not_compared"]} == {"PUK13", "PUK14"}


def test_the_import_counts_every_force_once_there_are_two(tmp_path, settings):
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    street_file(tmp_path / "one", "gwent", "2024-03", WORLD["gwent"])
    status, out, err = run("import", "police-uk", tmp_path / "one")
    assert status == 0, err
    assert CountedMonth.objects.count() == 0  # one force: no peers, nothing counted
    street_file(tmp_path / "two", "cleveland", "2024-03", WORLD["cleveland"])
    status, out, err = run("import", "police-uk", tmp_path / "two")
    assert status == 0, err
    assert "Peer counts: 2 month(s) counted" in out
    assert sorted(CountedMonth.objects.values_list("force", flat=True)) == ["cleveland", "gwent"]
    violence = ForceCount.objects.get(month__force="cleveland", category=VIOLENCE)
    assert violence.rows == 100 and violence.outcome == "Under investigation"


def test_a_replaced_month_is_counted_again(world, tmp_path):
    from oversight.peers.counts import store_counts

    store_counts(warehouse_path=world)
    street_file(tmp_path / "revised", "gwent", "2024-03", {BURGLARY: 31})
    assert import_police_uk([tmp_path / "revised"], warehouse_path=world, quiet=True).ok
    report = store_counts(warehouse_path=world)
    assert report.counted == 1 and report.kept == 16 and report.removed == 0
    month = CountedMonth.objects.get(force="gwent", period="2024-03")
    assert list(month.counts.values_list("category", "rows")) == [(BURGLARY, 31)]
