from django.contrib import admin
from django.db import models

from techbridge.catalog.models import (
    ImportJob,
    ListingEvent,
    Need,
    SDGGoal,
    SDGTarget,
    Sector,
    Technology,
    TechnologyTransferMode,
)


class TransferModeInline(admin.TabularInline):
    model = TechnologyTransferMode
    extra = 0


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "organisation", "status", "visibility", "trl", "published_at"]
    list_filter = ["status", "visibility", "trl", "organisation__country", "language"]
    search_fields = ["title", "summary", "external_id", "organisation__name"]
    raw_id_fields = ["organisation", "created_by"]
    filter_horizontal = ["sectors", "sdgs"]
    inlines = [TransferModeInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "country", "status", "visibility", "deadline"]
    list_filter = ["status", "visibility", "country", "language"]
    search_fields = ["title", "problem", "external_id", "organisation__name"]
    raw_id_fields = ["organisation", "created_by"]
    filter_horizontal = ["sectors", "sdgs"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "position"]


@admin.register(SDGGoal)
class SDGGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name"]


@admin.register(SDGTarget)
class SDGTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal"]
    list_filter = ["goal"]


@admin.register(ListingEvent)
class ListingEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "technology", "need", "actor", "to_status"]
    list_filter = ["action"]
    raw_id_fields = ["technology", "need", "actor"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "kind", "state", "created_at"]
    exclude = ["content"]
    raw_id_fields = ["organisation", "created_by"]
