import zoneinfo

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.catalog.enums import Status
from techbridge.events.models import (
    Booth,
    Event,
    Registration,
    RegistrationQuestion,
    Session,
    Speaker,
)


def _zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _rendered(response):
    # Render inside the zone override: a TemplateResponse would otherwise render later.
    if hasattr(response, "render"):
        response.render()
    return response


class BoothForm(forms.ModelForm):
    class Meta:
        model = Booth
        fields = ["organisation", "label", "technologies"]

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        wrong = [
            technology
            for technology in cleaned.get("technologies") or []
            if technology.organisation_id != getattr(organisation, "pk", None)
            or technology.status != Status.PUBLISHED
        ]
        if wrong:
            self.add_error(
                "technologies",
                _("Only the organisation's published technologies can be shown at its booth."),
            )
        return cleaned


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    show_change_link = True


class QuestionInline(admin.TabularInline):
    model = RegistrationQuestion
    extra = 1


class BoothInline(admin.TabularInline):
    model = Booth
    form = BoothForm
    extra = 0
    raw_id_fields = ["organisation", "technologies"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "time_zone", "venue", "capacity", "is_published"]
    list_filter = ["kind", "is_published", "online", "requires_approval"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at"]
    inlines = [SessionInline, BoothInline, QuestionInline]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Staff enter and read every time of the event in the event's own zone.
        zone = _zone(request.POST.get("time_zone"))
        if zone is None and object_id:
            event = self.get_object(request, object_id)
            zone = _zone(event.time_zone) if event else None
        if zone is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zone):
            return _rendered(super().changeform_view(request, object_id, form_url, extra_context))


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 1
    raw_id_fields = ["user", "organisation"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "room", "starts_at", "ends_at"]
    list_filter = ["event"]
    search_fields = ["title", "room"]
    inlines = [SpeakerInline]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        session = self.get_object(request, object_id) if object_id else None
        zone = _zone(session.event.time_zone) if session else None
        if zone is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zone):
            return _rendered(super().changeform_view(request, object_id, form_url, extra_context))


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "session"]
    search_fields = ["name", "affiliation"]
    raw_id_fields = ["session", "user", "organisation"]


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    form = BoothForm
    list_display = ["organisation", "label", "event"]
    list_filter = ["event"]
    raw_id_fields = ["organisation", "technologies"]

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = ["event", *BoothForm.Meta.fields]
        return super().get_form(request, obj, **kwargs)


@admin.register(RegistrationQuestion)
class RegistrationQuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "event", "kind", "required", "position"]
    list_filter = ["event", "kind", "required"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "participant_type", "attendance", "status", "created_at"]
    list_filter = ["event", "status", "participant_type", "attendance"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "decided_by"]


from techbridge.events import admin_brokerage  # noqa: E402, F401 - registers the brokerage admin
