from django.contrib import admin

from techbridge.curation.models import Call, Criterion, ReviewAssignment, Submission


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "deadline", "target_count"]
    list_filter = ["state"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["eligible_sectors"]
    inlines = [CriterionInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["technology", "call", "decision", "submitted_at"]
    list_filter = ["call", "decision"]
    raw_id_fields = ["technology", "submitted_by", "decided_by"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["submission", "reviewer", "reviewed_at"]
    raw_id_fields = ["submission", "reviewer", "assigned_by"]
