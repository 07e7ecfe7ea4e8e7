from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import FailedLogin, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "focal_point_country", "email_verified_at"]
    list_filter = ["is_staff", "is_active", "focal_point_country", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        (_("Preferences"), {"fields": ["preferred_language", "time_zone"]}),
        (
            _("Roles"),
            {"fields": ["is_active", "is_staff", "is_superuser", "focal_point_country", "groups"]},
        ),
        (_("Dates"), {"fields": ["email_verified_at", "date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(FailedLogin)
class FailedLoginAdmin(admin.ModelAdmin):
    list_display = ["email", "ip_address", "attempted_at"]
    search_fields = ["email", "ip_address"]
