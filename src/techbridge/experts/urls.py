from django.urls import path

from techbridge.experts import views

app_name = "experts"

urlpatterns = [
    path("", views.expert_list, name="list"),
    path("me/", views.my_profile, name="mine"),
    path("new/", views.expert_add, name="add"),
    path("<int:pk>/", views.expert_detail, name="detail"),
    path("<int:pk>/edit/", views.expert_edit, name="edit"),
    path("<int:pk>/verify/", views.expert_verify, name="verify"),
    path("<int:pk>/contact/", views.expert_contact, name="contact"),
]
