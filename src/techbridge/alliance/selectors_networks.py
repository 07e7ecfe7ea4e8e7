"""Reads for cooperation networks: the public list, a network's members, projects, news and
the linked listings a reader may see (catalogue visibility rules and presenters apply)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from techbridge.accounts.models import User
from techbridge.alliance import rules
from techbridge.alliance.enums import NetworkRole
from techbridge.alliance.models import Network, NetworkMember, NewsUpdate, Project
from techbridge.catalog.models import Need, Sector, Technology
from techbridge.catalog.presenters import ListingView, listing_view
from techbridge.catalog.selectors import listing_prefetch, visible_listings


@dataclass(frozen=True)
class NetworkFilters:
    kind: str = ""
    sector: str = ""
    country: str = ""


def networks_visible(*, user: User) -> QuerySet[Network]:
    networks = Network.objects.all()
    if not rules.can_manage_networks(user):
        networks = networks.filter(is_published=True)
    return networks


def network_list(*, user: User, filters: NetworkFilters) -> QuerySet[Network]:
    networks = networks_visible(user=user)
    if filters.kind:
        networks = networks.filter(kind=filters.kind)
    if filters.sector:
        sectors = Sector.objects.filter(
            Q(code=filters.sector) | Q(code__startswith=filters.sector + ".")
        )
        through = Network.sectors.through.objects.filter(sector__in=sectors)
        networks = networks.filter(pk__in=through.values("network_id"))
    if filters.country:
        members = NetworkMember.objects.filter(organisation__country=filters.country)
        networks = networks.filter(pk__in=members.values("network_id"))
    return (
        networks.annotate(member_count=Count("members", distinct=True))
        .prefetch_related("sectors")
        .order_by("kind", "title")
    )


def network_members(*, network: Network) -> list[NetworkMember]:
    members = list(network.members.select_related("organisation"))
    coordinator = NetworkRole.COORDINATOR
    members.sort(key=lambda m: (m.role != coordinator, m.organisation.name))
    return members


def network_projects(*, network: Network) -> QuerySet[Project]:
    return network.projects.all()


def network_news(*, network: Network, limit: int = 20) -> QuerySet[NewsUpdate]:
    return network.news.select_related("author")[:limit]


def network_listing_views(*, user: User, network: Network) -> dict[str, list[ListingView]]:
    """Linked technologies and needs this reader may see in lists, as presenter views
    (anonymised ones without their provider)."""
    result = {}
    for model, key in ((Technology, "technologies"), (Need, "needs")):
        linked = visible_listings(user=user, model=model).filter(networks=network)
        linked = listing_prefetch(linked.order_by("-published_at", "-pk"))[:50]
        result[key] = [listing_view(user=user, listing=item) for item in linked]
    return result


def network_coordinated_by(*, user: User) -> QuerySet[Network]:
    """Networks the user's organisations coordinate (for a 'my networks' list)."""
    organisation_ids = user.memberships.values("organisation_id")
    coordinated = NetworkMember.objects.filter(
        role=NetworkRole.COORDINATOR, organisation_id__in=organisation_ids
    )
    return Network.objects.filter(pk__in=coordinated.values("network_id")).order_by("title")
