import re
import zoneinfo
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import UserFactory

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
UI_LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _catalogue(code: str):
    folder = "zh_Hans" if code == "zh-hans" else code
    with (LOCALE_DIR / folder / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


def test_ten_ui_languages_are_configured():
    assert UI_LANGUAGES == ["zh-hans", "en", "id", "ms", "th", "vi", "my", "km", "lo", "fil"]


@pytest.mark.parametrize("code", UI_LANGUAGES)
def test_catalogue_has_no_empty_or_fuzzy_entry(code):
    catalogue = _catalogue(code)
    assert not catalogue.fuzzy
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            problems.append(message.id)
    assert problems == []


@pytest.mark.parametrize("code", UI_LANGUAGES)
def test_catalogue_keeps_every_placeholder(code):
    problems = []
    for message in _catalogue(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = [set(PLACEHOLDER.findall(i)) for i in ids]
        for string in strings:
            if set(PLACEHOLDER.findall(string)) not in allowed:
                problems.append((message.id, string))
    assert problems == []


@pytest.mark.parametrize("code", [c for c in UI_LANGUAGES if c != "en"])
def test_ui_strings_are_really_translated(code):
    with translation.override(code):
        assert gettext("Sign in") != "Sign in"
        assert gettext("Organisations") != "Organisations"
        assert gettext("This field is required.") != "This field is required."


@pytest.mark.django_db
def test_language_switcher_sets_cookie_and_shows_thai(client):
    response = client.post(reverse("core:set_language"), {"language": "th", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "th"
    page = client.get("/").content.decode()
    with translation.override("th"):
        assert gettext("Organisations") in page
    assert '<html lang="th">' in page


@pytest.mark.django_db
def test_language_switcher_lists_native_names(client):
    page = client.get("/").content.decode()
    for native in ("简体中文", "ไทย", "Tiếng Việt", "မြန်မာ", "ខ្មែរ", "ລາວ", "Filipino"):
        assert native in page


@pytest.mark.django_db
def test_language_switch_is_saved_for_signed_in_user(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    client.post(reverse("core:set_language"), {"language": "km", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "km"


@pytest.mark.django_db
def test_language_switch_ignores_unknown_language_and_foreign_next(client):
    response = client.post(
        reverse("core:set_language"), {"language": "xx", "next": "https://evil.example.com/"}
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "1,234,567.5"), ("id", "1.234.567,5"), ("vi", "1.234.567,5"), ("th", "1,234,567.5")],
)
def test_local_number_follows_cldr(code, expected):
    with translation.override(code):
        rendered = Template("{{ value|local_number }}").render(Context({"value": 1234567.5}))
    assert rendered == expected


def test_local_datetime_uses_active_time_zone_and_language():
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    template = Template('{{ value|local_datetime:"short" }}')
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("Asia/Bangkok")):
        assert template.render(Context({"value": moment})) == "3/2/26, 6:30\u202fAM"
    with translation.override("zh-hans"), timezone.override(zoneinfo.ZoneInfo("Asia/Shanghai")):
        assert template.render(Context({"value": moment})) == "2026/3/2 07:30"


def test_country_names_are_localised():
    template = Template("{{ code|country }}")
    with translation.override("th"):
        assert template.render(Context({"code": "KH"})) == "กัมพูชา"
    with translation.override("zh-hans"):
        assert template.render(Context({"code": "TL"})) == "东帝汶"


SOURCE = Path(settings.PACKAGE_DIR)
TRANSLATE_TAG = re.compile(r"""\{%\s*translate\s+(["'])(.+?)\1""")
BLOCK = re.compile(
    r"\{%\s*blocktranslate\b[^%]*%\}(.*?)\{%\s*(?:plural|endblocktranslate)\s*%\}", re.S
)
PYTHON_CALL = re.compile(
    r"""\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*(["'])((?:\\.|(?!\1).)+?)\1\s*[,)]"""
)
VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _wrapped_strings() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.html"):
        text = path.read_text("utf-8")
        found |= {m.group(2) for m in TRANSLATE_TAG.finditer(text)}
        found |= {VARIABLE.sub(r"%(\1)s", m.group(1)) for m in BLOCK.finditer(text)}
    for path in SOURCE.rglob("*.txt"):
        text = path.read_text("utf-8")
        found |= {m.group(2) for m in TRANSLATE_TAG.finditer(text)}
        found |= {VARIABLE.sub(r"%(\1)s", m.group(1)) for m in BLOCK.finditer(text)}
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found |= {
            m.group(2).replace("\\'", "'") for m in PYTHON_CALL.finditer(path.read_text("utf-8"))
        }
    return found


def test_every_wrapped_string_is_in_the_catalogues():
    """Catches strings added to templates or code without running makemessages."""
    catalogue = _catalogue("en")
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    missing = sorted(s for s in _wrapped_strings() if s not in known)
    assert missing == []


def test_deadline_style_shows_full_date_minutes_and_offset():
    moment = datetime(2027, 1, 8, 20, 21, tzinfo=UTC)
    template = Template('{{ value|local_datetime:"deadline" }}')
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("Asia/Bangkok")):
        assert (
            template.render(Context({"value": moment}))
            == "Saturday, January 9, 2027 3:21\u202fAM (+0700)"
        )
