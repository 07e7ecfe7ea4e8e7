"""The expert registry over JSON: the same rules, selectors, services and presenters as the
pages. Responses are built from `ExpertView`, which has no e-mail or phone."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status

from techbridge.api.auth import PUBLIC
from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.models import Need
from techbridge.experts import presenters, rules, selectors, services
from techbridge.experts.models import Expert

router = Router(tags=["experts"])
MAX_PAGE_SIZE = 100


class TextOut(Schema):
    text: str
    language: str
    original: bool


class AffiliationOut(Schema):
    name: str
    slug: str
    country: str


class ExpertOut(Schema):
    id: int
    name: str
    headline: str
    language: str
    expertise: TextOut
    keywords: list[str]
    sectors: list[str]
    languages_spoken: list[str]
    countries: list[str]
    availability: str
    availability_note: str
    visibility: str
    verified: bool
    affiliation: AffiliationOut | None
    can_contact: bool


class ExpertPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ExpertOut]


class SuggestionOut(Schema):
    expert: ExpertOut
    shared_sectors: list[str]
    matched_keywords: list[str]


class ExpertQuery(Schema):
    q: str = ""
    sector: str = ""
    country: str = ""
    language: str = ""
    availability: str = ""
    page: int = 1
    page_size: int = 20


class ContactIn(Schema):
    subject: str
    body: str
    need_id: int | None = None


class ContactOut(Schema):
    id: int
    created_at: str


class ErrorOut(Schema):
    detail: str


def _viewer(request):
    return request.auth if hasattr(request.auth, "is_authenticated") else request.user


def expert_out(*, user, expert: Expert) -> dict:
    view = presenters.expert_view(user=user, expert=expert)
    return {
        "id": view.pk,
        "name": view.name,
        "headline": view.headline,
        "language": view.language,
        "expertise": {
            "text": view.expertise.text,
            "language": view.expertise.language,
            "original": view.expertise.is_original,
        },
        "keywords": view.keywords,
        "sectors": [code for code, _name in view.sectors],
        "languages_spoken": view.languages_spoken,
        "countries": view.countries,
        "availability": view.availability,
        "availability_note": view.availability_note,
        "visibility": view.visibility,
        "verified": view.is_verified,
        "affiliation": (
            {
                "name": view.affiliation.name.text,
                "slug": view.affiliation.slug,
                "country": view.affiliation.country,
            }
            if view.affiliation
            else None
        ),
        "can_contact": view.can_contact,
    }


def _expert(request, pk: int) -> Expert:
    expert = selectors.experts_prefetch(Expert.objects.filter(pk=pk)).first()
    if expert is None or not rules.can_view_expert(_viewer(request), expert):
        raise Http404
    return expert


def _need(user, pk: int | None) -> Need | None:
    need = Need.objects.select_related("organisation").filter(pk=pk).first() if pk else None
    if need is None or not catalog_rules.can_view_listing(user, need):
        return None
    return need


@router.get("", response=ExpertPage, auth=PUBLIC, summary="The expert registry")
def expert_list(request, query: Query[ExpertQuery]):
    user = _viewer(request)
    filters = selectors.ExpertFilters(
        q=query.q[:200],
        sector=query.sector,
        country=query.country,
        language=query.language,
        availability=query.availability,
    )
    size = max(1, min(query.page_size, MAX_PAGE_SIZE))
    page = max(query.page, 1)
    found = selectors.expert_search(user=user, filters=filters)
    window = slice((page - 1) * size, page * size)
    if isinstance(found, list):
        count, experts = len(found), selectors.experts_by_ids(found[window])
    else:
        count, experts = found.count(), list(selectors.experts_prefetch(found)[window])
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "items": [expert_out(user=user, expert=expert) for expert in experts],
    }


@router.get(
    "/for-need/{need_id}",
    response=list[SuggestionOut],
    auth=PUBLIC,
    summary="Experts who could help with a need",
)
def experts_for_need(request, need_id: int, limit: int = 5):
    user = _viewer(request)
    need = _need(user, need_id)
    if need is None:
        raise Http404
    suggestions = selectors.experts_for_need(user=user, need=need, limit=max(1, min(limit, 20)))
    return [
        {
            "expert": expert_out(user=user, expert=row.expert),
            "shared_sectors": [code for code, _name in row.shared_sectors],
            "matched_keywords": row.matched_keywords,
        }
        for row in suggestions
    ]


@router.get("/{pk}", response=ExpertOut, auth=PUBLIC, summary="One expert")
def expert_detail(request, pk: int):
    return expert_out(user=_viewer(request), expert=_expert(request, pk))


@router.post(
    "/{pk}/contact",
    response={201: ContactOut, 422: dict, 429: ErrorOut},
    summary="Send a message to an expert through the platform",
)
def expert_contact(request, pk: int, payload: ContactIn):
    user = request.auth
    expert = _expert(request, pk)
    if not rules.can_contact_expert(user, expert):
        raise PermissionDenied
    try:
        message = services.expert_contact(
            user=user,
            expert=expert,
            subject=payload.subject,
            body=payload.body,
            need=_need(user, payload.need_id),
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "rate_limited":
            return Status(429, {"detail": error.messages[0]})
        raise
    return Status(201, {"id": message.pk, "created_at": message.created_at.isoformat()})
