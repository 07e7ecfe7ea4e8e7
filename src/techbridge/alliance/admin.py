from django.contrib import admin
from django.db import models

from techbridge.alliance.models import (
    AllianceMembership,
    Charter,
    MembershipApplication,
    Network,
    NetworkMember,
    NewsUpdate,
    Project,
)


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "language", "is_published", "updated_at"]
    list_filter = ["is_published"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "status", "created_at", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "submitted_by", "decided_by"]
    filter_horizontal = ["sectors"]


@admin.register(AllianceMembership)
class AllianceMembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "tier", "status", "since", "valid_until"]
    list_filter = ["tier", "status", "organisation__country"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "application"]
    filter_horizontal = ["sectors"]


class NetworkMemberInline(admin.TabularInline):
    model = NetworkMember
    raw_id_fields = ["organisation"]
    extra = 1


class ProjectInline(admin.StackedInline):
    model = Project
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "is_published", "created_at"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sectors"]
    raw_id_fields = ["technologies", "needs"]
    inlines = [NetworkMemberInline, ProjectInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(NewsUpdate)
class NewsUpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "author", "published_at"]
    list_filter = ["network"]
    raw_id_fields = ["author"]
