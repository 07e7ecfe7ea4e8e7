"""Reads for the brokerage: setup, profiles, the marketplace and suggested meetings."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Technology
from techbridge.events.enums import RegistrationStatus, RequestStatus
from techbridge.events.models import (
    BrokerageProfile,
    Event,
    MeetingRequest,
    MeetingSlot,
    Registration,
)
from techbridge.organisations.models import Organisation

OFFERS = "offers"
REQUESTS = "requests"


def brokerage_slots(*, event: Event) -> QuerySet[MeetingSlot]:
    return event.meeting_slots.all()


def profile_of(*, registration: Registration) -> BrokerageProfile | None:
    return (
        BrokerageProfile.objects.filter(registration=registration)
        .select_related("organisation")
        .prefetch_related("technologies", "needs", "unavailable_slots")
        .first()
    )


def profile_choices(*, registration: Registration) -> dict:
    """What a participant may pick in their profile: their organisations, those
    organisations' published listings, and the event's slots."""
    organisations = list(
        Organisation.objects.filter(memberships__user=registration.user).order_by("name")
    )
    published = {
        "status": Status.PUBLISHED,
        "visibility": Visibility.PUBLIC,
        "organisation__in": organisations,
    }
    return {
        "organisations": organisations,
        "technologies": list(Technology.objects.filter(**published).order_by("title")),
        "needs": list(Need.objects.filter(**published).order_by("title")),
        "slots": list(registration.event.meeting_slots.all()),
    }


def _published(model) -> QuerySet:
    return model.objects.filter(status=Status.PUBLISHED, visibility=Visibility.PUBLIC).order_by(
        "title"
    )


def marketplace_participants(
    *,
    event: Event,
    query: str = "",
    participant_type: str = "",
    country: str = "",
    sector: str = "",
    side: str = "",
    exclude: Registration | None = None,
) -> QuerySet[Registration]:
    """Approved participants with their profiles, filtered; a constant number of queries."""
    registrations = (
        Registration.objects.filter(event=event, status=RegistrationStatus.APPROVED)
        .select_related("user", "brokerage_profile__organisation")
        .prefetch_related(
            Prefetch("brokerage_profile__technologies", queryset=_published(Technology)),
            Prefetch("brokerage_profile__needs", queryset=_published(Need)),
        )
        .order_by("user__full_name", "pk")
    )
    if exclude is not None:
        registrations = registrations.exclude(pk=exclude.pk)
    if participant_type:
        registrations = registrations.filter(participant_type=participant_type)
    if country:
        registrations = registrations.filter(brokerage_profile__organisation__country=country)
    if side == OFFERS:
        registrations = registrations.filter(
            Q(brokerage_profile__technologies__isnull=False) | ~Q(brokerage_profile__offers="")
        )
    elif side == REQUESTS:
        registrations = registrations.filter(
            Q(brokerage_profile__needs__isnull=False) | ~Q(brokerage_profile__requests="")
        )
    if sector:
        registrations = registrations.filter(
            Q(brokerage_profile__technologies__sectors__code__startswith=sector)
            | Q(brokerage_profile__needs__sectors__code__startswith=sector)
        )
    for word in query.split()[:8]:
        registrations = registrations.filter(
            Q(user__full_name__icontains=word)
            | Q(brokerage_profile__organisation__name__icontains=word)
            | Q(brokerage_profile__offers__icontains=word)
            | Q(brokerage_profile__requests__icontains=word)
            | Q(brokerage_profile__technologies__title__icontains=word)
            | Q(brokerage_profile__needs__title__icontains=word)
        )
    if query or sector or side:
        registrations = registrations.distinct()
    return registrations


def marketplace_countries(*, event: Event) -> list[str]:
    return sorted(
        set(
            Registration.objects.filter(
                event=event,
                status=RegistrationStatus.APPROVED,
                brokerage_profile__organisation__isnull=False,
            ).values_list("brokerage_profile__organisation__country", flat=True)
        )
    )


def open_requests_between(*, registration: Registration) -> dict[int, MeetingRequest]:
    """The reader's pending or accepted requests, by the other participant's registration."""
    requests = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(receiver=registration),
        status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED],
    )
    return {
        (r.receiver_id if r.requester_id == registration.pk else r.requester_id): r
        for r in requests
    }


@dataclass
class Suggestion:
    registration: Registration
    score: float
    # (reader's listing title, their listing title) pairs that matched.
    reasons: list[tuple[str, str]]


def _reader_listings(profile: BrokerageProfile | None) -> list:
    if profile is None:
        return []
    return [
        *_published(Technology).filter(pk__in=profile.technologies.all()),
        *_published(Need).filter(pk__in=profile.needs.all()),
    ]


def suggested_meetings(
    *, user: User, registration: Registration, limit: int = 6
) -> list[Suggestion] | None:
    """Participants whose linked listings the matching engine recommends for the reader's
    linked listings, best first. None when the reader has linked no listing (nothing to
    match on), so the page shows no suggestions at all."""
    from techbridge.matching.recommend import recommendations_for

    listings = _reader_listings(profile_of(registration=registration))[:5]
    if not listings:
        return None
    owners: dict[tuple[str, int], list[Registration]] = {}
    others = marketplace_participants(event=registration.event, exclude=registration)
    for other in others:
        profile = getattr(other, "brokerage_profile", None)
        if profile is None:
            continue
        for technology in profile.technologies.all():
            owners.setdefault(("technology", technology.pk), []).append(other)
        for need in profile.needs.all():
            owners.setdefault(("need", need.pk), []).append(other)
    found: dict[int, Suggestion] = {}
    for listing in listings:
        for recommendation in recommendations_for(user=user, listing=listing, limit=30):
            key = (recommendation.view.kind, recommendation.view.pk)
            for other in owners.get(key, []):
                suggestion = found.setdefault(other.pk, Suggestion(other, 0.0, []))
                suggestion.score = max(suggestion.score, recommendation.score)
                suggestion.reasons.append((listing.title, recommendation.view.title.text))
    ranked = sorted(found.values(), key=lambda s: -s.score)
    return ranked[:limit]
