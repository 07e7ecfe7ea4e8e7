"""Feedback after a meeting, by each participant."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from techbridge.events.models import MeetingFeedback
from techbridge.events.services_agenda import meeting_feedback_record
from tests.factories import (
    BrokerageFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]


@pytest.fixture
def meeting():
    event = BrokerageFactory(publication="final").event
    start = timezone.now() + datetime.timedelta(days=1)
    slot = MeetingSlotFactory(
        event=event, starts_at=start, ends_at=start + datetime.timedelta(minutes=30)
    )
    meeting = MeetingFactory(
        request__requester=RegistrationFactory(event=event),
        request__receiver=RegistrationFactory(event=event),
    )
    meeting.slot, meeting.table = slot, MeetingTableFactory(event=event)
    meeting.save()
    return meeting


def test_feedback_once_held_or_over_by_each_participant(meeting):
    a, b = meeting.person_a.user, meeting.person_b.user
    with pytest.raises(PermissionDenied):  # not yet held, slot not over
        meeting_feedback_record(user=a, meeting=meeting, outcome="informative")
    later = meeting.slot.ends_at + datetime.timedelta(minutes=1)
    meeting_feedback_record(user=a, meeting=meeting, outcome="informative", now=later)
    meeting_feedback_record(
        user=a,
        meeting=meeting,
        outcome="cooperation_possible",
        comment="Pilot in Kampot",
        now=later,
    )
    meeting.check_in = "held"
    meeting.save()
    meeting_feedback_record(user=b, meeting=meeting, outcome="insufficient_interest")
    rows = dict(MeetingFeedback.objects.values_list("registration__user", "outcome"))
    assert rows == {a.pk: "cooperation_possible", b.pk: "insufficient_interest"}
    for user in (UserFactory(), UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            meeting_feedback_record(user=user, meeting=meeting, outcome="informative")
    with pytest.raises(ValidationError) as error:
        meeting_feedback_record(user=a, meeting=meeting, outcome="great", comment="x" * 2001)
    assert set(error.value.message_dict) == {"outcome", "comment"}


@pytest.mark.parametrize("role", ROLES)
def test_feedback_page_permissions(client_for, meeting, role):
    meeting.check_in = "held"
    meeting.save()
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": meeting.person_a.user,
        "other_participant": meeting.person_b.user,
        "staff": UserFactory(is_staff=True),
    }
    response = client_for(users[role]).get(reverse("events:feedback", args=[meeting.pk]))
    expected = {"anonymous": 302, "participant": 200, "other_participant": 200}.get(role, 403)
    assert response.status_code == expected


def test_feedback_through_the_page_and_the_agenda_link(client_for, meeting):
    meeting.check_in = "held"
    meeting.save()
    client = client_for(meeting.person_b.user)
    agenda = client.get(reverse("events:agenda", args=[meeting.event.slug]))
    assert b"Give feedback" in agenda.content
    url = reverse("events:feedback", args=[meeting.pk])
    response = client.post(url, {"outcome": "nope"})
    assert response.status_code == 200 and "outcome" in response.context["form"].errors
    response = client.post(url, {"outcome": "not_held", "comment": "They did not come."})
    assert response.status_code == 302
    feedback = MeetingFeedback.objects.get()
    assert (feedback.registration, feedback.outcome) == (meeting.person_b, "not_held")
    agenda = client.get(reverse("events:agenda", args=[meeting.event.slug]))
    assert b"Change my feedback" in agenda.content
