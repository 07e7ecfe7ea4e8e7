from django.urls import path

from techbridge.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("unread/", views.unread_badge, name="unread"),
    path("read/", views.mark_read, name="read"),
    path("settings/", views.preferences, name="preferences"),
]
