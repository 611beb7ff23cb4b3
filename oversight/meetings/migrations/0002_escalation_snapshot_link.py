"""Escalations link to the snapshot they were proposed from instead of holding its id."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def link_snapshots(apps, schema_editor):
    Escalation = apps.get_model("meetings", "Escalation")
    Snapshot = apps.get_model("performance", "Snapshot")
    Escalation.objects.filter(snapshot_ref__in=Snapshot.objects.values("pk")).update(
        snapshot=F("snapshot_ref")
    )


def unlink_snapshots(apps, schema_editor):
    Escalation = apps.get_model("meetings", "Escalation")
    Escalation.objects.exclude(snapshot=None).update(snapshot_ref=F("snapshot"))


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
