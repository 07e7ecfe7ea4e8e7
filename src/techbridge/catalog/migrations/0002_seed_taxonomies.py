from django.db import migrations


def seed(apps, schema_editor):
    from techbridge.catalog.taxonomy import taxonomy_seed

    taxonomy_seed(apps.get_model("catalog", "Sector"), apps.get_model("catalog", "SDGGoal"),
                  apps.get_model("catalog", "SDGTarget"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
