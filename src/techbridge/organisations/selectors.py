from django.db.models import Count, Q, QuerySet

from techbridge.accounts.models import User
from techbridge.organisations.enums import JoinRequestStatus
from techbridge.organisations.models import Invitation, JoinRequest, Membership, Organisation


def organisation_list(
    *, country: str = "", kind: str = "", query: str = "", verified_only: bool = False
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.annotate(member_count=Count("memberships"))
    if country:
        organisations = organisations.filter(country=country)
    if kind:
        organisations = organisations.filter(kind=kind)
    if verified_only:
        organisations = organisations.filter(is_verified=True)
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(name_translations__icontains=query)
            | Q(region__icontains=query)
        )
    return organisations.order_by("name")


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__full_name")


def organisation_pending_join_requests(*, organisation: Organisation) -> QuerySet[JoinRequest]:
    return organisation.join_requests.filter(status=JoinRequestStatus.PENDING).select_related(
        "user"
    )


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)


def user_organisations(*, user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__name")


def user_pending_join_requests(*, user: User) -> QuerySet[JoinRequest]:
    return user.join_requests.filter(status=JoinRequestStatus.PENDING).select_related(
        "organisation"
    )


def user_open_invitations(*, user: User) -> QuerySet[Invitation]:
    """Invitations sent to the user's address, so people who signed up after being invited
    find them on their first visit."""
    return Invitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("organisation")
