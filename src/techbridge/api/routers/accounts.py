from django.core.exceptions import ValidationError
from ninja import Router, Schema

from techbridge.accounts.services import user_update_preferences
from techbridge.organisations.selectors import user_organisations

router = Router(tags=["me"])


class MembershipOut(Schema):
    organisation_id: int
    organisation_slug: str
    organisation_name: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    preferred_language: str
    time_zone: str
    is_staff: bool
    focal_point_country: str
    email_verified: bool
    memberships: list[MembershipOut]


class MeUpdate(Schema):
    full_name: str | None = None
    preferred_language: str | None = None
    time_zone: str | None = None


def _me(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "time_zone": user.time_zone,
        "is_staff": user.is_staff,
        "focal_point_country": user.focal_point_country,
        "email_verified": user.is_verified,
        "memberships": [
            {
                "organisation_id": m.organisation_id,
                "organisation_slug": m.organisation.slug,
                "organisation_name": m.organisation.name,
                "role": m.role,
            }
            for m in user_organisations(user=user)
        ],
    }


@router.get("", response=MeOut, summary="The signed-in user")
def me(request):
    return _me(request.auth)


@router.patch("", response={200: MeOut, 422: dict}, summary="Change name, language or time zone")
def me_update(request, payload: MeUpdate):
    user = request.auth
    try:
        user_update_preferences(user=user, **payload.dict(exclude_unset=True))
    except ValidationError:
        user.refresh_from_db()
        raise
    return _me(user)
