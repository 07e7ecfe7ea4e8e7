"""Who may see which insights. Views and exports ask here.

Staff see every figure; a national focal point the figures of their country; members (and
the focal point of its country) those of their organisation; everyone the public statistics,
which hold counts only."""

from techbridge.accounts.models import User
from techbridge.organisations import rules as organisation_rules
from techbridge.organisations.models import Organisation


def can_view_all(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_view_country(user: User, country: str) -> bool:
    return user.is_authenticated and (
        user.is_staff or (bool(user.focal_point_country) and user.focal_point_country == country)
    )


def can_view_organisation(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and (
        user.is_staff
        or organisation_rules.is_member(user, organisation)
        or organisation_rules.is_focal_point_for(user, organisation)
    )


def can_view_searches(user: User) -> bool:
    """Search counts are platform-wide (not tied to a country), so staff only."""
    return can_view_all(user)
