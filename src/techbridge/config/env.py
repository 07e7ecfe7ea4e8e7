"""Typed readers for TECHBRIDGE_* environment variables.

Every setting an operator may change is declared in SETTINGS_DOC so the README table and
the code cannot drift apart (a test compares them).
"""

import os

from django.core.exceptions import ImproperlyConfigured

PREFIX = "TECHBRIDGE_"

# name -> (default shown to operators, description)
SETTINGS_DOC: dict[str, tuple[str, str]] = {}


def _register(name: str, default: object, doc: str) -> str | None:
    SETTINGS_DOC[name] = ("" if default is None else str(default), doc)
    return os.environ.get(PREFIX + name)


def env_str(name: str, default: str | None, doc: str) -> str | None:
    raw = _register(name, default, doc)
    return default if raw is None or raw == "" else raw


def env_bool(name: str, default: bool, doc: str) -> bool:
    raw = _register(name, default, doc)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, doc: str) -> int:
    raw = _register(name, default, doc)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be an integer, not {raw!r}") from error


def env_list(name: str, default: list[str], doc: str) -> list[str]:
    raw = _register(name, ",".join(default), doc)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]
