from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from techbridge.api.api import api

handler403 = "techbridge.core.views.error_403"
handler404 = "techbridge.core.views.error_404"
handler500 = "techbridge.core.views.error_500"

urlpatterns = [
    path("", include("techbridge.core.urls")),
    path("accounts/", include("techbridge.accounts.urls")),
    path("organisations/", include("techbridge.organisations.urls")),
    path("", include("techbridge.catalog.urls")),
    path("calls/", include("techbridge.curation.urls")),
    path("events/", include("techbridge.events.urls")),
    path("search/", include("techbridge.matching.urls")),
    path("deals/", include("techbridge.deals.urls")),
    path("notifications/", include("techbridge.notifications.urls")),
    path("competitions/", include("techbridge.competitions.urls")),
    path("insights/", include("techbridge.insights.urls")),
    path("alliance/", include("techbridge.alliance.urls")),
    path("experts/", include("techbridge.experts.urls")),
    path("api/", api.urls),
    path("api-tokens/", include("techbridge.api.urls")),
    path("admin/", admin.site.urls),
]

if not settings.PRODUCTION:
    # Production serves uploads from the reverse proxy (see README).
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
