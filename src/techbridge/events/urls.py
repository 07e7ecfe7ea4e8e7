from django.urls import path

from techbridge.events import (
    views,
    views_agenda,
    views_brokerage,
    views_marketplace,
    views_meetings,
    views_pdf,
    views_schedule,
)

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("mine/", views.my_events, name="mine"),
    path("registrations/<int:pk>/decide/", views.registration_decide, name="decide"),
    path("meetings/<int:pk>/check-in/", views_agenda.meeting_check_in, name="check_in"),
    path("meetings/<int:pk>/feedback/", views_agenda.meeting_feedback, name="feedback"),
    path(
        "meeting-requests/<int:pk>/<str:action>/",
        views_meetings.meeting_request_answer,
        name="answer_request",
    ),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/cancel/", views.registration_cancel, name="cancel"),
    path("<slug:slug>/registrations/", views.event_registrations, name="registrations"),
    path("<slug:slug>/brokerage/setup/", views_brokerage.brokerage_setup, name="brokerage_setup"),
    path("<slug:slug>/brokerage/profile/", views_brokerage.brokerage_profile, name="profile"),
    path("<slug:slug>/marketplace/", views_marketplace.marketplace, name="marketplace"),
    path("<slug:slug>/meetings/", views_meetings.my_meetings, name="meetings"),
    path("<slug:slug>/schedule/", views_schedule.schedule_page, name="schedule"),
    path("<slug:slug>/agenda/", views_agenda.agenda_page, name="agenda"),
    path("<slug:slug>/agenda.ics", views_agenda.agenda_ical, name="agenda_ical"),
    path("<slug:slug>/agenda/<int:pk>/", views_agenda.agenda_page, name="agenda_of"),
    path("<slug:slug>/agenda/<int:pk>.ics", views_agenda.agenda_ical, name="agenda_ical_of"),
    path("<slug:slug>/agenda.pdf", views_pdf.agenda_pdf, name="agenda_pdf"),
    path("<slug:slug>/agenda/<int:pk>.pdf", views_pdf.agenda_pdf, name="agenda_pdf_of"),
    path("<slug:slug>/tables/<int:pk>/sheet/", views_agenda.table_sheet_page, name="table_sheet"),
    path(
        "<slug:slug>/tables/<int:pk>/sheet.pdf", views_pdf.table_sheet_pdf, name="table_sheet_pdf"
    ),
    path("<slug:slug>/schedule/do/", views_schedule.schedule_action, name="schedule_action"),
    path(
        "<slug:slug>/schedule/runs/<int:pk>/",
        views_schedule.schedule_run_status,
        name="schedule_run",
    ),
    path(
        "<slug:slug>/meetings/request/<int:pk>/",
        views_meetings.meeting_request_create,
        name="request_meeting",
    ),
    path(
        "<slug:slug>/brokerage/profile/<int:pk>/",
        views_brokerage.brokerage_profile,
        name="profile_of",
    ),
]
