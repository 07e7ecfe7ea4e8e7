from django.contrib import admin

from techbridge.notifications.models import DigestSent, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]


admin.site.register(Preference, list_display=["user", "group", "frequency"])
admin.site.register(DigestSent, list_display=["user", "digest", "period", "sent_at"])
