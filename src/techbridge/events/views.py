from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.events import rules, selectors, services
from techbridge.events.enums import RegistrationStatus
from techbridge.events.forms import RegistrationForm
from techbridge.events.models import Event, Registration


def _event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not rules.can_view_event(request.user, event):
        raise Http404
    return event


def event_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.events_split(user=request.user)
    context = {"upcoming": upcoming, "past": past}
    return render(request, "events/list.html", context)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    registration = selectors.registration_of(user=request.user, event=event)
    position = None
    if registration and registration.status == RegistrationStatus.WAITING:
        position = selectors.waiting_position(registration=registration)
    context = {
        "event": event,
        "sessions": selectors.event_programme(event=event),
        "booths": selectors.event_booths(event=event),
        "seats": selectors.event_seats(event=event),
        "registration": registration,
        "waiting_position": position,
        "can_register": rules.can_register(request.user, event),
        "can_cancel": registration is not None
        and rules.can_cancel_registration(request.user, registration),
        "can_manage": rules.can_manage_events(request.user),
        "reader_zone": timezone.get_current_timezone_name(),
        "brokerage": getattr(event, "brokerage", None),
    }
    return render(request, "events/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if not rules.can_register(request.user, event):
        if request.user.is_verified and not event.registration_open_at():
            messages.error(request, _("Registration for this event is closed."))
            return redirect("events:detail", slug=slug)
        raise PermissionDenied
    questions = list(event.questions.all())
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, event=event, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                user=request.user,
                event=event,
                participant_type=form.cleaned_data["participant_type"],
                attendance=form.cleaned_data["attendance"],
                answers=form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _status_message(registration))
            return redirect("events:detail", slug=slug)
    return render(request, "events/register.html", {"event": event, "form": form})


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def _status_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITING:
        return _("The event is full: you are on the waiting list.")
    if registration.status == RegistrationStatus.PENDING:
        return _("You are registered. Staff will confirm your place.")
    return _("You are registered.")


@login_required
@require_POST
def registration_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    services.registration_cancel(user=request.user, registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    if request.POST.get("next") == "mine":
        return redirect("events:mine")
    return redirect("events:detail", slug=slug)


@login_required
def event_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if not rules.can_manage_events(request.user):
        raise PermissionDenied
    registrations = list(selectors.event_registrations(event=event))
    _attach_answers(event, registrations)
    context = {
        "event": event,
        "registrations": registrations,
        "seats": selectors.event_seats(event=event),
    }
    return render(request, "events/registrations.html", context)


def _attach_answers(event: Event, registrations: list[Registration]) -> None:
    labels = {str(q.pk): q.text_in("label").text for q in event.questions.all()}
    for registration in registrations:
        registration.answer_rows = [
            (labels[key], value) for key, value in registration.answers.items() if key in labels
        ]


@login_required
@require_POST
def registration_decide(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event", "user"), pk=pk)
    if not rules.can_manage_events(request.user):
        raise PermissionDenied
    approve = request.POST.get("action") == "approve"
    error = None
    try:
        services.registration_decide(
            user=request.user,
            registration=registration,
            approve=approve,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    registration.refresh_from_db()
    if request.htmx:
        _attach_answers(registration.event, [registration])
        context = {"registration": registration, "error": error}
        return render(request, "events/_registration_row.html", context)
    if error:
        messages.error(request, error)
    return redirect("events:registrations", slug=registration.event.slug)


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    registrations = selectors.registrations_of(user=request.user)
    return render(request, "events/mine.html", {"registrations": registrations})
