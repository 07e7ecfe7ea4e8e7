"""Reads for the catalogue: what a reader may list, filtered, faceted and sorted."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.catalog import rules
from techbridge.catalog.enums import Status, TransferMode, Visibility
from techbridge.catalog.models import ListingEvent, Need, SDGGoal, Sector, Technology
from techbridge.catalog.models import TechnologyTransferMode as TransferModeRow
from techbridge.catalog.presenters import listing_view
from techbridge.catalog.taxonomy import trl_label
from techbridge.core.countries import country_name
from techbridge.organisations import rules as organisation_rules

SORTS = {
    "newest": ("-published_at", "-pk"),
    "title": ("title", "pk"),
    "trl": ("-trl", "-published_at"),
    "deadline": ("deadline", "pk"),
}


@dataclass(frozen=True)
class ListingFilters:
    q: str = ""
    sector: str = ""
    sdg: int | None = None
    country: str = ""
    trl: int | None = None
    transfer_mode: str = ""
    call: int | None = None
    status: str = ""
    sort: str = "newest"


def _member_flag(user: User) -> bool:
    if not hasattr(user, "_is_platform_member"):
        user._is_platform_member = rules.is_platform_member(user)
    return user._is_platform_member


def visible_listings(*, user: User, model) -> QuerySet:
    """Published listings the reader may see in lists (members-only needs a membership)."""
    visibilities = [Visibility.PUBLIC, Visibility.ANONYMISED]
    if _member_flag(user):
        visibilities.append(Visibility.MEMBERS)
    return model.objects.filter(status=Status.PUBLISHED, visibility__in=visibilities)


def _country_field(model) -> str:
    return "country" if model is Need else "organisation__country"


def listing_search(*, user: User, model, filters: ListingFilters, base: QuerySet | None = None):
    listings = visible_listings(user=user, model=model) if base is None else base
    if filters.q:
        text = Q(title__icontains=filters.q)
        for name in ("summary", "description") if model is Technology else ("problem", "context"):
            text |= Q(**{f"{name}__icontains": filters.q})
        listings = listings.filter(text)
    if filters.sector:
        in_sector = Sector.objects.filter(
            Q(code=filters.sector) | Q(code__startswith=filters.sector + ".")
        )
        listings = listings.filter(
            pk__in=model.sectors.through.objects.filter(sector__in=in_sector).values(
                f"{model._meta.model_name}_id"
            )
        )
    if filters.sdg:
        listings = listings.filter(sdgs__number=filters.sdg)
    if filters.country:
        listings = listings.filter(**{_country_field(model): filters.country})
    if model is Technology:
        if filters.trl:
            listings = listings.filter(trl=filters.trl)
        if filters.transfer_mode:
            listings = listings.filter(transfer_modes__mode=filters.transfer_mode)
        if filters.call:
            listings = listings.filter(call_submissions__call_id=filters.call)
    order = SORTS.get(filters.sort, SORTS["newest"])
    if model is Technology and filters.sort == "deadline":
        order = SORTS["newest"]
    return listings.order_by(*order)


def listing_prefetch(listings):
    related = ["sectors", "sdgs"]
    if listings.model is Technology:
        related.append("transfer_modes")
    return listings.select_related("organisation").prefetch_related(*related)


def _count(rows, key) -> dict:
    return {row[key]: row["n"] for row in rows}


def listing_facets(*, model, listings: QuerySet) -> dict[str, list[tuple[str, str, int]]]:
    """Counts within the current results: a fixed number of aggregate queries."""
    name = model._meta.model_name
    ids = listings.order_by().values("pk")
    through = model.sectors.through.objects.filter(**{f"{name}_id__in": ids})
    sector_counts = _count(through.values("sector__code").annotate(n=Count("pk")), "sector__code")
    sectors = Sector.objects.filter(parent__isnull=False).order_by("position")
    facets = {
        "sector": [
            (s.code, s.name, sector_counts[s.code]) for s in sectors if s.code in sector_counts
        ],
    }
    sdg_through = model.sdgs.through.objects.filter(**{f"{name}_id__in": ids})
    sdg_counts = _count(
        sdg_through.values("sdggoal__number").annotate(n=Count("pk")), "sdggoal__number"
    )
    facets["sdg"] = [
        (str(goal.number), f"{goal.number} · {goal.short_name}", sdg_counts[goal.number])
        for goal in SDGGoal.objects.all()
        if goal.number in sdg_counts
    ]
    country_field = _country_field(model)
    countries = listings.order_by().values(country_field).annotate(n=Count("pk"))
    facets["country"] = sorted(
        ((row[country_field], country_name(row[country_field]), row["n"]) for row in countries),
        key=lambda item: -item[2],
    )
    if model is Technology:
        trls = listings.order_by().values("trl").annotate(n=Count("pk")).order_by("trl")
        facets["trl"] = [(str(row["trl"]), trl_label(row["trl"]), row["n"]) for row in trls]
        modes = (
            TransferModeRow.objects.filter(technology_id__in=ids)
            .values("mode")
            .annotate(n=Count("pk"))
        )
        mode_counts = _count(modes, "mode")
        facets["transfer_mode"] = [
            (mode.value, mode.label, mode_counts[mode.value])
            for mode in TransferMode
            if mode.value in mode_counts
        ]
    return facets


def organisation_listings(*, user: User, organisation, model) -> QuerySet:
    """An organisation's listings as this reader may see them on its page: anonymised ones
    only for readers who may know the provider (it would reveal who offers them)."""
    own = model.objects.filter(organisation=organisation)
    if organisation_rules.is_member(user, organisation) or (
        user.is_authenticated and user.is_staff
    ):
        return own
    visible = visible_listings(user=user, model=model).filter(organisation=organisation)
    if user.is_authenticated and user.focal_point_country == organisation.country:
        return visible
    return visible.exclude(visibility=Visibility.ANONYMISED)


def organisation_dashboard(*, organisation) -> dict[str, list]:
    soon = timezone.localdate() + datetime.timedelta(days=45)
    board = {}
    for model in (Technology, Need):
        own = model.objects.filter(organisation=organisation).order_by("-updated_at")
        board[model._meta.model_name] = {
            "drafts": list(own.filter(status__in=[Status.DRAFT, Status.CHANGES_REQUESTED])),
            "in_review": list(own.filter(status__in=[Status.SUBMITTED, Status.UNDER_REVIEW])),
            "published": own.filter(status=Status.PUBLISHED).count(),
            "expiring": list(own.filter(status=Status.PUBLISHED, valid_until__lte=soon)),
            "closed": list(
                own.filter(status__in=[Status.EXPIRED, Status.REJECTED, Status.WITHDRAWN])[:20]
            ),
        }
    return board


def review_queue(*, user: User, model) -> QuerySet:
    queue = model.objects.filter(status__in=[Status.SUBMITTED, Status.UNDER_REVIEW])
    if not user.is_staff:
        queue = queue.filter(**{_country_field(model): user.focal_point_country})
    return queue.select_related("organisation").order_by("submitted_at")


def listing_history(*, listing) -> QuerySet:
    field = "technology" if isinstance(listing, Technology) else "need"
    return ListingEvent.objects.filter(**{field: listing}).select_related("actor")


def organisation_listing_views(*, user: User, organisation, limit: int = 50) -> dict[str, list]:
    """The organisation page's technologies and needs, as presenter views."""
    result = {}
    for model, key in ((Technology, "technologies"), (Need, "needs")):
        listings = organisation_listings(user=user, organisation=organisation, model=model)
        listings = listing_prefetch(listings.order_by("-published_at", "-pk"))[:limit]
        result[key] = [listing_view(user=user, listing=item) for item in listings]
    return result
