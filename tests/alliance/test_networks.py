"""Cooperation networks: public pages, coordinator editing, linked listings, projects, news."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from techbridge.alliance import services_networks
from techbridge.alliance.models import NewsUpdate, Project
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    MembershipFactory,
    NeedFactory,
    NetworkFactory,
    NetworkMemberFactory,
    NewsUpdateFactory,
    OrganisationFactory,
    ProjectFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "coordinator_admin",
    "coordinator_member",
    "network_member",
    "other_coordinator",
    "focal_point",
    "staff",
]
EDITORS = {"coordinator_admin", "coordinator_member", "staff"}


@pytest.fixture
def network():
    return NetworkFactory(
        kind="centre",
        title="Public health cooperation centre",
        title_translations={"zh-hans": "公共卫生科技合作中心"},
        sectors=["health.vaccines"],
    )


@pytest.fixture
def people(network):
    coordinator = OrganisationFactory(country="CN")
    NetworkMemberFactory(network=network, organisation=coordinator, role="coordinator")
    partner = OrganisationFactory(country="LA")
    NetworkMemberFactory(network=network, organisation=partner, role="member")
    other = NetworkFactory()
    other_org = OrganisationFactory()
    NetworkMemberFactory(network=other, organisation=other_org, role="coordinator")
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "coordinator_admin": MembershipFactory(
            organisation=coordinator, role=MemberRole.ADMIN
        ).user,
        "coordinator_member": MembershipFactory(organisation=coordinator).user,
        "network_member": MembershipFactory(organisation=partner, role=MemberRole.ADMIN).user,
        "other_coordinator": MembershipFactory(organisation=other_org, role=MemberRole.ADMIN).user,
        "focal_point": UserFactory(focal_point_country="CN"),
        "staff": UserFactory(is_staff=True),
    }


@pytest.mark.parametrize("who", ROLES)
def test_public_pages(client_for, people, network, who):
    client = client_for(people[who])
    assert client.get(reverse("alliance:networks")).status_code == 200
    page = client.get(reverse("alliance:network", args=[network.slug]))
    assert page.status_code == 200
    assert ("Edit this page" in page.content.decode()) == (who in EDITORS)


@pytest.mark.parametrize("who", ROLES)
def test_unpublished_network_is_404_except_for_staff(client_for, people, network, who):
    network.is_published = False
    network.save()
    response = client_for(people[who]).get(reverse("alliance:network", args=[network.slug]))
    assert response.status_code == (200 if who == "staff" else 404)
    listed = client_for(people[who]).get(reverse("alliance:networks")).context["page"]
    assert (network in list(listed)) == (who == "staff")


def _expect(response, allowed, who):
    if allowed:
        assert response.status_code in (200, 302), who
    elif who == "anonymous":
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
    else:
        assert response.status_code == 403, who


@pytest.mark.parametrize("who", ROLES)
def test_edit_pages_per_role(client_for, people, network, who):
    client = client_for(people[who])
    allowed = who in EDITORS
    for name in ("alliance:network_edit", "alliance:project_new", "alliance:news_new"):
        _expect(client.get(reverse(name, args=[network.slug])), allowed, who)


@pytest.mark.parametrize("who", ROLES)
def test_news_post_per_role(client_for, people, network, who):
    response = client_for(people[who]).post(
        reverse("alliance:news_new", args=[network.slug]),
        {"language": "zh-hans", "title": "合作启动", "body": "三国伙伴在南宁会面。"},
    )
    allowed = who in EDITORS
    _expect(response, allowed, who)
    assert NewsUpdate.objects.filter(network=network).exists() == allowed


@pytest.mark.parametrize("who", ROLES)
def test_project_and_page_edit_per_role(client_for, people, network, who):
    client = client_for(people[who])
    response = client.post(
        reverse("alliance:project_new", args=[network.slug]),
        {"language": "en", "title": "Dengue rapid tests", "status": "running"},
    )
    allowed = who in EDITORS
    _expect(response, allowed, who)
    assert Project.objects.filter(network=network).exists() == allowed
    response = client.post(
        reverse("alliance:network_edit", args=[network.slug]),
        {
            "language": "en",
            "title": "Renamed centre",
            "title_zh": "新名称",
            "description": "New text",
            "sectors": ["health.diagnostics"],
        },
    )
    _expect(response, allowed, who)
    network.refresh_from_db()
    assert (network.title == "Renamed centre") == allowed
    if allowed:
        assert network.title_translations["zh-hans"] == "新名称"
        assert [s.code for s in network.sectors.all()] == ["health.diagnostics"]


def test_project_of_another_network_is_404(client_for, people, network):
    project = ProjectFactory()
    response = client_for(people["coordinator_admin"]).get(
        reverse("alliance:project_edit", args=[network.slug, project.pk])
    )
    assert response.status_code == 404


def test_project_edit_field_errors(client_for, people, network):
    project = ProjectFactory(network=network)
    response = client_for(people["coordinator_member"]).post(
        reverse("alliance:project_edit", args=[network.slug, project.pk]),
        {
            "language": "en",
            "title": "T",
            "status": "running",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors


@pytest.mark.parametrize("who", ROLES)
def test_linking_listings_per_role(client_for, people, network, who):
    technology = TechnologyFactory()
    response = client_for(people[who]).post(
        reverse("alliance:network_link", args=[network.slug]),
        {"kind": "technology", "listing": technology.pk},
    )
    allowed = who in EDITORS
    _expect(response, allowed, who)
    assert network.technologies.filter(pk=technology.pk).exists() == allowed


def test_only_published_listings_can_be_linked(people, network):
    draft = TechnologyFactory(status="draft")
    with pytest.raises(ValidationError):
        services_networks.network_link_listing(
            user=people["staff"], network=network, kind="technology", pk=draft.pk
        )
    with pytest.raises(ValidationError):
        services_networks.network_link_listing(
            user=people["staff"], network=network, kind="patent", pk=draft.pk
        )
    with pytest.raises(PermissionDenied):
        services_networks.network_link_listing(
            user=people["other_coordinator"], network=network, kind="technology", pk=draft.pk
        )


def test_unlink(client_for, people, network):
    technology = TechnologyFactory()
    network.technologies.add(technology)
    client = client_for(people["coordinator_admin"])
    response = client.post(
        reverse("alliance:network_unlink", args=[network.slug, "technology", technology.pk])
    )
    assert response.status_code == 302
    assert not network.technologies.exists()
    bad = client.post(reverse("alliance:network_unlink", args=[network.slug, "x", 1]))
    assert bad.status_code == 404
    denied = client_for(people["other_coordinator"]).post(
        reverse("alliance:network_unlink", args=[network.slug, "technology", technology.pk])
    )
    assert denied.status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "outsider", "focal_point", "staff"])
def test_linked_listings_follow_catalogue_visibility(client_for, people, network, who):
    public = TechnologyFactory(title="Open vaccine cold box")
    anonymised = TechnologyFactory(
        title="Hidden provider adjuvant", visibility="anonymised", organisation__name="SecretCo"
    )
    members_only = NeedFactory(title="Members only need", visibility="members")
    network.technologies.add(public, anonymised)
    network.needs.add(members_only)
    withdrawn = TechnologyFactory(title="Withdrawn kit")
    network.technologies.add(withdrawn)
    withdrawn.status = "withdrawn"
    withdrawn.save()
    page = client_for(people[who]).get(reverse("alliance:network", args=[network.slug]))
    html = page.content.decode()
    assert "Open vaccine cold box" in html
    assert "Hidden provider adjuvant" in html
    assert "Withdrawn kit" not in html
    assert "Members only need" not in html  # these readers belong to no organisation
    # Staff and the focal point of the provider's country are curators and see the provider.
    assert ("SecretCo" in html) == (who in ("staff", "focal_point"))


def test_members_only_listing_shown_to_platform_members(client_for, people, network):
    need = NeedFactory(title="Members only need", visibility="members")
    network.needs.add(need)
    page = client_for(people["network_member"]).get(
        reverse("alliance:network", args=[network.slug])
    )
    assert "Members only need" in page.content.decode()


def test_list_filters(client, network, people):
    lab = NetworkFactory(kind="joint_lab", title="Mariculture joint lab", sectors=["fish"])
    NetworkMemberFactory(network=lab, organisation=OrganisationFactory(country="ID"))

    def titles(**params):
        page = client.get(reverse("alliance:networks"), params).context["page"]
        return sorted(n.title for n in page)

    assert titles(kind="joint_lab") == ["Mariculture joint lab"]
    assert titles(sector="health") == ["Public health cooperation centre"]
    assert titles(country="ID") == ["Mariculture joint lab"]
    assert titles(country="LA") == ["Public health cooperation centre"]
    assert client.get(reverse("alliance:networks"), {"kind": "zzz"}).status_code == 200


def test_detail_shows_translations_projects_news_and_members(client, network, people):
    ProjectFactory(network=network, title="Dengue tests", status="completed")
    NewsUpdateFactory(network=network, title="Kick-off in Vientiane")
    page = client.get(
        reverse("alliance:network", args=[network.slug]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "公共卫生科技合作中心" in page
    assert "Dengue tests" in page and "Kick-off in Vientiane" in page


@pytest.mark.parametrize("count", [2, 10])
def test_list_query_count_is_constant(client, django_assert_max_num_queries, count):
    for _ in range(count):
        network = NetworkFactory(sectors=["energy.solar", "energy.storage"])
        NetworkMemberFactory(network=network)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("alliance:networks")).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_detail_query_count_is_constant(client, django_assert_max_num_queries, network, count):
    for _ in range(count):
        NetworkMemberFactory(network=network)
        ProjectFactory(network=network)
        NewsUpdateFactory(network=network)
        network.technologies.add(TechnologyFactory())
        network.needs.add(NeedFactory())
    with django_assert_max_num_queries(18):
        assert client.get(reverse("alliance:network", args=[network.slug])).status_code == 200
