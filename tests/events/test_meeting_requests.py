"""Meeting requests: ask, accept, decline, withdraw, caps, mutual, expiry and reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from techbridge.events import services_meetings as services
from techbridge.events.models import Meeting, MeetingRequest
from techbridge.events.tasks import brokerage_daily
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]
NOW = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def event():
    return BrokerageFactory(max_meetings=2, request_expiry_days=5, reminder_days=2).event


@pytest.fixture
def trio(event):
    return [
        RegistrationFactory(event=event, user__preferred_language=language)
        for language in ("en", "th", "vi")
    ]


def _ask(requester, receiver, message="Shall we meet?", now=NOW):
    return services.meeting_request_create(
        user=requester.user, requester=requester, receiver=receiver, message=message, now=now
    )


def test_request_accept_creates_a_meeting_and_mails_in_each_language(trio, outbox, worker):
    a, b, _c = trio
    request = _ask(a, b)
    meeting = services.meeting_request_accept(user=b.user, request=request)
    assert (meeting.person_a, meeting.person_b, meeting.mutual) == (a, b, False)
    assert MeetingRequest.objects.get().status == "accepted"
    worker()
    assert [m.to for m in outbox] == [[b.user.email], [a.user.email]]
    assert "Shall we meet?" in outbox[0].body
    assert outbox[1].subject != outbox[0].subject


def test_only_the_receiver_answers_only_the_requester_withdraws(trio):
    a, b, c = trio
    request = _ask(a, b)
    for user in (a.user, c.user, UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            services.meeting_request_accept(user=user, request=request)
    with pytest.raises(PermissionDenied):
        services.meeting_request_withdraw(user=b.user, request=request)
    services.meeting_request_withdraw(user=a.user, request=request)
    with pytest.raises(PermissionDenied):  # no longer pending
        services.meeting_request_accept(user=b.user, request=request)
    assert _ask(a, b).status == "pending"  # may ask again after withdrawing


def test_cannot_ask_twice_or_oneself_or_outsiders(event, trio):
    a, b, _c = trio
    _ask(a, b)
    with pytest.raises(ValidationError):
        _ask(a, b)
    with pytest.raises(PermissionDenied):
        _ask(a, a)
    with pytest.raises(PermissionDenied):
        _ask(a, RegistrationFactory(event=event, status="pending"))
    with pytest.raises(PermissionDenied):
        _ask(a, RegistrationFactory())  # another event


def test_asking_back_makes_a_mutual_meeting(trio):
    a, b, _c = trio
    first = _ask(a, b)
    again = _ask(b, a, message="Yes, and about cassava too.")
    assert again.pk == first.pk
    meeting = Meeting.objects.get()
    assert meeting.mutual and meeting.person_a == a
    assert "cassava" in MeetingRequest.objects.get().message
    with pytest.raises(ValidationError):
        _ask(a, b)


def test_decline_needs_a_listed_reason_and_text_for_other(trio, outbox, worker):
    a, b, _c = trio
    request = _ask(a, b)
    with pytest.raises(ValidationError) as error:
        services.meeting_request_decline(user=b.user, request=request, reason="bored")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_request_decline(user=b.user, request=request, reason="other")
    assert "text" in error.value.message_dict
    services.meeting_request_decline(
        user=b.user, request=request, reason="no_time", text="Fully booked on day one."
    )
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == ("declined", "no_time")
    worker()
    assert "Fully booked on day one." in outbox[-1].body


def test_caps_of_requester_and_receiver(event, trio):
    a, b, c = trio
    d = RegistrationFactory(event=event)
    services.meeting_request_accept(user=b.user, request=_ask(a, b))
    _ask(a, c)  # a: one meeting plus one pending request = the cap of 2
    with pytest.raises(ValidationError):
        _ask(a, d)
    # The receiver's cap: d is given one meeting only, and has it.
    BrokerageProfileFactory(registration=d, max_meetings=1)
    services.meeting_request_accept(user=d.user, request=_ask(c, d))
    with pytest.raises(ValidationError):
        _ask(b, d)
    # Accepting checks the caps again: b's cap is 2, b has 1; c has 1.
    request = _ask(b, c)
    services.meeting_request_accept(user=c.user, request=request)
    pending = MeetingRequest.objects.get(requester=a, receiver=c)
    with pytest.raises(ValidationError):  # c now has 2 meetings
        services.meeting_request_accept(user=c.user, request=pending)


def test_daily_run_reminds_once_in_the_receivers_language_then_expires(trio, outbox, worker):
    a, b, c = trio
    old = _ask(a, b, now=NOW - datetime.timedelta(days=3))
    fresh = _ask(a, c, now=NOW)
    worker()
    outbox.clear()
    assert services.meeting_requests_remind(now=NOW) == 1
    assert services.meeting_requests_remind(now=NOW + datetime.timedelta(hours=1)) == 0
    worker()
    assert [m.to for m in outbox] == [[b.user.email]]
    assert "2" in outbox[0].body  # expires in 2 days
    assert services.meeting_requests_expire(now=NOW + datetime.timedelta(days=1)) == 0
    outbox.clear()
    assert services.meeting_requests_expire(now=NOW + datetime.timedelta(days=2)) == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == ("expired", "pending")
    # The requester (English) hears that the request expired, once.
    assert services.meeting_requests_expire(now=NOW + datetime.timedelta(days=3)) == 0
    worker()
    assert [m.to for m in outbox] == [[a.user.email]]
    assert b.user.full_name in outbox[0].subject and "did not answer" in outbox[0].subject


def test_daily_task_runs_in_the_worker(trio, worker):
    a, b, _c = trio
    _ask(a, b, now=timezone.now() - datetime.timedelta(days=10))
    brokerage_daily.enqueue()
    worker()
    assert MeetingRequest.objects.get().status == "expired"


def test_daily_catalogue_run_chains_the_brokerage_run():
    from techbridge.catalog.tasks import DAILY_CHAIN

    assert "techbridge.events.tasks.brokerage_daily" in DAILY_CHAIN


# Pages


@pytest.fixture
def people(event):
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": RegistrationFactory(event=event).user,
        "other_participant": RegistrationFactory(event=event).user,
        "staff": UserFactory(is_staff=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_my_meetings_page(client_for, event, people, role):
    response = client_for(people[role]).get(reverse("events:meetings", args=[event.slug]))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in ("participant", "other_participant"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_request_page(client_for, event, people, role):
    receiver = event.registrations.get(user=people["other_participant"])
    url = reverse("events:request_meeting", args=[event.slug, receiver.pk])
    response = client_for(people[role]).get(url)
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "participant":
        assert response.status_code == 200
    else:  # outsiders, staff, and nobody asks themselves
        assert response.status_code == 403


def test_request_and_answer_through_the_pages(client_for, event, people):
    requester = event.registrations.get(user=people["participant"])
    receiver = event.registrations.get(user=people["other_participant"])
    client = client_for(requester.user)
    url = reverse("events:request_meeting", args=[event.slug, receiver.pk])
    response = client.post(url, {"message": "x" * 2001})
    assert response.status_code == 200 and "message" in response.context["form"].errors
    assert client.post(url, {"message": "Solar dryers?"}).status_code == 302
    request = MeetingRequest.objects.get()
    marketplace = client.get(reverse("events:marketplace", args=[event.slug]))
    assert b"Request sent" in marketplace.content
    # Nobody but the receiver may answer; a wrong action is a 404.
    for user, status in ((requester.user, 403), (UserFactory(), 403), (None, 302)):
        response = client_for(user).post(
            reverse("events:answer_request", args=[request.pk, "accept"])
        )
        assert response.status_code == status
        request.refresh_from_db()
        assert request.status == "pending"
    client = client_for(receiver.user)
    assert client.post(reverse("events:answer_request", args=[request.pk, "x"])).status_code == 404
    response = client.post(
        reverse("events:answer_request", args=[request.pk, "decline"]), {"reason": "nope"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "pending"
    client.post(reverse("events:answer_request", args=[request.pk, "accept"]))
    request.refresh_from_db()
    assert request.status == "accepted"
    page = client.get(reverse("events:meetings", args=[event.slug]))
    assert requester.user.full_name in page.content.decode()


def test_withdraw_through_the_page(client_for, event):
    request = MeetingRequestFactory(requester__event=event)
    client = client_for(request.requester.user)
    client.post(reverse("events:answer_request", args=[request.pk, "withdraw"]))
    request.refresh_from_db()
    assert request.status == "withdrawn"
