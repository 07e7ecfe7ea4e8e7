"""Dashboards (staff, a focal point's country, an organisation), the report download and the
public statistics page. Thin: rules decide, selectors count, figures label, report renders."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.catalog.views_io import download
from techbridge.core.countries import country_name, is_country
from techbridge.core.pdf import pdf_response
from techbridge.insights import figures, report, rules
from techbridge.insights.forms import InsightsFilterForm, ReportForm
from techbridge.insights.selectors import ALL, COUNTRY, ORGANISATION, PUBLIC, Filters, Scope
from techbridge.organisations.models import Membership, Organisation

PUBLIC_FIGURES = (
    "listings-month",
    "listings-country",
    "listings-sector",
    "listings-sdg",
    "funnel",
    "agreements-month",
)


def _filters(form) -> Filters:
    """The valid filter fields; an invalid one is shown with its error and ignored."""
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    values = {k: v for k, v in cleaned.items() if k in Filters.__dataclass_fields__}
    return Filters(**{k: v for k, v in values.items() if v not in (None, "")})


def _scope(request: HttpRequest, kind: str, key: str = "") -> tuple[Scope, str]:
    """The scope named in the address, if the reader may see it, and its label."""
    user = request.user
    if kind == ALL:
        if not rules.can_view_all(user):
            raise PermissionDenied
        return Scope(), _("All countries")
    if kind == COUNTRY:
        code = key.upper()
        if not is_country(code):
            raise Http404
        if not rules.can_view_country(user, code):
            raise PermissionDenied
        return Scope(kind=COUNTRY, country=code), country_name(code)
    organisation = get_object_or_404(Organisation, slug=key)
    if not rules.can_view_organisation(user, organisation):
        raise PermissionDenied
    return Scope(kind=ORGANISATION, organisation_id=organisation.pk), organisation.text_in(
        "name"
    ).text


def _dashboard(request: HttpRequest, kind: str, key: str = "") -> HttpResponse:
    scope, label = _scope(request, kind, key)
    form = InsightsFilterForm(request.GET or None, show_country=kind != ORGANISATION)
    filters = _filters(form)
    data = figures.dashboard(
        scope=scope,
        filters=filters,
        with_searches=kind == ALL and rules.can_view_searches(request.user),
    )
    args = [key] if key else []
    report_form = ReportForm(initial={"language": translation.get_language(), "format": "pdf"})
    context = {
        "form": form,
        "data": data,
        "scope_label": label,
        "scope_kind": kind,
        "page_url": reverse(f"insights:{kind}", args=args),
        "report_url": reverse(f"insights:{kind}_report", args=args),
        "report_form": report_form,
        "query": request.GET.urlencode(),
    }
    template = "insights/_results.html" if request.htmx else "insights/dashboard.html"
    return render(request, template, context)


@login_required
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, ALL)


@login_required
def country_dashboard(request: HttpRequest, country: str) -> HttpResponse:
    return _dashboard(request, COUNTRY, country)


@login_required
def organisation_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, ORGANISATION, slug)


def _report(request: HttpRequest, kind: str, key: str = "") -> HttpResponse:
    scope, label = _scope(request, kind, key)
    form = ReportForm(request.GET or None, show_country=kind != ORGANISATION)
    filters = _filters(form)
    cleaned = getattr(form, "cleaned_data", {})
    fmt = cleaned.get("format") or "pdf"
    language = cleaned.get("language") or translation.get_language()
    with_searches = kind == ALL and rules.can_view_searches(request.user)
    with translation.override(language):
        built = report.report_build(
            user=request.user,
            scope=scope,
            scope_label=label if kind != COUNTRY else country_name(scope.country),
            filters=filters,
            with_searches=with_searches,
        )
        stem = f"techbridge-report-{timezone.localdate().isoformat()}"
        if fmt == "xlsx":
            return download(report.report_xlsx(built), "xlsx", stem)
        return pdf_response(report.report_pdf(built), filename=stem)


@login_required
def staff_report(request: HttpRequest) -> HttpResponse:
    return _report(request, ALL)


@login_required
def country_report(request: HttpRequest, country: str) -> HttpResponse:
    return _report(request, COUNTRY, country)


@login_required
def organisation_report(request: HttpRequest, slug: str) -> HttpResponse:
    return _report(request, ORGANISATION, slug)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The dashboards this reader may open."""
    user = request.user
    organisations = [
        m.organisation for m in Membership.objects.filter(user=user).select_related("organisation")
    ]
    context = {
        "staff": rules.can_view_all(user),
        "country": user.focal_point_country or "",
        "organisations": organisations,
    }
    return render(request, "insights/index.html", context)


def public_statistics(request: HttpRequest) -> HttpResponse:
    """Counts and charts for everyone: no names of organisations or people, no deal parties."""
    data = figures.dashboard(scope=Scope(kind=PUBLIC), filters=Filters(), with_searches=False)
    data["figures"] = [f for f in data["figures"] if f.key in PUBLIC_FIGURES]
    data["headline"] = [row for row in data["headline"] if row[0] not in ("views", "relevant")]
    return render(request, "insights/public.html", {"data": data})
