"""Deal, meeting and funnel figures for the dashboards: aggregate queries only.

Deals in a country's scope are those with either party in that country (as on the deal
pipeline); an organisation's are those it is a party to. Interests are deals created in the
period; agreements and transfers are the steps reached in the period; a meeting is held when
it was checked in as held or a participant's feedback says it took place.
"""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from techbridge.catalog.enums import ListingKind
from techbridge.catalog.models import Need, Technology
from techbridge.deals.enums import PIPELINE, Stage
from techbridge.deals.models import Deal, DealStep
from techbridge.events.enums import FeedbackOutcome, MeetingCheckIn
from techbridge.events.models import Meeting, MeetingFeedback
from techbridge.insights.months import by_month, month_rows
from techbridge.insights.selectors import (
    ALL,
    COUNTRY,
    ORGANISATION,
    Filters,
    Scope,
    in_period,
    months_for,
    sector_codes,
    sector_groups,
    top_sector,
)

SIGNED = (Stage.AGREEMENT_SIGNED, Stage.TRANSFERRED)
ENDED = (Stage.CLOSED, Stage.DECLINED)
VALUE_ORDER = ["over_1m", "200k_1m", "50k_200k", "10k_50k", "under_10k", "unknown", ""]


def deal_base(*, scope: Scope, filters: Filters) -> QuerySet:
    """Deals in scope and within the country/sector filters (any date)."""
    deals = Deal.objects.all()
    if scope.kind == COUNTRY:
        deals = deals.filter(
            Q(interested_organisation__country=scope.country)
            | Q(listing_organisation__country=scope.country)
        )
    elif scope.kind == ORGANISATION:
        deals = deals.filter(
            Q(interested_organisation_id=scope.organisation_id)
            | Q(listing_organisation_id=scope.organisation_id)
        )
    if filters.country:
        deals = deals.filter(
            Q(interested_organisation__country=filters.country)
            | Q(listing_organisation__country=filters.country)
        )
    if filters.sector:
        sectors = sector_codes(filters.sector)
        technologies = Technology.sectors.through.objects.filter(sector__in=sectors)
        needs = Need.sectors.through.objects.filter(sector__in=sectors)
        deals = deals.filter(
            Q(
                target_kind=ListingKind.TECHNOLOGY,
                technology_id__in=technologies.values("technology_id"),
            )
            | Q(target_kind=ListingKind.NEED, need_id__in=needs.values("need_id"))
        )
    return deals.order_by()


def _stage_order(field: str) -> Case:
    return Case(
        *[When(**{field: stage.value}, then=Value(index)) for index, stage in enumerate(PIPELINE)],
        default=Value(-1),
        output_field=IntegerField(),
    )


def interests(*, scope: Scope, filters: Filters, months: list | None = None) -> dict:
    """Deals started in the period: by month, by the country of each side, by the target's
    top-level sector, by current stage (6 queries)."""
    deals = deal_base(scope=scope, filters=filters).filter(in_period("created_at", filters))
    per_month, total = by_month(deals, "created_at", months_for(filters, months), Count("pk"))
    listing_side = dict(
        deals.values_list("listing_organisation__country").annotate(n=Count("pk")).order_by()
    )
    interested_side = dict(
        deals.values_list("interested_organisation__country").annotate(n=Count("pk")).order_by()
    )
    sectors: dict[str, int] = {}
    groups = sector_groups()
    for kind in ("technology", "need"):
        rows = (
            deals.filter(target_kind=kind)
            .annotate(top=top_sector(f"{kind}__sectors", groups))
            .values_list("top")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        for code, n in rows:
            sectors[code] = sectors.get(code, 0) + n
    stages = dict(deals.values_list("stage").annotate(n=Count("pk")).order_by())
    return {
        "total": total,
        "months": per_month,
        "listing_countries": listing_side,
        "interested_countries": interested_side,
        "sectors": sectors,
        "stages": stages,
    }


def agreements(*, scope: Scope, filters: Filters, months: list | None = None) -> dict:
    """Agreements signed and transfers reached in the period, by month, by the countries of
    the listing side, and by type of agreement (3 queries)."""
    deals = deal_base(scope=scope, filters=filters)
    steps = DealStep.objects.filter(in_period("at", filters), stage__in=SIGNED)
    if scope.kind != ALL or filters.country or filters.sector:
        steps = steps.filter(deal__in=deals.values("pk"))
    rows = month_rows(
        steps, "at", months_for(filters, months), Count("deal_id", distinct=True), "stage"
    )
    per_month: dict[str, dict[datetime.date, int]] = {stage.value: {} for stage in SIGNED}
    totals = {stage.value: 0 for stage in SIGNED}
    for month, stage, n in rows:
        totals[stage] += n
        if month is not None:
            per_month[stage][month] = per_month[stage].get(month, 0) + n
    signed = steps.filter(stage=Stage.AGREEMENT_SIGNED)
    countries = dict(
        signed.values_list("deal__listing_organisation__country")
        .annotate(n=Count("deal_id", distinct=True))
        .order_by()
    )
    types = dict(
        signed.values_list("deal__agreement_type")
        .annotate(n=Count("deal_id", distinct=True))
        .order_by()
    )
    return {
        "signed": totals[Stage.AGREEMENT_SIGNED],
        "transferred": totals[Stage.TRANSFERRED],
        "months": per_month,
        "countries": countries,
        "types": types,
    }


def end_reasons(*, scope: Scope, filters: Filters) -> list[tuple[str, str, int]]:
    """(stage, reason, count) of deals closed or declined in the period (1 query)."""
    deals = deal_base(scope=scope, filters=filters).filter(
        in_period("stage_changed_at", filters), stage__in=ENDED
    )
    rows = deals.values_list("stage", "reason").annotate(n=Count("pk")).order_by()
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))


