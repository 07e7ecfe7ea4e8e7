"""Judges: the invitation, their expertise and conflicts, their entries and the score form.
A judge only ever reaches entries assigned to them; blind rounds go through the presenter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from techbridge.competitions import rules, selectors, services_judging, services_scoring
from techbridge.competitions.forms import (
    ConflictForm,
    JudgeProfileForm,
    ScoreForm,
    add_errors,
)
from techbridge.competitions.models import Assignment, EntryAttachment, Judge
from techbridge.competitions.presenters import judge_entry_view
from techbridge.competitions.views_entries import file_response
from techbridge.organisations.models import Organisation


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    judge = get_object_or_404(Judge.objects.select_related("competition"), token=token)
    if not rules.can_answer_invitation(request.user, judge):
        raise Http404
    if request.method == "POST":
        accept = request.POST.get("action") == "accept"
        try:
            services_judging.judge_answer(user=request.user, judge=judge, accept=accept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("competitions:invitation", token=token)
        if accept:
            messages.success(request, _("Thank you. Tell us about your expertise."))
            return redirect("competitions:judge_profile", pk=judge.pk)
        messages.success(request, _("You declined the invitation."))
        return redirect("competitions:list")
    return render(request, "competitions/invitation.html", {"judge": judge})


def _judge(request: HttpRequest, pk: int) -> Judge:
    judge = get_object_or_404(Judge.objects.select_related("competition"), pk=pk)
    if not (rules.is_judge(request.user, judge) or rules.can_manage_competitions(request.user)):
        raise Http404
    return judge


@login_required
@require_http_methods(["GET", "POST"])
def judge_profile(request: HttpRequest, pk: int) -> HttpResponse:
    judge = _judge(request, pk)
    initial = {
        "country": judge.country,
        "sectors": judge.sectors,
        "keywords": ", ".join(judge.keywords),
        "expertise": judge.expertise,
    }
    form = JudgeProfileForm(request.POST or None, initial=initial)
    conflict_form = ConflictForm()
    if request.method == "POST" and form.is_valid():
        try:
            services_judging.judge_profile_update(
                user=request.user, judge=judge, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("competitions:judge_profile", pk=judge.pk)
    context = {
        "judge": judge,
        "form": form,
        "conflict_form": conflict_form,
        "conflicts": list(judge.conflicts.select_related("organisation")),
    }
    return render(request, "competitions/judge_profile.html", context)


@login_required
@require_http_methods(["POST"])
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    judge = _judge(request, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["organisation"].strip()
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            messages.error(request, _("No organisation with this name is registered."))
            return redirect("competitions:judge_profile", pk=judge.pk)
        try:
            services_judging.conflict_declare(
                user=request.user,
                judge=judge,
                organisation=organisation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Conflict declared. You will not judge these entries."))
    else:
        messages.error(request, _("Give the organisation and say what the relationship is."))
    return redirect("competitions:judge_profile", pk=judge.pk)


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    assignment = selectors.assignment_for_judge(user=request.user, pk=pk)
    if assignment is None or not rules.can_view_assignment(request.user, assignment):
        raise Http404
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def score(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    round_ = assignment.round
    criteria = list(round_.criteria.all())
    fields = list(round_.competition.fields.all())
    initial = {f"criterion_{k}": v for k, v in assignment.scores.items()}
    initial["comment"] = assignment.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    can_score = rules.can_score(request.user, assignment)
    if request.method == "POST" and form.is_valid():
        try:
            services_scoring.assignment_score(
                user=request.user, assignment=assignment, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Scores saved."))
            return redirect("competitions:judging")
    context = {
        "assignment": assignment,
        "round": round_,
        "competition": round_.competition,
        "view": judge_entry_view(assignment=assignment, fields=fields),
        "criteria": criteria,
        "form": form,
        "can_score": can_score,
    }
    return render(request, "competitions/score.html", context)


@login_required
def judge_attachment(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    item = get_object_or_404(
        EntryAttachment.objects.select_related("entry", "field"),
        pk=attachment,
        entry=assignment.entry,
    )
    if not rules.can_download_attachment(request.user, item, assignment=assignment):
        raise Http404
    view = judge_entry_view(assignment=assignment, fields=[item.field])
    name = next((f.name for f in view.files if f.pk == item.pk), None)
    if name is None:
        raise Http404
    return file_response(item, name)


@login_required
def judging(request: HttpRequest) -> HttpResponse:
    assignments = list(selectors.assignments_of(user=request.user)[:500])
    judges = list(
        Judge.objects.filter(user=request.user)
        .select_related("competition")
        .order_by("-invited_at")
    )
    return render(
        request, "competitions/judging.html", {"assignments": assignments, "judges": judges}
    )
