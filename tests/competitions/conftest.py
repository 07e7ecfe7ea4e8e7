from tests.competitions.fixtures import no_embeddings, world  # noqa: F401
