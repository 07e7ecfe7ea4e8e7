from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from techbridge.catalog import rules as catalog_rules
from techbridge.catalog.enums import ListingKind, TransferMode
from techbridge.catalog.models import Need, SDGGoal, Sector, Technology
from techbridge.catalog.taxonomy import trl_label
from techbridge.core.countries import country_name
from techbridge.matching import rules, selectors, services
from techbridge.matching.engine.text import tokenize
from techbridge.matching.suggestions import MIN_WORDS, listing_label_suggestions

PAGE_SIZE = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search in any language"), required=False, max_length=500)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Technologies and needs")), *ListingKind.choices],
    )
    sector = forms.CharField(required=False, max_length=40)
    sdg = forms.IntegerField(required=False, min_value=1, max_value=17)
    country = forms.CharField(required=False, max_length=2)
    trl = forms.IntegerField(required=False, min_value=1, max_value=9)
    transfer_mode = forms.CharField(required=False, max_length=30)


def _facet_options(facets: dict) -> dict[str, list[tuple[str, str, int]]]:
    sectors = {s.code: s.name for s in Sector.objects.all()}
    goals = {g.number: f"{g.number} · {g.short_name}" for g in SDGGoal.objects.all()}
    labels = {
        "kind": lambda v: str(ListingKind(v).label),
        "sector": lambda v: sectors.get(v, v),
        "sdg": lambda v: goals.get(v, str(v)),
        "country": country_name,
        "trl": trl_label,
        "transfer_mode": lambda v: str(TransferMode(v).label),
    }
    return {
        name: sorted(((str(v), labels[name](v), n) for v, n in counts.items()), key=lambda o: -o[2])
        for name, counts in facets.items()
    }


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    query = values.get("q", "")
    filters = selectors.SearchFilters(
        **{k: v for k, v in values.items() if k != "q" and v not in (None, "")}
    )
    raw_page = request.GET.get("page", "1")
    page_number = int(raw_page) if raw_page.isdigit() and int(raw_page) > 0 else 1
    results, total, facets = selectors.search(
        user=request.user,
        query=query,
        filters=filters,
        offset=(page_number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    context = {
        "form": form,
        "query": query,
        "results": results,
        "total": total,
        "facets": _facet_options(facets),
        "page_number": page_number,
        "has_next": page_number * PAGE_SIZE < total,
    }
    template = "matching/_results.html" if request.htmx else "matching/search.html"
    return render(request, template, context)


@login_required
@require_POST
def recommendation_feedback(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = {"technology": Technology, "need": Need}.get(kind)
    if model is None:
        raise Http404
    source = get_object_or_404(model, pk=pk)
    if not catalog_rules.can_view_listing(request.user, source):
        raise Http404
    target_kind = request.POST.get("target_kind", "")
    target_id = request.POST.get("target_id", "")
    if target_kind not in ("technology", "need") or not target_id.isdigit():
        return HttpResponse(_("This answer could not be saved."), status=400)
    relevant = request.POST.get("relevant") == "1"
    services.recommendation_feedback_save(
        user=request.user,
        source=source,
        target_kind=target_kind,
        target_id=int(target_id),
        relevant=relevant,
    )
    return render(request, "matching/_feedback_done.html", {"relevant": relevant})


LISTING_TEXT_FIELDS = (
    "title",
    "summary",
    "problem",
    "description",
    "benefits",
    "context",
    "desired_outcome",
)


@require_POST
def label_suggestions(request: HttpRequest) -> HttpResponse:
    """Sector and SDG suggestions for the listing form, from the texts typed so far."""
    if not rules.can_suggest_labels(request.user):
        raise PermissionDenied
    text = "\n".join(request.POST.get(name, "")[:5000] for name in LISTING_TEXT_FIELDS).strip()
    editing = request.POST.get("listing", "")
    kind, _sep, pk = editing.partition(":")
    exclude = editing if kind in ("technology", "need") and pk.isdigit() else ""
    suggestions = listing_label_suggestions(text=text, exclude_doc=exclude)
    context = {"suggestions": suggestions, "too_short": len(tokenize(text)) < MIN_WORDS}
    return render(request, "matching/_label_suggestions.html", context)
