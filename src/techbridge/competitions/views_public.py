"""Public pages: the calls, one call, and published results."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from techbridge.competitions import rules, selectors
from techbridge.competitions.models import Competition, Round


def competition_for(request: HttpRequest, slug: str) -> Competition:
    competition = get_object_or_404(Competition, slug=slug)
    if not rules.can_view_competition(request.user, competition):
        raise Http404
    return competition


def staff_competition(request: HttpRequest, slug: str) -> Competition:
    """Staff pages answer 404 to everyone else, like unpublished calls."""
    competition = get_object_or_404(Competition, slug=slug)
    if not rules.can_manage_competitions(request.user):
        raise Http404
    return competition


def staff_round(request: HttpRequest, slug: str, pk: int) -> Round:
    competition = staff_competition(request, slug)
    return get_object_or_404(
        Round.objects.select_related("competition"), pk=pk, competition=competition
    )


def competition_list(request: HttpRequest) -> HttpResponse:
    competitions = list(selectors.competitions_visible(user=request.user))
    now = timezone.now()
    context = {
        "open": [c for c in competitions if c.entry_deadline >= now],
        "closed": [c for c in competitions if c.entry_deadline < now],
    }
    return render(request, "competitions/list.html", context)


def competition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    competition = competition_for(request, slug)
    context = {
        "competition": competition,
        "tracks": list(competition.tracks.all()),
        "rounds": list(competition.rounds.all()),
        "published": list(selectors.published_rounds(competition=competition)),
        "entry": selectors.entry_of(user=request.user, competition=competition),
        "judge": selectors.judge_of(user=request.user, competition=competition),
        "can_enter": rules.can_enter(request.user, competition),
        "can_manage": rules.can_manage_competitions(request.user),
        "reader_zone": timezone.get_current_timezone_name(),
    }
    return render(request, "competitions/detail.html", context)


def round_results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    competition = competition_for(request, slug)
    round_ = get_object_or_404(Round, pk=pk, competition=competition)
    if not rules.can_view_results(request.user, round_):
        raise Http404
    results = list(selectors.published_results(round_=round_))
    tracks: dict = {}
    for item in results:
        tracks.setdefault(item.entry.track, []).append(item)
    context = {"competition": competition, "round": round_, "tracks": list(tracks.items())}
    return render(request, "competitions/results.html", context)
