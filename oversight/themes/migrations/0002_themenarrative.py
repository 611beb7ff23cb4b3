# Theme narratives move here from the reports app; the table reports_themenarrative keeps its
# name, so only Django's state changes.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('performance', '0001_snapshots_assessments_overrides'),
        ('plans', '0003_measure_survey'),
        ('reports', '0001_commentary_theme_narratives'),
        ('themes', '0001_reviews_concerns'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ThemeNarrative',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('findings', models.TextField()),
                        ('recommendations', models.TextField(blank=True)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL)),
                        ('snapshot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='theme_narratives', to='performance.snapshot')),
                        ('theme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='narratives', to='plans.theme')),
                    ],
                    options={
                        'db_table': 'reports_themenarrative',
                        'ordering': ['theme', '-at', '-id'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
