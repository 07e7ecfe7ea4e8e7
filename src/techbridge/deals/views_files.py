"""Attachments (uploaded and served only to those who may read the deal's thread) and the
follow-up survey."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.deals import rules, services_thread
from techbridge.deals.forms import AttachmentForm, FollowUpForm
from techbridge.deals.models import DealAttachment, FollowUp
from techbridge.deals.views import _deal, _done, add_errors


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services_thread.attachment_add(
                user=request.user, deal=deal, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("File attached."))
            return redirect("deals:detail", pk=deal.pk)
    return _done(request, deal, form, "attachment_form")


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    deal = _deal(request, pk)
    if not rules.can_view_attachments(request.user, deal):
        raise PermissionDenied
    item = get_object_or_404(DealAttachment, pk=attachment, deal=deal)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int, follow_up: int) -> HttpResponse:
    deal = _deal(request, pk)
    survey = get_object_or_404(FollowUp, pk=follow_up, deal=deal)
    if not rules.can_answer_follow_up(request.user, deal):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, initial={"answer": survey.answer or None})
    if request.method == "POST" and form.is_valid():
        try:
            services_thread.follow_up_answer(
                user=request.user, follow_up=survey, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
            return redirect("deals:detail", pk=deal.pk)
    return render(request, "deals/follow_up.html", {"deal": deal, "survey": survey, "form": form})
