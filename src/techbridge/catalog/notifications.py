from django.conf import settings
from django.urls import reverse

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status
from techbridge.catalog.models import Technology
from techbridge.core.mail import email_enqueue
from techbridge.organisations.enums import MemberRole


def listing_url(listing) -> str:
    name = "catalog:technology" if isinstance(listing, Technology) else "catalog:need"
    return settings.SITE_URL + reverse(name, args=[listing.pk])


def renewal_reminder_enqueue(*, listing) -> None:
    admins = User.objects.filter(
        memberships__organisation=listing.organisation,
        memberships__role=MemberRole.ADMIN,
        is_active=True,
    )
    for admin in admins:
        email_enqueue(
            to=admin.email,
            template="listing_renewal",
            context={
                "title": listing.title,
                "valid_until": listing.valid_until.isoformat(),
                "link": listing_url(listing),
            },
            language=admin.preferred_language,
        )


def review_outcome_enqueue(*, listing) -> None:
    """Tells the listing's organisation what the reviewer decided, with the reason."""
    members = User.objects.filter(memberships__organisation=listing.organisation, is_active=True)
    for member in members:
        email_enqueue(
            to=member.email,
            template="listing_reviewed",
            context={
                "title": listing.title,
                "status": Status(listing.status).label,
                "reason": listing.status_reason,
                "link": listing_url(listing),
            },
            language=member.preferred_language,
        )
