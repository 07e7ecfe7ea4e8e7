"""/api/alliance: member directory (public fields), networks, my organisation's membership."""

import datetime

import pytest
from django.utils import timezone

from techbridge.api.services import api_token_create
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    AllianceMembershipFactory,
    CharterFactory,
    MembershipApplicationFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMemberFactory,
    NewsUpdateFactory,
    OrganisationFactory,
    ProjectFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    if user is None:
        return {}
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_members_directory_public_fields_and_filters(client):
    member = AllianceMembershipFactory(
        organisation__country="KH", tier="core", sectors=["energy.solar"]
    )
    MembershipFactory(organisation=member.organisation, role=MemberRole.ADMIN)
    AllianceMembershipFactory(organisation__country="VN")
    AllianceMembershipFactory(valid_until=timezone.localdate() - datetime.timedelta(days=3))
    body = client.get("/api/alliance/members").json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["country"] == "KH")
    assert item["tier"] == "core" and item["sectors"] == ["energy.solar"]
    assert set(item) == {
        "organisation_slug",
        "name",
        "name_translations",
        "country",
        "kind",
        "tier",
        "since",
        "valid_until",
        "capabilities",
        "language",
        "capabilities_translations",
        "sectors",
        "countries_served",
    }
    assert "@" not in str(body)  # no e-mail addresses of people
    assert client.get("/api/alliance/members?country=kh").json()["count"] == 1
    assert client.get("/api/alliance/members?tier=core").json()["count"] == 1
    assert client.get("/api/alliance/members?sector=energy").json()["count"] == 1


@pytest.mark.parametrize("count", [2, 12])
def test_members_query_count(client, django_assert_max_num_queries, count):
    for _ in range(count):
        AllianceMembershipFactory()
    with django_assert_max_num_queries(4):
        assert client.get("/api/alliance/members").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_networks_query_count(client, django_assert_max_num_queries, count):
    for _ in range(count):
        NetworkMemberFactory(network=NetworkFactory())
    with django_assert_max_num_queries(4):
        body = client.get("/api/alliance/networks").json()
    assert body["count"] == count


def test_network_list_filters_and_unpublished(client):
    centre = NetworkFactory(kind="centre", sectors=["health.vaccines"])
    NetworkMemberFactory(network=centre, organisation=OrganisationFactory(country="MM"))
    NetworkFactory(kind="joint_lab", is_published=False)
    assert client.get("/api/alliance/networks").json()["count"] == 1
    assert client.get("/api/alliance/networks?kind=centre").json()["count"] == 1
    assert client.get("/api/alliance/networks?country=mm").json()["count"] == 1
    assert client.get("/api/alliance/networks?sector=energy").json()["count"] == 0
    staff = _bearer(UserFactory(is_staff=True))
    assert client.get("/api/alliance/networks", **staff).json()["count"] == 2


def test_network_detail_hides_what_the_reader_may_not_see(client):
    network = NetworkFactory()
    coordinator = OrganisationFactory(country="CN")
    NetworkMemberFactory(network=network, organisation=coordinator, role="coordinator")
    ProjectFactory(network=network, status="planned")
    NewsUpdateFactory(network=network)
    public = TechnologyFactory()
    anonymised = TechnologyFactory(visibility="anonymised")
    draft = TechnologyFactory(status="draft")
    network.technologies.add(public, anonymised, draft)
    body = client.get(f"/api/alliance/networks/{network.slug}").json()
    assert body["members"] == [
        {
            "organisation_slug": coordinator.slug,
            "name": coordinator.name,
            "country": "CN",
            "role": "coordinator",
        }
    ]
    assert body["projects"][0]["status"] == "planned"
    assert len(body["news"]) == 1
    refs = {ref["id"]: ref["provider"] for ref in body["technologies"]}
    assert refs == {public.pk: public.organisation.slug, anonymised.pk: None}
    hidden = NetworkFactory(is_published=False)
    assert client.get(f"/api/alliance/networks/{hidden.slug}").status_code == 404
    assert client.get("/api/alliance/networks/nope").status_code == 404


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 401),
        ("outsider", 403),
        ("member", 200),
        ("admin", 200),
        ("focal_point", 200),
        ("other_focal_point", 403),
        ("staff", 200),
    ],
)
def test_my_membership_status(client, roles, organisation, who, status):
    charter = CharterFactory()
    MembershipApplicationFactory(
        organisation=organisation, charter=charter, status="rejected", reason="Incomplete"
    )
    AllianceMembershipFactory(organisation=organisation, tier="core")
    response = client.get(
        f"/api/alliance/organisations/{organisation.slug}/membership", **_bearer(roles[who])
    )
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["is_member"] is True and body["tier"] == "core"
        assert body["applications"][0]["reason"] == "Incomplete"
        assert body["applications"][0]["charter_version"] == charter.version


def test_status_of_a_non_member(client, roles, organisation):
    body = client.get(
        f"/api/alliance/organisations/{organisation.slug}/membership", **_bearer(roles["admin"])
    ).json()
    assert body == {
        "organisation_slug": organisation.slug,
        "is_member": False,
        "tier": None,
        "status": None,
        "since": None,
        "valid_until": None,
        "applications": [],
    }
