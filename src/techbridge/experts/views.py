from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.models import Need
from techbridge.experts import presenters, rules, selectors, services
from techbridge.experts.forms import ContactForm, ExpertForm, FilterForm
from techbridge.experts.models import Expert
from techbridge.organisations.models import Organisation

PAGE_SIZE = 20


def _expert(request, pk: int) -> Expert:
    expert = get_object_or_404(selectors.experts_prefetch(Expert.objects.all()), pk=pk)
    if not rules.can_view_expert(request.user, expert):
        raise Http404  # an unverified or members-only profile does not exist for this reader
    return expert


def _form_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


def expert_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ExpertFilters(**{k: v for k, v in values.items() if v})
    found = selectors.expert_search(user=request.user, filters=filters)
    if isinstance(found, list):
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        experts = selectors.experts_by_ids(list(page))
    else:
        page = Paginator(selectors.experts_prefetch(found), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        experts = list(page)
    context = {
        "form": form,
        "page": page,
        "views": [presenters.expert_view(user=request.user, expert=item) for item in experts],
        "can_register": rules.can_register_expert(request.user),
        "can_add": rules.can_add_expert(request.user),
    }
    template = "experts/_results.html" if request.htmx else "experts/list.html"
    return render(request, template, context)


def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    view = presenters.expert_view(user=request.user, expert=expert)
    need_pk = request.GET.get("need", "")
    form = ContactForm(initial={"need": need_pk if need_pk.isdigit() else None})
    return render(request, "experts/detail.html", {"view": view, "contact_form": form})


def _need_for(user, pk) -> Need | None:
    need = Need.objects.select_related("organisation").filter(pk=pk).first() if pk else None
    return need if need and catalog_rules.can_view_listing(user, need) else None


@login_required
@require_POST
def expert_contact(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    if not rules.can_contact_expert(request.user, expert):
        raise PermissionDenied
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.expert_contact(
                user=request.user,
                expert=expert,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                need=_need_for(request.user, form.cleaned_data.get("need")),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, _("Your message is on its way. The expert will answer you by e-mail.")
            )
            return redirect("experts:detail", pk=expert.pk)
    view = presenters.expert_view(user=request.user, expert=expert)
    return render(request, "experts/detail.html", {"view": view, "contact_form": form}, status=422)


def _organisations_for(user):
    if user.is_staff:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    expert = Expert.objects.filter(user=request.user).first()
    if expert is not None:
        return redirect("experts:edit", pk=expert.pk)
    if not rules.can_register_expert(request.user):
        raise PermissionDenied
    initial = {
        "name": request.user.full_name,
        "language": request.LANGUAGE_CODE,
        "email_language": request.user.preferred_language,
        "availability": "available",
        "visibility": "public",
    }
    form = ExpertForm(
        request.POST or None, initial=initial, organisations=_organisations_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_register(user=request.user, data=form.service_data())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Your expert profile is saved. Staff will verify it before it is listed."),
            )
            return redirect("experts:detail", pk=expert.pk)
    return render(request, "experts/form.html", {"form": form, "expert": None, "own": True})


@login_required
@require_http_methods(["GET", "POST"])
def expert_add(request: HttpRequest) -> HttpResponse:
    if not rules.can_add_expert(request.user):
        raise PermissionDenied
    initial = {"language": "en", "availability": "available", "visibility": "public"}
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_add(user=request.user, data=form.service_data())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The expert is added and verified."))
            return redirect("experts:detail", pk=expert.pk)
    return render(request, "experts/form.html", {"form": form, "expert": None, "own": False})


@login_required
@require_http_methods(["GET", "POST"])
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    if not rules.can_edit_expert(request.user, expert):
        raise PermissionDenied
    form = ExpertForm(
        request.POST or None,
        initial=ExpertForm.initial_from(expert),
        organisations=_organisations_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_update(user=request.user, expert=expert, data=form.service_data())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("experts:detail", pk=expert.pk)
    own = rules.is_own_profile(request.user, expert)
    return render(request, "experts/form.html", {"form": form, "expert": expert, "own": own})


@login_required
@require_POST
def expert_verify(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    services.expert_verify(user=request.user, expert=expert)
    messages.success(request, _("The expert is verified and may now be suggested."))
    return redirect("experts:detail", pk=expert.pk)
