"""Long listings are split into passages so a good sentence deep in a description can match."""

import re

MAX_CHARS = 500
_SENTENCE_END = re.compile(r"(?<=[.!?。！？।။។៕\n])\s*")


def split_passages(head: str, body: str = "", max_chars: int = MAX_CHARS) -> list[str]:
    """The first passage is the head (title and summary); the body follows in sentence-aligned
    chunks of at most about `max_chars` characters."""
    passages = [head.strip()] if head.strip() else []
    chunk = ""
    for sentence in _SENTENCE_END.split(body or ""):
        sentence = sentence.strip()
        if not sentence:
            continue
        if chunk and len(chunk) + len(sentence) + 1 > max_chars:
            passages.append(chunk)
            chunk = ""
        chunk = f"{chunk} {sentence}".strip() if chunk else sentence
        while len(chunk) > max_chars * 2:  # a run-on text without sentence ends
            passages.append(chunk[:max_chars])
            chunk = chunk[max_chars:]
    if chunk:
        passages.append(chunk)
    return passages
