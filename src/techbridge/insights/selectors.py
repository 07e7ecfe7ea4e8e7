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

from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, SDGGoal, Sector, Technology
from techbridge.insights.models import ListingViewDay, SearchDay
from techbridge.insights.months import by_month, month_rows, month_span
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


def sector_groups() -> dict[str, list[int]]:
    """Top-level sector code -> the ids of it and its children (1 query)."""
    groups: dict[str, list[int]] = {}
    for pk, code, parent in Sector.objects.values_list("pk", "code", "parent__code"):
        groups.setdefault(parent or code, []).append(pk)
    return groups


def top_sector(field: str, groups: dict[str, list[int]]) -> Case:
    """The top-level sector code of a sector id column, as a CASE over the ~50 sector ids
    (no join to the taxonomy table; NULL stays NULL)."""
    return Case(
        *[When(**{f"{field}__in": ids}, then=Value(top)) for top, ids in groups.items()],
        default=Value(None),
        output_field=CharField(),
    )


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


def months_for(filters: Filters, months: list | None) -> list:
    return month_span(filters.date_from, filters.date_to) if months is None else months


def _months_and_countries(rows) -> tuple[dict, dict, int]:
    """(month or None, country, n) rows -> per month, per country, total."""
    months: dict[datetime.date, int] = {}
    countries: dict[str, int] = {}
    total = 0
    for month, country, n in rows:
        total += n
        countries[country] = countries.get(country, 0) + n
        if month is not None:
            months[month] = months.get(month, 0) + n
    return months, countries, total


def listings_published(*, scope: Scope, filters: Filters, months: list | None = None) -> dict:
    """Per kind: by month and country, top-level sector, SDG (3 queries per kind + 2)."""
    months = months_for(filters, months)
    sector_top = top_sector("sector_id", sector_groups())
    numbers = dict(SDGGoal.objects.values_list("pk", "number"))
    result = {}
    for kind, model in MODELS.items():
        name = model._meta.model_name
        listings = listing_base(model=model, scope=scope, filters=filters).filter(
            in_period("published_at", filters)
        )
        ids = listings.values("pk")
        field = country_field(model)
        per_month, countries, total = _months_and_countries(
            month_rows(listings, "published_at", months, Count("pk"), field)
        )
        through = model.sectors.through.objects.filter(**{f"{name}_id__in": ids})
        sectors = dict(
            through.annotate(top=sector_top)
            .values_list("top")
            .annotate(n=Count(f"{name}_id", distinct=True))
            .order_by()
        )
        sdg_through = model.sdgs.through.objects.filter(**{f"{name}_id__in": ids})
        sdgs = {
            numbers[goal]: n
            for goal, n in sdg_through.values_list("sdggoal_id").annotate(n=Count("pk")).order_by()
        }
        result[kind] = {
            "total": total,
            "months": per_month,
            "countries": countries,
            "sectors": sectors,
            "sdgs": sdgs,
        }
    return result


def listing_views(*, scope: Scope, filters: Filters, months: list | None = None) -> dict:
    """Page views of listings in scope during the period: by month and country (2 queries)."""
    span = months_for(filters, months)
    months: dict[datetime.date, int] = {}
    total = 0
    countries: dict[str, int] = {}
    for kind, model in MODELS.items():
        rows = ListingViewDay.objects.filter(_day_period("day", filters))
        if scope.kind != ALL or filters.country or filters.sector:
            base = listing_base(model=model, scope=scope, filters=filters)
            rows = rows.filter(**{f"{kind}_id__in": base.values("pk")})
        else:
            rows = rows.filter(**{f"{kind}__isnull": False})
        field = f"{kind}__{country_field(model)}"
        per_month, per_country, subtotal = _months_and_countries(
            month_rows(rows, "day", span, Sum("n"), field, is_date=True)
        )
        total += subtotal
        for month, n in per_month.items():
            months[month] = months.get(month, 0) + n
        for code, n in per_country.items():
            countries[code] = countries.get(code, 0) + n
    return {"total": total, "months": months, "countries": countries}


def searches(*, filters: Filters, months: list | None = None) -> dict:
    """Searches during the period by month and interface language (2 queries). Searches are
    not tied to a country or an organisation, so only the whole-platform scopes show them."""
    rows = SearchDay.objects.filter(_day_period("day", filters))
    per_month, total = by_month(rows, "day", months_for(filters, months), Sum("n"), is_date=True)
    languages = dict(rows.values_list("language").annotate(n=Sum("n")).order_by())
    return {"total": total, "months": per_month, "languages": languages}


def recommendation_marks(*, scope: Scope, filters: Filters, months: list | None = None) -> dict:
    """Recommendations members marked relevant / not relevant on listings in scope, by month
    (1 query)."""
    marks = RecommendationFeedback.objects.filter(in_period("created_at", filters))
    if scope.kind != ALL or filters.country or filters.sector:
        condition = Q()
        for kind, model in MODELS.items():
            base = listing_base(model=model, scope=scope, filters=filters)
            condition |= Q(source_kind=kind, source_id__in=base.values("pk"))
        marks = marks.filter(condition)
    rows = month_rows(marks, "created_at", months_for(filters, months), Count("pk"), "relevant")
    relevant: dict[datetime.date, int] = {}
    counts = {True: 0, False: 0}
    for month, is_relevant, n in rows:
        counts[bool(is_relevant)] += n
        if is_relevant and month is not None:
            relevant[month] = relevant.get(month, 0) + n
    return {"relevant": counts[True], "not_relevant": counts[False], "months": relevant}
