"""One validation for every way a listing arrives: form, API and bulk import.

`listing_clean` turns loose input (strings, lists, codes) into model values and raises a
ValidationError that maps each field to its messages.
"""

import datetime
import time

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from techbridge.catalog.enums import BudgetRange, HelpKind, IPStatus, TransferMode, Visibility
from techbridge.catalog.models import Need, SDGGoal, Sector, Technology
from techbridge.core.countries import is_country
from techbridge.core.languages import ui_language_codes

# Content may be written in more languages than the UI offers.
EXTRA_CONTENT_LANGUAGES = ("zh-hant", "ja", "ko", "fr", "de", "es", "pt", "ru", "ar", "hi")

COMMON_TEXT = {"title": 200, "contact_name": 150, "external_id": 64}
TECHNOLOGY_TEXT = {
    "summary": 600,
    "description": 20000,
    "problem": 5000,
    "benefits": 5000,
    "indicative_terms": 300,
    "reference_deployments": 5000,
}
NEED_TEXT = {
    "problem": 10000,
    "context": 5000,
    "desired_outcome": 5000,
    "constraints": 5000,
    "region": 120,
}
REQUIRED = {
    Technology: ("title", "summary", "description", "trl", "ip_status", "sectors", "language"),
    Need: ("title", "problem", "country", "sectors", "language", "help_kinds"),
}


_TAXONOMY_TTL_SECONDS = 60
_taxonomy_cache: dict = {"at": 0.0, "sectors": {}, "goals": {}}


def _taxonomy_maps() -> tuple[dict, dict]:
    """Code → pk maps, refreshed every minute: imports validate thousands of rows."""
    now = time.monotonic()
    if now - _taxonomy_cache["at"] > _TAXONOMY_TTL_SECONDS or not _taxonomy_cache["sectors"]:
        _taxonomy_cache["sectors"] = dict(Sector.objects.values_list("code", "pk"))
        _taxonomy_cache["goals"] = dict(SDGGoal.objects.values_list("number", "pk"))
        _taxonomy_cache["at"] = now
    return _taxonomy_cache["sectors"], _taxonomy_cache["goals"]


def content_language_codes() -> tuple[str, ...]:
    return (*ui_language_codes(), *EXTRA_CONTENT_LANGUAGES)


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        separators = value.replace(";", ",").replace("|", ",")
        return [item.strip() for item in separators.split(",") if item.strip()]
    return [str(item).strip() for item in value if str(item).strip()]


class _Collector:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _choices(errors, field, values, allowed, label) -> list[str]:
    bad = [value for value in values if value not in allowed]
    if bad:
        errors.add(
            field, _("Unknown %(what)s: %(values)s") % {"what": label, "values": ", ".join(bad)}
        )
    return [value for value in values if value in allowed]


def _countries(errors, field, values) -> list[str]:
    codes = [value.upper() for value in values]
    bad = [code for code in codes if not is_country(code)]
    if bad:
        errors.add(field, _("Unknown country codes: %(values)s") % {"values": ", ".join(bad)})
    return codes


def _clean_text(errors, data, cleaned, limits) -> None:
    for name, limit in limits.items():
        if name not in data:
            continue
        text = str(data[name] or "").strip()
        if len(text) > limit:
            errors.add(name, _("At most %(limit)s characters.") % {"limit": limit})
        cleaned[name] = text


def _clean_translations(errors, value, language, fields) -> dict:
    cleaned: dict = {}
    for code, entries in (value or {}).items():
        if code not in ui_language_codes():
            errors.add("translations", _("Unknown language code: %(code)s") % {"code": code})
            continue
        if code == language:
            errors.add("translations", _("A translation cannot be in the original language."))
            continue
        for name, text in (entries or {}).items():
            if name not in fields:
                errors.add(
                    "translations",
                    _("This field cannot be translated: %(field)s") % {"field": name},
                )
                continue
            entry = text if isinstance(text, dict) else {"text": text, "kind": "human"}
            if str(entry.get("text", "")).strip():
                kind = "machine" if entry.get("kind") == "machine" else "human"
                cleaned.setdefault(code, {})[name] = {
                    "text": str(entry["text"]).strip(),
                    "kind": kind,
                }
    return cleaned


