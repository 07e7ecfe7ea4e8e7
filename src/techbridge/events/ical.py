"""iCalendar (RFC 5545) text for agendas: plain Python, no Django.

Times are written in UTC ("Z"), so every calendar program shows them in its own zone."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

PRODID = "-//techbridge//meeting agenda//EN"


@dataclass(frozen=True, kw_only=True)
class CalendarEntry:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    tentative: bool = False


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and line breaks are escaped (3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (3.1), never inside a
    UTF-8 sequence."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times need a time zone")
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(
    entries: Iterable[CalendarEntry], *, name: str = "", now: datetime.datetime | None = None
) -> str:
    stamp = utc_stamp(now or datetime.datetime.now(datetime.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(entry.starts_at)}",
            f"DTEND:{utc_stamp(entry.ends_at)}",
            f"SUMMARY:{escape_text(entry.summary)}",
            f"STATUS:{'TENTATIVE' if entry.tentative else 'CONFIRMED'}",
        ]
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
