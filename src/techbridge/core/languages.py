"""Language codes as Django, Babel/CLDR and people write them."""

from babel import Locale
from django.conf import settings
from django.utils import translation

# Native names shown in the language switcher (never translated).
NATIVE_NAMES = {
    "zh-hans": "简体中文",
    "en": "English",
    "id": "Bahasa Indonesia",
    "ms": "Bahasa Melayu",
    "th": "ไทย",
    "vi": "Tiếng Việt",
    "my": "မြန်မာ",
    "km": "ខ្មែរ",
    "lo": "ລາວ",
    "fil": "Filipino",
}

_BABEL_CODES = {"zh-hans": "zh_Hans", "zh-hant": "zh_Hant"}


def ui_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def babel_locale(language_code: str | None = None) -> Locale:
    code = (language_code or translation.get_language() or settings.LANGUAGE_CODE).lower()
    try:
        return Locale.parse(_BABEL_CODES.get(code, code.replace("-", "_")))
    except (ValueError, LookupError):
        return Locale.parse("en")


def language_switcher_entries() -> list[dict[str, str]]:
    return [{"code": code, "native": NATIVE_NAMES[code]} for code in ui_language_codes()]
