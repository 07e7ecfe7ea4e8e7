"""Deals and their messages over JSON: the same services, rules and presenters as the pages,
so a party hidden before consent is null here too."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema, Status

from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.models import Need, Technology
from techbridge.deals import presenters, rules, selectors, services, services_thread
from techbridge.deals.models import Deal
from techbridge.organisations.models import Organisation

router = Router(tags=["deals"])
MODELS = {"technology": Technology, "need": Need}
MAX_PAGE_SIZE = 100


class PartyOut(Schema):
    country: str
    kind: str
    name: str | None
    slug: str | None
    contact_name: str | None
    contact_email: str | None


class ListingRef(Schema):
    kind: str
    id: int
    title: str
    country: str


class InterestOut(Schema):
    cooperation: list[str]
    information_missing: str
    who_we_are: str
    message: str


class StepOut(Schema):
    stage: str
    at: str
    by: str


class DealOut(Schema):
    id: int
    stage: str
    stage_label: str
    side: str | None
    brokered: bool
    introduced_at: str | None
    listing: ListingRef
    context: ListingRef | None
    interested: PartyOut
    provider: PartyOut
    interest: InterestOut | None
    reason: str
    reason_text: str
    agreement_type: str
    value_range: str
    agreement_countries: list[str]
    created_at: str
    stage_changed_at: str
    history: list[StepOut] | None = None


class DealPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[DealOut]


class InterestIn(Schema):
    listing_kind: str
    listing_id: int
    organisation: str
    cooperation: list[str] = []
    information_missing: str = ""
    who_we_are: str = ""
    message: str = ""
    context_kind: str = ""
    context_id: int | None = None


class ReasonIn(Schema):
    reason: str
    reason_text: str = ""


class MoveIn(Schema):
    stage: str
    note: str = ""


class MessageIn(Schema):
    body: str


class MessageOut(Schema):
    id: int
    author: str
    body: str
    created_at: str


def _party(party) -> dict:
    hidden = party.name is None
    return {
        "country": party.country,
        "kind": party.kind_label,
        "name": None if hidden else party.name.text,
        "slug": None if hidden else party.slug,
        "contact_name": None if hidden else party.contact_name,
        "contact_email": None if hidden else party.contact_email,
    }


def _ref(view) -> dict | None:
    if view is None:
        return None
    return {"kind": view.kind, "id": view.pk, "title": view.title.text, "country": view.country}


def deal_out(*, user, deal: Deal, history: bool = False) -> dict:
    view = presenters.deal_view(user=user, deal=deal)
    interest = view.interest
    out = {
        "id": view.pk,
        "stage": view.stage,
        "stage_label": view.stage_label,
        "side": view.side,
        "brokered": view.brokered,
        "introduced_at": view.revealed_at.isoformat() if view.revealed_at else None,
        "listing": _ref(view.target),
        "context": _ref(view.context),
        "interested": _party(view.interested),
        "provider": _party(view.provider),
        "interest": {
            "cooperation": [code for code, _label in interest.cooperation],
            "information_missing": interest.information_missing,
            "who_we_are": interest.who_we_are,
            "message": interest.message,
        }
        if interest
        else None,
        "reason": view.reason,
        "reason_text": view.reason_text,
        "agreement_type": deal.agreement_type,
        "value_range": deal.value_range,
        "agreement_countries": view.agreement_countries,
        "created_at": view.created_at.isoformat(),
        "stage_changed_at": view.stage_changed_at.isoformat(),
    }
    if history:
        steps = selectors.deal_history(deal=deal)
        out["history"] = [
            {"stage": row.stage, "at": row.at.isoformat(), "by": row.who}
            for row in presenters.history_rows(user=user, deal=deal, steps=steps)
        ]
    return out


def _deal(request, pk: int) -> Deal:
    deal = selectors.deal_detail(pk=pk)
    if deal is None or not rules.can_view_deal(request.auth, deal):
        raise Http404
    return deal


def _page(user, deals, page: int, page_size: int) -> dict:
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(page, 1)
    items = list(deals[(page - 1) * size : page * size])
    return {
        "count": deals.count(),
        "page": page,
        "page_size": size,
        "items": [deal_out(user=user, deal=deal) for deal in items],
    }


@router.get("", response=DealPage, summary="Deals of my organisations")
def deal_list(request, page: int = 1, page_size: int = 20):
    return _page(request.auth, selectors.deals_of(user=request.auth), page, page_size)


@router.get("/waiting", response=DealPage, summary="Interests waiting for my consent")
def deal_waiting(request, page: int = 1, page_size: int = 20):
    return _page(request.auth, selectors.interests_waiting(user=request.auth), page, page_size)


@router.get("/{pk}", response=DealOut, summary="One deal, with its history")
def deal_detail(request, pk: int):
    return deal_out(user=request.auth, deal=_deal(request, pk), history=True)


def _listing(kind: str, pk: int | None, user):
    model = MODELS.get(kind)
    listing = model.objects.select_related("organisation").filter(pk=pk).first() if model else None
    if listing is None or not catalog_rules.can_view_listing(user, listing):
        return None
    return listing


@router.post("", response={201: DealOut, 422: dict}, summary="Express interest")
def deal_create(request, payload: InterestIn):
    user = request.auth
    listing = _listing(payload.listing_kind, payload.listing_id, user)
    if listing is None:
        raise Http404
    context = None
    if payload.context_kind:
        context = _listing(payload.context_kind, payload.context_id, user)
        if context is None:
            raise Http404
    deal = services.deal_express_interest(
        user=user,
        listing=listing,
        organisation=Organisation.objects.filter(slug=payload.organisation).first(),
        answers=payload.dict(
            include={"cooperation", "information_missing", "who_we_are", "message"}
        ),
        context_listing=context,
    )
    return Status(201, deal_out(user=user, deal=selectors.deal_detail(pk=deal.pk)))


def _after(request, deal: Deal) -> dict:
    return deal_out(user=request.auth, deal=selectors.deal_detail(pk=deal.pk), history=True)


@router.post("/{pk}/accept", response={200: DealOut, 422: dict}, summary="Accept the introduction")
def deal_accept(request, pk: int):
    deal = services.deal_accept(user=request.auth, deal=_deal(request, pk))
    return _after(request, deal)


@router.post("/{pk}/decline", response={200: DealOut, 422: dict}, summary="Decline, with a reason")
def deal_decline(request, pk: int, payload: ReasonIn):
    deal = services.deal_decline(user=request.auth, deal=_deal(request, pk), **payload.dict())
    return _after(request, deal)


@router.post("/{pk}/move", response={200: DealOut, 422: dict}, summary="Move to the next stage")
def deal_move(request, pk: int, payload: MoveIn):
    deal = services.deal_move(user=request.auth, deal=_deal(request, pk), **payload.dict())
    return _after(request, deal)


@router.post("/{pk}/close", response={200: DealOut, 422: dict}, summary="Close, with a reason")
def deal_close(request, pk: int, payload: ReasonIn):
    deal = services.deal_close(user=request.auth, deal=_deal(request, pk), **payload.dict())
    return _after(request, deal)


@router.get("/{pk}/messages", response=list[MessageOut], summary="The deal's conversation")
def message_list(request, pk: int):
    deal = _deal(request, pk)
    if not rules.can_read_thread(request.auth, deal):
        raise PermissionDenied
    return [
        {
            "id": m.pk,
            "author": m.author.full_name if m.author else "",
            "body": m.body,
            "created_at": m.created_at.isoformat(),
        }
        for m in selectors.deal_thread(deal=deal)
    ]


@router.post("/{pk}/messages", response={201: MessageOut, 422: dict}, summary="Write a message")
def message_create(request, pk: int, payload: MessageIn):
    message = services_thread.message_post(
        user=request.auth, deal=_deal(request, pk), body=payload.body
    )
    return Status(
        201,
        {
            "id": message.pk,
            "author": request.auth.full_name,
            "body": message.body,
            "created_at": message.created_at.isoformat(),
        },
    )
