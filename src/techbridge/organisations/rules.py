"""Who may do what with organisations. Views and the API ask here and nowhere else."""

from techbridge.accounts.models import User
from techbridge.organisations.enums import MemberRole
from techbridge.organisations.models import Organisation


def _role(user: User, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_organisation_roles", None)
    if cache is None:
        cache = dict(user.memberships.values_list("organisation_id", "role"))
        user._organisation_roles = cache
    return cache.get(organisation.pk)


def is_member(user: User, organisation: Organisation) -> bool:
    return _role(user, organisation) is not None


def is_focal_point_for(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and user.focal_point_country == organisation.country


def can_create_organisation(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_verified


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and (
        user.is_staff or _role(user, organisation) == MemberRole.ADMIN
    )


can_manage_members = can_edit_organisation


def can_view_members(user: User, organisation: Organisation) -> bool:
    """Member names and e-mail addresses are for the organisation, its focal point and staff."""
    return user.is_authenticated and (
        user.is_staff or is_member(user, organisation) or is_focal_point_for(user, organisation)
    )


def can_request_to_join(user: User, organisation: Organisation) -> bool:
    return can_create_organisation(user) and not is_member(user, organisation)


def can_verify_organisation(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and (user.is_staff or is_focal_point_for(user, organisation))
