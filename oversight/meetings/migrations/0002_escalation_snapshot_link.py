"""Escalations link to the snapshot they were proposed from instead of holding its id."""

import django.db.models.deletion
from django.db import migrations, models


def link_snapshots(apps, schema_editor):
    Escalation = apps.get_model("meetings", "Escalation")
    Snapshot = apps.get_model("performance", "Snapshot")
    existing = set(Snapshot.objects.values_list("pk", flat=True))
    for escalation in Escalation.objects.exclude(snapshot_ref=None):
        if escalation.snapshot_ref in existing:
            escalation.snapshot_id = escalation.snapshot_ref
            escalation.save(update_fields=["snapshot"])


def unlink_snapshots(apps, schema_editor):
    Escalation = apps.get_model("meetings", "Escalation")
    for escalation in Escalation.objects.exclude(snapshot=None):
        escalation.snapshot_ref = escalation.snapshot_id
        escalation.save(update_fields=["snapshot_ref"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_cycles_meetings_actions_escalations"),
        ("performance", "0001_snapshots_assessments_overrides"),
    ]

    operations = [
        migrations.AddField(
            model_name="escalation",
            name="snapshot",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="performance.snapshot",
            ),
        ),
        migrations.RunPython(link_snapshots, unlink_snapshots),
        migrations.RemoveField(model_name="escalation", name="snapshot_ref"),
    ]
