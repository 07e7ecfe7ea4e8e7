"""Who may see and do what in a deal. Pages, API, exports, e-mails and services ask here.

Consent to reveal: until the listing's side accepts the introduction, neither side sees the
other's identity or contacts; staff see everything. Staff act as broker for deals on
anonymised listings (accept or decline for the provider, read the thread)."""

from techbridge.accounts.models import User
from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.enums import Status
from techbridge.deals.enums import FORWARD, Side, Stage
from techbridge.deals.models import Deal
from techbridge.organisations import rules as organisation_rules


def is_staff(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def side_of(user: User, deal: Deal) -> str | None:
    """Which side the reader is on: interested party, listing owner, or neither."""
    if not user.is_authenticated:
        return None
    if organisation_rules.is_member(user, deal.interested_organisation):
        return Side.INTERESTED
    if organisation_rules.is_member(user, deal.listing_organisation):
        return Side.PROVIDER
    return None


def is_focal_point_for(user: User, deal: Deal) -> bool:
    return (
        user.is_authenticated
        and bool(user.focal_point_country)
        and (
            user.focal_point_country
            in {deal.interested_organisation.country, deal.listing_organisation.country}
        )
    )


def can_view_deal(user: User, deal: Deal) -> bool:
    return is_staff(user) or side_of(user, deal) is not None or is_focal_point_for(user, deal)


def can_see_party(user: User, deal: Deal, side: str) -> bool:
    """Identity and contacts of one side: own side always; the other side only after consent."""
    if is_staff(user):
        return True
    mine = side_of(user, deal)
    if mine == side:
        return True
    return deal.is_revealed and can_view_deal(user, deal)


def can_view_interest(user: User, deal: Deal) -> bool:
    """The answers and message of the expression of interest: the two sides and staff."""
    return is_staff(user) or side_of(user, deal) is not None


def _acts_for_provider(user: User, deal: Deal) -> bool:
    return side_of(user, deal) == Side.PROVIDER or (is_staff(user) and deal.brokered)


def can_act_in_deal(user: User, deal: Deal) -> bool:
    return side_of(user, deal) is not None or (is_staff(user) and deal.brokered)


def can_decide_consent(user: User, deal: Deal) -> bool:
    return deal.stage == Stage.INTEREST and _acts_for_provider(user, deal)


def can_move_deal(user: User, deal: Deal) -> bool:
    return deal.is_revealed and deal.stage in FORWARD and can_act_in_deal(user, deal)


def can_close_deal(user: User, deal: Deal) -> bool:
    """Either side (the interested one may withdraw its interest) or the broker."""
    return deal.is_open and can_act_in_deal(user, deal)


def can_read_thread(user: User, deal: Deal) -> bool:
    return deal.is_revealed and can_act_in_deal(user, deal)


def can_post_message(user: User, deal: Deal) -> bool:
    return deal.is_revealed and side_of(user, deal) is not None


can_add_attachment = can_post_message
can_view_attachments = can_read_thread


def can_edit_agreement(user: User, deal: Deal) -> bool:
    return deal.is_revealed and deal.stage != Stage.DECLINED and can_act_in_deal(user, deal)


def can_answer_follow_up(user: User, deal: Deal) -> bool:
    return side_of(user, deal) is not None


def can_manage_pipeline(user: User) -> bool:
    """The all-deals list, funnel and exports: staff, and focal points for their country."""
    return user.is_authenticated and (user.is_staff or bool(user.focal_point_country))


def interest_organisations(user: User, listing) -> list:
    """Organisations the user may express interest for: their own, except the listing's."""
    if not (user.is_authenticated and user.is_active and user.is_verified):
        return []
    return [
        membership.organisation
        for membership in user.memberships.select_related("organisation")
        if membership.organisation_id != listing.organisation_id
    ]


def can_express_interest(user: User, listing) -> bool:
    return (
        user.is_authenticated
        and listing.status == Status.PUBLISHED
        and catalog_rules.can_view_listing(user, listing)
        and not catalog_rules.is_owner(user, listing)
        and bool(interest_organisations(user, listing))
    )
