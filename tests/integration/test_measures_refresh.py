"""`oversight measures refresh` on the shipped Gwent extract, checked against the files."""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import oversight
from oversight.accounts.models import AuditEvent
from oversight.data.commands_policeuk import import_police_uk
from oversight.data.models import Observation, Population
from oversight.data.refresh import RefreshError, refresh_measures
from oversight.data.warehouse import Warehouse

DEMO = Path(oversight.__file__).resolve().parent / "demo" / "police_uk"
MONTHS = sorted(p.name for p in DEMO.iterdir() if p.is_dir())
# The demo plan's BCUs, by local authority (oversight/demo/plan.toml).
BCU_OF = {
    "Newport": "east",
    "Monmouthshire": "east",
    "Blaenau Gwent": "west",
    "Caerphilly": "west",
    "Torfaen": "west",
}
CHARGED = {"Suspect charged", "Suspect charged as part of another case"}


def rows_of(month: str, kind: str) -> list[dict[str, str]]:
    """Return the rows of one shipped file, read with the csv module."""
    with gzip.open(DEMO / month / f"{month}-gwent-{kind}.csv.gz", "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def bcu_of(lsoa_name: str) -> str | None:
    match = re.fullmatch(r"(.+?)\s+\d{3}[A-Z]", lsoa_name.strip())
    return BCU_OF.get(match.group(1)) if match else None


@pytest.fixture(scope="module")
def full_warehouse(tmp_path_factory) -> Path:
    """A warehouse holding the whole demo extract (built once for the module)."""
    path = tmp_path_factory.mktemp("refresh") / "warehouse.duckdb"
    report = import_police_uk([DEMO], warehouse_path=path, quiet=True)
    assert report.ok
    return path


@pytest.fixture
def refreshed(demo_plan, full_warehouse, settings):
    settings.WAREHOUSE_PATH = full_warehouse
    return refresh_measures(plan=demo_plan, warehouse_path=full_warehouse, by=None)


def values(code: str, area: str = "force") -> dict[str, Observation]:
    return {
        o.period: o for o in Observation.objects.filter(measure__code=code, area=area, breakdown="")
    }


def test_puk01_force_totals_equal_the_non_asb_rows_of_each_file(refreshed):
    force = values("PUK01")
    assert sorted(force) == MONTHS
    for month in MONTHS:
        expected = sum(
            1 for r in rows_of(month, "street") if r["Crime type"] != "Anti-social behaviour"
        )
        assert force[month].value == expected, month


def test_bcu_values_sum_to_the_force_value_less_the_unmapped_rows(refreshed):
    force, east, west = values("PUK01"), values("PUK01", "east"), values("PUK01", "west")
    for month in MONTHS:
        crimes = [r for r in rows_of(month, "street") if r["Crime type"] != "Anti-social behaviour"]
        by_bcu = Counter(bcu_of(r["LSOA name"]) for r in crimes)
        assert east[month].value == by_bcu["east"], month
        assert west[month].value == by_bcu["west"], month
        assert east[month].value + west[month].value == force[month].value - by_bcu[None]
        assert by_bcu[None] > 0  # the extract has rows with no location and outside Gwent


def test_charge_rate_stores_numerator_and_denominator(refreshed):
    rate = values("PUK13")
    assert sorted(rate) == MONTHS
    for month in ("2022-07", "2024-01", "2025-06"):
        outcomes = rows_of(month, "outcomes")
        charged = sum(1 for r in outcomes if r["Outcome type"] in CHARGED)
        obs = rate[month]
        assert (obs.numerator, obs.denominator) == (charged, len(outcomes))
        assert obs.value == pytest.approx(100 * charged / len(outcomes))


def test_values_record_the_batch_of_their_month(refreshed, full_warehouse):
    with Warehouse(full_warehouse, read_only=True) as warehouse:
        current = warehouse.current_batches()
    for period, obs in values("PUK02", "west").items():
        assert obs.warehouse_batches == [current[("street", "gwent", period)].id]
        assert obs.origin == Observation.Origin.POLICE_UK


def test_refresh_reports_rows_in_no_bcu_per_month(refreshed):
    month = MONTHS[0]
    rows = rows_of(month, "street")
    no_location = sum(1 for r in rows if not r["LSOA name"])
    outside = sum(1 for r in rows if r["LSOA name"] and bcu_of(r["LSOA name"]) is None)
    unplaced = refreshed.unplaced[("street", month)]
    assert (unplaced.no_location, unplaced.outside_total) == (no_location, outside)
    assert unplaced.outside["Cardiff"] > 0


def test_refresh_again_replaces_the_values_and_is_audited(demo_plan, refreshed, full_warehouse):
    before = Observation.objects.count()
    again = refresh_measures(plan=demo_plan, warehouse_path=full_warehouse, by=None)
    assert again.deleted == before == Observation.objects.count() == 14 * 36 * 3
    assert AuditEvent.objects.filter(action="data.measures_refreshed").count() == 2


def test_missing_months_stay_missing(demo_plan, tmp_path, settings):
    source = tmp_path / "files"
    for month in ("2023-04", "2023-06"):  # 2023-05 is missing
        (source / month).mkdir(parents=True)
        for kind in ("street", "outcomes"):
            name = f"{month}/{month}-gwent-{kind}.csv.gz"
            shutil.copy(DEMO / name, source / name)
    path = tmp_path / "warehouse.duckdb"
    import_police_uk([source], warehouse_path=path, quiet=True)
    refresh_measures(plan=demo_plan, warehouse_path=path, by=None)
    assert sorted(values("PUK01")) == ["2023-04", "2023-06"]
    assert sorted(values("PUK13", "east")) == ["2023-04", "2023-06"]


def test_a_month_with_no_matching_row_is_zero_not_missing(demo_plan, full_warehouse):
    measure = demo_plan.measures.get(code="PUK02")
    measure.police_uk = {"dataset": "street", "statistic": "count", "crime_types": ["Nothing"]}
    measure.save()
    refresh_measures(plan=demo_plan, warehouse_path=full_warehouse, codes=["PUK02"], by=None)
    assert {o.value for o in values("PUK02", "east").values()} == {0.0}
    assert len(values("PUK02")) == 36


def test_rates_need_a_population_for_the_area_and_year(demo_plan, full_warehouse):
    measure = demo_plan.measures.get(code="PUK03")
    measure.police_uk = {**measure.police_uk, "statistic": "rate_per_1000"}
    measure.save()
    Population.objects.create(area="force", year=2024, population=600_000)
    report = refresh_measures(
        plan=demo_plan, warehouse_path=full_warehouse, codes=["PUK03"], by=None
    )
    force = values("PUK03")
    assert sorted(force) == [f"2024-{m:02d}" for m in range(1, 13)]
    robbery = sum(1 for r in rows_of("2024-03", "street") if r["Crime type"] == "Robbery")
    assert force["2024-03"].value == pytest.approx(robbery * 1000 / 600_000)
    assert force["2024-03"].denominator == 600_000
    assert values("PUK03", "east") == {}
    assert ("east", 2024) in report.measures[0].no_population
    assert "no rate where no population is loaded" in "\n".join(report.lines())


def test_command_refreshes_named_measures_and_reports(demo_plan, full_warehouse, settings):
    settings.WAREHOUSE_PATH = full_warehouse
    out = io.StringIO()
    call_command("measures", "refresh", "--measure", "PUK02", stdout=out)
    text = out.getvalue()
    assert "PUK02 [street]: 108 values, 36 months (2022-07..2025-06)" in text
    assert "street no location" in text and "Cardiff" in text
    assert set(Observation.objects.values_list("measure__code", flat=True)) == {"PUK02"}


def test_unknown_or_force_supplied_codes_are_refused(demo_plan, full_warehouse, settings):
    settings.WAREHOUSE_PATH = full_warehouse
    with pytest.raises(RefreshError, match="DA01, XX99"):
        refresh_measures(
            plan=demo_plan, warehouse_path=full_warehouse, codes=["XX99", "DA01"], by=None
        )
    with pytest.raises(CommandError):
        call_command("measures", "refresh", "--measure", "XX99", stdout=io.StringIO())
