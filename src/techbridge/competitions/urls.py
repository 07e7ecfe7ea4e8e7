from django.urls import path

from techbridge.competitions import (
    views_entries,
    views_exports,
    views_judging,
    views_programmes,
    views_public,
    views_ranking,
    views_staff,
)

app_name = "competitions"

urlpatterns = [
    path("", views_public.competition_list, name="list"),
    path("mine/", views_entries.my_entries, name="mine"),
    path("judging/", views_judging.judging, name="judging"),
    path("invitations/<str:token>/", views_judging.invitation, name="invitation"),
    path("judges/<int:pk>/", views_judging.judge_profile, name="judge_profile"),
    path("judges/<int:pk>/conflicts/", views_judging.conflict_declare, name="conflict_declare"),
    path("score/<int:pk>/", views_judging.score, name="score"),
    path(
        "score/<int:pk>/files/<int:attachment>/",
        views_judging.judge_attachment,
        name="judge_attachment",
    ),
    path("entries/<int:pk>/", views_entries.entry_detail, name="entry"),
    path("entries/<int:pk>/submit/", views_entries.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/withdraw/", views_entries.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/team/", views_entries.team_add, name="team_add"),
    path(
        "entries/<int:pk>/team/<int:member>/remove/", views_entries.team_remove, name="team_remove"
    ),
    path(
        "entries/<int:pk>/files/<int:field>/",
        views_entries.attachment_upload,
        name="attachment_upload",
    ),
    path("files/<int:pk>/", views_entries.attachment_download, name="attachment"),
    path("entries/<int:pk>/letter.pdf", views_exports.result_letter, name="letter"),
    path("<slug:slug>/", views_public.competition_detail, name="detail"),
    path("<slug:slug>/enter/", views_entries.entry_form, name="enter"),
    path("<slug:slug>/entries/<int:pk>/edit/", views_entries.entry_form, name="entry_edit"),
    path("<slug:slug>/rounds/<int:pk>/results/", views_public.round_results, name="results"),
    path("<slug:slug>/manage/", views_staff.manage, name="manage"),
    path(
        "<slug:slug>/manage/experts/<int:pk>/invite/",
        views_staff.invite_expert,
        name="invite_expert",
    ),
    path("<slug:slug>/rounds/<int:pk>/assignments/", views_staff.assignments, name="assignments"),
    path("<slug:slug>/rounds/<int:pk>/assign/", views_staff.assignment_run, name="assign"),
    path("<slug:slug>/rounds/<int:pk>/assign/add/", views_staff.assignment_add, name="assign_add"),
    path(
        "<slug:slug>/rounds/<int:pk>/assignments/<int:assignment>/",
        views_staff.assignment_change,
        name="assignment_change",
    ),
    path("<slug:slug>/rounds/<int:pk>/ranking/", views_ranking.ranking, name="ranking"),
    path(
        "<slug:slug>/rounds/<int:pk>/ranking/settings/",
        views_ranking.ranking_settings,
        name="ranking_settings",
    ),
    path("<slug:slug>/rounds/<int:pk>/advance/", views_ranking.advance, name="advance"),
    path("<slug:slug>/rounds/<int:pk>/publish/", views_ranking.publish, name="publish"),
    path("<slug:slug>/selection/", views_programmes.selection, name="selection"),
    path("<slug:slug>/selection/run/", views_programmes.selection_run, name="selection_run"),
    path(
        "<slug:slug>/selection/publish/",
        views_programmes.decisions_publish,
        name="decisions_publish",
    ),
    path("<slug:slug>/participants/", views_programmes.participants, name="participants"),
    path("<slug:slug>/export/<str:kind>.<str:fmt>", views_exports.export, name="export"),
]
