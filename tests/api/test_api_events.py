"""/api/events: public events, my registrations, marketplace, meeting requests, my agenda."""

import pytest

from techbridge.api.services import api_token_create
from techbridge.events.models import Meeting, MeetingRequest
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    EventFactory,
    MeetingFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    RegistrationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "participant", "other_participant", "staff"]


def _bearer(user) -> dict:
    if user is None:
        return {}
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def event():
    return BrokerageFactory().event


@pytest.fixture
def people(event):
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": RegistrationFactory(event=event, user__full_name="Li Wei").user,
        "other_participant": RegistrationFactory(event=event, user__full_name="Sokha").user,
        "staff": UserFactory(is_staff=True),
    }


def test_events_are_public_but_unpublished_ones_only_for_staff(client, event):
    hidden = EventFactory(is_published=False)
    body = client.get("/api/events").json()
    slugs = [item["slug"] for item in body["items"]]
    assert event.slug in slugs and hidden.slug not in slugs
    assert client.get(f"/api/events/{event.slug}").json()["is_brokerage"] is True
    assert client.get(f"/api/events/{hidden.slug}").status_code == 404
    staff = _bearer(UserFactory(is_staff=True))
    assert client.get(f"/api/events/{hidden.slug}", **staff).status_code == 200


def test_my_registrations(client, event, people):
    assert client.get("/api/events/mine").status_code == 401
    body = client.get("/api/events/mine", **_bearer(people["participant"])).json()
    assert [(r["event_slug"], r["status"]) for r in body] == [(event.slug, "approved")]
    assert client.get("/api/events/mine", **_bearer(people["outsider"])).json() == []


@pytest.mark.parametrize("role", ROLES)
def test_participants_for_participants_and_staff(client, event, people, role):
    RegistrationFactory(event=event, status="pending")
    response = client.get(f"/api/events/{event.slug}/participants", **_bearer(people[role]))
    expected = {"anonymous": 401, "outsider": 403}.get(role, 200)
    assert response.status_code == expected
    if expected == 200:
        names = [item["name"] for item in response.json()["items"]]
        assert sorted(names) == ["Li Wei", "Sokha"]  # never the pending one


def test_participants_filters_and_query_count(client, event, people, django_assert_max_num_queries):
    for n in range(12):
        registration = RegistrationFactory(event=event, user__full_name=f"P{n:02}")
        BrokerageProfileFactory(registration=registration).technologies.set(
            [TechnologyFactory(title=f"Dryer {n}")]
        )
    headers = _bearer(people["participant"])
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/events/{event.slug}/participants", **headers).json()
    items = {item["name"]: item for item in body["items"]}
    assert body["count"] == 14 and items["P00"]["technologies"][0]["title"] == "Dryer 0"
    body = client.get(f"/api/events/{event.slug}/participants?q=Dryer 11", **headers).json()
    assert [item["name"] for item in body["items"]] == ["P11"]


@pytest.mark.parametrize("role", ROLES)
def test_meeting_requests_create_permissions(client, event, people, role):
    receiver = event.registrations.get(user=people["other_participant"])
    response = client.post(
        f"/api/events/{event.slug}/meeting-requests",
        {"receiver_id": receiver.pk, "message": "Meet?"},
        content_type="application/json",
        **_bearer(people[role]),
    )
    expected = {"anonymous": 401, "participant": 201}.get(role, 403)
    assert response.status_code == expected


def test_request_accept_decline_list_with_field_errors(client, event, people):
    a = event.registrations.get(user=people["participant"])
    b = event.registrations.get(user=people["other_participant"])
    url = f"/api/events/{event.slug}/meeting-requests"
    headers_a, headers_b = _bearer(a.user), _bearer(b.user)
    response = client.post(
        url, {"receiver_id": 999999}, content_type="application/json", **headers_a
    )
    assert response.status_code == 422 and "receiver_id" in response.json()["detail"]
    response = client.post(
        url,
        {"receiver_id": b.pk, "message": "x" * 2001},
        content_type="application/json",
        **headers_a,
    )
    assert response.status_code == 422 and "message" in response.json()["detail"]
    created = client.post(
        url, {"receiver_id": b.pk, "message": "Meet?"}, content_type="application/json", **headers_a
    ).json()
    assert [r["id"] for r in client.get(url, **headers_b).json()] == [created["id"]]
    accept = f"/api/events/meeting-requests/{created['id']}/accept"
    assert client.post(accept, **headers_a).status_code == 403  # only the receiver
    outsider = _bearer(UserFactory())
    assert client.post(accept, **outsider).status_code == 404
    assert client.post(accept, **headers_b).json()["status"] == "accepted"
    assert Meeting.objects.count() == 1
    second = RegistrationFactory(event=event)
    request = MeetingRequest.objects.create(event=event, requester=second, receiver=b)
    decline = f"/api/events/meeting-requests/{request.pk}/decline"
    response = client.post(decline, {"reason": "bad"}, content_type="application/json", **headers_b)
    assert response.status_code == 422 and "reason" in response.json()["detail"]
    response = client.post(
        decline, {"reason": "no_time"}, content_type="application/json", **headers_b
    )
    assert response.json()["status"] == "declined"


@pytest.mark.parametrize("role", ROLES)
def test_my_agenda_once_published(client, event, people, role):
    a = event.registrations.get(user=people["participant"])
    b = event.registrations.get(user=people["other_participant"])
    meeting = MeetingFactory(request__requester=a, request__receiver=b)
    meeting.slot, meeting.table = MeetingSlotFactory(event=event), MeetingTableFactory(event=event)
    meeting.save()
    url = f"/api/events/{event.slug}/agenda"
    headers = _bearer(people[role])
    expected = {"anonymous": 401}.get(role, 403)
    assert client.get(url, **headers).status_code == expected
    event.brokerage.publication = "preliminary"
    event.brokerage.save()
    response = client.get(url, **headers)
    expected = {"anonymous": 401, "participant": 200, "other_participant": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert body["preliminary"] is True
        assert body["meetings"][0]["table"] == meeting.table.label
