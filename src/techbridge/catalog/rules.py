"""Who may see and do what with technologies and needs. Pages, API, exports and search ask here."""

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Technology
from techbridge.organisations import rules as organisation_rules

Listing = Technology | Need

EDITABLE_STATUSES = {Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.EXPIRED}
REVIEWABLE_STATUSES = {Status.SUBMITTED, Status.UNDER_REVIEW}


def listing_country(listing: Listing) -> str:
    return listing.country if isinstance(listing, Need) else listing.organisation.country


def is_owner(user: User, listing: Listing) -> bool:
    return organisation_rules.is_member(user, listing.organisation)


def is_curator(user: User, listing: Listing) -> bool:
    """Staff, or the national focal point of the listing's country."""
    return user.is_authenticated and (
        user.is_staff or user.focal_point_country == listing_country(listing)
    )


def is_platform_member(user: User) -> bool:
    return user.is_authenticated and user.is_verified and user.memberships.exists()


def can_view_listing(user: User, listing: Listing) -> bool:
    if is_owner(user, listing) or is_curator(user, listing):
        return True
    if listing.status != Status.PUBLISHED:
        return False
    if listing.visibility == Visibility.MEMBERS:
        return is_platform_member(user)
    return True


def can_see_provider(user: User, listing: Listing) -> bool:
    """Anonymised listings hide provider, logo, links, patent numbers and contact."""
    if listing.visibility != Visibility.ANONYMISED:
        return True
    return is_owner(user, listing) or is_curator(user, listing)


def can_create_listing(user: User, organisation) -> bool:
    return (
        user.is_authenticated
        and user.is_verified
        and (organisation_rules.is_member(user, organisation) or user.is_staff)
    )


def can_edit_listing(user: User, listing: Listing) -> bool:
    if user.is_authenticated and user.is_staff:
        return True
    return is_owner(user, listing) and listing.status in EDITABLE_STATUSES


def can_submit_listing(user: User, listing: Listing) -> bool:
    return is_owner(user, listing) and listing.status in {Status.DRAFT, Status.CHANGES_REQUESTED}


def can_review_listing(user: User, listing: Listing) -> bool:
    return is_curator(user, listing) and listing.status in REVIEWABLE_STATUSES


def can_withdraw_listing(user: User, listing: Listing) -> bool:
    allowed = is_owner(user, listing) or (user.is_authenticated and user.is_staff)
    return allowed and listing.status not in {Status.WITHDRAWN, Status.REJECTED}


def can_renew_listing(user: User, listing: Listing) -> bool:
    allowed = is_owner(user, listing) or (user.is_authenticated and user.is_staff)
    return allowed and listing.status in {Status.PUBLISHED, Status.EXPIRED}


def can_view_history(user: User, listing: Listing) -> bool:
    return is_owner(user, listing) or is_curator(user, listing)
