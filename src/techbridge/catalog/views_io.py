"""Bulk import pages, templates to download, and exports of filtered lists."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from techbridge.catalog import rules, selectors
from techbridge.catalog.enums import ListingKind
from techbridge.catalog.exporting import import_template, listings_export
from techbridge.catalog.forms import FilterForm
from techbridge.catalog.importing import ImportFileError, import_job_create
from techbridge.catalog.models import ImportJob, Need, Technology
from techbridge.organisations.models import Organisation

MODELS = {"technology": Technology, "need": Need}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_LIMIT = 50_000


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file contains"), choices=ListingKind.choices)
    file = forms.FileField(label=_("CSV (UTF-8) or Excel .xlsx file"))


def download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_create_listing(request.user, organisation):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                user=request.user,
                organisation=organisation,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("catalog:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(organisation=organisation).defer("content")[:10]
    context = {"form": form, "organisation": organisation, "jobs": jobs}
    return render(request, "catalog/import.html", context)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        ImportJob.objects.select_related("organisation").defer("content"), pk=pk
    )
    if not rules.can_create_listing(request.user, job.organisation):
        raise PermissionDenied
    template = "catalog/_import_job.html" if request.htmx else "catalog/import_job.html"
    return render(request, template, {"job": job})


def template_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in MODELS or fmt not in CONTENT_TYPES:
        raise Http404
    content = import_template(model=MODELS[kind], fmt=fmt)
    return download(content, fmt, f"techbridge-{kind}-template")


def listing_export(request: HttpRequest, kind: str) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in CONTENT_TYPES:
        raise Http404
    model = MODELS[kind]
    form = FilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ListingFilters(**{k: v for k, v in values.items() if v not in (None, "")})
    listings = selectors.listing_search(user=request.user, model=model, filters=filters)
    listings = selectors.listing_prefetch(listings)[:EXPORT_LIMIT]
    content = listings_export(user=request.user, model=model, listings=listings, fmt=fmt)
    stamp = timezone.localdate().isoformat()
    return download(content, fmt, f"techbridge-{kind}-{stamp}")
