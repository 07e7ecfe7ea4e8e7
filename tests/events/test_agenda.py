"""Agendas: selector data, pages (both time zones), iCal, table sheets, check-in, final mail."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from techbridge.events import services_agenda, services_schedule
from techbridge.events.agenda import agenda_for_participant, table_sheet
from techbridge.events.ical import CalendarEntry, calendar, fold
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    EventFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]
START = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)  # 09:00 in Bangkok


@pytest.fixture
def setup():
    event = BrokerageFactory(
        event=EventFactory(kind="matchmaking", time_zone="Asia/Bangkok", title="Nanning B2B")
    ).event
    slots = [
        MeetingSlotFactory(
            event=event,
            starts_at=START + datetime.timedelta(minutes=30 * n),
            ends_at=START + datetime.timedelta(minutes=30 * n + 25),
        )
        for n in range(3)
    ]
    tables = [
        MeetingTableFactory(event=event, label="Table 7"),
        MeetingTableFactory(event=event, label="Online 1", video_link="https://meet.example.org/1"),
    ]
    a = RegistrationFactory(event=event, user__full_name="Li Wei", user__time_zone="Asia/Tokyo")
    b = RegistrationFactory(event=event, user__full_name="Sokha Chan")
    c = RegistrationFactory(event=event, user__full_name="Nguyen Ha")
    organisation = MembershipFactory(user=b.user, organisation__name="Mekong Agro").organisation
    BrokerageProfileFactory(registration=b, organisation=organisation)
    first = MeetingFactory(
        request__requester=a, request__receiver=b, request__message="Rice dryers; 1 t/day"
    )
    second = MeetingFactory(request__requester=c, request__receiver=a, mutual=True)
    MeetingFactory(request__requester=b, request__receiver=c)  # never scheduled
    first.slot, first.table = slots[1], tables[0]
    first.save()
    second.slot, second.table = slots[0], tables[1]
    second.save()
    return event, slots, tables, (a, b, c), (first, second)


def _publish(event, publication="preliminary"):
    services_schedule.schedule_publish(
        user=UserFactory(is_staff=True), event=event, publication=publication
    )


def test_agenda_selector_returns_plain_data_in_time_order(setup):
    _event, _slots, _tables, (a, b, _c), (first, second) = setup
    agenda = agenda_for_participant(registration=a)
    assert [m.meeting_id for m in agenda.meetings] == [second.pk, first.pk]
    item = agenda.meetings[1]
    assert (item.table, item.counterpart.name, item.counterpart.organisation) == (
        "Table 7",
        "Sokha Chan",
        "Mekong Agro",
    )
    assert item.message == "Rice dryers; 1 t/day" and item.requested_by_me
    assert agenda.meetings[0].video_link == "https://meet.example.org/1"
    assert agenda.preliminary and agenda.publication == "draft"
    assert agenda_for_participant(registration=b).unscheduled_count == 1


def test_table_sheet_has_a_row_per_slot(setup):
    event, _slots, tables, (_a, _b, _c), (first, _second) = setup
    sheet = table_sheet(event=event, table=tables[0])
    assert [row.meeting_id for row in sheet.rows] == [None, first.pk, None]
    assert (sheet.rows[1].person_a.name, sheet.rows[1].person_b.name) == ("Li Wei", "Sokha Chan")


@pytest.fixture
def people(setup):
    _event, _slots, _tables, (a, b, _c), _meetings = setup
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": a.user,
        "other_participant": b.user,
        "staff": UserFactory(is_staff=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_own_agenda_only_once_published(client_for, setup, people, role):
    event = setup[0]
    client = client_for(people[role])
    url = reverse("events:agenda", args=[event.slug])
    ical = reverse("events:agenda_ical", args=[event.slug])
    draft_expected = {"anonymous": 302}.get(role, 403)
    assert client.get(url).status_code == draft_expected
    assert client.get(ical).status_code == draft_expected
    _publish(event)
    published_expected = {"anonymous": 302, "participant": 200, "other_participant": 200}.get(
        role, 403
    )
    assert client.get(url).status_code == published_expected
    assert client.get(ical).status_code == published_expected


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_agenda_and_table_sheet_are_staff_only(client_for, setup, people, role):
    event, _slots, tables, (a, _b, _c), _meetings = setup
    _publish(event)
    client = client_for(people[role])
    expected = {"anonymous": 302, "staff": 200}.get(role, 403)
    other = a if role != "participant" else setup[3][2]
    assert (
        client.get(reverse("events:agenda_of", args=[event.slug, other.pk])).status_code == expected
    )
    assert (
        client.get(reverse("events:agenda_ical_of", args=[event.slug, other.pk])).status_code
        == expected
    )
    sheet = client.get(reverse("events:table_sheet", args=[event.slug, tables[0].pk]))
    assert sheet.status_code == expected
    if role == "staff":
        pdf = reverse("events:table_sheet_pdf", args=[event.slug, tables[0].pk])
        assert pdf in sheet.content.decode()


def test_agenda_page_shows_both_zones_and_preliminary_until_final(client_for, setup):
    event, _slots, _tables, (a, _b, _c), _meetings = setup
    _publish(event)
    client = client_for(a.user)
    page = client.get(reverse("events:agenda", args=[event.slug])).content.decode()
    assert 'id="preliminary"' in page
    assert re.search(r"9:30\W+AM \(Thailand Time\)", page)  # the event's zone
    assert re.search(r"Your time: 11/20/26, 11:30\W+AM", page)  # the reader's (Tokyo)
    assert "Table 7" in page and "Mekong Agro" in page and "Rice dryers" in page
    assert reverse("events:agenda_pdf", args=[event.slug]) in page
    assert reverse("events:agenda_ical", args=[event.slug]) in page
    _publish(event, "final")
    page = client.get(reverse("events:agenda", args=[event.slug])).content.decode()
    assert 'id="preliminary"' not in page


def test_ical_export_is_rfc5545_with_stable_uids(client_for, setup):
    event, _slots, _tables, (a, _b, _c), (first, _second) = setup
    _publish(event, "final")
    client = client_for(a.user)
    response = client.get(reverse("events:agenda_ical", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20261120T023000Z" in body and "DTEND:20261120T025500Z" in body
    assert f"UID:techbridge-meeting-{first.pk}@" in body
    assert "DESCRIPTION:Rice dryers\\; 1 t/day" in body
    assert "STATUS:CONFIRMED" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    again = client.get(reverse("events:agenda_ical", args=[event.slug])).content.decode()
    uids = [line for line in body.split("\r\n") if line.startswith("UID:")]
    assert uids == [line for line in again.split("\r\n") if line.startswith("UID:")]


def test_ical_folding_never_splits_a_character():
    line = "SUMMARY:" + "ประชุม" * 30
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    text = calendar(
        [
            CalendarEntry(
                uid="x@y",
                starts_at=START,
                ends_at=START + datetime.timedelta(minutes=30),
                summary="a,b",
                tentative=True,
            )
        ],
        now=START,
    )
    assert "SUMMARY:a\\,b" in text and "STATUS:TENTATIVE" in text


def test_check_in_by_staff_or_either_participant(setup):
    event, _slots, _tables, (a, b, c), (first, _second) = setup
    staff = UserFactory(is_staff=True)
    services_agenda.meeting_check_in(user=staff, meeting=first, outcome="held")
    with pytest.raises(PermissionDenied):  # participants only once published
        services_agenda.meeting_check_in(user=a.user, meeting=first, outcome="held")
    _publish(event)
    first.refresh_from_db()
    services_agenda.meeting_check_in(user=b.user, meeting=first, outcome="no_show")
    first.refresh_from_db()
    assert (first.check_in, first.checked_in_by) == ("no_show", b.user)
    for user in (c.user, UserFactory()):
        with pytest.raises(PermissionDenied):
            services_agenda.meeting_check_in(user=user, meeting=first, outcome="held")
    with pytest.raises(ValidationError):
        services_agenda.meeting_check_in(user=a.user, meeting=first, outcome="maybe")


@pytest.mark.parametrize("role", ROLES)
def test_check_in_page_permissions(client_for, setup, people, role):
    event, _slots, _tables, _regs, (first, _second) = setup
    _publish(event)
    response = client_for(people[role]).post(
        reverse("events:check_in", args=[first.pk]),
        {"check_in": "held", "next": "https://evil.example/"},
    )
    first.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and first.check_in == "unknown"
    elif role in ("participant", "other_participant", "staff"):
        assert response.status_code == 302 and first.check_in == "held"
        assert "evil" not in response["Location"]
    else:
        assert response.status_code == 403 and first.check_in == "unknown"


def test_final_publication_mails_each_participant_with_meetings(setup, outbox, worker):
    event, _slots, _tables, (a, b, c), _meetings = setup
    _publish(event, "final")
    worker()
    assert sorted(m.to[0] for m in outbox) == sorted([a.user.email, b.user.email, c.user.email])
    assert reverse("events:agenda", args=[event.slug]) in outbox[0].body
