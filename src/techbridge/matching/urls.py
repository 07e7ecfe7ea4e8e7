from django.urls import path

from techbridge.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggest-labels/", views.label_suggestions, name="label_suggestions"),
    path(
        "feedback/<slug:kind>/<int:pk>/",
        views.recommendation_feedback,
        name="recommendation_feedback",
    ),
]
