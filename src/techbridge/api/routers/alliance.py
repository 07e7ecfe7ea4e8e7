"""The alliance over JSON: member directory (public fields only), cooperation networks, and an
organisation's own membership status. Same rules and selectors as the pages."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from techbridge.alliance import rules, selectors, selectors_networks
from techbridge.alliance.models import AllianceMembership, Network
from techbridge.api.auth import PUBLIC
from techbridge.organisations.models import Organisation

router = Router(tags=["alliance"])


class MemberOut(Schema):
    organisation_slug: str
    name: str
    name_translations: dict[str, str]
    country: str
    kind: str
    tier: str
    since: datetime.date
    valid_until: datetime.date
    capabilities: str
    language: str
    capabilities_translations: dict[str, str]
    sectors: list[str]
    countries_served: list[str]

    @staticmethod
    def resolve_organisation_slug(member: AllianceMembership) -> str:
        return member.organisation.slug

    @staticmethod
    def resolve_name(member: AllianceMembership) -> str:
        return member.organisation.name

    @staticmethod
    def resolve_name_translations(member: AllianceMembership) -> dict:
        return member.organisation.name_translations or {}

    @staticmethod
    def resolve_country(member: AllianceMembership) -> str:
        return member.organisation.country

    @staticmethod
    def resolve_sectors(member: AllianceMembership) -> list[str]:
        return [sector.code for sector in member.sectors.all()]


class MemberQuery(Schema):
    country: str = ""
    kind: str = ""
    sector: str = ""
    tier: str = ""
    q: str = ""


class NetworkOut(Schema):
    slug: str
    kind: str
    title: str
    title_translations: dict[str, str]
    description: str
    description_translations: dict[str, str]
    language: str
    website: str
    sectors: list[str]
    member_count: int

    @staticmethod
    def resolve_sectors(network: Network) -> list[str]:
        return [sector.code for sector in network.sectors.all()]


class NetworkQuery(Schema):
    kind: str = ""
    sector: str = ""
    country: str = ""


class NetworkMemberOut(Schema):
    organisation_slug: str
    name: str
    country: str
    role: str


class ProjectOut(Schema):
    title: str
    title_translations: dict[str, str]
    description: str
    language: str
    status: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


class NewsOut(Schema):
    title: str
    title_translations: dict[str, str]
    body: str
    body_translations: dict[str, str]
    language: str
    published_at: datetime.datetime


class ListingRefOut(Schema):
    id: int
    title: str
    provider: str | None


class NetworkDetailOut(NetworkOut):
    """Rows prepared by the endpoint (``network.detail``): only what this reader may see."""

    members: list[NetworkMemberOut]
    projects: list[ProjectOut]
    news: list[NewsOut]
    technologies: list[ListingRefOut]
    needs: list[ListingRefOut]

    @staticmethod
    def resolve_members(network: Network) -> list:
        return network.detail["members"]

    @staticmethod
    def resolve_projects(network: Network) -> list:
        return network.detail["projects"]

    @staticmethod
    def resolve_news(network: Network) -> list:
        return network.detail["news"]

    @staticmethod
    def resolve_technologies(network: Network) -> list:
        return network.detail["technologies"]

    @staticmethod
    def resolve_needs(network: Network) -> list:
        return network.detail["needs"]


class ApplicationOut(Schema):
    id: int
    status: str
    reason: str
    kind: str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    charter_version: int

    @staticmethod
    def resolve_charter_version(application) -> int:
        return application.charter.version


class MembershipStatusOut(Schema):
    organisation_slug: str
    is_member: bool
    tier: str | None
    status: str | None
    since: datetime.date | None
    valid_until: datetime.date | None
    applications: list[ApplicationOut]


@router.get("/members", response=list[MemberOut], auth=PUBLIC, summary="Member directory")
@paginate(PageNumberPagination, page_size=50)
def member_list(request, filters: Query[MemberQuery]):
    values = filters.dict()
    values["country"] = values["country"].upper()
    return selectors.member_directory(filters=selectors.DirectoryFilters(**values))


@router.get("/networks", response=list[NetworkOut], auth=PUBLIC, summary="Cooperation networks")
@paginate(PageNumberPagination, page_size=50)
def network_list(request, filters: Query[NetworkQuery]):
    values = filters.dict()
    values["country"] = values["country"].upper()
    return selectors_networks.network_list(
        user=request.user, filters=selectors_networks.NetworkFilters(**values)
    )


def _listing_refs(views) -> list[dict]:
    return [
        {
            "id": view.pk,
            "title": view.title.text,
            "provider": view.provider.slug if view.provider else None,
        }
        for view in views
    ]


@router.get(
    "/networks/{slug}", response=NetworkDetailOut, auth=PUBLIC, summary="One cooperation network"
)
def network_detail(request, slug: str):
    network = get_object_or_404(Network, slug=slug)
    if not rules.can_view_network(request.user, network):
        raise Http404
    listings = selectors_networks.network_listing_views(user=request.user, network=network)
    members = selectors_networks.network_members(network=network)
    network.member_count = len(members)
    network.detail = {
        "members": [
            {
                "organisation_slug": m.organisation.slug,
                "name": m.organisation.name,
                "country": m.organisation.country,
                "role": m.role,
            }
            for m in members
        ],
        "projects": list(selectors_networks.network_projects(network=network)),
        "news": list(selectors_networks.network_news(network=network)),
        "technologies": _listing_refs(listings["technologies"]),
        "needs": _listing_refs(listings["needs"]),
    }
    return network


@router.get(
    "/organisations/{slug}/membership",
    response=MembershipStatusOut,
    summary="Alliance membership and applications of one of my organisations",
)
def membership_status(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_view_membership(request.auth, organisation):
        raise PermissionDenied
    membership = selectors.membership_of(organisation=organisation)
    return {
        "organisation_slug": organisation.slug,
        "is_member": bool(membership and membership.is_current()),
        "tier": membership.tier if membership else None,
        "status": membership.status if membership else None,
        "since": membership.since if membership else None,
        "valid_until": membership.valid_until if membership else None,
        "applications": list(selectors.applications_of(organisation=organisation)),
    }
