import pytest
from django.test import Client

from techbridge.api.models import ApiToken
from techbridge.api.services import api_token_create
from techbridge.organisations.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "name": "Vientiane Biogas Works",
    "language": "lo",
    "kind": "enterprise",
    "country": "LA",
    "region": "Vientiane Capital",
    "name_translations": {"en": "Vientiane Biogas Works"},
}


def _bearer(user) -> dict:
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_me_with_token_returns_profile_and_memberships(client):
    membership = MembershipFactory(role="admin")
    response = client.get("/api/me", **_bearer(membership.user))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == membership.user.email
    assert body["memberships"] == [
        {
            "organisation_id": membership.organisation_id,
            "organisation_slug": membership.organisation.slug,
            "organisation_name": membership.organisation.name,
            "role": "admin",
        }
    ]


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer tb_wrong"}, {"HTTP_AUTHORIZATION": "Token abc"}],
)
def test_me_without_valid_token_is_401(client, headers):
    assert client.get("/api/me", **headers).status_code == 401


def test_revoked_token_stops_working(client):
    user = UserFactory()
    headers = _bearer(user)
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/me", **headers).status_code == 401


def test_token_of_deactivated_user_stops_working(client):
    user = UserFactory()
    headers = _bearer(user)
    user.is_active = False
    user.save()
    assert client.get("/api/me", **headers).status_code == 401


def test_me_update_bad_time_zone_is_field_error(client):
    user = UserFactory()
    response = client.patch(
        "/api/me", {"time_zone": "Mars/Base"}, content_type="application/json", **_bearer(user)
    )
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["time_zone"]
    user.refresh_from_db()
    assert user.time_zone == "Asia/Bangkok"


def test_me_update_language(client):
    user = UserFactory()
    response = client.patch(
        "/api/me", {"preferred_language": "my"}, content_type="application/json", **_bearer(user)
    )
    assert response.status_code == 200
    assert response.json()["preferred_language"] == "my"


def test_organisation_list_is_public_paginated_and_filtered(client):
    OrganisationFactory(country="LA")
    OrganisationFactory(country="MM")
    response = client.get("/api/organisations", {"country": "la"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["country"] == "LA"


@pytest.mark.parametrize("count", [1, 4])
def test_organisation_list_query_count_is_constant(client, django_assert_num_queries, count):
    for _n in range(count):
        MembershipFactory()
    with django_assert_num_queries(2):
        client.get("/api/organisations")


def test_organisation_list_never_contains_member_emails(client):
    membership = MembershipFactory()
    assert membership.user.email not in client.get("/api/organisations").content.decode()


def test_organisation_create_with_token(client):
    user = UserFactory()
    response = client.post(
        "/api/organisations", ORGANISATION, content_type="application/json", **_bearer(user)
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "vientiane-biogas-works"
    assert Organisation.objects.get().memberships.get().user == user


def test_organisation_create_anonymous_is_401(client):
    response = client.post("/api/organisations", ORGANISATION, content_type="application/json")
    assert response.status_code == 401
    assert Organisation.objects.count() == 0


def test_organisation_create_unverified_is_403(client):
    user = UserFactory(email_verified_at=None)
    response = client.post(
        "/api/organisations", ORGANISATION, content_type="application/json", **_bearer(user)
    )
    assert response.status_code == 403


def test_organisation_create_bad_fields_are_field_errors(client):
    response = client.post(
        "/api/organisations",
        {**ORGANISATION, "country": "ZZ", "kind": "club"},
        content_type="application/json",
        **_bearer(UserFactory()),
    )
    assert response.status_code == 422
    assert set(response.json()["detail"]) == {"country", "kind"}


def test_organisation_create_missing_field_is_422_not_500(client):
    response = client.post(
        "/api/organisations",
        {"name": "x"},
        content_type="application/json",
        **_bearer(UserFactory()),
    )
    assert response.status_code == 422


ROLE_STATUS_PATCH = {"outsider": 403, "member": 403, "focal_point": 403, "admin": 200, "staff": 200}
ROLE_STATUS_MEMBERS = {
    "outsider": 403,
    "other_focal_point": 403,
    "member": 200,
    "admin": 200,
    "focal_point": 200,
    "staff": 200,
}


@pytest.mark.parametrize(("role", "status"), ROLE_STATUS_PATCH.items())
def test_organisation_patch_permissions(roles, organisation, role, status):
    response = Client().patch(
        f"/api/organisations/{organisation.slug}",
        {"region": "Khon Kaen"},
        content_type="application/json",
        **_bearer(roles[role]),
    )
    assert response.status_code == status
    organisation.refresh_from_db()
    assert (organisation.region == "Khon Kaen") is (status == 200)


@pytest.mark.parametrize(("role", "status"), ROLE_STATUS_MEMBERS.items())
def test_organisation_members_permissions(roles, organisation, role, status):
    response = Client().get(
        f"/api/organisations/{organisation.slug}/members", **_bearer(roles[role])
    )
    assert response.status_code == status
    if status == 200:
        assert {m["email"] for m in response.json()} == {
            roles["admin"].email,
            roles["member"].email,
        }


def test_organisation_members_anonymous_is_401(client, organisation):
    assert client.get(f"/api/organisations/{organisation.slug}/members").status_code == 401


def test_join_request_via_api(client, organisation):
    user = UserFactory()
    response = client.post(
        f"/api/organisations/{organisation.slug}/join-requests",
        {"message": "hello"},
        content_type="application/json",
        **_bearer(user),
    )
    assert response.status_code == 201
    again = client.post(
        f"/api/organisations/{organisation.slug}/join-requests",
        {"message": "hello"},
        content_type="application/json",
        **_bearer(user),
    )
    assert again.status_code == 422


def test_session_auth_works_for_browser_and_needs_csrf_for_writes(organisation):
    user = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get("/api/me").status_code == 200
    response = browser.post("/api/organisations", ORGANISATION, content_type="application/json")
    assert response.status_code in (401, 403)
    assert Organisation.objects.filter(name=ORGANISATION["name"]).count() == 0


def test_unknown_organisation_is_404_json(client):
    response = client.get("/api/organisations/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_openapi_schema_and_docs_are_served_offline(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/me", "/api/organisations", "/api/organisations/{slug}"} <= set(schema["paths"])
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
