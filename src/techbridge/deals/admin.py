from django.contrib import admin

from techbridge.deals.models import (
    Deal,
    DealAttachment,
    DealMessage,
    DealStep,
    ExpressionOfInterest,
    FollowUp,
)


class InterestInline(admin.StackedInline):
    model = ExpressionOfInterest
    extra = 0


class StepInline(admin.TabularInline):
    model = DealStep
    extra = 0
    readonly_fields = ["stage", "at", "by", "note"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "target_kind",
        "interested_organisation",
        "listing_organisation",
        "stage",
        "brokered",
        "stage_changed_at",
    ]
    list_filter = ["stage", "brokered", "target_kind", "reason"]
    search_fields = ["interested_organisation__name", "listing_organisation__name"]
    raw_id_fields = [
        "technology",
        "need",
        "interested_organisation",
        "interested_user",
        "listing_organisation",
    ]
    inlines = [InterestInline, StepInline]


admin.site.register(DealMessage, list_display=["deal", "author", "created_at"])
admin.site.register(DealAttachment, list_display=["deal", "original_name", "size", "uploaded_at"])
admin.site.register(FollowUp, list_display=["deal", "after_stage", "due_on", "sent_at", "answer"])
