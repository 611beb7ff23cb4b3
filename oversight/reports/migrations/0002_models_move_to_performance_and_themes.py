# Commentary now belongs to the performance app and theme narratives to the themes app; their
# tables stay as they are, so only Django's state changes here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_commentary_theme_narratives'),
        ('performance', '0003_snapshot_record'),
        ('themes', '0002_themenarrative'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Commentary'),
                migrations.DeleteModel(name='ThemeNarrative'),
            ],
            database_operations=[],
        ),
    ]
