from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Technology
from techbridge.events.enums import SEAT_HOLDING, RegistrationStatus
from techbridge.events.models import Booth, Event, Registration, Session


def events_visible(*, user: User) -> QuerySet[Event]:
    events = Event.objects.all()
    if not (user.is_authenticated and user.is_staff):
        events = events.filter(is_published=True)
    return events


def events_split(*, user: User, now=None) -> tuple[list[Event], list[Event]]:
    """Upcoming (soonest first) and past (latest first) events, in one query."""
    now = now or timezone.now()
    events = list(events_visible(user=user))
    upcoming = [e for e in events if e.ends_at >= now]
    past = sorted((e for e in events if e.ends_at < now), key=lambda e: e.starts_at, reverse=True)
    return upcoming, past


def event_programme(*, event: Event) -> QuerySet[Session]:
    return event.sessions.select_related("event").prefetch_related(
        "speakers__organisation", "speakers__user"
    )


def event_booths(*, event: Event) -> QuerySet[Booth]:
    published = Technology.objects.filter(
        status=Status.PUBLISHED, visibility=Visibility.PUBLIC
    ).order_by("title")
    return event.booths.select_related("organisation").prefetch_related(
        Prefetch("technologies", queryset=published)
    )


def event_seats(*, event: Event) -> dict:
    return event.registrations.aggregate(
        taken=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )


def event_registrations(*, event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user", "decided_by").order_by(
        "status", "created_at", "pk"
    )


def registrations_of(*, user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at")
    )


def registration_of(*, user: User, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, event=event).first()


def waiting_position(*, registration: Registration) -> int:
    return Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITING,
        created_at__lte=registration.created_at,
    ).count()
