"""Technologies and needs over JSON: the same services, rules and presenters as the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from techbridge.api.auth import PUBLIC
from techbridge.catalog import presenters, rules, selectors, services
from techbridge.catalog.models import Need, Technology
from techbridge.organisations.models import Organisation

MAX_PAGE_SIZE = 100


class TextOut(Schema):
    text: str
    language: str
    machine: bool


class ProviderOut(Schema):
    name: str
    slug: str
    country: str


class ListingOut(Schema):
    id: int
    kind: str
    language: str
    status: str
    visibility: str
    country: str
    title: TextOut
    texts: dict[str, TextOut]
    sectors: list[str]
    sdgs: list[int]
    provider: ProviderOut | None
    contact_name: str
    contact_email: str
    external_id: str
    facts: dict[str, Any]
    published_at: str | None
    valid_until: str | None


class ListingPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ListingOut]


class ListingQuery(Schema):
    q: str = ""
    sector: str = ""
    sdg: int | None = None
    country: str = ""
    trl: int | None = None
    transfer_mode: str = ""
    call: int | None = None
    sort: str = "newest"
    page: int = 1
    page_size: int = 20


class ListingIn(Schema):
    organisation: str
    data: dict[str, Any]


class ListingPatch(Schema):
    data: dict[str, Any]


class ReasonIn(Schema):
    reason: str = ""


def _text(value) -> dict:
    return {"text": value.text, "language": value.language, "machine": value.is_machine}


def listing_out(*, user, listing) -> dict:
    view = presenters.listing_view(user=user, listing=listing)
    facts = {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in view.facts.items()
    }
    return {
        "id": listing.pk,
        "kind": view.kind,
        "language": listing.language,
        "status": view.status,
        "visibility": view.visibility,
        "country": view.country,
        "title": _text(view.title),
        "texts": {name: _text(value) for name, value in view.texts.items()},
        "sectors": [code for code, _name in view.sectors],
        "sdgs": [number for number, _name in view.sdgs],
        "provider": (
            {
                "name": view.provider.name.text,
                "slug": view.provider.slug,
                "country": view.provider.country,
            }
            if view.provider
            else None
        ),
        "contact_name": view.contact_name,
        "contact_email": view.contact_email,
        "external_id": view.external_id,
        "facts": facts,
        "published_at": view.published_at.isoformat() if view.published_at else None,
        "valid_until": view.valid_until.isoformat() if view.valid_until else None,
    }


def _viewer(request):
    return request.auth if hasattr(request.auth, "is_authenticated") else request.user


def _get(request, model, pk: int):
    listing = get_object_or_404(model.objects.select_related("organisation"), pk=pk)
    if not rules.can_view_listing(_viewer(request), listing):
        raise Http404
    return listing


def build_router(model, tag: str) -> Router:
    router = Router(tags=[tag])

    @router.get(
        "",
        response=ListingPage,
        auth=PUBLIC,
        summary=f"Published {tag}",
        operation_id=f"{tag}_list",
    )
    def listing_list(request, query: Query[ListingQuery]):
        user = _viewer(request)
        size = max(1, min(query.page_size, MAX_PAGE_SIZE))
        values = query.dict(exclude={"page", "page_size"})
        filters = selectors.ListingFilters(
            **{k: v for k, v in values.items() if v not in (None, "")}
        )
        listings = selectors.listing_search(user=user, model=model, filters=filters)
        count = listings.count()
        start = (max(query.page, 1) - 1) * size
        page = selectors.listing_prefetch(listings)[start : start + size]
        items = [listing_out(user=user, listing=item) for item in page]
        return {"count": count, "page": max(query.page, 1), "page_size": size, "items": items}

    @router.get(
        "/{pk}",
        response=ListingOut,
        auth=PUBLIC,
        summary="One listing",
        operation_id=f"{tag}_detail",
    )
    def listing_detail(request, pk: int):
        return listing_out(user=_viewer(request), listing=_get(request, model, pk))

    @router.post(
        "",
        response={201: ListingOut, 422: dict},
        summary="Create a draft",
        operation_id=f"{tag}_create",
    )
    def listing_create(request, payload: ListingIn):
        organisation = Organisation.objects.filter(slug=payload.organisation).first()
        if organisation is None:
            raise Http404
        listing = services.listing_create(
            user=request.auth, organisation=organisation, model=model, data=payload.data
        )
        return Status(201, listing_out(user=request.auth, listing=listing))

    @router.patch(
        "/{pk}", response={200: ListingOut, 422: dict}, summary="Edit", operation_id=f"{tag}_update"
    )
    def listing_update(request, pk: int, payload: ListingPatch):
        listing = _get(request, model, pk)
        services.listing_update(user=request.auth, listing=listing, data=payload.data)
        return listing_out(user=request.auth, listing=listing)

    @router.post(
        "/{pk}/submit",
        response=ListingOut,
        summary="Submit for review",
        operation_id=f"{tag}_submit",
    )
    def listing_submit(request, pk: int):
        listing = _get(request, model, pk)
        services.listing_submit(user=request.auth, listing=listing)
        return listing_out(user=request.auth, listing=listing)

    @router.post(
        "/{pk}/withdraw", response=ListingOut, summary="Withdraw", operation_id=f"{tag}_withdraw"
    )
    def listing_withdraw(request, pk: int, payload: ReasonIn):
        listing = _get(request, model, pk)
        if not rules.can_withdraw_listing(request.auth, listing):
            raise PermissionDenied
        services.listing_withdraw(user=request.auth, listing=listing, reason=payload.reason)
        return listing_out(user=request.auth, listing=listing)

    return router


technology_router = build_router(Technology, "technologies")
need_router = build_router(Need, "needs")
