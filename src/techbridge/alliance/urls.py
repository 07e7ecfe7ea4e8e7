from django.urls import path

from techbridge.alliance import views, views_networks

app_name = "alliance"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("charter/", views.charter, name="charter"),
    path("applications/", views.application_queue, name="applications"),
    path("applications/<int:pk>/decide/", views.application_decide, name="decide"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("memberships/<int:pk>/tier/", views.membership_tier, name="tier"),
    path("organisations/<slug:slug>/", views.membership_status, name="status"),
    path("organisations/<slug:slug>/apply/", views.apply, name="apply"),
    path("organisations/<slug:slug>/renew/", views.renew, name="renew"),
    path("networks/", views_networks.network_list, name="networks"),
    path("networks/<slug:slug>/", views_networks.network_detail, name="network"),
    path("networks/<slug:slug>/edit/", views_networks.network_edit, name="network_edit"),
    path("networks/<slug:slug>/link/", views_networks.network_link, name="network_link"),
    path(
        "networks/<slug:slug>/unlink/<str:kind>/<int:pk>/",
        views_networks.network_unlink,
        name="network_unlink",
    ),
    path("networks/<slug:slug>/projects/new/", views_networks.project_edit, name="project_new"),
    path(
        "networks/<slug:slug>/projects/<int:pk>/",
        views_networks.project_edit,
        name="project_edit",
    ),
    path("networks/<slug:slug>/news/new/", views_networks.news_new, name="news_new"),
]
