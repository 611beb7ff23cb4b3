"""`oversight assess` and `oversight snapshot`, run in-process on data built here."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from oversight.performance.models import Snapshot
from oversight.performance.sample import add_measure, add_series, build_plan, noisy_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = build_plan(bcus=("east", "west"))
    crime = add_measure(plan, "CRIME")
    for i, area in enumerate(("force", "east", "west")):
        add_series(crime, noisy_counts(30, level=80, seed=i), start="2023-01", area=area)
    return plan


def run(*args):
    out = io.StringIO()
    call_command(*[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_assess_json_has_the_documented_shape(plan):
    data = json.loads(run("assess", "--period", "2025-06", "--json"))
    assert data["snapshot"] == Snapshot.objects.get().pk
    assert data["period"] == "2025-06"
    assert len(data["hash"]) == 64
    assert len(data["assessments"]) == 3
    for row in data["assessments"]:
        assert {"measure", "area", "value", "rag", "reasons", "variation_icon",
                "assurance_icon", "compstat"} <= row.keys()  # fmt: skip
        assert row["rag"] in {"red", "amber", "green", "grey"}
        assert row["reasons"] and all(isinstance(r, str) for r in row["reasons"])
        assert set(row["compstat"]) == {"month", "same_month_last_year", "year_to_date",
                                        "rolling_12"}  # fmt: skip
    assert [r["area"] for r in data["assessments"]] == ["force", "east", "west"]


def test_assess_prints_a_table_with_the_snapshot_and_hash(plan):
    out = run("assess")
    snapshot = Snapshot.objects.get()
    assert f"Snapshot {snapshot.pk} for 2025-06" in out
    assert snapshot.content_hash in out


def test_assess_rejects_a_bad_period(plan):
    with pytest.raises(CommandError, match="YYYY-MM"):
        run("assess", "--period", "June")


def test_assess_without_data_says_so():
    with pytest.raises(CommandError, match="no observations"):
        run("assess")


def test_snapshot_list_diff_and_present(plan):
    first = json.loads(run("assess", "--json"))["snapshot"]
    second = json.loads(run("assess", "--json"))["snapshot"]
    listed = json.loads(run("snapshot", "list", "--json"))
    assert [r["snapshot"] for r in listed] == [second, first]
    diff = json.loads(run("snapshot", "diff", second, "--json"))
    assert diff == {"snapshot": second, "against": first, "changes": []}
    assert "0 changes" in run("snapshot", "diff", second, "--against", first)
    assert "presented" in run("snapshot", "present", first)
    with pytest.raises(CommandError, match="already"):
        run("snapshot", "present", first)
    # Publishing is a request and someone else's approval: `oversight publication`.
    with pytest.raises(CommandError, match="invalid choice"):
        run("snapshot", "publish", first)
    shown = json.loads(run("snapshot", "show", first, "--json"))
    assert shown["status"] == "presented" and len(shown["assessments"]) == 3


def test_snapshot_needs_an_existing_id(plan):
    with pytest.raises(CommandError, match="no snapshot 99"):
        run("snapshot", "show", 99)
