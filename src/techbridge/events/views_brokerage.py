"""Brokerage setup (staff) and participants' brokerage profiles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from techbridge.events import rules, rules_brokerage, selectors_brokerage, services_brokerage
from techbridge.events.forms_brokerage import (
    BrokerageSetupForm,
    CapForm,
    ProfileForm,
    SlotsForm,
    TablesForm,
)
from techbridge.events.models import Event, Registration
from techbridge.events.templatetags.event_times import in_zone
from techbridge.events.views import _add_errors, _event


def brokerage_event(request: HttpRequest, slug: str) -> Event:
    """The event, 404 for readers who may not see it or when it has no brokerage."""
    event = _event(request, slug)
    if not rules_brokerage.is_brokerage(event):
        raise Http404
    return event


def _setup_forms(event: Event, data=None, which: str = "") -> dict:
    brokerage = getattr(event, "brokerage", None)
    initial = {"max_meetings": 12, "request_expiry_days": 7, "reminder_days": 2}
    if brokerage is not None:
        initial = {
            "max_meetings": brokerage.max_meetings,
            "request_expiry_days": brokerage.request_expiry_days,
            "reminder_days": brokerage.reminder_days,
        }
    return {
        "settings_form": BrokerageSetupForm(
            data if which == "settings" else None, initial=initial, prefix="settings"
        ),
        "slots_form": SlotsForm(data if which == "slots" else None, prefix="slots"),
        "tables_form": TablesForm(data if which == "tables" else None, prefix="tables"),
    }


def _apply_setup(request: HttpRequest, event: Event, which: str, form) -> None:
    data = form.cleaned_data
    user = request.user
    if which == "settings":
        services_brokerage.brokerage_setup(user=user, event=event, **data)
    elif which == "slots":
        services_brokerage.meeting_slots_generate(user=user, event=event, **data)
    elif which == "tables":
        services_brokerage.meeting_tables_add(user=user, event=event, **data)


@login_required
@require_http_methods(["GET", "POST"])
def brokerage_setup(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if not rules.can_manage_events(request.user):
        raise PermissionDenied
    which = request.POST.get("form", "") if request.method == "POST" else ""
    forms = _setup_forms(event, request.POST, which)
    if which in ("delete_slot", "delete_table"):
        _delete(request, event, which)
        return redirect("events:brokerage_setup", slug=slug)
    form = forms.get(f"{which}_form")
    if form is not None and form.is_valid():
        try:
            _apply_setup(request, event, which, form)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:brokerage_setup", slug=slug)
    event.refresh_from_db()
    context = {
        "event": event,
        "brokerage": getattr(event, "brokerage", None),
        "slots": list(event.meeting_slots.all()),
        "tables": list(event.meeting_tables.all()),
        **forms,
    }
    return render(request, "events/brokerage/setup.html", context)


def _delete(request: HttpRequest, event: Event, which: str) -> None:
    pk = request.POST.get("pk", "")
    if not pk.isdigit():
        raise Http404
    try:
        if which == "delete_slot":
            slot = get_object_or_404(event.meeting_slots, pk=pk)
            services_brokerage.meeting_slot_delete(user=request.user, slot=slot)
        else:
            table = get_object_or_404(event.meeting_tables, pk=pk)
            services_brokerage.meeting_table_delete(user=request.user, table=table)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted."))


def _profile_form(registration: Registration, data=None) -> ProfileForm:
    choices = selectors_brokerage.profile_choices(registration=registration)
    profile = selectors_brokerage.profile_of(registration=registration)
    zone = registration.event.time_zone
    initial = {"language": registration.user.preferred_language}
    if profile is not None:
        initial = {
            "organisation": profile.organisation_id or "",
            "language": profile.language,
            "offers": profile.offers,
            "requests": profile.requests,
            "technologies": [t.pk for t in profile.technologies.all()],
            "needs": [n.pk for n in profile.needs.all()],
            "unavailable_slots": [s.pk for s in profile.unavailable_slots.all()],
        }
    elif choices["organisations"]:
        initial["organisation"] = choices["organisations"][0].pk
    return ProfileForm(
        data,
        initial=initial,
        organisations=choices["organisations"],
        technologies=choices["technologies"],
        needs=choices["needs"],
        slots=[(s.pk, in_zone(s.starts_at, zone)) for s in choices["slots"]],
    )


@login_required
@require_http_methods(["GET", "POST"])
def brokerage_profile(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """A participant's own profile; staff open anyone's (with `pk`) and set their limit."""
    event = brokerage_event(request, slug)
    if pk is None:
        registration = rules_brokerage.approved_registration(request.user, event)
        if registration is None:
            raise PermissionDenied
    else:
        registration = get_object_or_404(Registration, event=event, pk=pk)
    if not rules_brokerage.can_edit_profile(request.user, registration):
        raise PermissionDenied
    is_staff = rules.can_manage_events(request.user)
    which = request.POST.get("form", "profile") if request.method == "POST" else ""
    form = _profile_form(registration, request.POST if which == "profile" else None)
    profile = selectors_brokerage.profile_of(registration=registration)
    cap_form = CapForm(
        request.POST if which == "cap" else None,
        initial={"max_meetings": getattr(profile, "max_meetings", None)},
    )
    target = form if which == "profile" else cap_form
    if which and (which == "profile" or is_staff) and target.is_valid():
        try:
            _save_profile(request, registration, which, target.cleaned_data)
        except ValidationError as error:
            _add_errors(target, error)
        else:
            messages.success(request, _("Your brokerage profile is saved."))
            return redirect(request.path)
    context = {
        "event": event,
        "registration": registration,
        "form": form,
        "cap_form": cap_form if is_staff else None,
        "cap": services_brokerage.meeting_cap(registration=registration),
    }
    return render(request, "events/brokerage/profile.html", context)


def _save_profile(request: HttpRequest, registration: Registration, which: str, data) -> None:
    if which == "cap":
        services_brokerage.brokerage_profile_set_cap(
            user=request.user, registration=registration, max_meetings=data["max_meetings"]
        )
        return
    organisations = {
        str(o.pk): o
        for o in selectors_brokerage.profile_choices(registration=registration)["organisations"]
    }
    services_brokerage.brokerage_profile_save(
        user=request.user,
        registration=registration,
        organisation=organisations.get(data["organisation"]),
        language=data["language"],
        offers=data["offers"],
        requests=data["requests"],
        technology_ids=data["technologies"],
        need_ids=data["needs"],
        unavailable_slot_ids=data["unavailable_slots"],
    )
