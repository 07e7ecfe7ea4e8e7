"""Personal agendas (page and iCal), staff table sheets, check-in at the table."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.events import rules, rules_brokerage, services_agenda
from techbridge.events.agenda import agenda_for_participant, table_sheet
from techbridge.events.forms_brokerage import FeedbackForm
from techbridge.events.ical import CalendarEntry, calendar
from techbridge.events.models import Event, Meeting, Registration
from techbridge.events.views import _add_errors
from techbridge.events.views_brokerage import brokerage_event


def _registration(request: HttpRequest, event: Event, pk: int | None) -> Registration:
    """The reader's own approved registration, or (staff) anyone's with `pk`."""
    if pk is None:
        registration = rules_brokerage.approved_registration(request.user, event)
        if registration is None:
            raise PermissionDenied
    else:
        registration = get_object_or_404(Registration, event=event, pk=pk)
    if not rules_brokerage.can_view_agenda(request.user, registration):
        raise PermissionDenied
    return registration


@login_required
def agenda_page(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = brokerage_event(request, slug)
    registration = _registration(request, event, pk)
    agenda = agenda_for_participant(registration=registration)
    now = timezone.now()
    context = {
        "event": event,
        "agenda": agenda,
        "own": registration.user_id == request.user.pk,
        "reader_zone": timezone.get_current_timezone_name(),
        "now": now,
    }
    return render(request, "events/brokerage/agenda.html", context)


def _uid(meeting_id: int) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"techbridge-meeting-{meeting_id}@{host or 'techbridge'}"


@login_required
def agenda_ical(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = brokerage_event(request, slug)
    registration = _registration(request, event, pk)
    agenda = agenda_for_participant(registration=registration)
    link = settings.SITE_URL + reverse("events:agenda", kwargs={"slug": event.slug})
    entries = []
    for item in agenda.meetings:
        who = item.counterpart.name
        if item.counterpart.organisation:
            who = f"{who} ({item.counterpart.organisation})"
        entries.append(
            CalendarEntry(
                uid=_uid(item.meeting_id),
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                summary=_("Meeting with %(who)s") % {"who": who},
                location=" · ".join(p for p in (item.table, item.video_link, event.venue) if p),
                description=item.message,
                url=item.video_link or link,
                tentative=agenda.preliminary,
            )
        )
    body = calendar(entries, name=agenda.event_title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-agenda.ics"'
    return response


@login_required
def table_sheet_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = brokerage_event(request, slug)
    if not rules.can_manage_events(request.user):
        raise PermissionDenied
    table = get_object_or_404(event.meeting_tables, pk=pk)
    context = {"event": event, "sheet": table_sheet(event=event, table=table)}
    return render(request, "events/brokerage/table_sheet.html", context)


@login_required
@require_POST
def meeting_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related("event__brokerage", "slot", "person_a", "person_b"), pk=pk
    )
    if not (
        rules.can_manage_events(request.user)
        or rules_brokerage.is_meeting_participant(request.user, meeting)
    ):
        raise PermissionDenied
    try:
        services_agenda.meeting_check_in(
            user=request.user, meeting=meeting, outcome=request.POST.get("check_in", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("events:agenda", slug=meeting.event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "event__brokerage", "slot", "table", "person_a__user", "person_b__user"
        ),
        pk=pk,
    )
    if not rules_brokerage.can_give_feedback(request.user, meeting, now=timezone.now()):
        raise PermissionDenied
    mine = meeting.person_a if meeting.person_a.user_id == request.user.pk else meeting.person_b
    other = meeting.person_b if mine.pk == meeting.person_a_id else meeting.person_a
    earlier = meeting.feedback.filter(registration=mine).first()
    initial = {"outcome": earlier.outcome, "comment": earlier.comment} if earlier else None
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_agenda.meeting_feedback_record(
                user=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("events:agenda", slug=meeting.event.slug)
    context = {"event": meeting.event, "meeting": meeting, "other": other, "form": form}
    return render(request, "events/brokerage/feedback.html", context)
