from django.contrib import admin

from techbridge.experts.models import Expert, ExpertMessage


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    """E-mail and phone are left out on purpose: they are never shown, not even to staff;
    staff change them on the expert's edit page, where the fields are write-only."""

    list_display = ("name", "availability", "visibility", "is_verified", "updated_at")
    list_filter = ("is_verified", "availability", "visibility")
    search_fields = ("name", "headline", "expertise")
    exclude = ("email", "phone", "vector", "vector_embedder", "vector_hash", "search_text")
    raw_id_fields = ("user", "organisation", "verified_by", "created_by")
    filter_horizontal = ("sectors",)


@admin.register(ExpertMessage)
class ExpertMessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "expert", "sender", "created_at")
    raw_id_fields = ("expert", "sender", "need")
    readonly_fields = ("expert", "sender", "subject", "body", "need", "created_at")
