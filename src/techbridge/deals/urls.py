from django.urls import path

from techbridge.deals import views, views_files, views_staff

app_name = "deals"

urlpatterns = [
    path("", views.my_deals, name="mine"),
    path("inbox/", views.interest_inbox, name="inbox"),
    path("interest/<slug:kind>/<int:pk>/", views.interest_new, name="interest"),
    path("pipeline/", views_staff.pipeline, name="pipeline"),
    path("pipeline/funnel/", views_staff.funnel, name="funnel"),
    path("pipeline/export/", views_staff.export, name="export"),
    path("<int:pk>/", views.deal_detail, name="detail"),
    path("<int:pk>/accept/", views.deal_accept, name="accept"),
    path("<int:pk>/decline/", views.deal_decline, name="decline"),
    path("<int:pk>/move/", views.deal_move, name="move"),
    path("<int:pk>/close/", views.deal_close, name="close"),
    path("<int:pk>/agreement/", views.agreement_edit, name="agreement"),
    path("<int:pk>/messages/", views.message_post, name="message"),
    path("<int:pk>/attachments/", views_files.attachment_upload, name="attach"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        views_files.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/follow-up/<int:follow_up>/", views_files.follow_up, name="follow_up"),
]
