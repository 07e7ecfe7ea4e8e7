"""Demo deals in every stage of the pipeline, between demo organisations of different
countries, with backdated steps, answers, messages and agreement details. Written directly
(no notices or e-mails for the demo); loads once."""

import datetime

from django.db import transaction
from django.utils import timezone

from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Technology
from techbridge.deals.enums import PIPELINE, Stage
from techbridge.deals.models import Deal, DealMessage, DealStep, ExpressionOfInterest, FollowUp
from techbridge.deals.services import add_months
from techbridge.organisations.enums import MemberRole
from techbridge.organisations.models import Membership

# (interested country, listing kind, anonymised listing?, final stage, reason, days ago)
SCENARIOS = [
    ("VN", "technology", True, Stage.INTEREST, "", 3),
    ("TH", "technology", False, Stage.INTRODUCED, "", 20),
    ("CN", "need", False, Stage.MEETING_HELD, "", 45),
    ("ID", "technology", False, Stage.NEGOTIATING, "", 70),
    ("VN", "technology", False, Stage.AGREEMENT_SIGNED, "", 120),
    ("MY", "technology", True, Stage.TRANSFERRED, "", 300),
    ("PH", "technology", False, Stage.DECLINED, "price_terms", 30),
    ("LA", "technology", True, Stage.CLOSED, "no_response", 60),
    ("KH", "technology", False, Stage.CLOSED, "not_market_fit", 90),
]
ANSWERS = {
    "cooperation": ["licence", "pilot"],
    "information_missing": "Operating costs per tonne and the service network in our region.",
    "who_we_are": "A family-owned processor with two plants and 140 staff.",
    "message": "We would like to test this at one plant before the next harvest.",
}
MESSAGES = [
    "Thank you for the introduction. Could we arrange a video call next week?",
    "Gladly. Tuesday 10:00 Beijing time suits us; we will send the technical data sheet.",
]


def _admin(organisation_id: int):
    membership = (
        Membership.objects.filter(organisation_id=organisation_id, role=MemberRole.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _listing(kind: str, anonymised: bool, not_country: str, used: set):
    model = Technology if kind == "technology" else Need
    listings = model.objects.filter(status=Status.PUBLISHED).select_related("organisation")
    listings = listings.exclude(organisation__country=not_country).exclude(pk__in=used)
    if anonymised:
        listings = listings.filter(visibility=Visibility.ANONYMISED)
    else:
        listings = listings.filter(visibility=Visibility.PUBLIC)
    return listings.order_by("pk").first()


def _interested(country: str):
    membership = (
        Membership.objects.filter(organisation__country=country, role=MemberRole.ADMIN)
        .select_related("organisation", "user")
        .order_by("pk")
        .first()
    )
    return (membership.organisation, membership.user) if membership else (None, None)


def _create(scenario, used: set, now) -> Deal | None:
    country, kind, anonymised, final, reason, days = scenario
    organisation, user = _interested(country)
    listing = _listing(kind, anonymised, country, used) if organisation else None
    if listing is None:
        return None
    used.add(listing.pk)
    owner = _admin(listing.organisation_id)
    start = now - datetime.timedelta(days=days)
    deal = Deal.objects.create(
        **{kind: listing},
        target_kind=kind,
        interested_organisation=organisation,
        interested_user=user,
        listing_organisation=listing.organisation,
        brokered=listing.visibility == Visibility.ANONYMISED,
        created_at=start,
        stage_changed_at=start,
    )
    ExpressionOfInterest.objects.create(deal=deal, created_at=start, **ANSWERS)
    path = [Stage.INTEREST]
    if final in PIPELINE:
        path = PIPELINE[: PIPELINE.index(final) + 1]
    elif final == Stage.CLOSED and reason != "no_response":
        path = [Stage.INTEREST, Stage.INTRODUCED, Stage.CLOSED]
    elif final in {Stage.DECLINED, Stage.CLOSED}:
        path = [Stage.INTEREST, final]
    step_days = max(1, days // (len(path) + 1))
    at = start
    for index, stage in enumerate(path):
        at = start + datetime.timedelta(days=index * step_days)
        by = user if index == 0 else (None if reason == "no_response" else owner)
        DealStep.objects.create(deal=deal, stage=stage, at=at, by=by)
        if stage == Stage.INTRODUCED:
            deal.revealed_at = at
            for offset, (author, body) in enumerate(zip([user, owner], MESSAGES, strict=True)):
                DealMessage.objects.create(
                    deal=deal,
                    author=author,
                    body=body,
                    created_at=at + datetime.timedelta(hours=offset + 2),
                )
        if stage in {Stage.MEETING_HELD, Stage.AGREEMENT_SIGNED}:
            FollowUp.objects.create(deal=deal, after_stage=stage, due_on=add_months(at.date(), 6))
    deal.stage, deal.stage_changed_at, deal.reason = path[-1], at, reason
    if path[-1] in {Stage.AGREEMENT_SIGNED, Stage.TRANSFERRED, Stage.NEGOTIATING}:
        deal.agreement_type = "licence_non_exclusive"
        deal.value_range = "50k_200k"
        deal.agreement_countries = [country]
    deal.save()
    return deal


@transaction.atomic
def deals_load() -> int:
    """The demo deals, once: a second run adds none."""
    if Deal.objects.exists():
        return 0
    now = timezone.now()
    used: set[int] = set()
    created = [_create(scenario, used, now) for scenario in SCENARIOS]
    return sum(1 for deal in created if deal is not None)
