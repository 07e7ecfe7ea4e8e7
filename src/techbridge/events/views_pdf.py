"""Personal agendas and table sheets as PDF (core/pdf.py), in the reader's language and time
zone. Same readers as the HTML pages: the agenda for its participant once published and for
staff; the table sheet for staff."""

import datetime
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

from babel import dates
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from techbridge.core.countries import country_name
from techbridge.core.languages import babel_locale
from techbridge.core.pdf import Document, pdf_response
from techbridge.events import rules
from techbridge.events.agenda import Agenda, Person, TableSheet, agenda_for_participant, table_sheet
from techbridge.events.enums import MeetingCheckIn, Publication
from techbridge.events.views_agenda import _registration as agenda_registration
from techbridge.events.views_brokerage import brokerage_event


class _Timed(Protocol):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


T = TypeVar("T", bound=_Timed)


def _zone_label(zone: datetime.tzinfo) -> str:
    try:
        return dates.get_timezone_location(zone, locale=babel_locale())
    except (LookupError, ValueError):
        return str(zone)


def _clock(value: datetime.datetime, zone: datetime.tzinfo) -> str:
    return dates.format_time(value.astimezone(zone), format="short", locale=babel_locale())


def _span(item: _Timed, zone: datetime.tzinfo) -> str:
    # A zero-width space after the dash lets a narrow column wrap "9:30 AM–" / "9:55 AM".
    return f"{_clock(item.starts_at, zone)}–\u200b{_clock(item.ends_at, zone)}"


def _by_day(items: Iterable[T], zone: datetime.tzinfo) -> Iterator[tuple[str, list[T]]]:
    """Items grouped by their day in ``zone``, with the day written out in the reader's
    language ("Friday, 20 November 2026")."""
    day: datetime.date | None = None
    group: list[T] = []
    for item in items:
        this = item.starts_at.astimezone(zone).date()
        if group and this != day:
            yield dates.format_date(day, format="full", locale=babel_locale()), group
            group = []
        day = this
        group.append(item)
    if group:
        yield dates.format_date(day, format="full", locale=babel_locale()), group


def _when(item: _Timed, zone: datetime.tzinfo, event_zone: datetime.tzinfo | None) -> str:
    """The time in the reader's zone, and below it in the event's zone when that differs."""
    when = _span(item, zone)
    if event_zone is not None and getattr(event_zone, "key", "") != getattr(zone, "key", None):
        when += "\n" + _("Event time: %(time)s") % {"time": _span(item, event_zone)}
    return when


def _who(person: Person | None) -> str:
    if person is None:
        return ""
    country = country_name(person.country) if person.country else ""
    details = [p for p in (person.organisation, country) if p]
    return "\n".join([person.name, " · ".join(details)]) if details else person.name


def _event_zone(name: str) -> datetime.tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _status(publication: str) -> str:
    if publication == Publication.DRAFT:
        return _("Not published")
    if publication == Publication.PRELIMINARY:
        return _("Preliminary")
    return ""


def agenda_document(*, agenda: Agenda, own: bool, zone: datetime.tzinfo) -> Document:
    """The agenda in the active language, times in ``zone`` (the reader's)."""
    name = agenda.participant.name
    title = _("My agenda") if own else _("Agenda of %(name)s") % {"name": name}
    language = translation.get_language() or "en"
    document = Document(title=title, language=language, subject=agenda.event_title)
    rows = [(_("Event"), agenda.event_title), (_("Participant"), _who(agenda.participant))]
    status = _status(agenda.publication)
    if status:
        rows.append((_("Status"), status))
    document.key_values(rows)
    document.paragraph(_("Times in %(zone)s.") % {"zone": _zone_label(zone)}, small=True)
    if agenda.preliminary and agenda.publication != Publication.DRAFT:
        document.paragraph(_("This schedule is preliminary: times and tables may still change."))
    if agenda.unscheduled_count:
        document.paragraph(
            ngettext(
                "%(count)s accepted meeting has no place in the schedule yet.",
                "%(count)s accepted meetings have no place in the schedule yet.",
                agenda.unscheduled_count,
            )
            % {"count": agenda.unscheduled_count},
            small=True,
        )
    if not agenda.meetings:
        document.paragraph(_("No meetings in the schedule for you yet."))
    event_zone = _event_zone(agenda.time_zone)
    for day, meetings in _by_day(agenda.meetings, zone):
        document.heading(day, level=2)
        table_rows = []
        for item in meetings:
            when = _when(item, zone, event_zone)
            where = "\n".join(p for p in (item.table, item.video_link) if p)
            who = _who(item.counterpart)
            if item.mutual:
                who += "\n" + _("Both asked")
            table_rows.append((when, where, who, item.message))
        document.table(
            (_("Time"), _("Table"), _("With"), _("Message")),
            table_rows,
            widths=(2.5, 2, 3, 4),
        )
    return document


def table_sheet_document(*, sheet: TableSheet, zone: datetime.tzinfo) -> Document:
    """The sheet for the table in the active language, one row per slot, times in ``zone``."""
    language = translation.get_language() or "en"
    title = f"{sheet.table} · {sheet.event_title}"
    document = Document(title=title, language=language, subject=sheet.event_title)
    rows = [(_("Event"), sheet.event_title), (_("Table"), sheet.table)]
    if sheet.video_link:
        rows.append((_("Video link"), sheet.video_link))
    document.key_values(rows)
    document.paragraph(_("Times in %(zone)s.") % {"zone": _zone_label(zone)}, small=True)
    labels = dict(MeetingCheckIn.choices)
    event_zone = _event_zone(sheet.time_zone)
    for day, slots in _by_day(sheet.rows, zone):
        document.heading(day, level=2)
        table_rows = []
        for row in slots:
            if row.meeting_id is None:
                table_rows.append((_when(row, zone, event_zone), _("Free"), "", ""))
                continue
            check_in = "" if row.check_in == MeetingCheckIn.UNKNOWN else labels[row.check_in]
            table_rows.append((_span(row, zone), _who(row.person_a), _who(row.person_b), check_in))
        document.table(
            (_("Time"), _("Participant"), _("Participant"), _("At the table")),
            table_rows,
            widths=(2.5, 4, 4, 2),
        )
    return document


@login_required
def agenda_pdf(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = brokerage_event(request, slug)
    registration = agenda_registration(request, event, pk)
    agenda = agenda_for_participant(registration=registration)
    own = registration.user_id == request.user.pk
    zone = timezone.get_current_timezone()
    document = agenda_document(agenda=agenda, own=own, zone=zone)
    suffix = "" if own else f"-{registration.pk}"
    return pdf_response(document, filename=f"{event.slug}-agenda{suffix}.pdf")


@login_required
def table_sheet_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = brokerage_event(request, slug)
    if not rules.can_manage_events(request.user):
        raise PermissionDenied
    table = get_object_or_404(event.meeting_tables, pk=pk)
    sheet = table_sheet(event=event, table=table)
    document = table_sheet_document(sheet=sheet, zone=timezone.get_current_timezone())
    return pdf_response(document, filename=f"{event.slug}-{table.label}.pdf")
