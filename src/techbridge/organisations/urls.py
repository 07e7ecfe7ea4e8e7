from django.urls import path

from techbridge.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("mine/", views.my_organisations, name="mine"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("join-requests/<int:pk>/decide/", views.join_request_decide, name="join_request_decide"),
    path("memberships/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/verify/", views.organisation_verify, name="verify"),
    path("<slug:slug>/members/", views.organisation_members, name="members"),
    path("<slug:slug>/members/invite/", views.invitation_create, name="invite"),
    path("<slug:slug>/join/", views.join_request_create, name="join"),
]
