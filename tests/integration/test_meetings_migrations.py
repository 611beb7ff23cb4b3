"""Migrating escalations from a stored snapshot id to a link keeps every link that still holds."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0001_cycles_meetings_actions_escalations")]
AFTER = [("meetings", "0002_escalation_snapshot_link")]
# Snapshots as the database now holds them: only the meetings app is migrated back and forth.
SNAPSHOTS = [("performance", "0003_snapshot_record")]


@pytest.mark.django_db(transaction=True)
def test_escalations_keep_the_snapshot_they_named_and_its_label():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE + SNAPSHOTS).apps
    snapshot = old.get_model("performance", "Snapshot").objects.create(
        period="2026-09", content_hash="0" * 64
    )
    jpmg = old.get_model("meetings", "Meeting").objects.create(
        kind="jpmg", title="JPMG", date=date(2026, 10, 6)
    )
    Escalation = old.get_model("meetings", "Escalation")
    kept = Escalation.objects.create(
        jpmg=jpmg,
        source="red",
        snapshot_ref=snapshot.pk,
        snapshot_label=f"Snapshot {snapshot.pk} for 2026-09",
        reason="Red",
    )
    gone = Escalation.objects.create(
        jpmg=jpmg,
        source="red",
        snapshot_ref=snapshot.pk + 1000,
        snapshot_label="Snapshot deleted since",
        reason="Red",
    )
    raised = Escalation.objects.create(jpmg=jpmg, source="manual", reason="Raised")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("meetings", "Escalation")

    links = {e.pk: (e.snapshot_id, e.snapshot_label) for e in new.objects.all()}
    assert links == {
        kept.pk: (snapshot.pk, f"Snapshot {snapshot.pk} for 2026-09"),
        gone.pk: (None, "Snapshot deleted since"),
        raised.pk: (None, ""),
    }

    # Back again: the ids return from the links (the deleted snapshot's id is not known now).
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE + SNAPSHOTS).apps.get_model("meetings", "Escalation")
    refs = {e.pk: e.snapshot_ref for e in old.objects.all()}
    assert refs == {kept.pk: snapshot.pk, gone.pk: None, raised.pk: None}
    MigrationExecutor(connection).migrate(AFTER)
