import datetime
import threading
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from techbridge.events import services
from techbridge.events.admin import BoothForm
from techbridge.events.models import Event, Registration
from tests.factories import (
    BoothFactory,
    EventFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def register(user, event, **extra):
    data = {"participant_type": "provider", "attendance": "in_person", "answers": {}}
    data.update(extra)
    return services.registration_create(user=user, event=event, **data)


def test_registration_approved_at_once_without_approval():
    event = EventFactory()
    assert register(UserFactory(), event).status == "approved"


def test_registration_pending_when_staff_approve():
    event = EventFactory(requires_approval=True)
    assert register(UserFactory(), event).status == "pending"


def test_anonymous_inactive_and_unverified_users_cannot_register():
    from django.contrib.auth.models import AnonymousUser

    event = EventFactory()
    for user in (
        AnonymousUser(),
        UserFactory(email_verified_at=None),
        UserFactory(is_active=False),
    ):
        with pytest.raises(PermissionDenied):
            register(user, event)
    assert not Registration.objects.exists()


def test_full_event_puts_new_registrations_on_the_waiting_list():
    event = EventFactory(capacity=2)
    first, second, third, fourth = (register(UserFactory(), event) for _ in range(4))
    assert [r.status for r in (first, second, third, fourth)] == [
        "approved",
        "approved",
        "waiting",
        "waiting",
    ]


def test_cancellation_promotes_the_first_waiting_and_emails_them(worker, outbox):
    event = EventFactory(capacity=1, title="Smart city forum")
    seated = register(UserFactory(), event)
    first_waiting = register(UserFactory(preferred_language="th"), event)
    second_waiting = register(UserFactory(), event)
    services.registration_cancel(user=seated.user, registration=seated)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, second_waiting.status) == ("approved", "waiting")
    assert outbox == []  # sent by the worker, not in the request
    worker()
    assert [m.to for m in outbox] == [[first_waiting.user.email]]
    assert outbox[0].subject == "มีที่นั่งว่างสำหรับคุณใน Smart city forum"  # their language


def test_promotion_rolls_back_with_the_cancellation(worker, outbox):
    event = EventFactory(capacity=1)
    seated = register(UserFactory(), event)
    waiting = register(UserFactory(), event)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.registration_cancel(user=seated.user, registration=seated)
        raise RuntimeError
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    worker()
    assert outbox == []


def test_promoted_registration_is_pending_when_staff_approve():
    event = EventFactory(capacity=1, requires_approval=True)
    seated = register(UserFactory(), event)
    waiting = register(UserFactory(), event)
    staff = UserFactory(is_staff=True)
    services.registration_decide(user=staff, registration=seated, approve=False, reason="Full")
    waiting.refresh_from_db()
    assert waiting.status == "pending"


def test_cancelling_a_waiting_registration_promotes_nobody():
    event = EventFactory(capacity=1)
    register(UserFactory(), event)
    waiting = register(UserFactory(), event)
    later = register(UserFactory(), event)
    services.registration_cancel(user=waiting.user, registration=waiting)
    later.refresh_from_db()
    assert later.status == "waiting"


def test_only_the_participant_cancels_and_only_once():
    registration = RegistrationFactory()
    with pytest.raises(PermissionDenied):
        services.registration_cancel(user=UserFactory(), registration=registration)
    services.registration_cancel(user=registration.user, registration=registration)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(user=registration.user, registration=registration)


def test_one_registration_per_user_and_event():
    registration = RegistrationFactory()
    with pytest.raises(ValidationError, match="already registered"):
        register(registration.user, registration.event)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(user=registration.user, event=registration.event)


def test_cancelled_user_registers_again_on_the_same_row():
    registration = register(UserFactory(), EventFactory())
    services.registration_cancel(user=registration.user, registration=registration)
    again = register(registration.user, registration.event, attendance="online")
    assert again.pk == registration.pk
    assert (again.status, again.attendance) == ("approved", "online")


def test_the_service_locks_the_event_row_before_counting_seats():
    """The last seat cannot go twice: the event row is locked (SELECT … FOR UPDATE) and the
    seats are counted after the lock, in the same transaction."""
    event = EventFactory(capacity=5)
    calls = []
    original = QuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        calls.append((queryset.model, connection.in_atomic_block))
        return original(queryset, *args, **kwargs)

    from unittest.mock import patch

    with (
        patch.object(QuerySet, "select_for_update", spy),
        CaptureQueriesContext(connection) as queries,
    ):
        register(UserFactory(), event)
    assert (Event, True) in calls
    sql = [q["sql"] for q in queries]
    lock = next(i for i, s in enumerate(sql) if 'FROM "events_event"' in s)
    count = next(i for i, s in enumerate(sql) if "COUNT(" in s and "events_registration" in s)
    assert lock < count
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sql[lock]


