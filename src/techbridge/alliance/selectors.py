"""Reads for the alliance: the member directory, the application queue, an organisation's
status and the set of member organisations (for badges)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from techbridge.alliance.enums import ApplicationStatus
from techbridge.alliance.models import AllianceMembership, MembershipApplication
from techbridge.catalog.models import Sector
from techbridge.organisations.models import Organisation


@dataclass(frozen=True)
class DirectoryFilters:
    country: str = ""
    kind: str = ""
    sector: str = ""
    tier: str = ""
    q: str = ""


def _in_sector(code: str) -> QuerySet:
    return Sector.objects.filter(Q(code=code) | Q(code__startswith=code + "."))


def member_directory(*, filters: DirectoryFilters) -> QuerySet[AllianceMembership]:
    """Current members only: public fields, a constant number of queries per page."""
    members = AllianceMembership.objects.current().select_related("organisation")
    if filters.country:
        members = members.filter(organisation__country=filters.country)
    if filters.kind:
        members = members.filter(kind=filters.kind)
    if filters.tier:
        members = members.filter(tier=filters.tier)
    if filters.sector:
        through = AllianceMembership.sectors.through.objects.filter(
            sector__in=_in_sector(filters.sector)
        )
        members = members.filter(pk__in=through.values("alliancemembership_id"))
    if filters.q:
        members = members.filter(
            Q(organisation__name__icontains=filters.q)
            | Q(organisation__name_translations__icontains=filters.q)
            | Q(capabilities__icontains=filters.q)
        )
    return members.prefetch_related("sectors").order_by("tier", "organisation__name")  # core first


def member_organisation_slugs() -> set[str]:
    """Organisations that carry the member badge today (one query)."""
    return set(AllianceMembership.objects.current().values_list("organisation__slug", flat=True))


def membership_of(*, organisation: Organisation) -> AllianceMembership | None:
    return AllianceMembership.objects.filter(organisation=organisation).first()


def applications_of(*, organisation: Organisation) -> QuerySet[MembershipApplication]:
    return (
        MembershipApplication.objects.filter(organisation=organisation)
        .select_related("charter", "decided_by")
        .prefetch_related("sectors")
    )


def pending_application_of(*, organisation: Organisation) -> MembershipApplication | None:
    return (
        applications_of(organisation=organisation).filter(status=ApplicationStatus.PENDING).first()
    )


def application_queue(*, status: str = ApplicationStatus.PENDING) -> QuerySet:
    applications = MembershipApplication.objects.select_related(
        "organisation", "submitted_by", "charter"
    ).prefetch_related("sectors")
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("created_at", "pk")


def members_for_staff() -> QuerySet[AllianceMembership]:
    return AllianceMembership.objects.select_related("organisation").order_by(
        "valid_until", "organisation__name"
    )


def member_counts_by_country_and_tier() -> list[dict]:
    """Current members grouped by the organisation's country and tier (for insights)."""
    return list(
        AllianceMembership.objects.current()
        .values("organisation__country", "tier")
        .annotate(n=Count("pk"))
        .order_by("organisation__country", "tier")
    )
