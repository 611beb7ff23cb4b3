"""Snapshots: every cell rated with reasons, Grey for thin data, hashes, immutability, overrides."""

import io

import pytest
from django.db import IntegrityError

from oversight.accounts.models import AuditEvent
from oversight.data.models import Observation
from oversight.performance import demo, services
from oversight.performance.models import Assessment, RatingOverride, Snapshot, SnapshotFrozen
from oversight.performance.sample import (
    add_measure,
    add_series,
    build_plan,
    noisy_counts,
    personas,
)

pytestmark = pytest.mark.django_db

PERIOD = "2025-06"


@pytest.fixture
def people():
    return personas()


@pytest.fixture
def plan():
    plan = build_plan(bcus=("east", "west"))
    crime = add_measure(plan, "CRIME", breakdowns=["force", "bcu"], daily_rate=True)
    for i, area in enumerate(("force", "east", "west")):
        add_series(crime, noisy_counts(36, level=200, seed=i), start="2022-07", area=area)
    calls = add_measure(
        plan, "CALLS", unit="percentage", improvement="up", breakdowns=["force"],
        rag_rule={"basis": "spc_and_target"}, target=85, source="force-supplied",
    )  # fmt: skip
    add_series(calls, [88, 90, 87, 89, 91, 88] * 4, start="2023-07", is_sample=True)
    youth = add_measure(plan, "YOUTH", breakdowns=["force", "age_band"])
    add_series(youth, noisy_counts(24, level=40, seed=7), start="2023-07")
    add_series(youth, noisy_counts(24, level=15, seed=8), start="2023-07", breakdown="age:under-18")
    short = add_measure(plan, "SHORT", breakdowns=["force"])
    add_series(short, [5, 6, 7, 5, 6, 7], start="2025-01")
    stale = add_measure(plan, "STALE", breakdowns=["force"])
    add_series(stale, noisy_counts(24, seed=3), start="2023-02")  # ends 2025-01
    gappy = add_measure(plan, "GAPPY", breakdowns=["force"])
    values = noisy_counts(24, seed=4)
    for i in (13, 15, 17, 19):
        values[i] = None
    add_series(gappy, values, start="2023-07")
    retired = add_measure(plan, "OLD", status="retired", breakdowns=["force"])
    add_series(retired, noisy_counts(24, seed=5), start="2023-07")
    return plan


def cells(snapshot):
    return {(a.measure.code, a.area, a.breakdown): a for a in snapshot.assessments.all()}


def test_every_active_measure_and_area_gets_a_rating_with_a_reason(plan, people):
    snapshot = services.create_snapshot(period=PERIOD, by=people["chief_constables_team"])
    got = cells(snapshot)
    assert set(got) == {
        ("CRIME", "force", ""), ("CRIME", "east", ""), ("CRIME", "west", ""),
        ("CALLS", "force", ""), ("YOUTH", "force", ""), ("YOUTH", "force", "age:under-18"),
        ("SHORT", "force", ""), ("STALE", "force", ""), ("GAPPY", "force", ""),
    }  # fmt: skip
    for a in got.values():
        assert a.rating in {"red", "amber", "green", "grey"}
        assert len(a.reasons) >= 1 and a.headline
        assert a.period == PERIOD
    crime = got[("CRIME", "force", "")]
    assert crime.n_points == 36 and crime.spc["points"][-1]["period"] == PERIOD
    assert crime.spc["mean"] < 10  # charted as a daily rate
    assert crime.compstat["same_month_last_year"]["text"]
    assert got[("CALLS", "force", "")].is_sample
    assert snapshot.warehouse_batches == []


def test_thin_stale_or_gappy_series_are_grey_with_the_reason(plan):
    got = cells(services.create_snapshot(period=PERIOD, by=None))
    short, stale, gappy = (
        got[("SHORT", "force", "")],
        got[("STALE", "force", "")],
        got[("GAPPY", "force", "")],
    )
    assert short.rating == "grey" and "only 6 months of data" in short.reasons[0]
    assert stale.rating == "grey" and any("months old" in r for r in stale.reasons)
    assert gappy.rating == "grey" and any(
        "of the last 12 months missing" in r for r in gappy.reasons
    )


