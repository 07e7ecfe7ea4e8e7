from django.urls import path

from techbridge.curation import views

app_name = "curation"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", views.review_edit, name="review"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/submit/", views.call_submit, name="submit"),
    path("<slug:slug>/manage/", views.call_manage, name="manage"),
    path("<slug:slug>/collection/", views.call_collection, name="collection"),
]
