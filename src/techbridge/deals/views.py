"""Deal pages for the two sides: express interest, the deal page and its actions, my deals,
and the inbox of interests waiting for consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.presenters import listing_view
from techbridge.deals import presenters, rules, selectors, services, services_thread
from techbridge.deals.forms import (
    AgreementForm,
    AttachmentForm,
    InterestForm,
    MessageForm,
    MoveForm,
    ReasonForm,
)
from techbridge.deals.models import Deal

MODELS = {"technology": Technology, "need": Need}


def add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def _listing(request: HttpRequest, kind: str, pk: int):
    if kind not in MODELS:
        raise Http404
    listing = get_object_or_404(MODELS[kind].objects.select_related("organisation"), pk=pk)
    if not catalog_rules.can_view_listing(request.user, listing):
        raise Http404
    return listing


def _context_listing(request: HttpRequest, organisations: list):
    """?from=need:12 — the reader's own listing whose recommendation row they came from."""
    kind, _sep, pk = request.GET.get("from", request.POST.get("from", "")).partition(":")
    if kind not in MODELS or not pk.isdigit():
        return None
    return MODELS[kind].objects.filter(pk=int(pk), organisation__in=organisations).first()


@login_required
@require_http_methods(["GET", "POST"])
def interest_new(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = _listing(request, kind, pk)
    if not rules.can_express_interest(request.user, listing):
        raise PermissionDenied
    organisations = rules.interest_organisations(request.user, listing)
    form = InterestForm(request.POST or None, organisations=organisations)
    context_listing = _context_listing(request, organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deal = services.deal_express_interest(
                user=request.user,
                listing=listing,
                organisation=form.organisations.get(data["organisation"]),
                answers=data,
                context_listing=context_listing,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your interest is sent. You will be introduced once the other side accepts."),
            )
            return redirect("deals:detail", pk=deal.pk)
    context = {
        "form": form,
        "kind": kind,
        "listing": listing,
        "view": listing_view(user=request.user, listing=listing),
        "from": request.GET.get("from", request.POST.get("from", "")),
    }
    return render(request, "deals/interest_form.html", context)


def _deal(request: HttpRequest, pk: int) -> Deal:
    deal = selectors.deal_detail(pk=pk)
    if deal is None or not rules.can_view_deal(request.user, deal):
        raise Http404  # a deal the reader may not see does not exist for them
    return deal


def _deal_context(request: HttpRequest, deal: Deal, **forms) -> dict:
    user = request.user
    context = {
        "deal": deal,
        "view": presenters.deal_view(user=user, deal=deal),
        "history": presenters.history_rows(
            user=user, deal=deal, steps=selectors.deal_history(deal=deal)
        ),
        "can_decide": rules.can_decide_consent(user, deal),
        "can_move": rules.can_move_deal(user, deal),
        "can_close": rules.can_close_deal(user, deal),
        "can_read_thread": rules.can_read_thread(user, deal),
        "can_post": rules.can_post_message(user, deal),
        "can_edit_agreement": rules.can_edit_agreement(user, deal),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "move_form": forms.get("move_form") or MoveForm(current=deal.stage),
        "message_form": forms.get("message_form") or MessageForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "agreement_form": forms.get("agreement_form")
        or AgreementForm(
            initial={
                "agreement_type": deal.agreement_type,
                "value_range": deal.value_range,
                "agreement_countries": deal.agreement_countries,
            }
        ),
    }
    if context["can_read_thread"]:
        context["thread"] = selectors.deal_thread(deal=deal)
        context["attachments"] = deal.attachments.select_related("uploaded_by")
    return context


@login_required
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    return render(request, "deals/detail.html", _deal_context(request, deal))


def _done(request: HttpRequest, deal: Deal, form=None, form_name: str = "", status: int = 200):
    if form is not None and form.errors:
        context = _deal_context(request, deal, **{form_name: form})
        return render(request, "deals/detail.html", context, status=422)
    return redirect("deals:detail", pk=deal.pk)


@login_required
@require_POST
def deal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    try:
        services.deal_accept(user=request.user, deal=deal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Introduction accepted: both sides now see each other."))
    return redirect("deals:detail", pk=deal.pk)


def _reasoned(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    deal = _deal(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            service(user=request.user, deal=deal, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("deals:detail", pk=deal.pk)
    return _done(request, selectors.deal_detail(pk=pk), form, "reason_form")


@login_required
@require_POST
def deal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _reasoned(request, pk, services.deal_decline, _("Interest declined."))


@login_required
@require_POST
def deal_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _reasoned(request, pk, services.deal_close, _("Deal closed."))


@login_required
@require_POST
def deal_move(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    form = MoveForm(request.POST)  # every stage parses; the service says which are allowed
    if form.is_valid():
        try:
            services.deal_move(user=request.user, deal=deal, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The deal moved on."))
            return redirect("deals:detail", pk=deal.pk)
    return _done(request, selectors.deal_detail(pk=pk), form, "move_form")


@login_required
@require_POST
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            services_thread.agreement_update(user=request.user, deal=deal, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Agreement details saved."))
            return redirect("deals:detail", pk=deal.pk)
    return _done(request, deal, form, "agreement_form")


@login_required
@require_POST
def message_post(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services_thread.message_post(user=request.user, deal=deal, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = MessageForm()
    if request.htmx:
        context = {
            "deal": deal,
            "thread": selectors.deal_thread(deal=deal),
            "message_form": form,
            "can_post": True,
        }
        return render(request, "deals/_thread.html", context)
    if form.errors:
        return _done(request, deal, form, "message_form")
    return redirect("deals:detail", pk=deal.pk)


@login_required
def my_deals(request: HttpRequest) -> HttpResponse:
    deals = selectors.deals_of(user=request.user)
    views = [presenters.deal_view(user=request.user, deal=deal) for deal in deals]
    return render(request, "deals/mine.html", {"views": views})


@login_required
def interest_inbox(request: HttpRequest) -> HttpResponse:
    deals = selectors.interests_waiting(user=request.user)
    cards = [
        # One decline form per card, each with its own element ids.
        (presenters.deal_view(user=request.user, deal=deal), ReasonForm(auto_id=f"id_{deal.pk}_%s"))
        for deal in deals
    ]
    return render(request, "deals/inbox.html", {"cards": cards})
