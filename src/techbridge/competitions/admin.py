"""Staff set up calls here: tracks, rounds (with their rubric), entry form and quotas.
Dates and times on these screens are in the call's own time zone."""

import zoneinfo

from django.contrib import admin
from django.utils import timezone

from techbridge.competitions.models import (
    Assignment,
    AssignmentRun,
    Competition,
    Conflict,
    CountryQuota,
    Criterion,
    Entry,
    EntryField,
    Judge,
    Round,
    TeamMember,
    Track,
)


def _zone_of(request, obj) -> str | None:
    name = request.POST.get("time_zone") or (obj.time_zone if obj else None)
    if request.method != "POST" and obj is not None:
        name = obj.time_zone
    try:
        return zoneinfo.ZoneInfo(name).key if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class CallZoneMixin:
    """Shows and reads every date and time of the change form in the call's zone."""

    def call_of(self, obj):
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        zone = _zone_of(request, self.call_of(obj) if obj else None)
        if zone is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()
            return response


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    fields = [
        "name",
        "level",
        "country",
        "scoring_deadline",
        "judges_per_entry",
        "min_load",
        "max_load",
        "same_country_conflict",
        "blind",
        "advance_count",
    ]
    show_change_link = True


class EntryFieldInline(admin.TabularInline):
    model = EntryField
    extra = 0


class CountryQuotaInline(admin.TabularInline):
    model = CountryQuota
    extra = 0


@admin.register(Competition)
class CompetitionAdmin(CallZoneMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "entry_deadline", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TrackInline, RoundInline, EntryFieldInline, CountryQuotaInline]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Round)
class RoundAdmin(CallZoneMixin, admin.ModelAdmin):
    list_display = ["name", "competition", "level", "country", "scoring_deadline", "blind"]
    list_filter = ["blind", "level"]
    list_select_related = ["competition"]
    inlines = [CriterionInline]

    def call_of(self, obj):
        return obj.competition


class TeamInline(admin.TabularInline):
    model = TeamMember
    extra = 0


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "competition", "country", "status", "decision"]
    list_filter = ["status", "decision"]
    list_select_related = ["competition"]
    search_fields = ["title"]
    raw_id_fields = ["applicant", "organisation"]
    inlines = [TeamInline]


@admin.register(Judge)
class JudgeAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "competition", "country", "status"]
    list_filter = ["status"]
    list_select_related = ["competition"]
    raw_id_fields = ["user", "organisation", "invited_by"]
    exclude = ["token"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["judge", "entry", "organisation", "reason", "by_staff"]
    list_select_related = ["judge", "entry", "organisation"]
    raw_id_fields = ["judge", "entry", "organisation"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["round", "entry", "judge", "source", "locked", "scored_at"]
    list_select_related = ["round", "entry", "judge"]
    list_filter = ["source", "locked"]
    raw_id_fields = ["round", "entry", "judge"]


@admin.register(AssignmentRun)
class AssignmentRunAdmin(admin.ModelAdmin):
    list_display = ["round", "status", "assigned_count", "total_affinity", "created_at"]
    list_select_related = ["round"]
    readonly_fields = [
        "round",
        "status",
        "message",
        "affinity_source",
        "total_affinity",
        "assigned_count",
        "seconds",
        "requested_by",
        "created_at",
        "finished_at",
    ]

    def has_add_permission(self, request):
        return False