def listing_clean(*, model, data: dict, partial: bool = False) -> tuple[dict, dict]:
    """Returns (field values, many-to-many values) or raises ValidationError by field."""
    errors = _Collector()
    cleaned: dict = {}
    relations: dict = {}
    if not partial:
        for name in REQUIRED[model]:
            value = data.get(name)
            if value is None or value == "" or value == []:
                errors.add(name, _("This field is required."))
    _clean_text(errors, data, cleaned, COMMON_TEXT)
    _clean_text(errors, data, cleaned, TECHNOLOGY_TEXT if model is Technology else NEED_TEXT)
    if data.get("language"):
        if data["language"] not in content_language_codes():
            errors.add(
                "language", _("Unknown language code: %(code)s") % {"code": data["language"]}
            )
        cleaned["language"] = data["language"]
    if "visibility" in data:
        cleaned["visibility"] = (
            _choices(
                errors,
                "visibility",
                [data["visibility"] or "public"],
                Visibility.values,
                _("visibility"),
            )
            or ["public"]
        )[0]
    if data.get("contact_email"):
        try:
            EmailValidator()(data["contact_email"])
        except ValidationError:
            errors.add("contact_email", _("Enter a valid email address."))
        cleaned["contact_email"] = str(data["contact_email"]).strip()
    if "valid_until" in data:
        cleaned["valid_until"] = _date(errors, "valid_until", data["valid_until"])
    if "sectors" in data:
        codes = _as_list(data["sectors"])
        known = _taxonomy_maps()[0]
        _choices(errors, "sectors", codes, known, _("sector"))
        relations["sectors"] = [known[c] for c in codes if c in known]
    if "sdgs" in data:
        numbers = []
        for item in _as_list(data["sdgs"]):
            try:
                numbers.append(int(str(item).upper().removeprefix("SDG").strip()))
            except ValueError:
                errors.add("sdgs", _("SDGs are numbers from 1 to 17."))
        known = _taxonomy_maps()[1]
        if any(n not in known for n in numbers):
            errors.add("sdgs", _("SDGs are numbers from 1 to 17."))
        relations["sdgs"] = [known[n] for n in numbers if n in known]
    if model is Technology:
        _technology_fields(errors, data, cleaned, relations)
    else:
        _need_fields(errors, data, cleaned)
    language = cleaned.get("language") or data.get("original_language", "")
    if "translations" in data:
        cleaned["translations"] = _clean_translations(
            errors, data["translations"], language, model.TRANSLATED_FIELDS
        )
    errors.raise_if_any()
    return cleaned, relations


def _date(errors, field, value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, _("Enter a date as YYYY-MM-DD."))
        return None


def _technology_fields(errors, data, cleaned, relations) -> None:
    if data.get("trl") not in (None, ""):
        try:
            trl = int(data["trl"])
            if not 1 <= trl <= 9:
                raise ValueError
            cleaned["trl"] = trl
        except (TypeError, ValueError):
            errors.add("trl", _("The readiness level is a whole number from 1 to 9."))
    if data.get("ip_status"):
        cleaned["ip_status"] = (
            _choices(errors, "ip_status", [data["ip_status"]], IPStatus.values, _("IP status"))
            or [""]
        )[0]
    if "transfer_modes" in data:
        relations["transfer_modes"] = _choices(
            errors,
            "transfer_modes",
            _as_list(data["transfer_modes"]),
            TransferMode.values,
            _("transfer mode"),
        )
    for name in ("countries_developed", "countries_deployed", "ip_jurisdictions"):
        if name in data:
            cleaned[name] = _countries(errors, name, _as_list(data[name]))
    if "patent_numbers" in data:
        cleaned["patent_numbers"] = _as_list(data["patent_numbers"])
    if "languages_spoken" in data:
        cleaned["languages_spoken"] = _choices(
            errors,
            "languages_spoken",
            _as_list(data["languages_spoken"]),
            content_language_codes(),
            _("language"),
        )
    if data.get("website"):
        website = str(data["website"]).strip()
        if "://" not in website:
            website = "https://" + website
        try:
            URLValidator()(website)
        except ValidationError:
            errors.add("website", _("Enter a valid URL."))
        cleaned["website"] = website
    elif "website" in data:
        cleaned["website"] = ""


def _need_fields(errors, data, cleaned) -> None:
    if data.get("country"):
        cleaned["country"] = (_countries(errors, "country", [str(data["country"])]) or [""])[0]
    if "help_kinds" in data:
        cleaned["help_kinds"] = _choices(
            errors, "help_kinds", _as_list(data["help_kinds"]), HelpKind.values, _("kind of help")
        )
    if data.get("budget_range"):
        cleaned["budget_range"] = (
            _choices(
                errors,
                "budget_range",
                [data["budget_range"]],
                BudgetRange.values,
                _("budget range"),
            )
            or ["unknown"]
        )[0]
    if "deadline" in data:
        cleaned["deadline"] = _date(errors, "deadline", data["deadline"])
