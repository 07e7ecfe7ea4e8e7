"""Staff: the meeting schedule of a brokerage event: run the scheduler, follow its progress,
lock and move meetings by hand, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.events import rules, selectors_meetings, services_schedule
from techbridge.events.models import Event, Meeting, ScheduleRun
from techbridge.events.views_brokerage import brokerage_event


def _staff_event(request: HttpRequest, slug: str) -> Event:
    event = brokerage_event(request, slug)
    if not rules.can_manage_events(request.user):
        raise PermissionDenied
    return event


@login_required
def schedule_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = _staff_event(request, slug)
    meetings = list(selectors_meetings.event_meetings(event=event))
    context = {
        "event": event,
        "brokerage": event.brokerage,
        "run": event.schedule_runs.first(),
        "meetings": meetings,
        "scheduled": sum(1 for m in meetings if m.slot_id),
        "slots": list(event.meeting_slots.all()),
        "tables": list(event.meeting_tables.all()),
    }
    return render(request, "events/brokerage/schedule.html", context)


@login_required
def schedule_run_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The run's progress as a fragment; htmx polls it while the run is under way."""
    event = _staff_event(request, slug)
    run = get_object_or_404(ScheduleRun, event=event, pk=pk)
    return render(request, "events/brokerage/_run_status.html", {"event": event, "run": run})


@login_required
@require_POST
def schedule_action(request: HttpRequest, slug: str) -> HttpResponse:
    event = _staff_event(request, slug)
    action = request.POST.get("action", "")
    user = request.user
    try:
        if action in ("run_all", "run_unscheduled"):
            services_schedule.schedule_run_start(
                user=user, event=event, only_unscheduled=action == "run_unscheduled"
            )
            messages.success(request, _("The scheduler is running."))
        elif action == "publish":
            services_schedule.schedule_publish(
                user=user, event=event, publication=request.POST.get("publication", "")
            )
            messages.success(request, _("The schedule is published."))
        elif action in ("lock", "unlock", "move"):
            _meeting_action(request, event, action)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:schedule", slug=slug)


def _number(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise ValidationError({name: [_("Choose from the list.")]})
    return int(value)


def _meeting_action(request: HttpRequest, event: Event, action: str) -> None:
    meeting = get_object_or_404(Meeting, event=event, pk=_number(request, "meeting"))
    if action == "move":
        slot = event.meeting_slots.filter(pk=_number(request, "slot")).first()
        table = event.meeting_tables.filter(pk=_number(request, "table")).first()
        if slot is None or table is None:
            raise ValidationError(_("Choose a slot and a table of this event."))
        services_schedule.meeting_move(user=request.user, meeting=meeting, slot=slot, table=table)
        messages.success(request, _("The meeting is moved and locked."))
    else:
        services_schedule.meeting_lock(user=request.user, meeting=meeting, locked=action == "lock")
        messages.success(request, _("Saved."))
