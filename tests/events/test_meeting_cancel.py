"""Calling off an accepted meeting before it takes place."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from techbridge.events import services_meetings as services
from techbridge.events.models import Meeting, MeetingRequest
from tests.factories import (
    BrokerageFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def accepted():
    event = BrokerageFactory(max_meetings=1).event
    a = RegistrationFactory(event=event, user__preferred_language="km")
    b = RegistrationFactory(event=event, user__preferred_language="en")
    request = services.meeting_request_create(
        user=a.user, requester=a, receiver=b, message="Dryers?", now=NOW
    )
    meeting = services.meeting_request_accept(user=b.user, request=request, now=NOW)
    # Tomorrow: the page decides with the real clock.
    starts = timezone.now() + datetime.timedelta(days=1)
    slot = MeetingSlotFactory(
        event=event, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=30)
    )
    meeting.slot, meeting.table = slot, MeetingTableFactory(event=event)
    meeting.save()
    return request, meeting, a, b


def test_cancel_frees_the_places_and_tells_the_other_in_their_language(accepted, outbox, worker):
    request, _meeting, a, b = accepted
    worker()
    outbox.clear()
    services.meeting_cancel(user=b.user, request=request, text="Flight changed.", now=NOW)
    request.refresh_from_db()
    assert (request.status, request.decline_text) == ("cancelled", "Flight changed.")
    assert Meeting.objects.count() == 0
    worker()
    assert [m.to for m in outbox] == [[a.user.email]]
    assert "Flight changed." in outbox[0].body
    assert b.user.full_name in outbox[0].subject
    # Both limits are free again: a (limit 1) may ask someone new.
    c = RegistrationFactory(event=a.event)
    services.meeting_request_create(user=a.user, requester=a, receiver=c, message="", now=NOW)
    assert MeetingRequest.objects.filter(status="pending").count() == 1


def test_cancel_only_by_a_participant_before_the_meeting(accepted):
    request, meeting, a, _b = accepted
    for user in (UserFactory(), UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            services.meeting_cancel(user=user, request=request, now=NOW)
    with pytest.raises(PermissionDenied):  # the slot has begun
        services.meeting_cancel(user=a.user, request=request, now=meeting.slot.starts_at)
    meeting.check_in = "held"
    meeting.save()
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(user=a.user, request=request, now=NOW)
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status", "left"),
    [("anonymous", 302, 1), ("outsider", 403, 1), ("staff", 403, 1), ("participant", 302, 0)],
)
def test_cancel_through_the_page(client_for, accepted, role, status, left):
    request, _meeting, a, _b = accepted
    user = {
        "anonymous": None,
        "outsider": UserFactory(),
        "staff": UserFactory(is_staff=True),
        "participant": a.user,
    }[role]
    client = client_for(user)
    if role == "participant":
        page = client.get(reverse("events:meetings", args=[a.event.slug])).content.decode()
        assert reverse("events:answer_request", args=[request.pk, "cancel"]) in page
    response = client.post(
        reverse("events:answer_request", args=[request.pk, "cancel"]), {"text": "Sorry."}
    )
    assert response.status_code == status
    assert Meeting.objects.count() == left
