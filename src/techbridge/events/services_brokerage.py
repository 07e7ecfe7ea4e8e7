"""Writes for a brokerage's setup (rules, slots, tables) and participants' profiles."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.validation import content_language_codes
from techbridge.events import rules, rules_brokerage
from techbridge.events.models import (
    Brokerage,
    BrokerageProfile,
    Event,
    MeetingSlot,
    MeetingTable,
    Registration,
)
from techbridge.organisations.models import Organisation

MAX_TEXT = 4000
MAX_SLOTS_PER_DAY = 96


def _staff_only(user: User) -> None:
    if not rules.can_manage_events(user):
        raise PermissionDenied


@transaction.atomic
def brokerage_setup(
    *,
    user: User,
    event: Event,
    max_meetings: int,
    request_expiry_days: int,
    reminder_days: int,
) -> Brokerage:
    """Makes the event a brokerage event, or changes its rules."""
    _staff_only(user)
    errors = {}
    if not 1 <= max_meetings <= 100:
        errors["max_meetings"] = [_("Give a number from 1 to 100.")]
    if not 1 <= request_expiry_days <= 60:
        errors["request_expiry_days"] = [_("Give a number of days from 1 to 60.")]
    if not 1 <= reminder_days < max(request_expiry_days, 2):
        errors["reminder_days"] = [_("Remind at least one day before the request expires.")]
    if errors:
        raise ValidationError(errors)
    brokerage, _created = Brokerage.objects.update_or_create(
        event=event,
        defaults={
            "max_meetings": max_meetings,
            "request_expiry_days": request_expiry_days,
            "reminder_days": reminder_days,
        },
    )
    return brokerage


def _require_brokerage(event: Event) -> None:
    if not rules_brokerage.is_brokerage(event):
        raise ValidationError(_("Set up the brokerage of this event first."))


@transaction.atomic
def meeting_slots_generate(
    *,
    user: User,
    event: Event,
    day: datetime.date,
    start: datetime.time,
    end: datetime.time,
    minutes: int,
    breaks: list[tuple[datetime.time, datetime.time]] = (),
) -> list[MeetingSlot]:
    """Slots of `minutes` from start to end of a day in the event's zone, skipping breaks.
    Slots that already exist (same start) are kept, not doubled."""
    _staff_only(user)
    _require_brokerage(event)
    if not 5 <= minutes <= 240:
        raise ValidationError({"minutes": [_("A meeting lasts from 5 to 240 minutes.")]})
    if end <= start:
        raise ValidationError({"end": [_("The end is before the start.")]})
    zone = event.zone
    moment = datetime.datetime.combine(day, start, tzinfo=zone)
    day_end = datetime.datetime.combine(day, end, tzinfo=zone)
    pauses = [
        (
            datetime.datetime.combine(day, a, tzinfo=zone),
            datetime.datetime.combine(day, b, tzinfo=zone),
        )
        for a, b in breaks
    ]
    length = datetime.timedelta(minutes=minutes)
    existing = set(event.meeting_slots.values_list("starts_at", flat=True))
    created = []
    while moment + length <= day_end:
        pause = next((p for p in pauses if moment < p[1] and moment + length > p[0]), None)
        if pause is not None:
            moment = max(moment, pause[1])
            continue
        if moment not in existing:
            created.append(MeetingSlot(event=event, starts_at=moment, ends_at=moment + length))
        moment += length
        if len(created) > MAX_SLOTS_PER_DAY:
            raise ValidationError({"minutes": [_("That makes too many slots for one day.")]})
    if not created:
        raise ValidationError({"start": [_("No new slot fits between the start and the end.")]})
    for slot in created:
        overlapping = event.meeting_slots.filter(
            starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
        ).exists()
        if overlapping:
            raise ValidationError({"start": [_("These slots overlap slots that already exist.")]})
    return MeetingSlot.objects.bulk_create(created)


@transaction.atomic
def meeting_slot_delete(*, user: User, slot: MeetingSlot) -> None:
    _staff_only(user)
    if slot.meetings.exists():
        raise ValidationError(_("Meetings are scheduled in this slot: move them first."))
    slot.delete()


def _free_label(base: str, taken: set[str]) -> str:
    number = 1
    while f"{base} {number}" in taken:
        number += 1
    taken.add(f"{base} {number}")
    return f"{base} {number}"


@transaction.atomic
def meeting_tables_add(
    *, user: User, event: Event, count: int = 0, prefix: str = "", video_links: list[str] = ()
) -> list[MeetingTable]:
    """Adds `count` tables labelled "<prefix> <n>", and one online room per video link."""
    _staff_only(user)
    _require_brokerage(event)
    prefix = prefix.strip() or _("Table")
    links = [link.strip() for link in video_links if link.strip()]
    if not 0 <= count <= 500:
        raise ValidationError({"count": [_("Give a number from 0 to 500.")]})
    if not count and not links:
        raise ValidationError({"count": [_("Add at least one table or online room.")]})
    check = URLValidator(schemes=["https", "http"])
    for link in links:
        try:
            check(link)
        except ValidationError:
            raise ValidationError({"video_links": [_("Not a web address: %s") % link]}) from None
    labels = set(event.meeting_tables.values_list("label", flat=True))
    position = event.meeting_tables.count()
    rooms = [(prefix, "")] * count + [(_("Online room"), link) for link in links]
    tables = []
    for index, (base, link) in enumerate(rooms):
        label = _free_label(base, labels)
        tables.append(
            MeetingTable(event=event, label=label, video_link=link, position=position + index)
        )
    return MeetingTable.objects.bulk_create(tables)


@transaction.atomic
def meeting_table_delete(*, user: User, table: MeetingTable) -> None:
    _staff_only(user)
    if table.meetings.exists():
        raise ValidationError(_("Meetings are scheduled at this table: move them first."))
    table.delete()


def _listings(model, ids, organisation: Organisation | None, field: str, errors: dict) -> list:
    ids = {int(pk) for pk in ids}
    if not ids:
        return []
    found = list(
        model.objects.filter(
            pk__in=ids,
            status=Status.PUBLISHED,
            visibility=Visibility.PUBLIC,
            organisation=organisation,
        )
        if organisation is not None
        else []
    )
    if len(found) != len(ids):
        errors[field] = [_("Link only public, published listings of your organisation.")]
    return found


@transaction.atomic
def brokerage_profile_save(
    *,
    user: User,
    registration: Registration,
    offers: str,
    requests: str,
    language: str = "",
    organisation: Organisation | None = None,
    technology_ids=(),
    need_ids=(),
    unavailable_slot_ids=(),
) -> BrokerageProfile:
    """Saves a participant's offers, requests, linked listings and unavailable slots."""
    if not rules_brokerage.can_edit_profile(user, registration):
        raise PermissionDenied
    event = registration.event
    errors: dict[str, list[str]] = {}
    offers, requests = offers.strip(), requests.strip()
    for field, text in (("offers", offers), ("requests", requests)):
        if len(text) > MAX_TEXT:
            errors[field] = [_("Keep this under 4,000 characters.")]
    language = language or registration.user.preferred_language
    if language not in content_language_codes():
        errors["language"] = [_("Choose a language from the list.")]
    if organisation is not None and not (
        registration.user.memberships.filter(organisation=organisation).exists()
    ):
        errors["organisation"] = [_("Choose one of your organisations.")]
    technologies = _listings(Technology, technology_ids, organisation, "technologies", errors)
    needs = _listings(Need, need_ids, organisation, "needs", errors)
    slot_ids = {int(pk) for pk in unavailable_slot_ids}
    slots = list(event.meeting_slots.filter(pk__in=slot_ids))
    if len(slots) != len(slot_ids):
        errors["unavailable_slots"] = [_("Choose slots of this event.")]
    if errors:
        raise ValidationError(errors)
    profile, _created = BrokerageProfile.objects.get_or_create(registration=registration)
    profile.offers, profile.requests, profile.language = offers, requests, language
    profile.organisation = organisation
    profile.save()
    profile.technologies.set(technologies)
    profile.needs.set(needs)
    profile.unavailable_slots.set(slots)
    return profile


@transaction.atomic
def brokerage_profile_set_cap(
    *, user: User, registration: Registration, max_meetings: int | None
) -> BrokerageProfile:
    """Staff give one participant more (or fewer) meetings than the event's limit."""
    _staff_only(user)
    _require_brokerage(registration.event)
    if max_meetings is not None and not 0 <= max_meetings <= 100:
        raise ValidationError({"max_meetings": [_("Give a number from 0 to 100.")]})
    profile, _created = BrokerageProfile.objects.get_or_create(registration=registration)
    profile.max_meetings = max_meetings
    profile.save(update_fields=["max_meetings", "updated_at"])
    return profile


def meeting_cap(*, registration: Registration) -> int:
    """How many accepted meetings this participant may have."""
    profile = BrokerageProfile.objects.filter(registration=registration).first()
    if profile is not None and profile.max_meetings is not None:
        return profile.max_meetings
    return registration.event.brokerage.max_meetings
