"""Public pages of cooperation networks, centres and joint laboratories, and the pages their
coordinators (and staff) use to keep them current."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.alliance import forms, rules, selectors_networks, services_networks
from techbridge.alliance.models import Network, Project
from techbridge.alliance.views import add_errors

PAGE_SIZE = 20


def _network(request: HttpRequest, slug: str) -> Network:
    network = get_object_or_404(Network, slug=slug)
    if not rules.can_view_network(request.user, network):
        raise Http404
    return network


def _editable(request: HttpRequest, slug: str) -> Network:
    network = _network(request, slug)
    if not rules.can_edit_network(request.user, network):
        raise PermissionDenied
    return network


def network_list(request: HttpRequest) -> HttpResponse:
    form = forms.NetworkFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors_networks.NetworkFilters(**{k: v for k, v in values.items() if v})
    networks = selectors_networks.network_list(user=request.user, filters=filters)
    page = Paginator(networks, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "alliance/_network_results.html" if request.htmx else "alliance/networks.html"
    return render(request, template, {"form": form, "page": page})


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(request, slug)
    context = {
        "network": network,
        "members": selectors_networks.network_members(network=network),
        "projects": selectors_networks.network_projects(network=network),
        "news": selectors_networks.network_news(network=network),
        "can_edit": rules.can_edit_network(request.user, network),
    }
    context.update(selectors_networks.network_listing_views(user=request.user, network=network))
    return render(request, "alliance/network_detail.html", context)


def _network_initial(network: Network) -> dict:
    return {
        "language": network.language,
        "title": network.title,
        "description": network.description,
        "website": network.website,
        "sectors": [sector.code for sector in network.sectors.all()],
        "title_zh": network.title_translations.get("zh-hans", ""),
        "title_en": network.title_translations.get("en", ""),
        "description_zh": network.description_translations.get("zh-hans", ""),
        "description_en": network.description_translations.get("en", ""),
    }


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    network = _editable(request, slug)
    form = forms.NetworkForm(request.POST or None, initial=_network_initial(network))
    if request.method == "POST" and form.is_valid():
        try:
            services_networks.network_update(
                user=request.user, network=network, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The page is saved."))
            return redirect("alliance:network", slug=network.slug)
    context = {
        "network": network,
        "form": form,
        "link_form": forms.LinkListingForm(),
        "technologies": network.technologies.all(),
        "needs": network.needs.all(),
        "projects": network.projects.all(),
    }
    return render(request, "alliance/network_edit.html", context)


@login_required
@require_POST
def network_link(request: HttpRequest, slug: str) -> HttpResponse:
    network = _editable(request, slug)
    form = forms.LinkListingForm(request.POST)
    if form.is_valid():
        try:
            services_networks.network_link_listing(
                user=request.user,
                network=network,
                kind=form.cleaned_data["kind"],
                pk=form.cleaned_data["listing"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The listing is linked."))
    else:
        messages.error(request, _("Give the kind and number of a published listing."))
    return redirect("alliance:network_edit", slug=network.slug)


@login_required
@require_POST
def network_unlink(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    network = _editable(request, slug)
    try:
        services_networks.network_unlink_listing(
            user=request.user, network=network, kind=kind, pk=pk
        )
    except ValidationError:
        raise Http404 from None
    messages.success(request, _("The listing is no longer linked."))
    return redirect("alliance:network_edit", slug=network.slug)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    network = _editable(request, slug)
    project = get_object_or_404(Project, pk=pk, network=network) if pk else None
    initial = {"language": request.LANGUAGE_CODE}
    if project:
        initial = {
            name: getattr(project, name)
            for name in ("language", "title", "description", "status", "starts_on", "ends_on")
        }
    form = forms.ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_networks.project_save(
                user=request.user, network=network, data=form.cleaned_data, project=project
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("alliance:network", slug=network.slug)
    context = {"network": network, "form": form, "project": project}
    return render(request, "alliance/project_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def news_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(request, slug)
    if not rules.can_post_news(request.user, network):
        raise PermissionDenied
    form = forms.NewsForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            services_networks.news_post(user=request.user, network=network, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The news is published."))
            return redirect("alliance:network", slug=network.slug)
    return render(request, "alliance/news_form.html", {"network": network, "form": form})
