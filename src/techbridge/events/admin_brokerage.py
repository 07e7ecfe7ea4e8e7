"""Admin screens for the brokerage (imported by admin.py). Day-to-day work happens on the
brokerage pages; these are for corrections."""

from django.contrib import admin

from techbridge.events.models import (
    Brokerage,
    BrokerageProfile,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    ScheduleRun,
)


@admin.register(Brokerage)
class BrokerageAdmin(admin.ModelAdmin):
    list_display = ["event", "max_meetings", "request_expiry_days", "publication"]
    raw_id_fields = ["event"]


@admin.register(MeetingSlot)
class MeetingSlotAdmin(admin.ModelAdmin):
    list_display = ["event", "starts_at", "ends_at"]
    list_filter = ["event"]


@admin.register(MeetingTable)
class MeetingTableAdmin(admin.ModelAdmin):
    list_display = ["label", "event", "video_link", "position"]
    list_filter = ["event"]


@admin.register(BrokerageProfile)
class BrokerageProfileAdmin(admin.ModelAdmin):
    list_display = ["registration", "organisation", "max_meetings"]
    raw_id_fields = ["registration", "organisation", "technologies", "needs"]
    filter_horizontal = ["unavailable_slots"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["requester", "receiver", "status", "created_at"]
    list_filter = ["event", "status"]
    raw_id_fields = ["requester", "receiver"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["person_a", "person_b", "slot", "table", "locked", "check_in"]
    list_filter = ["event", "locked", "check_in"]
    raw_id_fields = ["request", "person_a", "person_b", "slot", "table", "checked_in_by"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "scheduled_count", "meeting_count", "created_at"]
    list_filter = ["event", "status"]
    readonly_fields = [field.name for field in ScheduleRun._meta.fields]


@admin.register(MeetingFeedback)
class MeetingFeedbackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "registration", "outcome", "created_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["meeting", "registration"]
