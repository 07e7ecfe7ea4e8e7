"""Dates, times and numbers formatted by CLDR for the reader's language and time zone.

Django's own format files miss several of our languages (lo, fil, km); Babel covers all.
"""

import datetime

from babel import dates, numbers
from django import template
from django.utils import timezone

from techbridge.core.countries import country_name
from techbridge.core.languages import NATIVE_NAMES, babel_locale

register = template.Library()


@register.filter
def local_number(value: object) -> str:
    if value is None or value == "":
        return ""
    return numbers.format_decimal(value, locale=babel_locale())


@register.filter
def local_date(value: datetime.date | datetime.datetime | None, style: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return dates.format_date(value, format=style, locale=babel_locale())


@register.filter
def local_datetime(value: datetime.datetime | None, style: str = "medium") -> str:
    if value is None:
        return ""
    zone = timezone.get_current_timezone()
    if timezone.is_aware(value):
        value = value.astimezone(zone)
    locale = babel_locale()
    if style == "deadline":
        # Full date, minutes and the zone's name: what people need to meet a deadline.
        day = dates.format_date(value, format="full", locale=locale)
        clock = dates.format_time(value, format="short", tzinfo=zone, locale=locale)
        name = dates.get_timezone_name(value, width="short", locale=locale)
        return f"{day} {clock} ({name})"
    return dates.format_datetime(value, format=style, tzinfo=zone, locale=locale)


@register.filter
def country(code: str) -> str:
    return country_name(code) if code else ""


@register.filter
def language_native(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


@register.filter
def localized(obj: object, field: str) -> object:
    """``{% with name=org|localized:"name" %}``: text in the reader's language, or original."""
    return obj.text_in(field)  # type: ignore[attr-defined]
