from django.db import migrations


def create_vector_extension(apps, schema_editor):
    # PostgreSQL deployments keep embeddings in pgvector; SQLite uses the in-process index.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS vector")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_vector_extension, migrations.RunPython.noop)]
