"""Reads for deals: a constant number of queries for every list, whatever its length."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.deals.enums import PIPELINE, Reason, Stage
from techbridge.deals.models import Deal, DealStep
from techbridge.organisations.models import Membership


def deal_prefetch(deals: QuerySet) -> QuerySet:
    members = Membership.objects.select_related("user").order_by("pk")
    return deals.select_related(
        "technology__organisation",
        "need__organisation",
        "interested_organisation",
        "listing_organisation",
        "interested_user",
        "interest",
    ).prefetch_related(
        "technology__sectors",
        "technology__sdgs",
        "technology__transfer_modes",
        "need__sectors",
        "need__sdgs",
        Prefetch("interested_organisation__memberships", queryset=members),
        Prefetch("listing_organisation__memberships", queryset=members),
    )


def deals_of(*, user: User) -> QuerySet:
    """Deals of the reader's organisations, on either side."""
    if not user.is_authenticated:
        return Deal.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation")
    deals = Deal.objects.filter(
        Q(interested_organisation__in=organisations) | Q(listing_organisation__in=organisations)
    )
    return deal_prefetch(deals.order_by("-stage_changed_at", "-pk"))


def interests_waiting(*, user: User) -> QuerySet:
    """Interests waiting for this reader's consent: on their organisations' listings, and for
    staff the brokered ones."""
    if not user.is_authenticated:
        return Deal.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation")
    mine = Q(listing_organisation__in=organisations)
    if user.is_staff:
        mine |= Q(brokered=True)
    deals = Deal.objects.filter(mine, stage=Stage.INTEREST).order_by("stage_changed_at", "pk")
    return deal_prefetch(deals)


def deal_detail(*, pk: int) -> Deal | None:
    return deal_prefetch(Deal.objects.filter(pk=pk)).first()


def deal_history(*, deal: Deal) -> QuerySet:
    return deal.steps.select_related("by").order_by("at", "pk")


def deal_thread(*, deal: Deal) -> QuerySet:
    return deal.messages.select_related("author").order_by("created_at", "pk")


@dataclass(frozen=True)
class DealFilters:
    country: str = ""
    sector: str = ""
    stage: str = ""
    min_days: int | None = None


def pipeline_deals(*, user: User, filters: DealFilters | None = None) -> QuerySet:
    """The all-deals list: staff see every deal, a focal point the deals with a party in
    their country."""
    if not user.is_authenticated:
        return Deal.objects.none()
    deals = Deal.objects.all()
    if not user.is_staff:
        if not user.focal_point_country:
            return Deal.objects.none()
        country = user.focal_point_country
        deals = deals.filter(
            Q(interested_organisation__country=country) | Q(listing_organisation__country=country)
        )
    filters = filters or DealFilters()
    if filters.country:
        deals = deals.filter(
            Q(interested_organisation__country=filters.country)
            | Q(listing_organisation__country=filters.country)
        )
    if filters.sector:
        deals = deals.filter(
            Q(technology__sectors__code=filters.sector) | Q(need__sectors__code=filters.sector)
        )
    if filters.stage:
        deals = deals.filter(stage=filters.stage)
    if filters.min_days is not None:
        limit = timezone.now() - datetime.timedelta(days=filters.min_days)
        deals = deals.filter(stage_changed_at__lte=limit)
    deals = Deal.objects.filter(pk__in=deals.values("pk")).order_by("-stage_changed_at", "-pk")
    return deals


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    label: str
    reached: int
    now: int


def deal_funnel(*, deals: QuerySet) -> dict:
    """How many deals reached each stage (a skipped stage counts as passed), how many are there
    now, and why deals ended."""
    order = {stage.value: index for index, stage in enumerate(PIPELINE)}
    furthest: dict[int, int] = {}
    steps = DealStep.objects.filter(deal__in=deals.values("pk"), stage__in=list(order))
    for deal_id, stage in steps.values_list("deal_id", "stage"):
        furthest[deal_id] = max(furthest.get(deal_id, 0), order[stage])
    reached = Counter()
    for index in furthest.values():
        for passed in range(index + 1):
            reached[passed] += 1
    now = dict(deals.order_by().values_list("stage").annotate(n=Count("pk")))
    rows = [
        FunnelRow(stage.value, str(stage.label), reached[index], now.get(stage.value, 0))
        for index, stage in enumerate(PIPELINE)
    ]
    ended = (
        deals.filter(stage__in=[Stage.CLOSED, Stage.DECLINED])
        .order_by()
        .values_list("stage", "reason")
        .annotate(n=Count("pk"))
    )
    reasons = [
        (str(Stage(stage).label), str(Reason(reason).label) if reason else "—", n)
        for stage, reason, n in ended
    ]
    return {
        "rows": rows,
        "closed": now.get(Stage.CLOSED, 0),
        "declined": now.get(Stage.DECLINED, 0),
        "reasons": sorted(reasons),
        "total": sum(now.values()),
    }
