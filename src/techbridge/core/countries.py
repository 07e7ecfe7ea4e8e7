"""ISO 3166-1 countries with names in every UI language (CLDR via Babel)."""

from functools import cache

from babel import Locale

from techbridge.core.languages import babel_locale

CHINA = "CN"
ASEAN = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN")
FEATURED = (CHINA, *ASEAN)

# CLDR lists a few codes that are not ISO 3166-1 countries.
_NOT_COUNTRIES = {
    "EU",
    "EZ",
    "UN",
    "QO",
    "XA",
    "XB",
    "XK",
    "ZZ",
    "AC",
    "CP",
    "DG",
    "EA",
    "IC",
    "TA",
}


@cache
def country_codes() -> tuple[str, ...]:
    english = Locale.parse("en").territories
    return tuple(
        sorted(
            code
            for code in english
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
        )
    )


def is_country(code: str) -> bool:
    return code in country_codes()


def country_name(code: str, language_code: str | None = None) -> str:
    names = babel_locale(language_code).territories
    return names.get(code) or Locale.parse("en").territories.get(code, code)


def country_choices(language_code: str | None = None) -> list[tuple[str, str]]:
    """China and ASEAN first, then every other country by its local name."""
    featured = [(code, country_name(code, language_code)) for code in FEATURED]
    others = sorted(
        (
            (code, country_name(code, language_code))
            for code in country_codes()
            if code not in FEATURED
        ),
        key=lambda pair: pair[1],
    )
    return featured + others
