"""One validation for a membership application, from the form or the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from techbridge.catalog.models import Sector
from techbridge.catalog.validation import content_language_codes
from techbridge.core.countries import is_country
from techbridge.organisations.enums import OrganisationKind

CAPABILITIES_MAX = 5000


def application_clean(
    *,
    kind: str,
    capabilities: str,
    language: str,
    sectors: list[str],
    countries_served: list[str],
    charter_accepted: bool,
) -> dict:
    """Loose input → model values; raises ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    if kind not in OrganisationKind.values:
        errors["kind"] = [_("Choose a type.")]
    capabilities = (capabilities or "").strip()
    if not capabilities:
        errors["capabilities"] = [_("Describe what your organisation can offer.")]
    elif len(capabilities) > CAPABILITIES_MAX:
        errors["capabilities"] = [_("At most %(limit)d characters.") % {"limit": CAPABILITIES_MAX}]
    language = (language or "").strip().lower()
    if language not in content_language_codes():
        errors["language"] = [_("Unknown language code: %(code)s") % {"code": language}]
    codes = sorted({str(code).strip() for code in sectors or [] if str(code).strip()})
    found = list(Sector.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {sector.code for sector in found})
    if unknown:
        errors["sectors"] = [_("Unknown sector: %(code)s") % {"code": ", ".join(unknown)}]
    elif not found:
        errors["sectors"] = [_("Choose at least one sector.")]
    countries = sorted({str(code).strip().upper() for code in countries_served or []})
    bad = [code for code in countries if not is_country(code)]
    if bad:
        errors["countries_served"] = [
            _("Unknown country code: %(code)s") % {"code": ", ".join(bad)}
        ]
    elif not countries:
        errors["countries_served"] = [_("Choose at least one country.")]
    if not charter_accepted:
        errors["charter_accepted"] = [_("Members accept the alliance charter.")]
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "capabilities": capabilities,
        "language": language,
        "sectors": found,
        "countries_served": countries,
    }
