"""Alliance membership pages: charter, directory, an organisation's membership, the staff
queue. Thin: parse, ask rules, call selectors and services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.alliance import forms, rules, selectors, services
from techbridge.alliance.enums import ApplicationStatus, Tier
from techbridge.alliance.models import AllianceMembership, MembershipApplication
from techbridge.organisations.models import Organisation

PAGE_SIZE = 20


def add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def charter(request: HttpRequest) -> HttpResponse:
    current = services.charter_current()
    if current is None:
        raise Http404
    return render(request, "alliance/charter.html", {"charter": current})


def directory(request: HttpRequest) -> HttpResponse:
    form = forms.DirectoryFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DirectoryFilters(**{k: v for k, v in values.items() if v})
    members = selectors.member_directory(filters=filters)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "alliance/_directory_results.html" if request.htmx else "alliance/directory.html"
    return render(request, template, {"form": form, "page": page})


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_view_membership(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
def membership_status(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    membership = selectors.membership_of(organisation=organisation)
    applications = list(selectors.applications_of(organisation=organisation))
    pending = next((a for a in applications if a.status == ApplicationStatus.PENDING), None)
    user = request.user
    context = {
        "organisation": organisation,
        "membership": membership,
        "applications": applications,
        "pending": pending,
        "can_apply": pending is None and rules.can_apply(user, organisation, membership=membership),
        "can_withdraw": pending is not None and rules.can_withdraw_application(user, pending),
        "can_renew": membership is not None and rules.can_renew(user, membership),
    }
    return render(request, "alliance/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = selectors.membership_of(organisation=organisation)
    if not rules.can_apply(request.user, organisation, membership=membership):
        raise PermissionDenied
    charter_text = services.charter_current()
    initial = {"kind": organisation.kind, "language": request.LANGUAGE_CODE}
    initial["countries_served"] = [organisation.country]
    form = forms.ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                user=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your application is sent. Staff will decide on it."))
            return redirect("alliance:status", slug=organisation.slug)
    context = {"organisation": organisation, "form": form, "charter": charter_text}
    return render(request, "alliance/apply.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        MembershipApplication.objects.select_related("organisation"), pk=pk
    )
    services.application_withdraw(user=request.user, application=application)
    messages.success(request, _("The application is withdrawn."))
    return redirect("alliance:status", slug=application.organisation.slug)


@login_required
@require_POST
def renew(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = get_object_or_404(AllianceMembership, organisation=organisation)
    membership = services.membership_renew(user=request.user, membership=membership)
    messages.success(request, _("The membership is renewed."))
    return redirect("alliance:status", slug=organisation.slug)


@login_required
def application_queue(request: HttpRequest) -> HttpResponse:
    if not rules.can_list_applications(request.user):
        raise PermissionDenied
    status = request.GET.get("status", ApplicationStatus.PENDING)
    if status not in ApplicationStatus.values:
        status = ApplicationStatus.PENDING
    context = {
        "applications": selectors.application_queue(status=status),
        "members": selectors.members_for_staff(),
        "status": status,
        "statuses": ApplicationStatus.choices,
        "decision_form": forms.DecisionForm(),
        "tiers": Tier.choices,
    }
    return render(request, "alliance/applications.html", context)


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.can_list_applications(request.user):
        raise PermissionDenied
    application = get_object_or_404(MembershipApplication, pk=pk)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("alliance:applications")
    try:
        services.application_decide(
            user=request.user,
            application=application,
            approve=request.POST.get("action") == "approve",
            reason=form.cleaned_data["reason"],
            tier=form.cleaned_data["tier"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision is recorded and the applicant is e-mailed."))
    return redirect("alliance:applications")


@login_required
@require_POST
def membership_tier(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.can_set_tier(request.user):
        raise PermissionDenied
    membership = get_object_or_404(AllianceMembership, pk=pk)
    form = forms.TierForm(request.POST)
    if form.is_valid():
        services.membership_set_tier(
            user=request.user, membership=membership, tier=form.cleaned_data["tier"]
        )
        messages.success(request, _("The tier is saved."))
    else:
        messages.error(request, _("Choose a tier."))
    return redirect("alliance:applications")
