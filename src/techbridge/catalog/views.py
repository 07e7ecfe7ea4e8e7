from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.catalog import presenters, rules, selectors, services
from techbridge.catalog.duplicates import listing_duplicates
from techbridge.catalog.forms import FORMS, FilterForm, ReasonForm
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.taxonomy import trl_definition
from techbridge.matching.recommend import partners_for, recommendations_for
from techbridge.matching.services import feedback_given
from techbridge.organisations import rules as organisation_rules
from techbridge.organisations.models import Organisation

MODELS = {"technology": Technology, "need": Need}
PAGE_SIZE = 20
ACTIONS = {
    "submit": services.listing_submit,
    "start_review": services.listing_start_review,
    "publish": services.listing_publish,
    "renew": services.listing_renew,
}
REASONED_ACTIONS = {
    "request_changes": services.listing_request_changes,
    "reject": services.listing_reject,
    "withdraw": services.listing_withdraw,
}


def _listing(request, kind: str, pk: int):
    model = MODELS[kind]
    listing = get_object_or_404(model.objects.select_related("organisation"), pk=pk)
    if not rules.can_view_listing(request.user, listing):
        # 404, not 403: an unpublished or members-only listing does not exist for this reader.
        raise Http404
    return listing


def listing_list(request: HttpRequest, kind: str) -> HttpResponse:
    model = MODELS[kind]
    form = FilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ListingFilters(**{k: v for k, v in values.items() if v not in (None, "")})
    listings = selectors.listing_search(user=request.user, model=model, filters=filters)
    page = Paginator(selectors.listing_prefetch(listings), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    views = [presenters.listing_view(user=request.user, listing=item) for item in page]
    context = {
        "kind": kind,
        "form": form,
        "filters": filters,
        "page": page,
        "views": views,
        "facets": selectors.listing_facets(model=model, listings=listings),
        "query": request.GET.copy(),
    }
    template = "catalog/_results.html" if request.htmx else "catalog/list.html"
    return render(request, template, context)


def listing_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = _listing(request, kind, pk)
    user = request.user
    view = presenters.listing_view(user=user, listing=listing)
    is_curator = rules.is_curator(user, listing)
    context = {
        "kind": kind,
        "listing": listing,
        "view": view,
        "trl_definition": trl_definition(listing.trl) if kind == "technology" else "",
        "can_edit": rules.can_edit_listing(user, listing),
        "can_submit": rules.can_submit_listing(user, listing),
        "can_review": rules.can_review_listing(user, listing),
        "can_withdraw": rules.can_withdraw_listing(user, listing),
        "can_renew": rules.can_renew_listing(user, listing),
        "can_view_history": rules.can_view_history(user, listing),
        "reason_form": ReasonForm(),
        "recommendations": recommendations_for(user=user, listing=listing, limit=8),
        "feedback": feedback_given(user=user, listing=listing),
    }
    if is_curator or rules.is_owner(user, listing):
        context["duplicates"] = listing_duplicates(
            model=MODELS[kind],
            title=listing.title,
            text=getattr(listing, "summary", "") or getattr(listing, "problem", ""),
            exclude_pk=listing.pk,
        )
    return render(request, "catalog/detail.html", context)


def _form_errors(form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


@login_required
@require_http_methods(["GET", "POST"])
def listing_create(request: HttpRequest, kind: str, organisation: str) -> HttpResponse:
    model = MODELS[kind]
    owner = get_object_or_404(Organisation, slug=organisation)
    if not rules.can_create_listing(request.user, owner):
        raise PermissionDenied
    form_class = FORMS[model]
    initial = {"language": request.LANGUAGE_CODE, "visibility": "public"}
    if kind == "need":
        initial["country"] = owner.country
    form = form_class(request.POST or None, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        text = data.get("summary") or data.get("problem") or ""
        duplicates = listing_duplicates(model=model, title=data["title"], text=text)
        if duplicates and not form.cleaned_data["confirm_not_duplicate"]:
            form.add_error(
                None,
                _(
                    "This looks like a listing that already exists. Check the "
                    "links below, then confirm to save anyway."
                ),
            )
        else:
            try:
                listing = services.listing_create(
                    user=request.user, organisation=owner, model=model, data=data
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Saved as a draft. Submit it for review when ready."))
                return redirect(f"catalog:{kind}", pk=listing.pk)
    context = {"form": form, "kind": kind, "organisation": owner, "duplicates": duplicates}
    return render(request, "catalog/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = _listing(request, kind, pk)
    if not rules.can_edit_listing(request.user, listing):
        raise PermissionDenied
    form_class = FORMS[MODELS[kind]]
    form = form_class(request.POST or None, initial=form_class.initial_from(listing))
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(user=request.user, listing=listing, data=form.service_data())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(f"catalog:{kind}", pk=listing.pk)
    context = {"form": form, "kind": kind, "organisation": listing.organisation, "listing": listing}
    return render(request, "catalog/form.html", context)


@login_required
@require_POST
def listing_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    listing = _listing(request, kind, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if action in REASONED_ACTIONS:
            REASONED_ACTIONS[action](user=request.user, listing=listing, reason=reason)
        elif action in ACTIONS:
            ACTIONS[action](user=request.user, listing=listing)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Done: the listing is now “%(status)s”.") % {"status": listing.get_status_display()},
        )
    return redirect(f"catalog:{kind}", pk=listing.pk)


@login_required
def listing_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = _listing(request, kind, pk)
    if not rules.can_view_history(request.user, listing):
        raise PermissionDenied
    events = selectors.listing_history(listing=listing)
    return render(
        request, "catalog/history.html", {"kind": kind, "listing": listing, "events": events}
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_staff or user.focal_point_country):
        raise PermissionDenied
    context = {
        "technologies": selectors.review_queue(user=user, model=Technology),
        "needs": selectors.review_queue(user=user, model=Need),
    }
    return render(request, "catalog/review_queue.html", context)


@login_required
def organisation_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation_rules.can_view_members(request.user, organisation):
        raise PermissionDenied
    context = {
        "organisation": organisation,
        "board": selectors.organisation_dashboard(organisation=organisation),
        "can_create": rules.can_create_listing(request.user, organisation),
        "partners": partners_for(user=request.user, organisation=organisation),
    }
    return render(request, "catalog/dashboard.html", context)
