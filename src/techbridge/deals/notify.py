"""Who hears about a deal and what the notice holds. Payloads carry the listing's title, codes
and a link — never a party's identity or contacts, so no notice or e-mail can reveal one
before consent (the deal page shows them to whoever may see them)."""

from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import User
from techbridge.deals.enums import Side
from techbridge.deals.models import Deal
from techbridge.notifications.services import notification_send


def side_recipients(deal: Deal, side: str) -> list[User]:
    if side == Side.INTERESTED:
        user = deal.interested_user
        if user is not None and user.is_active:
            return [user]
        organisation = deal.interested_organisation
    else:
        organisation = deal.listing_organisation
    return list(User.objects.filter(memberships__organisation=organisation, is_active=True))


def brokers() -> list[User]:
    return list(User.objects.filter(is_staff=True, is_active=True))


def deal_payload(deal: Deal, recipient: User, **extra) -> dict:
    with translation.override(recipient.preferred_language):
        title = deal.target.text_in("title").text
    return {
        "deal": deal.pk,
        "listing": title,
        "link": reverse("deals:detail", args=[deal.pk]),
        **extra,
    }


def deal_notify(
    *,
    deal: Deal,
    kind: str,
    sides: tuple[str, ...],
    actor: User | None = None,
    key: str = "",
    include_brokers: bool = False,
    **extra,
) -> int:
    recipients: dict[int, User] = {}
    for side in sides:
        for user in side_recipients(deal, side):
            recipients[user.pk] = user
    if include_brokers and deal.brokered:
        for user in brokers():
            recipients[user.pk] = user
    if actor is not None:
        recipients.pop(actor.pk, None)
    sent = 0
    for user in recipients.values():
        notice = notification_send(
            recipient=user,
            kind=kind,
            payload=deal_payload(deal, user, **extra),
            key=f"deal:{deal.pk}:{key}" if key else "",
        )
        sent += notice is not None
    return sent
