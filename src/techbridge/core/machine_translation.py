"""Pluggable machine translation. None by default; operators point it at a LibreTranslate
server or any OpenAI-compatible chat endpoint. Always called from the worker."""

import json
import urllib.request
from typing import Protocol

from django.conf import settings

TIMEOUT_SECONDS = 60
# Codes the common engines use where ours differ.
_ENGINE_CODES = {"zh-hans": "zh", "zh-hant": "zt", "fil": "tl"}
_LANGUAGE_NAMES = {
    "zh-hans": "Simplified Chinese",
    "en": "English",
    "id": "Indonesian",
    "ms": "Malay",
    "th": "Thai",
    "vi": "Vietnamese",
    "my": "Burmese (Unicode)",
    "km": "Khmer",
    "lo": "Lao",
    "fil": "Filipino",
}


class TranslationError(Exception):
    pass


class TranslationBackend(Protocol):
    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]: ...


def _post_json(url: str, payload: dict, headers: dict | None = None) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the operator configures this URL
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read().decode())
    except (OSError, ValueError) as error:
        raise TranslationError(str(error)) from error


class LibreTranslateBackend:
    def __init__(self, url: str, api_key: str = "") -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        payload = {
            "q": texts,
            "source": _ENGINE_CODES.get(source, source),
            "target": _ENGINE_CODES.get(target, target),
            "format": "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        body = _post_json(f"{self.url}/translate", payload)
        translated = body.get("translatedText")
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise TranslationError(f"unexpected answer: {str(body)[:200]}")
        return [str(text) for text in translated]


class OpenAICompatibleBackend:
    def __init__(self, url: str, api_key: str = "", model: str = "") -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.model = model

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        results = []
        for text in texts:
            body = _post_json(
                f"{self.url}/v1/chat/completions",
                {
                    "model": self.model,
                    "temperature": 0,
                    "messages": [
                        {
                            "role": "system",
                            "content": (
                                f"Translate the user's text from "
                                f"{_LANGUAGE_NAMES.get(source, source)} to "
                                f"{_LANGUAGE_NAMES.get(target, target)}. Keep numbers, names "
                                "and units. Answer with the translation only."
                            ),
                        },
                        {"role": "user", "content": text},
                    ],
                },
                headers,
            )
            try:
                results.append(body["choices"][0]["message"]["content"].strip())
            except (KeyError, IndexError, TypeError, AttributeError) as error:
                raise TranslationError(f"unexpected answer: {str(body)[:200]}") from error
        return results


def translation_backend() -> TranslationBackend | None:
    kind = settings.MT_BACKEND
    if kind == "libretranslate":
        return LibreTranslateBackend(settings.MT_URL, settings.MT_API_KEY)
    if kind == "openai":
        return OpenAICompatibleBackend(settings.MT_URL, settings.MT_API_KEY, settings.MT_MODEL)
    return None
