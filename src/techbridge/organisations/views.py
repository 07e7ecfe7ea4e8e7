from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.catalog.selectors import organisation_listing_views
from techbridge.organisations import forms, rules, selectors, services
from techbridge.organisations.models import Invitation, JoinRequest, Membership, Organisation

PAGE_SIZE = 24


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list(
        country=filters.get("country", ""), kind=filters.get("kind", ""), query=filters.get("q", "")
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "organisations/_list_results.html" if request.htmx else "organisations/list.html"
    return render(request, template, {"form": form, "page": page})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    user = request.user
    context = {
        "organisation": organisation,
        "member_count": organisation.memberships.count(),
        "can_edit": rules.can_edit_organisation(user, organisation),
        "can_view_members": rules.can_view_members(user, organisation),
        "can_verify": rules.can_verify_organisation(user, organisation),
        "can_join": rules.can_request_to_join(user, organisation),
        "is_member": rules.is_member(user, organisation),
        "join_form": forms.JoinRequestForm(),
    }
    context.update(organisation_listing_views(user=user, organisation=organisation))
    return render(request, "organisations/detail.html", context)


def _save_form(request, form, save) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        organisation = save(form.service_data())
    except ValidationError as error:
        for field, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
        return None
    messages.success(request, _("The organisation profile is saved."))
    return redirect("organisations:detail", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_organisation(request.user):
        raise PermissionDenied
    form = forms.OrganisationForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": request.LANGUAGE_CODE},
    )
    response = _save_form(
        request,
        form,
        lambda data: services.organisation_create(user=request.user, data=data),
    )
    context = {"form": form, "title": _("Create an organisation")}
    return response or render(request, "organisations/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    response = _save_form(
        request,
        form,
        lambda data: services.organisation_update(
            user=request.user, organisation=organisation, data=data
        ),
    )
    context = {
        "form": form,
        "title": _("Edit the organisation profile"),
        "organisation": organisation,
    }
    return response or render(request, "organisations/form.html", context)


@login_required
@require_POST
def organisation_verify(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    verified = request.POST.get("verified") == "1"
    services.organisation_set_verified(
        user=request.user, organisation=organisation, verified=verified
    )
    messages.success(request, _("Verification status saved."))
    return redirect("organisations:detail", slug=slug)


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_view_members(request.user, organisation):
        raise PermissionDenied
    can_manage = rules.can_manage_members(request.user, organisation)
    context = {
        "organisation": organisation,
        "memberships": selectors.organisation_members(organisation=organisation),
        "can_manage": can_manage,
        "invite_form": forms.InvitationForm(),
        "role_choices": forms.RoleForm.base_fields["role"].choices,
    }
    if can_manage:
        context["join_requests"] = selectors.organisation_pending_join_requests(
            organisation=organisation
        )
        context["invitations"] = selectors.organisation_open_invitations(organisation=organisation)
    return render(request, "organisations/members.html", context)


@login_required
@require_POST
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_manage_members(request.user, organisation):
        raise PermissionDenied
    form = forms.InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                user=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk)
    services.invitation_revoke(user=request.user, invitation=invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("organisations:members", slug=invitation.organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("organisations:mine")
        messages.success(
            request, _("You joined %(name)s.") % {"name": membership.organisation.name}
        )
        return redirect("organisations:detail", slug=membership.organisation.slug)
    return render(request, "organisations/invitation.html", {"invitation": invitation})


@login_required
@require_POST
def join_request_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    form = forms.JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your message is too long."))
        return redirect("organisations:detail", slug=slug)
    try:
        services.join_request_create(
            user=request.user, organisation=organisation, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your request was sent to the organisation's admins."))
    return redirect("organisations:detail", slug=slug)


@login_required
@require_POST
def join_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("organisation", "user"), pk=pk
    )
    approve = request.POST.get("decision") == "approve"
    error = None
    try:
        services.join_request_decide(user=request.user, join_request=join_request, approve=approve)
    except ValidationError as exc:
        error = exc.messages[0]
    if request.htmx:
        return render(
            request,
            "organisations/_join_request_row.html",
            {"join_request": join_request, "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect("organisations:members", slug=join_request.organisation.slug)


@login_required
@require_POST
def membership_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    form = forms.RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a valid role."))
        services.membership_change_role(
            user=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Role changed."))
    return redirect("organisations:members", slug=membership.organisation.slug)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    slug = membership.organisation.slug
    leaving = membership.user_id == request.user.pk
    try:
        services.membership_remove(user=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("organisations:members", slug=slug)
    if leaving:
        messages.success(request, _("You left the organisation."))
        return redirect("organisations:mine")
    messages.success(request, _("Member removed."))
    return redirect("organisations:members", slug=slug)


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": selectors.user_organisations(user=request.user),
        "pending": selectors.user_pending_join_requests(user=request.user),
        "invitations": selectors.user_open_invitations(user=request.user),
        "can_create": rules.can_create_organisation(request.user),
    }
    return render(request, "organisations/mine.html", context)
