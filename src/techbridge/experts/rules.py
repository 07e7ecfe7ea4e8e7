"""Who may see and do what in the expert registry. Pages, API and services all ask here."""

from techbridge.accounts.models import User
from techbridge.catalog.rules import is_platform_member
from techbridge.experts.enums import Availability, ProfileVisibility
from techbridge.experts.models import Expert


def is_member(user: User) -> bool:
    """`catalog.rules.is_platform_member`, asked once per request user (lists call it per row)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_experts_is_member", None)
    if cached is None:
        cached = is_platform_member(user)
        user._experts_is_member = cached
    return cached


def is_staff(user: User) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def is_own_profile(user: User, expert: Expert) -> bool:
    return bool(user.is_authenticated and expert.user_id and expert.user_id == user.pk)


def can_view_expert(user: User, expert: Expert) -> bool:
    if is_staff(user) or is_own_profile(user, expert):
        return True
    if not expert.is_verified:
        return False
    if expert.visibility == ProfileVisibility.MEMBERS:
        return is_member(user)
    return True


def can_register_expert(user: User) -> bool:
    """A verified user without a profile may register themselves."""
    return bool(
        user.is_authenticated
        and user.is_verified
        and not Expert.objects.filter(user_id=user.pk).exists()
    )


def can_add_expert(user: User) -> bool:
    """Staff add experts who have no account (or on someone's behalf)."""
    return is_staff(user)


def can_edit_expert(user: User, expert: Expert) -> bool:
    return is_staff(user) or is_own_profile(user, expert)


def can_verify_expert(user: User, expert: Expert) -> bool:
    return is_staff(user)


def can_contact_expert(user: User, expert: Expert) -> bool:
    return bool(
        user.is_authenticated
        and user.is_verified
        and expert.is_verified
        and expert.availability != Availability.UNAVAILABLE
        and not is_own_profile(user, expert)
        and can_view_expert(user, expert)
    )
