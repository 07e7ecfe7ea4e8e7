"""Scheduling runs in the worker, locks and moves by hand, publication; the staff page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from techbridge.events import services_schedule as services
from techbridge.events.models import Meeting, ScheduleRun
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def hall():
    """Three slots, two tables, four people, five accepted meetings."""
    event = BrokerageFactory().event
    slots = [MeetingSlotFactory(event=event) for _n in range(3)]
    tables = [MeetingTableFactory(event=event) for _n in range(2)]
    people = [RegistrationFactory(event=event) for _n in range(4)]
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)]
    meetings = [
        MeetingFactory(
            request__requester=people[a], request__receiver=people[b], mutual=(a, b) == (0, 1)
        )
        for a, b in pairs
    ]
    return event, slots, tables, people, meetings


def _assert_valid(event):
    seen_tables, seen_people = set(), set()
    for meeting in Meeting.objects.filter(event=event, slot__isnull=False):
        assert (meeting.slot_id, meeting.table_id) not in seen_tables
        seen_tables.add((meeting.slot_id, meeting.table_id))
        for person in (meeting.person_a_id, meeting.person_b_id):
            assert (meeting.slot_id, person) not in seen_people
            seen_people.add((meeting.slot_id, person))


def test_run_in_the_worker_schedules_every_meeting_and_records_the_report(hall, staff, worker):
    event, slots, _tables, people, _meetings = hall
    BrokerageProfileFactory(registration=people[3]).unavailable_slots.set([slots[0]])
    run = services.schedule_run_start(user=staff, event=event, only_unscheduled=False)
    assert run.status == "queued"
    worker()
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert (run.meeting_count, run.scheduled_count) == (5, 5)
    assert run.scheduled_share == 1.0 and run.upper_bound == 5 and run.progress == 1.0
    assert run.idle_gaps is not None and run.solve_seconds >= 0 and run.finished_at
    _assert_valid(event)
    assert not Meeting.objects.filter(event=event, slot=slots[0], person_b=people[3]).exists()
    assert not Meeting.objects.filter(event=event, slot=slots[0], person_a=people[3]).exists()


def test_only_unscheduled_keeps_placed_and_locked_meetings(hall, staff, worker):
    event, slots, tables, _people, meetings = hall
    services.meeting_move(user=staff, meeting=meetings[4], slot=slots[2], table=tables[1])
    services.meeting_lock(user=staff, meeting=meetings[4], locked=True)
    services.schedule_run_start(user=staff, event=event, only_unscheduled=False)
    worker()
    meetings[4].refresh_from_db()
    assert (meetings[4].slot, meetings[4].table) == (slots[2], tables[1])
    placed = {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(event=event)}
    services.meeting_lock(user=staff, meeting=meetings[4], locked=False)
    new = MeetingFactory(
        request__requester=RegistrationFactory(event=event),
        request__receiver=RegistrationFactory(event=event),
    )
    services.schedule_run_start(user=staff, event=event, only_unscheduled=True)
    worker()
    after = {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(event=event)}
    assert {pk: after[pk] for pk in placed} == placed
    assert after[new.pk][0] is not None
    _assert_valid(event)


def test_run_fails_cleanly_when_locks_contradict_availability(hall, staff, worker):
    event, slots, tables, people, meetings = hall
    services.meeting_move(user=staff, meeting=meetings[0], slot=slots[0], table=tables[0])
    BrokerageProfileFactory(registration=people[0]).unavailable_slots.set([slots[0]])
    run = services.schedule_run_start(user=staff, event=event, only_unscheduled=False)
    worker()
    run.refresh_from_db()
    assert run.status == "failed" and str(meetings[0].pk) in run.error


def test_one_run_at_a_time_and_only_staff(hall, staff):
    event, *_rest = hall
    with pytest.raises(PermissionDenied):
        services.schedule_run_start(user=UserFactory(), event=event, only_unscheduled=False)
    services.schedule_run_start(user=staff, event=event, only_unscheduled=False)
    with pytest.raises(ValidationError):
        services.schedule_run_start(user=staff, event=event, only_unscheduled=False)


def test_run_needs_slots_and_tables(staff):
    event = BrokerageFactory().event
    with pytest.raises(ValidationError):
        services.schedule_run_start(user=staff, event=event, only_unscheduled=False)


def test_progress_is_saved_while_running(hall, staff):
    event, *_rest = hall
    run = ScheduleRun.objects.create(event=event)
    seen = []
    original = services._save_progress

    def spy(run_id):
        save = original(run_id)

        def report(fraction, stage):
            save(fraction, stage)
            seen.append(ScheduleRun.objects.get(pk=run_id).progress)

        return report

    services._save_progress = spy
    try:
        services.schedule_run_execute(run_id=run.pk, time_limit_seconds=2)
    finally:
        services._save_progress = original
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_move_by_hand_refuses_double_booking(hall, staff):
    _event, slots, tables, people, meetings = hall
    services.meeting_move(user=staff, meeting=meetings[0], slot=slots[0], table=tables[0])
    assert Meeting.objects.get(pk=meetings[0].pk).locked
    with pytest.raises(ValidationError) as error:  # same table, same slot
        services.meeting_move(user=staff, meeting=meetings[4], slot=slots[0], table=tables[0])
    assert "table" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # person 0 is already busy
        services.meeting_move(user=staff, meeting=meetings[1], slot=slots[0], table=tables[1])
    assert "slot" in error.value.message_dict
    BrokerageProfileFactory(registration=people[3]).unavailable_slots.set([slots[1]])
    with pytest.raises(ValidationError):
        services.meeting_move(user=staff, meeting=meetings[4], slot=slots[1], table=tables[1])
    other_slot = MeetingSlotFactory()
    with pytest.raises(ValidationError):
        services.meeting_move(user=staff, meeting=meetings[4], slot=other_slot, table=tables[1])
    with pytest.raises(PermissionDenied):
        services.meeting_move(
            user=people[0].user, meeting=meetings[4], slot=slots[2], table=tables[1]
        )
    with pytest.raises(ValidationError):  # not scheduled: nothing to lock
        services.meeting_lock(user=staff, meeting=meetings[3], locked=True)


def test_publication_goes_forward_and_final_queues_the_mail(hall, staff):
    event, *_rest = hall
    with pytest.raises(ValidationError):
        services.schedule_publish(user=staff, event=event, publication="draft")
    services.schedule_publish(user=staff, event=event, publication="preliminary")
    assert not DBTaskResult.objects.filter(task_path__endswith="agenda_final_notify").exists()
    services.schedule_publish(user=staff, event=event, publication="final")
    assert DBTaskResult.objects.filter(task_path__endswith="agenda_final_notify").exists()
    with pytest.raises(ValidationError):
        services.schedule_publish(user=staff, event=event, publication="preliminary")
    with pytest.raises(PermissionDenied):
        services.schedule_publish(user=UserFactory(), event=event, publication="final")


@pytest.fixture
def people(hall):
    _event, _slots, _tables, registrations, _meetings = hall
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": registrations[0].user,
        "other_participant": registrations[1].user,
        "staff": UserFactory(is_staff=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_schedule_pages_are_staff_only(client_for, hall, people, role):
    event = hall[0]
    run = ScheduleRun.objects.create(event=event)
    client = client_for(people[role])
    urls = [
        reverse("events:schedule", args=[event.slug]),
        reverse("events:schedule_run", args=[event.slug, run.pk]),
    ]
    for url in urls:
        response = client.get(url)
        expected = {"anonymous": 302, "staff": 200}.get(role, 403)
        assert response.status_code == expected
    response = client.post(
        reverse("events:schedule_action", args=[event.slug]), {"action": "run_all"}
    )
    assert response.status_code == {"anonymous": 302, "staff": 302}.get(role, 403)


def test_staff_page_runs_moves_locks_and_polls(
    client_for, hall, staff, worker, django_assert_max_num_queries
):
    event, _slots, _tables, _people, _meetings = hall
    client = client_for(staff)
    url = reverse("events:schedule_action", args=[event.slug])
    client.post(url, {"action": "run_all"})
    run = ScheduleRun.objects.get()
    fragment = client.get(reverse("events:schedule_run", args=[event.slug, run.pk]))
    assert b'hx-trigger="every 1s"' in fragment.content
    worker()
    fragment = client.get(reverse("events:schedule_run", args=[event.slug, run.pk]))
    assert b"hx-trigger" not in fragment.content and b"5 of 5" in fragment.content
    with django_assert_max_num_queries(12):
        page = client.get(reverse("events:schedule", args=[event.slug]))
    assert page.status_code == 200
    meeting = Meeting.objects.filter(event=event).first()
    client.post(url, {"action": "unlock", "meeting": str(meeting.pk)})
    client.post(url, {"action": "lock", "meeting": str(meeting.pk)})
    assert Meeting.objects.get(pk=meeting.pk).locked
    # Bad input: messages, never a 500.
    assert client.post(url, {"action": "move", "meeting": "x"}).status_code == 302
    assert (
        client.post(
            url, {"action": "move", "meeting": str(meeting.pk), "slot": "999999", "table": "1"}
        ).status_code
        == 302
    )
    assert client.post(url, {"action": "nonsense"}).status_code == 404
    client.post(url, {"action": "publish", "publication": "preliminary"})
    event.brokerage.refresh_from_db()
    assert event.brokerage.publication == "preliminary"


def test_online_participants_meet_in_online_rooms_tables_stay_on_site(staff, worker):
    event = BrokerageFactory().event
    slots = [MeetingSlotFactory(event=event) for _n in range(3)]
    table = MeetingTableFactory(event=event, label="Table 1")
    room = MeetingTableFactory(event=event, label="Room A", video_link="https://meet.example.org/a")
    ana, bao = (RegistrationFactory(event=event) for _n in range(2))
    chen = RegistrationFactory(event=event, attendance="online")
    on_site = MeetingFactory(request__requester=ana, request__receiver=bao)
    with_online = [
        MeetingFactory(request__requester=chen, request__receiver=person) for person in (ana, bao)
    ]
    services.schedule_run_start(user=staff, event=event, only_unscheduled=False)
    worker()
    run = ScheduleRun.objects.get()
    assert run.status == "done", run.error
    assert (run.meeting_count, run.scheduled_count, run.upper_bound) == (3, 3, 3)
    on_site.refresh_from_db()
    assert on_site.table == table
    for meeting in with_online:
        meeting.refresh_from_db()
        assert meeting.table == room and meeting.slot in slots
    _assert_valid(event)
