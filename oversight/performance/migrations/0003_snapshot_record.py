# The snapshot as the record (docs/adr/0007-snapshot-record.md): each measure's definition and
# the notes the Board saw are frozen beside the assessments, and the commentary thread moves
# here from the reports app (its table keeps its name).

import hashlib
import json

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _digest(data):
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def refuse_two_presented(apps, schema_editor):
    """A period may have one presented snapshot; say which periods have more, rather than fail."""
    Snapshot = apps.get_model("performance", "Snapshot")
    periods = {}
    for pk, period in Snapshot.objects.exclude(status="draft").values_list("pk", "period"):
        periods.setdefault(period, []).append(pk)
    twice = {p: ids for p, ids in periods.items() if len(ids) > 1}
    if twice:
        listed = "; ".join(f"{p}: snapshots {', '.join(map(str, ids))}" for p, ids in twice.items())
        raise RuntimeError(
            "Each period may have only one presented snapshot, and these have more: "
            f"{listed}. Decide which was shown to the Board before migrating."
        )


def freeze_existing(apps, schema_editor):
    """Give snapshots made before this migration a record: the definitions of their measures
    as they stand now (all that is known of them), marked so in the context. Their content
    hash is kept; `oversight snapshot verify` reports them as sealed before the record."""
    Snapshot = apps.get_model("performance", "Snapshot")
    SnapshotMeasure = apps.get_model("performance", "SnapshotMeasure")
    Measure = apps.get_model("plans", "Measure")
    for snapshot in Snapshot.objects.all():
        measure_ids = set(snapshot.assessments.values_list("measure_id", flat=True))
        rows = []
        for order, m in enumerate(
            Measure.objects.filter(pk__in=measure_ids).select_related("outcome__priority")
        ):
            rows.append(
                SnapshotMeasure(
                    snapshot=snapshot,
                    measure=m,
                    code=m.code,
                    order=order,
                    definition={
                        "code": m.code,
                        "name": m.name,
                        "description": m.description,
                        "version": m.version,
                        "unit": m.unit,
                        "improvement": m.improvement,
                        "source": m.source,
                        "target": m.target,
                        "rag_rule": m.rag_rule,
                        "rebases": m.rebases,
                        "owner": m.owner,
                        "daily_rate": m.daily_rate,
                        "breakdowns": m.breakdowns,
                        "is_sample": m.source == "force-supplied",
                        "priority": {
                            "code": m.outcome.priority.code,
                            "title": m.outcome.priority.title,
                            "order": m.outcome.priority.order,
                        },
                        "outcome": {
                            "code": m.outcome.code,
                            "title": m.outcome.title,
                            "order": m.outcome.order,
                        },
                        "order": m.order,
                    },
                )
            )
        SnapshotMeasure.objects.bulk_create(rows)
        Snapshot.objects.filter(pk=snapshot.pk).update(
            context={"sealed_before_the_record": True, "hash_before_the_record": snapshot.content_hash}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('performance', '0002_assessment_holds_series'),
        ('plans', '0003_measure_survey'),
        ('reports', '0001_commentary_theme_narratives'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table reports_commentary already exists: only Django's state moves.
            state_operations=[
                migrations.CreateModel(
                    name='Commentary',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('force_commentary', 'Force commentary'), ('scrutiny_question', 'Scrutiny question or note'), ('answer', 'Answer')], max_length=20)),
                        ('text', models.TextField()),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL)),
                        ('measure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commentary', to='plans.measure')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='performance.commentary')),
                        ('snapshot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='commentary', to='performance.snapshot')),
                    ],
                    options={
                        'verbose_name_plural': 'commentary',
                        'db_table': 'reports_commentary',
                        'ordering': ['measure', 'at', 'id'],
                        'constraints': [
                            models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='commentary_has_text'),
                            models.CheckConstraint(condition=models.Q(models.Q(('kind', 'answer'), ('parent__isnull', False)), models.Q(models.Q(('kind', 'answer'), _negated=True), ('parent__isnull', True)), _connector='OR'), name='only_answers_have_parents'),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name='SnapshotMeasure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=30)),
                ('order', models.PositiveIntegerField(default=0)),
                ('definition', models.JSONField()),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='frozen', to='plans.measure')),
                ('snapshot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='measures', to='performance.snapshot')),
            ],
            options={
                'ordering': ['snapshot', 'order', 'code'],
                'constraints': [models.UniqueConstraint(fields=('snapshot', 'code'), name='one_definition_a_measure')],
            },
        ),
        migrations.CreateModel(
            name='SnapshotNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('force_commentary', 'Force commentary'), ('scrutiny_question', 'Scrutiny question or note'), ('answer', 'Answer'), ('theme_findings', 'Theme findings')], max_length=20)),
                ('measure_code', models.CharField(blank=True, max_length=30)),
                ('theme_slug', models.SlugField(blank=True, max_length=60)),
                ('text', models.TextField()),
                ('recommendations', models.TextField(blank=True)),
                ('by_name', models.CharField(blank=True, max_length=200)),
                ('at', models.DateTimeField()),
                ('source', models.CharField(blank=True, max_length=60)),
                ('snapshot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='performance.snapshot')),
            ],
            options={
                'ordering': ['snapshot', 'kind', 'measure_code', 'theme_slug', 'at', 'id'],
            },
        ),
        migrations.AddField(
            model_name='assessment',
            name='digest',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='snapshot',
            name='context',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(refuse_two_presented, migrations.RunPython.noop),
        migrations.RunPython(freeze_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='snapshot',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'draft'), _negated=True), fields=('period',), name='one_presented_snapshot_per_period'),
        ),
    ]
