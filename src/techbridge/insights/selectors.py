"""Reads for the dashboards: GROUP BY queries whose number does not depend on the data size.

A ``Scope`` says whose figures (everything, one country, one organisation, or the public
subset); ``Filters`` narrow them (period, country, sector). Every function returns plain
codes and counts; labels and formatting are the presenters' job.

Definitions: a listing counts as published in the month of its ``published_at``; the
country of a technology is its organisation's, of a need the need's own country (as for
curation). The public scope counts only listings that are published now and not members-only.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Sector, Technology
from techbridge.insights.models import ListingViewDay, SearchDay
from techbridge.matching.models import RecommendationFeedback

ALL = "all"
COUNTRY = "country"
ORGANISATION = "organisation"
PUBLIC = "public"
MODELS = {"technology": Technology, "need": Need}


@dataclass(frozen=True)
class Scope:
    kind: str = ALL
    country: str = ""
    organisation_id: int | None = None


@dataclass(frozen=True)
class Filters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    country: str = ""
    sector: str = ""

    def bounds(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """[start, end) in the active time zone; the end date is included."""
        zone = timezone.get_current_timezone()
        start = end = None
        if self.date_from:
            start = datetime.datetime.combine(self.date_from, datetime.time.min, tzinfo=zone)
        if self.date_to:
            next_day = self.date_to + datetime.timedelta(days=1)
            end = datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone)
        return start, end


def in_period(field: str, filters: Filters) -> Q:
    start, end = filters.bounds()
    condition = Q()
    if start:
        condition &= Q(**{f"{field}__gte": start})
    if end:
        condition &= Q(**{f"{field}__lt": end})
    return condition


def _day_period(field: str, filters: Filters) -> Q:
    condition = Q()
    if filters.date_from:
        condition &= Q(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        condition &= Q(**{f"{field}__lte": filters.date_to})
    return condition


def country_field(model) -> str:
    return "country" if model is Need else "organisation__country"


def sector_codes(code: str) -> QuerySet:
    """A sector and its children, so a top-level filter finds listings tagged with a child."""
    return Sector.objects.filter(Q(code=code) | Q(code__startswith=code + "."))


def listing_base(*, model, scope: Scope, filters: Filters) -> QuerySet:
    """Listings ever published within the scope and the country/sector filters (any date)."""
    listings = model.objects.filter(published_at__isnull=False)
    if scope.kind == PUBLIC:
        listings = listings.filter(
            status=Status.PUBLISHED, visibility__in=[Visibility.PUBLIC, Visibility.ANONYMISED]
        )
    elif scope.kind == COUNTRY:
        listings = listings.filter(**{country_field(model): scope.country})
    elif scope.kind == ORGANISATION:
        listings = listings.filter(organisation_id=scope.organisation_id)
    if filters.country:
        listings = listings.filter(**{country_field(model): filters.country})
    if filters.sector:
        name = model._meta.model_name
        through = model.sectors.through.objects.filter(sector__in=sector_codes(filters.sector))
        listings = listings.filter(pk__in=through.values(f"{name}_id"))
    return listings.order_by()


def month_of(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return datetime.date(value.year, value.month, 1)


def _by_month(rows) -> dict[datetime.date, int]:
    result: dict[datetime.date, int] = {}
    for month, n in rows:
        if month is not None:
            key = month_of(month)
            result[key] = result.get(key, 0) + (n or 0)
    return result


def listings_published(*, scope: Scope, filters: Filters) -> dict:
    """Per kind: by month, country, top-level sector and SDG (4 queries per kind)."""
    result = {}
    for kind, model in MODELS.items():
        name = model._meta.model_name
        listings = listing_base(model=model, scope=scope, filters=filters).filter(
            in_period("published_at", filters)
        )
        ids = listings.values("pk")
        months = _by_month(
            listings.annotate(m=TruncMonth("published_at"))
            .values_list("m")
            .annotate(n=Count("pk"))
            .order_by()
        )
        field = country_field(model)
        countries = dict(listings.values_list(field).annotate(n=Count("pk")).order_by())
        through = model.sectors.through.objects.filter(**{f"{name}_id__in": ids})
        sectors = dict(
            through.annotate(top=Coalesce("sector__parent__code", "sector__code"))
            .values_list("top")
            .annotate(n=Count(f"{name}_id", distinct=True))
            .order_by()
        )
        sdg_through = model.sdgs.through.objects.filter(**{f"{name}_id__in": ids})
        sdgs = dict(sdg_through.values_list("sdggoal__number").annotate(n=Count("pk")).order_by())
        result[kind] = {
            "total": sum(months.values()),
            "months": months,
            "countries": countries,
            "sectors": sectors,
            "sdgs": sdgs,
        }
    return result


def listing_views(*, scope: Scope, filters: Filters) -> dict:
    """Page views of listings in scope during the period: by month and country (4 queries)."""
    months: dict[datetime.date, int] = {}
    countries: dict[str, int] = {}
    for kind, model in MODELS.items():
        rows = ListingViewDay.objects.filter(_day_period("day", filters))
        if scope.kind != ALL or filters.country or filters.sector:
            base = listing_base(model=model, scope=scope, filters=filters)
            rows = rows.filter(**{f"{kind}_id__in": base.values("pk")})
        else:
            rows = rows.filter(**{f"{kind}__isnull": False})
        for month, n in _by_month(
            rows.annotate(m=TruncMonth("day")).values_list("m").annotate(n=Sum("n")).order_by()
        ).items():
            months[month] = months.get(month, 0) + n
        field = f"{kind}__{country_field(model)}"
        for code, n in rows.values_list(field).annotate(n=Sum("n")).order_by():
            countries[code] = countries.get(code, 0) + (n or 0)
    return {"total": sum(months.values()), "months": months, "countries": countries}


def searches(*, filters: Filters) -> dict:
    """Searches during the period by month and interface language (2 queries). Searches are
    not tied to a country or an organisation, so only the whole-platform scopes show them."""
    rows = SearchDay.objects.filter(_day_period("day", filters))
    months = _by_month(
        rows.annotate(m=TruncMonth("day")).values_list("m").annotate(n=Sum("n")).order_by()
    )
    languages = dict(rows.values_list("language").annotate(n=Sum("n")).order_by())
    return {"total": sum(months.values()), "months": months, "languages": languages}


def recommendation_marks(*, scope: Scope, filters: Filters) -> dict:
    """Recommendations members marked relevant / not relevant on listings in scope, by month
    (1 query)."""
    marks = RecommendationFeedback.objects.filter(in_period("created_at", filters))
    if scope.kind != ALL or filters.country or filters.sector:
        condition = Q()
        for kind, model in MODELS.items():
            base = listing_base(model=model, scope=scope, filters=filters)
            condition |= Q(source_kind=kind, source_id__in=base.values("pk"))
        marks = marks.filter(condition)
    rows = (
        marks.annotate(m=TruncMonth("created_at"))
        .values_list("m", "relevant")
        .annotate(n=Count("pk"))
        .order_by()
    )
    relevant: dict[datetime.date, int] = {}
    not_relevant = 0
    for month, is_relevant, n in rows:
        if is_relevant:
            key = month_of(month)
            relevant[key] = relevant.get(key, 0) + n
        else:
            not_relevant += n
    return {"relevant": sum(relevant.values()), "not_relevant": not_relevant, "months": relevant}