@pytest.mark.django_db(transaction=True)
def test_two_registrations_racing_for_the_last_seat():
    event = EventFactory(capacity=2)
    register(UserFactory(), event)
    racers = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    errors = []

    def race(user):
        try:
            barrier.wait(timeout=10)
            register(user, Event.objects.get(pk=event.pk))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statuses = sorted(Registration.objects.filter(user__in=racers).values_list("status", flat=True))
    assert statuses == ["approved", "waiting"]


def test_deadline_is_in_the_events_time_zone():
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    deadline = datetime.datetime(2031, 5, 1, 17, 0, tzinfo=jakarta)  # 10:00 UTC
    event = EventFactory(
        time_zone="Asia/Jakarta",
        registration_deadline=deadline,
        starts_at=deadline + datetime.timedelta(days=5),
        ends_at=deadline + datetime.timedelta(days=6),
    )
    # 17:30 in Shanghai is 16:30 in Jakarta: still open, although it is past 17:00 there.
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    before = datetime.datetime(2031, 5, 1, 17, 30, tzinfo=shanghai)
    assert register(UserFactory(), event, now=before).status == "approved"
    after = datetime.datetime(2031, 5, 1, 10, 1, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError, match="closed"):
        register(UserFactory(), event, now=after)


def test_registration_closes_at_the_start_without_a_deadline():
    event = EventFactory(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="closed"):
        register(UserFactory(), event)


def test_answers_are_checked_field_by_field():
    event = EventFactory(venue="")  # online only
    company = RegistrationQuestionFactory(event=event, label="Company", required=True)
    sector = RegistrationQuestionFactory(
        event=event, label="Sector", kind="choice", options=["Energy", "Water"]
    )
    visa = RegistrationQuestionFactory(event=event, label="Visa?", kind="yes_no", required=True)
    with pytest.raises(ValidationError) as error:
        register(
            UserFactory(),
            event,
            participant_type="astronaut",
            attendance="in_person",
            answers={f"question_{sector.pk}": "Space", f"question_{visa.pk}": "maybe"},
        )
    assert set(error.value.message_dict) == {
        "participant_type",
        "attendance",
        f"question_{company.pk}",
        f"question_{sector.pk}",
        f"question_{visa.pk}",
    }
    registration = register(
        UserFactory(),
        event,
        attendance="online",
        answers={
            f"question_{company.pk}": " Thai Solar Co. ",
            f"question_{sector.pk}": "Water",
            f"question_{visa.pk}": "no",
        },
    )
    assert registration.answers == {
        str(company.pk): "Thai Solar Co.",
        str(sector.pk): "Water",
        str(visa.pk): "no",
    }


def test_staff_approve_and_reject_with_reason(worker, outbox):
    event = EventFactory(requires_approval=True)
    first = register(UserFactory(), event)
    second = register(UserFactory(), event)
    staff = UserFactory(is_staff=True)
    with pytest.raises(PermissionDenied):
        services.registration_decide(user=UserFactory(), registration=first, approve=True)
    with pytest.raises(ValidationError) as error:
        services.registration_decide(user=staff, registration=second, approve=False)
    assert "reason" in error.value.message_dict
    services.registration_decide(user=staff, registration=first, approve=True)
    services.registration_decide(user=staff, registration=second, approve=False, reason="Full")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.reason) == ("approved", "rejected", "Full")
    with pytest.raises(ValidationError, match="pending"):
        services.registration_decide(user=staff, registration=first, approve=False, reason="x")
    worker()
    assert sorted(m.to[0] for m in outbox) == sorted([first.user.email, second.user.email])
    assert any("Full" in m.body for m in outbox)


def test_booth_accepts_only_the_organisations_published_technologies():
    booth = BoothFactory()
    own = TechnologyFactory(organisation=booth.organisation)
    draft = TechnologyFactory(organisation=booth.organisation, status="draft")
    foreign = TechnologyFactory()
    data = {"organisation": booth.organisation.pk, "label": "A1"}
    assert BoothForm({**data, "technologies": [own.pk]}, instance=booth).is_valid()
    for technology in (draft, foreign):
        form = BoothForm({**data, "technologies": [technology.pk]}, instance=booth)
        assert not form.is_valid() and "technologies" in form.errors
