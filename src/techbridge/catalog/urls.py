from django.urls import path

from techbridge.catalog import views, views_io
from techbridge.catalog.feeds import NeedFeed, TechnologyFeed

app_name = "catalog"

urlpatterns = [
    path("catalogue/review/", views.review_queue, name="review_queue"),
    path("catalogue/dashboard/<slug:slug>/", views.organisation_dashboard, name="dashboard"),
    path("catalogue/import/<slug:slug>/", views_io.import_upload, name="import"),
    path("catalogue/imports/<int:pk>/", views_io.import_job, name="import_job"),
    path(
        "catalogue/template/<slug:kind>.<slug:fmt>",
        views_io.template_download,
        name="import_template",
    ),
]

FEEDS = {"technology": TechnologyFeed(), "need": NeedFeed()}

for kind, prefix in (("technology", "technologies"), ("need", "needs")):
    urlpatterns += [
        path(f"{prefix}/feed/", FEEDS[kind], name=f"{kind}_feed"),
        path(f"{prefix}/", views.listing_list, {"kind": kind}, name=f"{kind}_list"),
        path(f"{prefix}/export/", views_io.listing_export, {"kind": kind}, name=f"{kind}_export"),
        path(f"{prefix}/<int:pk>/", views.listing_detail, {"kind": kind}, name=kind),
        path(
            f"{prefix}/new/<slug:organisation>/",
            views.listing_create,
            {"kind": kind},
            name=f"{kind}_create",
        ),
        path(f"{prefix}/<int:pk>/edit/", views.listing_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(
            f"{prefix}/<int:pk>/history/",
            views.listing_history,
            {"kind": kind},
            name=f"{kind}_history",
        ),
        path(
            f"{prefix}/<int:pk>/<slug:action>/",
            views.listing_action,
            {"kind": kind},
            name=f"{kind}_action",
        ),
    ]
