from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from techbridge.api.auth import PUBLIC
from techbridge.organisations import rules, selectors, services
from techbridge.organisations.models import Organisation

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    name_translations: dict[str, str]
    language: str
    kind: str
    country: str
    region: str
    website: str
    description: str
    description_translations: dict[str, str]
    logo_url: str | None
    is_verified: bool
    member_count: int

    @staticmethod
    def resolve_logo_url(organisation: Organisation) -> str | None:
        return organisation.logo.url if organisation.logo else None

    @staticmethod
    def resolve_member_count(organisation: Organisation) -> int:
        count = getattr(organisation, "member_count", None)
        return organisation.memberships.count() if count is None else count


class OrganisationIn(Schema):
    name: str
    language: str
    kind: str
    country: str
    region: str = ""
    website: str = ""
    description: str = ""
    name_translations: dict[str, str] = {}
    description_translations: dict[str, str] = {}


class OrganisationPatch(Schema):
    name: str | None = None
    language: str | None = None
    kind: str | None = None
    country: str | None = None
    region: str | None = None
    website: str | None = None
    description: str | None = None
    name_translations: dict[str, str] | None = None
    description_translations: dict[str, str] | None = None


class MemberOut(Schema):
    user_id: int
    full_name: str
    email: str
    role: str


class JoinRequestIn(Schema):
    message: str = ""


class JoinRequestOut(Schema):
    id: int
    organisation_id: int
    status: str


@router.get("", response=list[OrganisationOut], auth=PUBLIC, summary="Organisations")
@paginate(PageNumberPagination, page_size=50)
def organisation_list(request, country: str = "", kind: str = "", q: str = ""):
    return selectors.organisation_list(country=country.upper(), kind=kind, query=q)


@router.get("/{slug}", response=OrganisationOut, auth=PUBLIC, summary="One organisation")
def organisation_detail(request, slug: str):
    return get_object_or_404(Organisation, slug=slug)


@router.post("", response={201: OrganisationOut, 422: dict}, summary="Create an organisation")
def organisation_create(request, payload: OrganisationIn):
    organisation = services.organisation_create(user=request.auth, data=payload.dict())
    return Status(201, organisation)


@router.patch("/{slug}", response={200: OrganisationOut, 422: dict}, summary="Edit a profile")
def organisation_update(request, slug: str, payload: OrganisationPatch):
    organisation = get_object_or_404(Organisation, slug=slug)
    return services.organisation_update(
        user=request.auth, organisation=organisation, data=payload.dict(exclude_unset=True)
    )


@router.get(
    "/{slug}/members", response=list[MemberOut], summary="Members (members, staff, focal point)"
)
def organisation_members(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_view_members(request.auth, organisation):
        raise PermissionDenied
    return [
        {
            "user_id": m.user_id,
            "full_name": m.user.full_name,
            "email": m.user.email,
            "role": m.role,
        }
        for m in selectors.organisation_members(organisation=organisation)
    ]


@router.post(
    "/{slug}/join-requests", response={201: JoinRequestOut, 422: dict}, summary="Ask to join"
)
def join_request_create(request, slug: str, payload: JoinRequestIn):
    organisation = get_object_or_404(Organisation, slug=slug)
    join_request = services.join_request_create(
        user=request.auth, organisation=organisation, message=payload.message
    )
    return Status(201, join_request)