def test_a_measure_with_no_data_for_an_area_is_grey(plan):
    crime = plan.measures.get(code="CRIME")
    Observation.objects.filter(measure=crime, area="west").delete()
    west = cells(services.create_snapshot(period=PERIOD, by=None))[("CRIME", "west", "")]
    assert west.rating == "grey" and west.reasons[0] == "Grey: no data"
    assert west.value is None and west.spc is None


def test_the_default_period_is_the_latest_with_data(plan):
    assert services.create_snapshot(period=None, by=None).period == PERIOD


def test_the_hash_is_stable_for_the_same_inputs(plan):
    first = services.create_snapshot(period=PERIOD, by=None)
    second = services.create_snapshot(period=PERIOD, by=None)
    assert first.content_hash == second.content_hash
    assert len(first.content_hash) == 64
    assert services.verify(first) and services.verify(second)
    assert second.previous == first
    assert services.diff(second, first) == []


def test_the_hash_changes_when_an_observation_changes(plan):
    first = services.create_snapshot(period=PERIOD, by=None)
    Observation.objects.filter(measure__code="CRIME", area="east", period=PERIOD).update(value=999)
    second = services.create_snapshot(period=PERIOD, by=None)
    assert second.content_hash != first.content_hash
    changes = services.diff(second, first)
    assert any(
        c.kind == "value" and c.measure == "CRIME" and c.area == "east" and c.after == 999
        for c in changes
    )


def test_creating_a_snapshot_is_audited_with_its_hash(plan, people):
    snapshot = services.create_snapshot(period=PERIOD, by=people["commissioners_team"])
    event = AuditEvent.objects.get(action="snapshot.created", object_id=str(snapshot.pk))
    assert event.after["content_hash"] == snapshot.content_hash
    assert event.actor == people["commissioners_team"]


@pytest.fixture
def presented(plan, people):
    snapshot = services.create_snapshot(period=PERIOD, by=None)
    return services.mark_presented(snapshot=snapshot, by=people["chief_constables_team"])


def test_a_presented_snapshot_cannot_change_through_the_model(presented):
    presented.note = "edited"
    with pytest.raises(SnapshotFrozen):
        presented.save()
    with pytest.raises(SnapshotFrozen):
        Snapshot.objects.get(pk=presented.pk).delete()
    a = presented.assessments.first()
    a.rating = "green" if a.rating != "green" else "red"
    with pytest.raises(SnapshotFrozen):
        a.save()
    with pytest.raises(SnapshotFrozen):
        a.delete()


def test_a_presented_snapshot_cannot_change_through_querysets(presented):
    with pytest.raises(SnapshotFrozen):
        Snapshot.objects.filter(pk=presented.pk).update(note="edited")
    with pytest.raises(SnapshotFrozen):
        Snapshot.objects.filter(pk=presented.pk).delete()
    with pytest.raises(SnapshotFrozen):
        Assessment.objects.filter(snapshot=presented).update(rating="green")
    with pytest.raises(SnapshotFrozen):
        Assessment.objects.filter(snapshot=presented).delete()
    measure = presented.assessments.first().measure
    extra = Assessment(
        snapshot=presented, measure=measure, area="new", period=PERIOD, rating="green",
        headline="x", unit="count",
    )  # fmt: skip
    with pytest.raises(SnapshotFrozen):
        Assessment.objects.bulk_create([extra])
    with pytest.raises(SnapshotFrozen):
        extra.save()
    assert services.verify(Snapshot.objects.get(pk=presented.pk))


def test_a_presented_snapshot_cannot_change_through_services(presented, people):
    with pytest.raises(SnapshotFrozen):
        services.mark_presented(snapshot=presented, by=None)
    with pytest.raises(SnapshotFrozen):
        services.override_rating(
            assessment=presented.assessments.first(), rating="red",
            justification="too late", by=people["commissioners_team"],
        )  # fmt: skip
    assert not RatingOverride.objects.exists()


