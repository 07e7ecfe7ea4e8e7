"""Event times in the event's own zone, localised by CLDR (Babel) like every other date."""

import zoneinfo

from babel import dates
from django import template
from django.utils import timezone

from techbridge.core.languages import babel_locale
from techbridge.core.templatetags.l10n_babel import local_datetime

register = template.Library()


@register.filter
def in_zone(value, zone_name: str) -> str:
    """``{{ session.starts_at|in_zone:event.time_zone }}``: full date, time and the zone,
    e.g. "Friday, 25 December 2026 06:04 (China Time)"."""
    if value is None:
        return ""
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return local_datetime(value, "deadline")
    locale = babel_locale()
    moment = value.astimezone(zone) if timezone.is_aware(value) else value
    day = dates.format_date(moment, format="full", locale=locale)
    clock = dates.format_time(moment, format="short", tzinfo=zone, locale=locale)
    place = dates.get_timezone_location(zone, locale=locale)
    return f"{day} {clock} ({place})"
