"""Meeting requests: ask, answer (accept / decline with a reason), withdraw; my requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.events import rules_brokerage, selectors_meetings, services_meetings
from techbridge.events.enums import RegistrationStatus
from techbridge.events.forms_brokerage import DeclineForm, MeetingRequestForm
from techbridge.events.models import MeetingRequest, Registration
from techbridge.events.services_brokerage import meeting_cap
from techbridge.events.views import _add_errors
from techbridge.events.views_brokerage import brokerage_event


def _reader(request: HttpRequest, event) -> Registration:
    registration = rules_brokerage.approved_registration(request.user, event)
    if registration is None:
        raise PermissionDenied
    return registration


@login_required
@require_http_methods(["GET", "POST"])
def meeting_request_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = brokerage_event(request, slug)
    requester = _reader(request, event)
    receiver = get_object_or_404(
        Registration.objects.select_related("user", "brokerage_profile__organisation"),
        event=event,
        pk=pk,
        status=RegistrationStatus.APPROVED,
    )
    if not rules_brokerage.can_request_meeting(request.user, requester, receiver):
        raise PermissionDenied
    form = MeetingRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services_meetings.meeting_request_create(
                user=request.user,
                requester=requester,
                receiver=receiver,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if created.requester_id == receiver.pk:
                messages.success(request, _("You both asked: the meeting is accepted."))
            else:
                messages.success(request, _("Your request is sent."))
            return redirect("events:meetings", slug=slug)
    context = {"event": event, "receiver": receiver, "form": form}
    return render(request, "events/brokerage/request_form.html", context)


@login_required
def my_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    event = brokerage_event(request, slug)
    registration = _reader(request, event)
    meetings = list(selectors_meetings.meetings_of(registration=registration))
    now = timezone.now()
    for meeting in meetings:
        meeting.other = (
            meeting.person_b if meeting.person_a_id == registration.pk else meeting.person_a
        )
        meeting.can_cancel = rules_brokerage.meeting_not_yet_held(meeting, now=now)
    context = {
        "event": event,
        "registration": registration,
        "received": selectors_meetings.requests_received(registration=registration),
        "sent": selectors_meetings.requests_sent(registration=registration),
        "meetings": meetings,
        "cap": meeting_cap(registration=registration),
        "decline_form": DeclineForm(),
    }
    return render(request, "events/brokerage/meetings.html", context)


@login_required
@require_POST
def meeting_request_answer(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("accept", "decline", "withdraw", "cancel"):
        raise Http404
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("event", "requester__user", "receiver__user"), pk=pk
    )
    if not rules_brokerage.can_view_request(request.user, meeting_request):
        raise PermissionDenied
    user = request.user
    try:
        if action == "accept":
            services_meetings.meeting_request_accept(user=user, request=meeting_request)
            messages.success(request, _("Accepted: the meeting is on your list."))
        elif action == "cancel":
            services_meetings.meeting_cancel(
                user=user, request=meeting_request, text=request.POST.get("text", "")
            )
            messages.success(request, _("The meeting is cancelled; the other participant is told."))
        elif action == "withdraw":
            services_meetings.meeting_request_withdraw(user=user, request=meeting_request)
            messages.success(request, _("Your request is withdrawn."))
        else:
            form = DeclineForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            services_meetings.meeting_request_decline(
                user=user, request=meeting_request, **form.cleaned_data
            )
            messages.success(request, _("Declined."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:meetings", slug=meeting_request.event.slug)
