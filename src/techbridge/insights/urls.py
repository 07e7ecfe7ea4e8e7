from django.urls import path

from techbridge.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/", views.public_statistics, name="public"),
    path("all/", views.staff_dashboard, name="all"),
    path("all/report/", views.staff_report, name="all_report"),
    path("country/<str:country>/", views.country_dashboard, name="country"),
    path("country/<str:country>/report/", views.country_report, name="country_report"),
    path("organisation/<slug:slug>/", views.organisation_dashboard, name="organisation"),
    path("organisation/<slug:slug>/report/", views.organisation_report, name="organisation_report"),
]
