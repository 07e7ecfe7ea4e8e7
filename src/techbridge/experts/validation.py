"""One validation for expert profiles: form data and JSON become model values, or a
ValidationError keyed by field."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from techbridge.catalog.models import Sector
from techbridge.catalog.validation import content_language_codes
from techbridge.core.countries import is_country
from techbridge.core.languages import ui_language_codes
from techbridge.experts.enums import Availability, ProfileVisibility
from techbridge.organisations.models import Organisation

TEXT_LIMITS = {
    "name": 150,
    "headline": 200,
    "phone": 40,
    "expertise": 5000,
    "availability_note": 200,
}
MAX_KEYWORDS = 20
REQUIRED = ("name", "expertise", "language", "sectors")


def as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    return [str(item).strip() for item in value if str(item).strip()]


def expert_clean(*, data: dict, partial: bool = False) -> tuple[dict, list[Sector] | None]:
    """Returns (model values, sectors or None when not given)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    cleaned: dict = {}
    for name, limit in TEXT_LIMITS.items():
        if name in data:
            text = str(data[name] or "").strip()
            if len(text) > limit:
                add(name, _("At most %(limit)s characters.") % {"limit": limit})
            cleaned[name] = text
    if not partial:
        for name in REQUIRED:
            if not data.get(name):
                add(name, _("This field is required."))
    if data.get("email"):
        email = str(data["email"]).strip()
        try:
            validate_email(email)
        except ValidationError:
            add("email", _("Enter a valid e-mail address."))
        cleaned["email"] = email
    if data.get("language"):
        if data["language"] not in content_language_codes():
            add("language", _("Unknown language code: %(code)s") % {"code": data["language"]})
        cleaned["language"] = data["language"]
    if data.get("email_language"):
        if data["email_language"] not in ui_language_codes():
            add("email_language", _("Choose one of the platform's languages."))
        cleaned["email_language"] = data["email_language"]
    if "expertise_translations" in data:
        cleaned["expertise_translations"] = _translations(
            add, data["expertise_translations"], data.get("language", "")
        )
    if "keywords" in data:
        keywords = list(dict.fromkeys(word[:60] for word in as_list(data["keywords"])))
        if len(keywords) > MAX_KEYWORDS:
            add("keywords", _("At most %(limit)s keywords.") % {"limit": MAX_KEYWORDS})
        cleaned["keywords"] = keywords[:MAX_KEYWORDS]
    if "languages_spoken" in data:
        codes = as_list(data["languages_spoken"])
        bad = [code for code in codes if code not in content_language_codes()]
        if bad:
            add("languages_spoken", _("Unknown language code: %(code)s") % {"code": ", ".join(bad)})
        cleaned["languages_spoken"] = [code for code in codes if code not in bad]
    if "countries" in data:
        codes = [code.upper() for code in as_list(data["countries"])]
        bad = [code for code in codes if not is_country(code)]
        if bad:
            add("countries", _("Unknown country codes: %(values)s") % {"values": ", ".join(bad)})
        cleaned["countries"] = codes
    _choice(add, data, cleaned, "availability", Availability.values)
    _choice(add, data, cleaned, "visibility", ProfileVisibility.values)
    if "organisation" in data:
        slug = str(data["organisation"] or "").strip()
        organisation = Organisation.objects.filter(slug=slug).first() if slug else None
        if slug and organisation is None:
            add("organisation", _("No organisation has this identifier."))
        cleaned["organisation"] = organisation
    sectors = None
    if "sectors" in data:
        codes = as_list(data["sectors"])
        sectors = list(Sector.objects.filter(code__in=codes))
        bad = sorted(set(codes) - {sector.code for sector in sectors})
        if bad:
            add("sectors", _("Unknown sector: %(values)s") % {"values": ", ".join(bad)})
    if errors:
        raise ValidationError(errors)
    return cleaned, sectors


def _choice(add, data, cleaned, field, allowed) -> None:
    if data.get(field):
        if data[field] not in allowed:
            add(field, _("Choose one of the offered values."))
        cleaned[field] = data[field]


def _translations(add, value, language: str) -> dict:
    cleaned: dict[str, str] = {}
    if not isinstance(value, dict):
        add("expertise_translations", _("Give a map of language code to text."))
        return cleaned
    for code, text in value.items():
        if code not in ui_language_codes():
            add("expertise_translations", _("Unknown language code: %(code)s") % {"code": code})
        elif code == language:
            add("expertise_translations", _("A translation cannot be in the original language."))
        elif str(text or "").strip():
            cleaned[code] = str(text).strip()[:5000]
    return cleaned
