"""Membership pages: who may open and post what, the directory and the member badge."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from techbridge.alliance.enums import ApplicationStatus
from techbridge.alliance.models import AllianceMembership, MembershipApplication
from tests.factories import (
    AllianceMembershipFactory,
    CharterFactory,
    MembershipApplicationFactory,
    NeedFactory,
    OrganisationFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "admin", "focal_point", "other_focal_point", "staff"]


@pytest.fixture
def charter():
    return CharterFactory()


def _expect(response, allowed: bool, who: str):
    if allowed:
        assert response.status_code in (200, 302), who
        if response.status_code == 302:
            assert "/accounts/" not in response["Location"], who
    elif who == "anonymous":
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
    else:
        assert response.status_code == 403, who


@pytest.mark.parametrize("who", ROLES)
def test_public_pages_open_for_everyone(client_for, roles, charter, who):
    client = client_for(roles[who])
    for name in ("alliance:directory", "alliance:charter"):
        assert client.get(reverse(name)).status_code == 200


def test_charter_page_shows_the_readers_language(client, charter):
    response = client.get(reverse("alliance:charter"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "技术转移联盟章程" in response.content.decode()


def test_no_charter_is_404(client):
    assert client.get(reverse("alliance:charter")).status_code == 404


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("anonymous", False),
        ("outsider", False),
        ("member", True),
        ("admin", True),
        ("focal_point", True),
        ("other_focal_point", False),
        ("staff", True),
    ],
)
def test_status_page(client_for, roles, organisation, who, allowed):
    response = client_for(roles[who]).get(reverse("alliance:status", args=[organisation.slug]))
    _expect(response, allowed, who)


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("anonymous", False),
        ("outsider", False),
        ("member", False),
        ("admin", True),
        ("focal_point", False),
        ("staff", True),
    ],
)
def test_apply_page(client_for, roles, organisation, charter, who, allowed):
    response = client_for(roles[who]).get(reverse("alliance:apply", args=[organisation.slug]))
    _expect(response, allowed, who)


def test_admin_applies_through_the_form(client_for, roles, organisation, charter):
    client = client_for(roles["admin"])
    url = reverse("alliance:apply", args=[organisation.slug])
    response = client.post(
        url,
        {
            "kind": "university",
            "capabilities": "Pilot lines for cassava starch",
            "language": "en",
            "sectors": ["agri.processing"],
            "countries_served": ["TH", "KH"],
            "charter_accepted": "on",
        },
    )
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.status == ApplicationStatus.PENDING
    page = client.get(reverse("alliance:status", args=[organisation.slug])).content.decode()
    assert "Application waiting for a decision" in page


def test_form_shows_field_errors_not_500(client_for, roles, organisation, charter):
    client = client_for(roles["admin"])
    response = client.post(
        reverse("alliance:apply", args=[organisation.slug]),
        {"kind": "university", "capabilities": "", "language": "en", "sectors": ["bogus"]},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"capabilities", "sectors", "countries_served"} <= set(errors)
    assert not MembershipApplication.objects.exists()


def test_charter_not_accepted_is_a_field_error(client_for, roles, organisation, charter):
    response = client_for(roles["admin"]).post(
        reverse("alliance:apply", args=[organisation.slug]),
        {
            "kind": "university",
            "capabilities": "x",
            "language": "en",
            "sectors": ["agri.processing"],
            "countries_served": ["TH"],
        },
    )
    assert "charter_accepted" in response.context["form"].errors


@pytest.mark.parametrize(
    "who", ["anonymous", "outsider", "member", "admin", "focal_point", "staff"]
)
def test_staff_queue_and_decisions(client_for, roles, organisation, charter, who):
    application = MembershipApplicationFactory(organisation=organisation, charter=charter)
    client = client_for(roles[who])
    allowed = who == "staff"
    _expect(client.get(reverse("alliance:applications")), allowed, who)
    response = client.post(
        reverse("alliance:decide", args=[application.pk]),
        {"action": "approve", "tier": "core", "reason": ""},
    )
    _expect(response, allowed, who)
    assert AllianceMembership.objects.filter(organisation=organisation).exists() == allowed


def test_reject_without_reason_is_refused_with_a_message(client_for, roles, organisation, charter):
    application = MembershipApplicationFactory(organisation=organisation, charter=charter)
    response = client_for(roles["staff"]).post(
        reverse("alliance:decide", args=[application.pk]),
        {"action": "reject", "tier": "ordinary", "reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "admin", "staff"])
def test_tier_change(client_for, roles, organisation, who):
    membership = AllianceMembershipFactory(organisation=organisation)
    response = client_for(roles[who]).post(
        reverse("alliance:tier", args=[membership.pk]), {"tier": "core"}
    )
    _expect(response, who == "staff", who)
    membership.refresh_from_db()
    assert (membership.tier == "core") == (who == "staff")


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "admin", "staff"])
def test_renew(client_for, roles, organisation, who):
    membership = AllianceMembershipFactory(
        organisation=organisation, valid_until=timezone.localdate() + datetime.timedelta(days=10)
    )
    response = client_for(roles[who]).post(reverse("alliance:renew", args=[organisation.slug]))
    allowed = who in ("admin", "staff")
    _expect(response, allowed, who)
    membership.refresh_from_db()
    assert (membership.valid_until.year > timezone.localdate().year) == allowed


@pytest.mark.parametrize("who", ["outsider", "member", "admin"])
def test_withdraw(client_for, roles, organisation, charter, who):
    application = MembershipApplicationFactory(organisation=organisation, charter=charter)
    response = client_for(roles[who]).post(reverse("alliance:withdraw", args=[application.pk]))
    _expect(response, who == "admin", who)


def test_directory_filters(client):
    thai = AllianceMembershipFactory(
        organisation__country="TH", organisation__name="Thai Uni", tier="core"
    )
    AllianceMembershipFactory(
        organisation__country="VN",
        organisation__name="Viet Institute",
        kind="research_institute",
        sectors=["health.vaccines"],
    )
    AllianceMembershipFactory(
        organisation__name="Lapsed Org",
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )

    def names(**params):
        page = client.get(reverse("alliance:directory"), params).context["page"]
        return [m.organisation.name for m in page]

    assert names() == ["Thai Uni", "Viet Institute"]  # core first; lapsed hidden
    assert names(country="VN") == ["Viet Institute"]
    assert names(tier="core") == [thai.organisation.name]
    assert names(kind="research_institute") == ["Viet Institute"]
    assert names(sector="health") == ["Viet Institute"]
    assert names(q="thai") == ["Thai Uni"]
    assert client.get(reverse("alliance:directory"), {"country": "??"}).status_code == 200


def test_directory_htmx_returns_a_fragment_and_paginates(client):
    for _ in range(23):
        AllianceMembershipFactory()
    response = client.get(reverse("alliance:directory"), {"page": 2}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert len(response.context["page"].object_list) == 3


@pytest.mark.parametrize("count", [2, 12])
def test_directory_query_count_is_constant(client, django_assert_max_num_queries, count):
    for _ in range(count):
        AllianceMembershipFactory(sectors=["agri.processing", "energy.solar"])
    with django_assert_max_num_queries(5):
        response = client.get(reverse("alliance:directory"))
    assert response.status_code == 200


# --- the member badge -------------------------------------------------------------------


def test_badge_on_the_organisation_page_and_its_listing_cards(client, organisation):
    AllianceMembershipFactory(organisation=organisation)
    technology = TechnologyFactory(organisation=organisation)
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert page.count("Alliance member") == 2  # header and the technology card
    detail = client.get(reverse("catalog:technology", args=[technology.pk])).content.decode()
    assert "Alliance member" in detail
    listing = client.get(reverse("catalog:technology_list")).content.decode()
    assert "Alliance member" in listing


def test_no_badge_for_non_members_or_expired_members(client, organisation):
    AllianceMembershipFactory(
        organisation=organisation, valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    TechnologyFactory(organisation=organisation)
    page = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert "Alliance member" not in page
    other = OrganisationFactory()
    page = client.get(reverse("organisations:detail", args=[other.slug])).content.decode()
    assert "Alliance member" not in page


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_focal_point"])
def test_anonymised_listing_never_shows_the_badge(client_for, roles, organisation, who):
    """The badge would narrow down who the hidden provider is."""
    AllianceMembershipFactory(organisation=organisation)
    technology = TechnologyFactory(organisation=organisation, visibility="anonymised")
    need = NeedFactory(organisation=organisation, visibility="anonymised", country="TH")
    client = client_for(roles[who])
    for url in (
        reverse("catalog:technology", args=[technology.pk]),
        reverse("catalog:need", args=[need.pk]),
        reverse("catalog:technology_list"),
        reverse("catalog:need_list"),
    ):
        page = client.get(url).content.decode()
        assert "Alliance member" not in page, url
        assert organisation.name not in page, url


def test_owner_sees_the_badge_on_its_own_anonymised_listing(client_for, roles, organisation):
    AllianceMembershipFactory(organisation=organisation)
    technology = TechnologyFactory(organisation=organisation, visibility="anonymised")
    page = client_for(roles["member"]).get(reverse("catalog:technology", args=[technology.pk]))
    assert "Alliance member" in page.content.decode()


def test_badge_costs_one_query_per_page_not_per_card(client, django_assert_max_num_queries):
    for _ in range(6):
        TechnologyFactory(organisation=AllianceMembershipFactory().organisation)
    with django_assert_max_num_queries(13):
        page = client.get(reverse("catalog:technology_list")).content.decode()
    assert page.count("Alliance member") == 6
