"""Brokerage setup (rules, slots, tables) and participants' profiles: services and pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from techbridge.events import services_brokerage as services
from techbridge.events.models import Brokerage, MeetingSlot, MeetingTable
from tests.factories import (
    BrokerageFactory,
    EventFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MembershipFactory,
    NeedFactory,
    RegistrationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def brokerage():
    return BrokerageFactory(event=EventFactory(kind="matchmaking", time_zone="Asia/Bangkok"))


@pytest.fixture
def people(brokerage):
    event = brokerage.event
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": RegistrationFactory(event=event).user,
        "other_participant": RegistrationFactory(event=event).user,
        "staff": UserFactory(is_staff=True),
    }


def test_setup_turns_event_into_brokerage_and_checks_numbers(staff):
    event = EventFactory()
    with pytest.raises(PermissionDenied):
        services.brokerage_setup(
            user=UserFactory(), event=event, max_meetings=5, request_expiry_days=5, reminder_days=2
        )
    with pytest.raises(ValidationError) as error:
        services.brokerage_setup(
            user=staff, event=event, max_meetings=0, request_expiry_days=3, reminder_days=3
        )
    assert set(error.value.message_dict) == {"max_meetings", "reminder_days"}
    brokerage = services.brokerage_setup(
        user=staff, event=event, max_meetings=8, request_expiry_days=5, reminder_days=2
    )
    assert brokerage.max_meetings == 8 and brokerage.publication == "draft"
    services.brokerage_setup(
        user=staff, event=event, max_meetings=9, request_expiry_days=5, reminder_days=2
    )
    assert Brokerage.objects.get().max_meetings == 9


def test_slots_from_a_day_window_skip_breaks_in_the_event_zone(staff, brokerage):
    event = brokerage.event
    slots = services.meeting_slots_generate(
        user=staff,
        event=event,
        day=datetime.date(2026, 11, 20),
        start=datetime.time(9, 0),
        end=datetime.time(12, 0),
        minutes=30,
        breaks=[(datetime.time(10, 0), datetime.time(10, 15))],
    )
    starts = [s.starts_at.astimezone(event.zone).strftime("%H:%M") for s in slots]
    assert starts == ["09:00", "09:30", "10:15", "10:45", "11:15"]
    assert slots[0].starts_at.utcoffset() is None or slots[0].starts_at.hour == 9
    assert MeetingSlot.objects.get(pk=slots[0].pk).starts_at == datetime.datetime(
        2026, 11, 20, 2, 0, tzinfo=datetime.UTC
    )
    with pytest.raises(ValidationError):  # the same window again: nothing new
        services.meeting_slots_generate(
            user=staff,
            event=event,
            day=datetime.date(2026, 11, 20),
            start=datetime.time(9, 0),
            end=datetime.time(10, 0),
            minutes=30,
        )
    with pytest.raises(ValidationError) as error:  # overlapping other slots
        services.meeting_slots_generate(
            user=staff,
            event=event,
            day=datetime.date(2026, 11, 20),
            start=datetime.time(9, 10),
            end=datetime.time(9, 50),
            minutes=20,
        )
    assert "start" in error.value.message_dict


def test_slots_need_a_brokerage(staff):
    with pytest.raises(ValidationError):
        services.meeting_slots_generate(
            user=staff,
            event=EventFactory(),
            day=datetime.date(2026, 11, 20),
            start=datetime.time(9, 0),
            end=datetime.time(10, 0),
            minutes=30,
        )


def test_tables_and_online_rooms(staff, brokerage):
    event = brokerage.event
    services.meeting_tables_add(user=staff, event=event, count=3, prefix="Table")
    services.meeting_tables_add(
        user=staff, event=event, count=1, video_links=["https://meet.example.org/room-a"]
    )
    labels = list(event.meeting_tables.values_list("label", "video_link"))
    assert labels == [
        ("Table 1", ""),
        ("Table 2", ""),
        ("Table 3", ""),
        ("Table 4", ""),
        ("Online room 1", "https://meet.example.org/room-a"),
    ]
    with pytest.raises(ValidationError) as error:
        services.meeting_tables_add(user=staff, event=event, video_links=["not a link"])
    assert "video_links" in error.value.message_dict


def test_slot_or_table_with_a_meeting_cannot_be_deleted(staff, brokerage):
    meeting = MeetingFactory(request__requester__event=brokerage.event)
    slot = MeetingSlotFactory(event=brokerage.event)
    table = MeetingTable.objects.create(event=brokerage.event, label="T1")
    meeting.slot, meeting.table = slot, table
    meeting.save()
    with pytest.raises(ValidationError):
        services.meeting_slot_delete(user=staff, slot=slot)
    with pytest.raises(ValidationError):
        services.meeting_table_delete(user=staff, table=table)


def test_profile_links_only_own_public_published_listings(brokerage):
    registration = RegistrationFactory(event=brokerage.event)
    organisation = MembershipFactory(user=registration.user).organisation
    mine = TechnologyFactory(organisation=organisation)
    need = NeedFactory(organisation=organisation)
    foreign = TechnologyFactory()
    slot = MeetingSlotFactory(event=brokerage.event)
    profile = services.brokerage_profile_save(
        user=registration.user,
        registration=registration,
        organisation=organisation,
        language="th",
        offers="เครื่องอบแห้งพลังงานแสงอาทิตย์",
        requests="",
        technology_ids=[mine.pk],
        need_ids=[need.pk],
        unavailable_slot_ids=[slot.pk],
    )
    assert list(profile.technologies.all()) == [mine]
    assert list(profile.unavailable_slots.all()) == [slot]
    with pytest.raises(ValidationError) as error:
        services.brokerage_profile_save(
            user=registration.user,
            registration=registration,
            organisation=organisation,
            offers="",
            requests="",
            technology_ids=[foreign.pk],
            language="xx",
        )
    assert set(error.value.message_dict) == {"technologies", "language"}
    other = RegistrationFactory(event=brokerage.event)
    with pytest.raises(PermissionDenied):
        services.brokerage_profile_save(
            user=other.user, registration=registration, offers="", requests=""
        )


def test_cap_is_the_events_unless_staff_set_one(staff, brokerage):
    registration = RegistrationFactory(event=brokerage.event)
    assert services.meeting_cap(registration=registration) == 12
    with pytest.raises(PermissionDenied):
        services.brokerage_profile_set_cap(
            user=registration.user, registration=registration, max_meetings=20
        )
    services.brokerage_profile_set_cap(user=staff, registration=registration, max_meetings=20)
    assert services.meeting_cap(registration=registration) == 20


@pytest.mark.parametrize("role", ROLES)
def test_setup_page_is_staff_only(client_for, people, brokerage, role):
    url = reverse("events:brokerage_setup", args=[brokerage.event.slug])
    response = client_for(people[role]).get(url)
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_setup_page_saves_forms_with_field_errors(client_for, staff):
    event = EventFactory(time_zone="Asia/Shanghai")
    client = client_for(staff)
    url = reverse("events:brokerage_setup", args=[event.slug])
    response = client.post(
        url,
        {
            "form": "settings",
            "settings-max_meetings": "8",
            "settings-request_expiry_days": "5",
            "settings-reminder_days": "2",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "form": "slots",
            "slots-day": "2026-11-20",
            "slots-start": "09:00",
            "slots-end": "11:00",
            "slots-minutes": "30",
            "slots-breaks": "10:00-10:30",
        },
    )
    assert response.status_code == 302
    assert event.meeting_slots.count() == 3
    response = client.post(url, {"form": "slots", "slots-day": "x", "slots-breaks": "lunch"})
    assert response.status_code == 200
    assert set(response.context["slots_form"].errors) >= {"day", "breaks"}
    response = client.post(url, {"form": "tables", "tables-count": "4", "tables-prefix": "Desk"})
    assert response.status_code == 302
    assert event.meeting_tables.count() == 4
    slot = event.meeting_slots.first()
    client.post(url, {"form": "delete_slot", "pk": str(slot.pk)})
    assert event.meeting_slots.count() == 2
    assert client.post(url, {"form": "delete_slot", "pk": "abc"}).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_profile_page_permissions(client_for, people, brokerage, role):
    url = reverse("events:profile", args=[brokerage.event.slug])
    response = client_for(people[role]).get(url)
    if role == "anonymous":
        assert response.status_code == 302
    elif role in ("participant", "other_participant"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_profile_is_staff_only(client_for, people, brokerage, role):
    registration = brokerage.event.registrations.get(user=people["participant"])
    url = reverse("events:profile_of", args=[brokerage.event.slug, registration.pk])
    response = client_for(people[role]).get(url)
    if role == "anonymous":
        assert response.status_code == 302
    elif role in ("participant", "staff"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_profile_page_saves_and_shows_errors(client_for, brokerage):
    registration = RegistrationFactory(event=brokerage.event)
    organisation = MembershipFactory(user=registration.user).organisation
    technology = TechnologyFactory(organisation=organisation)
    client = client_for(registration.user)
    url = reverse("events:profile", args=[brokerage.event.slug])
    response = client.post(
        url,
        {
            "form": "profile",
            "organisation": str(organisation.pk),
            "language": "en",
            "offers": "Solar dryers",
            "technologies": [str(technology.pk)],
        },
    )
    assert response.status_code == 302
    assert list(registration.brokerage_profile.technologies.all()) == [technology]
    response = client.post(url, {"form": "profile", "language": "en", "technologies": ["999999"]})
    assert response.status_code == 200
    assert "technologies" in response.context["form"].errors
    # A participant cannot set their own limit.
    client.post(url, {"form": "cap", "max_meetings": "50"})
    registration.brokerage_profile.refresh_from_db()
    assert registration.brokerage_profile.max_meetings is None


def test_profile_of_event_without_brokerage_is_404(client_for):
    registration = RegistrationFactory()
    url = reverse("events:profile", args=[registration.event.slug])
    assert client_for(registration.user).get(url).status_code == 404