def test_publishing_is_the_one_change_a_presented_snapshot_allows(presented, people):
    published = services.publish(snapshot=presented, by=people["commissioners_team"])
    assert (
        published.status == "published" and published.published_by == people["commissioners_team"]
    )
    assert Snapshot.objects.get(pk=presented.pk).content_hash == presented.content_hash
    with pytest.raises(SnapshotFrozen):
        services.publish(snapshot=published, by=None)
    published.status = "draft"
    with pytest.raises(SnapshotFrozen):
        published.save()


def test_a_draft_must_be_presented_before_it_is_published(plan):
    draft = services.create_snapshot(period=PERIOD, by=None)
    with pytest.raises(ValueError, match="presented before"):
        services.publish(snapshot=draft, by=None)


def test_an_override_needs_a_justification(plan, people):
    a = services.create_snapshot(period=PERIOD, by=None).assessments.first()
    for text in ("", "   "):
        with pytest.raises(ValueError, match="justification"):
            services.override_rating(
                assessment=a, rating="red", justification=text, by=people["commissioners_team"]
            )
    with pytest.raises(IntegrityError):
        RatingOverride.objects.bulk_create(
            [
                RatingOverride(
                    assessment=a, rating="red", justification="", by=people["panel_member"]
                )
            ]
        )


def test_an_override_is_audited_and_leaves_the_assessment_as_frozen(plan, people):
    snapshot = services.create_snapshot(period=PERIOD, by=None)
    a = snapshot.assessments.get(measure__code="SHORT")
    override = services.override_rating(
        assessment=a, rating="amber", justification="Known recording backlog in May.",
        by=people["commissioners_team"],
    )  # fmt: skip
    a = Assessment.objects.get(pk=a.pk)
    assert a.rating == "grey" and a.effective_rating == "amber"
    assert services.verify(snapshot)
    event = AuditEvent.objects.get(action="assessment.overridden")
    assert event.actor == people["commissioners_team"]
    assert event.before["rating"] == "grey"
    assert event.after == {"rating": "amber", "justification": "Known recording backlog in May.",
                           "override": override.pk}  # fmt: skip
    with pytest.raises(SnapshotFrozen):
        override.save()
    with pytest.raises(SnapshotFrozen):
        RatingOverride.objects.filter(pk=override.pk).update(rating="red")


def test_diff_reports_rating_changes_and_new_rows(plan, people):
    first = services.create_snapshot(period=PERIOD, by=None)
    newer = add_measure(plan, "NEW", breakdowns=["force"])
    add_series(newer, noisy_counts(24, seed=9), start="2023-07")
    second = services.create_snapshot(period=PERIOD, by=None)
    services.override_rating(
        assessment=second.assessments.get(measure__code="SHORT"), rating="red",
        justification="Board asked for it", by=people["commissioners_team"],
    )  # fmt: skip
    kinds = {(c.kind, c.measure) for c in services.diff(second, first)}
    assert ("added", "NEW") in kinds
    assert ("rating", "SHORT") in kinds
    assert ("removed", "NEW") in {(c.kind, c.measure) for c in services.diff(first, second)}


def test_the_demo_step_leaves_a_presented_snapshot_and_a_newer_draft(plan):
    out = io.StringIO()
    for _ in range(2):  # safe to run twice
        demo.load(stdout=out)
        demo.present(stdout=out)
    presented = Snapshot.objects.filter(status="presented")
    drafts = Snapshot.objects.filter(status="draft")
    assert presented.count() == 1 and drafts.count() == 1
    assert drafts.get().pk > presented.get().pk
    assert "presented" in out.getvalue()


def test_a_documented_rebase_starts_new_limits(plan):
    from oversight.plans.models import Measure

    measure = add_measure(plan, "RB1", breakdowns=["force"])
    Measure.objects.filter(pk=measure.pk).update(
        rebases=[{"period": "2024-07", "reason": "recording change"}]
    )
    before = [50.0 + (i % 3) for i in range(12)]
    after = [600.0 + (i % 5) for i in range(12)]
    add_series(measure, before + after, start="2023-07")
    snapshot = services.create_snapshot(period=PERIOD, by=None)
    row = snapshot.assessments.get(measure=measure, area="force")
    assert [g["start_period"] for g in row.spc["groups"]] == ["2023-07", "2024-07"]
    assert row.rating != "red"