def funnel(*, scope: Scope, filters: Filters) -> dict[str, int]:
    """How many deals started in the period reached each pipeline stage (a skipped stage counts
    as passed), from each deal's furthest step in its history (1 query: the furthest step per
    deal in a subquery, counted per stage outside it)."""
    steps = DealStep.objects.filter(stage__in=[stage.value for stage in PIPELINE])
    if scope.kind != ALL or filters.country or filters.sector or any(filters.bounds()):
        deals = deal_base(scope=scope, filters=filters).filter(in_period("created_at", filters))
        steps = steps.filter(deal__in=deals.values("pk"))
    furthest = steps.order_by().values("deal_id").annotate(furthest=Max(_stage_order("stage")))
    counts = furthest.aggregate(
        **{
            stage.value: Count("deal_id", filter=Q(furthest__gte=index))
            for index, stage in enumerate(PIPELINE)
        }
    )
    return {stage.value: counts[stage.value] or 0 for stage in PIPELINE}


def _held() -> Q:
    took_place = MeetingFeedback.objects.filter(meeting=OuterRef("pk")).exclude(
        outcome=FeedbackOutcome.NOT_HELD
    )
    return Q(check_in=MeetingCheckIn.HELD) | Q(Exists(took_place))


def meetings_held(*, scope: Scope, filters: Filters, months: list | None = None) -> dict:
    """One-to-one meetings held, by month of their slot (1 query). Country: either
    participant's organisation (from the brokerage profile); no sector filter applies."""
    meetings = Meeting.objects.filter(_held()).annotate(
        when=Coalesce("slot__starts_at", "checked_in_at", "created_at")
    )
    sides = (
        "person_a__brokerage_profile__organisation",
        "person_b__brokerage_profile__organisation",
    )
    if scope.kind == COUNTRY:
        meetings = meetings.filter(
            Q(**{f"{sides[0]}__country": scope.country})
            | Q(**{f"{sides[1]}__country": scope.country})
        )
    elif scope.kind == ORGANISATION:
        meetings = meetings.filter(
            Q(**{f"{sides[0]}_id": scope.organisation_id})
            | Q(**{f"{sides[1]}_id": scope.organisation_id})
        )
    if filters.country:
        meetings = meetings.filter(
            Q(**{f"{sides[0]}__country": filters.country})
            | Q(**{f"{sides[1]}__country": filters.country})
        )
    meetings = meetings.filter(in_period("when", filters))
    per_month, total = by_month(meetings, "when", months_for(filters, months), Count("pk"))
    return {"total": total, "months": per_month}


def top_agreements(*, scope: Scope, filters: Filters, limit: int = 10) -> list[Deal]:
    """The agreements signed in the period, largest value range first (1 query). Callers
    show only what deals.rules allow the reader to see."""
    deals = deal_base(scope=scope, filters=filters).filter(
        stage__in=SIGNED,
        pk__in=DealStep.objects.filter(in_period("at", filters), stage=Stage.AGREEMENT_SIGNED)
        .order_by()
        .values("deal_id"),
    )
    value_rank = Case(
        *[When(value_range=code, then=Value(i)) for i, code in enumerate(VALUE_ORDER)],
        default=Value(len(VALUE_ORDER)),
        output_field=IntegerField(),
    )
    return list(
        deals.annotate(rank=value_rank)
        .select_related(
            "technology__organisation",
            "need__organisation",
            "interested_organisation",
            "listing_organisation",
        )
        .order_by("rank", "-stage_changed_at", "-pk")[:limit]
    )
