"""Staff: the call's dashboard (rounds, entries, judges, invitations) and judge assignment
(automatic runs in the worker, manual pairs, locks)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.competitions import selectors, services_judging
from techbridge.competitions.enums import EntryStatus, JudgeStatus
from techbridge.competitions.forms import AssignmentAddForm, JudgeInviteForm, add_errors
from techbridge.competitions.judge_candidates import judge_candidates, judge_invite_expert
from techbridge.competitions.models import Assignment, Entry, Judge
from techbridge.competitions.views_public import staff_competition, staff_round
from techbridge.experts.models import Expert


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    competition = staff_competition(request, slug)
    form = JudgeInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_judging.judge_invite(
                user=request.user, competition=competition, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("competitions:manage", slug=slug)
    context = {
        "competition": competition,
        "rounds": list(selectors.competition_rounds(competition=competition)),
        "entries": list(selectors.competition_entries(competition=competition)),
        "judges": list(selectors.competition_judges(competition=competition)),
        "candidates": judge_candidates(competition=competition),
        "form": form,
    }
    return render(request, "competitions/manage.html", context)


@login_required
@require_POST
def invite_expert(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    competition = staff_competition(request, slug)
    expert = get_object_or_404(Expert, pk=pk)
    try:
        judge_invite_expert(user=request.user, competition=competition, expert=expert)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitation sent."))
    return redirect("competitions:manage", slug=slug)


def _assignment_context(round_, form=None) -> dict:
    entries = list(
        Entry.objects.filter(round_entries__round=round_, status=EntryStatus.SUBMITTED).order_by(
            "pk"
        )
    )
    judges = list(
        Judge.objects.filter(competition_id=round_.competition_id, status=JudgeStatus.ACTIVE)
    )
    rows: dict[int, list] = {entry.pk: [] for entry in entries}
    for assignment in selectors.round_assignments(round_=round_):
        rows.setdefault(assignment.entry_id, []).append(assignment)
    return {
        "competition": round_.competition,
        "round": round_,
        "rows": [(entry, rows[entry.pk]) for entry in entries],
        "run": selectors.round_last_run(round_=round_),
        "form": form or AssignmentAddForm(entries=entries, judges=judges),
        "judge_count": len(judges),
    }


@login_required
def assignments(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    context = _assignment_context(round_)
    template = "competitions/_run_status.html" if request.htmx else "competitions/assignments.html"
    return render(request, template, context)


@login_required
@require_POST
def assignment_run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    services_judging.assignment_run_request(user=request.user, round_=round_)
    messages.success(
        request, _("Assignment is running; this page shows the result when it is done.")
    )
    return redirect("competitions:assignments", slug=slug, pk=pk)


@login_required
@require_POST
def assignment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    context = _assignment_context(round_)
    entries = [entry for entry, _rows in context["rows"]]
    judges = list(
        Judge.objects.filter(competition_id=round_.competition_id, status=JudgeStatus.ACTIVE)
    )
    form = AssignmentAddForm(request.POST, entries=entries, judges=judges)
    if form.is_valid():
        entry = next(e for e in entries if str(e.pk) == form.cleaned_data["entry"])
        judge = next(j for j in judges if str(j.pk) == form.cleaned_data["judge"])
        try:
            services_judging.assignment_add(
                user=request.user, round_=round_, entry=entry, judge=judge
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Judge assigned and locked."))
            return redirect("competitions:assignments", slug=slug, pk=pk)
    context["form"] = form
    return render(request, "competitions/assignments.html", context, status=422)


@login_required
@require_POST
def assignment_change(request: HttpRequest, slug: str, pk: int, assignment: int) -> HttpResponse:
    round_ = staff_round(request, slug, pk)
    item = get_object_or_404(Assignment, pk=assignment, round=round_)
    action = request.POST.get("action")
    try:
        if action == "remove":
            services_judging.assignment_remove(user=request.user, assignment=item)
        elif action in ("lock", "unlock"):
            services_judging.assignment_lock(
                user=request.user, assignment=item, locked=action == "lock"
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("competitions:assignments", slug=slug, pk=pk)
