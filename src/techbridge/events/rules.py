"""Who may see events and register, cancel or decide on registrations."""

from techbridge.accounts.models import User
from techbridge.events.enums import ACTIVE, RegistrationStatus
from techbridge.events.models import Event, Registration


def can_manage_events(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_view_event(user: User, event: Event) -> bool:
    return event.is_published or can_manage_events(user)


def can_register(user: User, event: Event) -> bool:
    """Signed-in, verified and active users, while registration is open."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_verified
        and event.registration_open_at()
    )


def can_cancel_registration(user: User, registration: Registration) -> bool:
    return (
        user.is_authenticated and registration.user_id == user.pk and registration.status in ACTIVE
    )


def can_decide_registration(user: User, registration: Registration) -> bool:
    return can_manage_events(user) and registration.status == RegistrationStatus.PENDING
