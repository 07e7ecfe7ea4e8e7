# ruff: noqa: F811 — the shared deal fixtures are imported by name
"""The deals API per role, with 422 field errors; same permissions as the pages."""

import pytest
from django.test import Client

from techbridge.api.services import api_token_create
from techbridge.deals import services, services_thread
from techbridge.deals.models import Deal
from tests.deals.fixtures import ANSWERS, deal, express, introduced, people  # noqa: F401
from tests.factories import TechnologyFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    if user is None:
        return Client()
    token = api_token_create(user=user, name="t")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(user, path, data=None):
    return _client(user).post(path, data or {}, content_type="application/json")


def _interest(people, **extra):
    return {
        "listing_kind": "technology",
        "listing_id": people.technology.pk,
        "organisation": people.interested_org.slug,
        **ANSWERS,
        **extra,
    }


def test_express_interest_over_api(people):
    response = _post(people.interested, "/api/deals", _interest(people))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "interest" and body["side"] == "interested"
    assert body["provider"]["name"] is None and body["provider"]["country"] == "CN"
    assert body["interested"]["name"] == "Mekong Foods JSC"


def test_express_interest_field_errors_are_422(people):
    response = _post(
        people.interested, "/api/deals", _interest(people, cooperation=[], who_we_are="")
    )
    assert response.status_code == 422
    assert set(response.json()["detail"]) == {"cooperation", "who_we_are"}
    other = _post(people.interested, "/api/deals", _interest(people, organisation="nope"))
    assert other.status_code == 422 and "organisation" in other.json()["detail"]
    assert not Deal.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("provider", 403), ("staff", 403), ("anonymous", 401)]
)
def test_express_interest_refused(people, role, status):
    assert _post(getattr(people, role), "/api/deals", _interest(people)).status_code == status


def test_unknown_listing_is_404(people):
    response = _post(people.interested, "/api/deals", _interest(people, listing_id=999999))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("outsider", 404),
        ("other_focal_point", 404),
        ("interested", 200),
        ("provider", 200),
        ("staff", 200),
        ("focal_point", 200),
    ],
)
def test_detail_per_role(people, deal, role, status):
    assert _client(getattr(people, role)).get(f"/api/deals/{deal.pk}").status_code == status


def test_lists_mine_and_waiting(people, deal):
    assert [d["id"] for d in _client(people.interested).get("/api/deals").json()["items"]] == [
        deal.pk
    ]
    assert _client(people.outsider).get("/api/deals").json()["count"] == 0
    waiting = _client(people.provider).get("/api/deals/waiting").json()
    assert [d["id"] for d in waiting["items"]] == [deal.pk]
    assert _client(people.interested).get("/api/deals/waiting").json()["count"] == 0


@pytest.mark.parametrize("count", [1, 5])
def test_list_query_count_is_constant(people, count, django_assert_max_num_queries):
    for _ in range(count):
        express(people, listing=TechnologyFactory(organisation=people.provider_org))
    client = _client(people.provider)
    with django_assert_max_num_queries(14):
        assert client.get("/api/deals").json()["count"] == count


@pytest.mark.parametrize(
    ("role", "status"),
    [("interested", 403), ("outsider", 404), ("focal_point", 403), ("provider", 200)],
)
def test_accept_per_role(people, deal, role, status):
    assert _post(getattr(people, role), f"/api/deals/{deal.pk}/accept").status_code == status


def test_accept_reveals_then_second_answer_is_422(people, deal):
    body = _post(people.provider, f"/api/deals/{deal.pk}/accept").json()
    assert body["interested"]["contact_email"] == "an@mekong-foods.example.org"
    again = _post(people.provider, f"/api/deals/{deal.pk}/accept")
    assert again.status_code == 422 and "__all__" in again.json()["detail"]
    seen = _client(people.interested).get(f"/api/deals/{deal.pk}").json()
    assert seen["provider"]["name"] == "Secret Provider Ltd"


def test_decline_needs_reason(people, deal):
    bad = _post(people.provider, f"/api/deals/{deal.pk}/decline", {"reason": "meh"})
    assert bad.status_code == 422 and "reason" in bad.json()["detail"]
    ok = _post(people.provider, f"/api/deals/{deal.pk}/decline", {"reason": "too_early"})
    assert ok.json()["stage"] == "declined"


def test_move_and_close(people, introduced):
    path = f"/api/deals/{introduced.pk}"
    illegal = _post(people.interested, f"{path}/move", {"stage": "transferred"})
    assert illegal.status_code == 422 and "stage" in illegal.json()["detail"]
    moved = _post(people.interested, f"{path}/move", {"stage": "meeting_held"})
    assert moved.json()["stage"] == "meeting_held"
    assert [step["stage"] for step in moved.json()["history"]] == [
        "interest",
        "introduced",
        "meeting_held",
    ]
    assert _post(people.outsider, f"{path}/move", {"stage": "negotiating"}).status_code == 404
    assert _post(people.focal_point, f"{path}/close", {"reason": "other"}).status_code == 403
    closed = _post(people.provider, f"{path}/close", {"reason": "other", "reason_text": "Budget"})
    assert closed.json()["stage"] == "closed"


def test_messages_per_role(people, deal):
    path = f"/api/deals/{deal.pk}/messages"
    early = _post(people.interested, path, {"body": "Hello?"})
    assert early.status_code == 422
    assert _client(people.interested).get(path).status_code == 403
    services.deal_accept(user=people.provider, deal=deal)
    assert _post(people.interested, path, {"body": "Hello"}).status_code == 201
    assert _post(people.provider, path, {"body": ""}).status_code == 422
    assert _post(people.staff, path, {"body": "Broker here"}).status_code == 403
    assert [m["body"] for m in _client(people.provider).get(path).json()] == ["Hello"]
    assert _client(people.staff).get(path).status_code == 200  # brokered: staff read
    assert _client(people.focal_point).get(path).status_code == 403
    assert _client(people.outsider).get(path).status_code == 404


def test_staff_cannot_read_unbrokered_thread(people):
    deal = express(people, listing=TechnologyFactory(organisation=people.provider_org))
    services.deal_accept(user=people.provider, deal=deal)
    services_thread.message_post(user=people.provider, deal=deal, body="Private")
    assert _client(people.staff).get(f"/api/deals/{deal.pk}/messages").status_code == 403
