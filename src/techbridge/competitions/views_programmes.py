"""Staff: selection of applicants within per-country quotas, decisions e-mailed by the
worker, and the participant list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.competitions import selectors, services_selection
from techbridge.competitions.enums import Decision, EntryStatus
from techbridge.competitions.forms import QuotaForm, add_errors
from techbridge.competitions.views_public import staff_competition


@login_required
@require_http_methods(["GET", "POST"])
def selection(request: HttpRequest, slug: str) -> HttpResponse:
    competition = staff_competition(request, slug)
    form = QuotaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services_selection.quota_set(
                    user=request.user, competition=competition, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("competitions:selection", slug=slug)
        status = 422
    scores = services_selection.selection_scores(competition=competition)
    entries = list(
        competition.entries.filter(status=EntryStatus.SUBMITTED)
        .select_related("applicant")
        .order_by("pk")
    )
    for entry in entries:
        entry.score = scores.get(entry.pk)
    entries.sort(key=lambda e: (e.score is None, -(e.score or 0), e.pk))
    context = {
        "competition": competition,
        "form": form,
        "quotas": list(competition.quotas.all()),
        "entries": entries,
        "selected_count": sum(1 for e in entries if e.decision == Decision.SELECTED),
    }
    return render(request, "competitions/selection.html", context, status=status)


@login_required
@require_POST
def selection_run(request: HttpRequest, slug: str) -> HttpResponse:
    competition = staff_competition(request, slug)
    try:
        result = services_selection.selection_run(user=request.user, competition=competition)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)s applicants selected within the quotas (best total score).")
            % {"count": result["selected"]},
        )
    return redirect("competitions:selection", slug=slug)


@login_required
@require_POST
def decisions_publish(request: HttpRequest, slug: str) -> HttpResponse:
    competition = staff_competition(request, slug)
    try:
        services_selection.decisions_publish(user=request.user, competition=competition)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decisions are being e-mailed to the applicants."))
    return redirect("competitions:selection", slug=slug)


@login_required
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    competition = staff_competition(request, slug)
    people = list(selectors.participants(competition=competition))
    return render(
        request, "competitions/participants.html", {"competition": competition, "people": people}
    )
