"""Staff ranking per track and round: raw and normalised scores, aggregation choice, ties,
advancement to the next round, publication of results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.competitions import services_scoring
from techbridge.competitions.forms import RoundSettingsForm
from techbridge.competitions.ranking import round_ranking
from techbridge.competitions.views_public import staff_round


@login_required
def ranking(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    basis = request.GET.get("basis") or None
    method = request.GET.get("method") or None
    result = round_ranking(round_=round_, basis=basis, method=method)
    form = RoundSettingsForm(initial={"aggregation": result.method, "score_basis": result.basis})
    context = {
        "competition": round_.competition,
        "round": round_,
        "ranking": result,
        "form": form,
        "previewing": (result.basis, result.method) != (round_.score_basis, round_.aggregation),
    }
    return render(request, "competitions/ranking.html", context)


@login_required
@require_POST
def ranking_settings(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    try:
        services_scoring.round_settings_update(
            user=request.user,
            round_=round_,
            aggregation=request.POST.get("aggregation", ""),
            score_basis=request.POST.get("score_basis", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("competitions:ranking", slug=slug, pk=pk)


@login_required
@require_POST
def advance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    ids = [int(value) for value in request.POST.getlist("entries") if value.isdigit()]
    try:
        moved = services_scoring.round_advance(user=request.user, round_=round_, entry_ids=ids)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s entries advanced.") % {"count": moved})
    return redirect("competitions:ranking", slug=slug, pk=pk)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    try:
        if request.POST.get("action") == "unpublish":
            services_scoring.round_unpublish(user=request.user, round_=round_)
        else:
            services_scoring.round_publish(user=request.user, round_=round_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competitions:ranking", slug=slug, pk=pk)
    messages.success(request, _("Saved."))
    return redirect("competitions:results", slug=slug, pk=pk)
