"""Staff (and focal points, for their country): all deals with filters, the funnel, exports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from techbridge.catalog.views_io import download
from techbridge.deals import presenters, rules, selectors
from techbridge.deals.exporting import deals_export
from techbridge.deals.forms import DealFilterForm

PAGE_SIZE = 50
EXPORT_LIMIT = 20_000
BAR_WIDTH = 420


def _filtered(request: HttpRequest):
    if not rules.can_manage_pipeline(request.user):
        raise PermissionDenied
    form = DealFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DealFilters(**{k: v for k, v in values.items() if v not in (None, "")})
    return form, selectors.pipeline_deals(user=request.user, filters=filters)


@login_required
def pipeline(request: HttpRequest) -> HttpResponse:
    form, deals = _filtered(request)
    page = Paginator(selectors.deal_prefetch(deals), PAGE_SIZE).get_page(request.GET.get("page"))
    views = [presenters.deal_view(user=request.user, deal=deal) for deal in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "views": views, "query": query.urlencode()}
    return render(request, "deals/pipeline.html", context)


def _bars(rows) -> list[dict]:
    top = max([row.reached for row in rows] + [1])
    return [
        {
            "row": row,
            "y": index * 34,
            "width": round(BAR_WIDTH * row.reached / top),
            "now_width": round(BAR_WIDTH * row.now / top),
        }
        for index, row in enumerate(rows)
    ]


@login_required
def funnel(request: HttpRequest) -> HttpResponse:
    form, deals = _filtered(request)
    data = selectors.deal_funnel(deals=deals)
    context = {
        "form": form,
        "funnel": data,
        "bars": _bars(data["rows"]),
        "chart_height": 34 * len(data["rows"]),
        "bar_width": BAR_WIDTH,
        "query": request.GET.urlencode(),
    }
    return render(request, "deals/funnel.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    _form, deals = _filtered(request)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    content = deals_export(
        user=request.user, deals=selectors.deal_prefetch(deals)[:EXPORT_LIMIT], fmt=fmt
    )
    return download(content, fmt, f"deals-{timezone.localdate().isoformat()}")
