"""Who may do what in the alliance and its networks. Views, API and services ask here."""

import datetime

from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.alliance.enums import ApplicationStatus, NetworkRole
from techbridge.alliance.models import AllianceMembership, MembershipApplication, Network
from techbridge.organisations import rules as organisation_rules
from techbridge.organisations.models import Organisation

# An organisation may renew from this many days before its membership ends (and after).
RENEWAL_WINDOW_DAYS = 60


def is_staff(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_act_for(user: User, organisation: Organisation) -> bool:
    """The organisation's admins (and staff) act for it in the alliance."""
    return organisation_rules.can_edit_organisation(user, organisation)


def can_view_membership(user: User, organisation: Organisation) -> bool:
    """An organisation's applications, reasons and dates: its people, its country's focal
    point and staff (the same readers as its member list)."""
    return organisation_rules.can_view_members(user, organisation)


def can_apply(
    user: User, organisation: Organisation, *, membership: AllianceMembership | None = None
) -> bool:
    """Admins apply for an organisation that is not a current member (an expired one may
    apply again); the pending-application check is the service's (a constraint backs it)."""
    if not can_act_for(user, organisation):
        return False
    return membership is None or not membership.is_current()


def can_withdraw_application(user: User, application: MembershipApplication) -> bool:
    return application.status == ApplicationStatus.PENDING and can_act_for(
        user, application.organisation
    )


def can_decide_application(user: User, application: MembershipApplication) -> bool:
    return is_staff(user) and application.status == ApplicationStatus.PENDING


def can_list_applications(user: User) -> bool:
    return is_staff(user)


def can_set_tier(user: User) -> bool:
    return is_staff(user)


def can_renew(
    user: User, membership: AllianceMembership, today: datetime.date | None = None
) -> bool:
    today = today or timezone.localdate()
    due = membership.valid_until - datetime.timedelta(days=RENEWAL_WINDOW_DAYS) <= today
    return due and can_act_for(user, membership.organisation)


# Networks


def can_manage_networks(user: User) -> bool:
    return is_staff(user)


def can_view_network(user: User, network: Network) -> bool:
    return network.is_published or is_staff(user)


def _coordinator_ids(network: Network) -> set[int]:
    cache = getattr(network, "_coordinator_ids", None)
    if cache is None:
        cache = set(
            network.members.filter(role=NetworkRole.COORDINATOR).values_list(
                "organisation_id", flat=True
            )
        )
        network._coordinator_ids = cache
    return cache


def is_coordinator(user: User, network: Network) -> bool:
    """Any member (admin or plain) of a coordinating organisation."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_organisation_ids"):
        user._organisation_ids = set(user.memberships.values_list("organisation_id", flat=True))
    return bool(user._organisation_ids & _coordinator_ids(network))


def can_edit_network(user: User, network: Network) -> bool:
    return is_staff(user) or is_coordinator(user, network)


can_post_news = can_edit_network
can_edit_projects = can_edit_network
can_link_listings = can_edit_network
