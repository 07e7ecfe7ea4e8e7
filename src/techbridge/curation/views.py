from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.accounts.models import User
from techbridge.catalog.exporting import listings_export
from techbridge.catalog.models import Technology
from techbridge.catalog.presenters import technology_view
from techbridge.catalog.views_io import CONTENT_TYPES, download
from techbridge.curation import rules, selectors, services
from techbridge.curation.models import Call, ReviewAssignment, Submission


def _call(request, slug: str) -> Call:
    call = get_object_or_404(Call, slug=slug)
    if not rules.can_view_call(request.user, call):
        raise Http404
    return call


def call_list(request: HttpRequest) -> HttpResponse:
    return render(request, "curation/list.html", {"calls": selectors.public_calls()})


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    own = []
    if request.user.is_authenticated and call.is_open:
        own = [
            t
            for t in Technology.objects.filter(organisation__memberships__user=request.user)
            .select_related("organisation")
            .exclude(call_submissions__call=call)
            if rules.can_submit_to_call(request.user, call, t)
        ]
    context = {
        "call": call,
        "criteria": call.criteria.all(),
        "own_technologies": own,
        "can_manage": rules.can_manage_calls(request.user),
        "submitted_count": call.submissions.count(),
    }
    return render(request, "curation/detail.html", context)


@login_required
@require_POST
def call_submit(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    technology = get_object_or_404(Technology, pk=request.POST.get("technology") or 0)
    try:
        services.submission_create(user=request.user, call=call, technology=technology)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Submitted to the call. Reviewers will score it."))
    return redirect("curation:detail", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def call_manage(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    if not rules.can_manage_calls(request.user):
        raise PermissionDenied
    if request.method == "POST":
        _manage_action(request, call)
        return redirect("curation:manage", slug=slug)
    context = {
        "call": call,
        "ranking": selectors.call_ranking(call=call),
        "states": Call.State.choices,
    }
    return render(request, "curation/manage.html", context)


def _manage_action(request, call: Call) -> None:
    action = request.POST.get("action")
    try:
        if action == "state":
            services.call_set_state(
                user=request.user, call=call, state=request.POST.get("state", "")
            )
        elif action in {"select", "reject"}:
            submission = get_object_or_404(Submission, pk=request.POST.get("submission"), call=call)
            services.submission_decide(
                user=request.user, submission=submission, selected=action == "select"
            )
        elif action == "assign":
            submission = get_object_or_404(Submission, pk=request.POST.get("submission"), call=call)
            reviewer = User.objects.filter(
                email__iexact=request.POST.get("email", "").strip()
            ).first()
            if reviewer is None:
                raise ValidationError(_("No account uses this e-mail address."))
            services.review_assign(user=request.user, submission=submission, reviewer=reviewer)
        messages.success(request, _("Saved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


@login_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    assignments = selectors.reviewer_assignments(user=request.user)
    return render(request, "curation/my_reviews.html", {"assignments": assignments})


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related(
            "submission__call", "submission__technology__organisation"
        ),
        pk=pk,
    )
    if not rules.can_review(request.user, assignment):
        raise PermissionDenied
    criteria = list(assignment.submission.call.criteria.all())
    errors = {}
    if request.method == "POST":
        scores = {str(c.pk): request.POST.get(f"score_{c.pk}") for c in criteria}
        try:
            services.review_save(
                user=request.user,
                assignment=assignment,
                scores=scores,
                comment=request.POST.get("comment", ""),
            )
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("curation:my_reviews")
    rows = [
        {
            "criterion": c,
            "name": c.text_in("name"),
            "value": request.POST.get(f"score_{c.pk}", assignment.scores.get(str(c.pk), "")),
            "errors": errors.get(f"score_{c.pk}", []),
            "choices": range(c.max_score + 1),
        }
        for c in criteria
    ]
    view = technology_view(user=request.user, technology=assignment.submission.technology)
    context = {"assignment": assignment, "rows": rows, "view": view}
    return render(request, "curation/review.html", context)


def call_collection(request: HttpRequest, slug: str) -> HttpResponse:
    call = _call(request, slug)
    if call.state != Call.State.PUBLISHED and not rules.can_manage_calls(request.user):
        raise Http404
    technologies = selectors.call_collection(call=call)
    fmt = request.GET.get("format")
    if fmt:
        if fmt not in CONTENT_TYPES:
            raise Http404
        content = listings_export(
            user=request.user, model=Technology, listings=technologies, fmt=fmt
        )
        return download(content, fmt, f"techbridge-{call.slug}-selection")
    views = [technology_view(user=request.user, technology=t) for t in technologies]
    return render(request, "curation/collection.html", {"call": call, "views": views})
