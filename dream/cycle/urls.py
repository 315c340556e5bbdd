from django.urls import path

from . import amendment_views, comment_views, compilation_views, editor_views, views, workbook_views

app_name = "cycle"

urlpatterns = [
    path("", views.CycleListView.as_view(), name="cycle_list"),
    path("<int:year>/", views.CycleDetailView.as_view(), name="cycle_detail"),
    path("<int:year>/resolve/", views.cycle_resolve_view, name="cycle_resolve"),
    path("<int:year>/guidelines/", views.cycle_guidelines_view, name="cycle_guidelines"),
    path(
        "<int:year>/guidelines/file/",
        views.cycle_guidelines_file_view,
        name="cycle_guidelines_file",
    ),
    path("<int:year>/compilation/", compilation_views.compilation_view, name="compilation"),
    path(
        "<int:year>/compilation/find/",
        compilation_views.duplicates_find_view,
        name="duplicates_find",
    ),
    path(
        "<int:year>/compilation/<int:pk>/",
        compilation_views.duplicate_decide_view,
        name="duplicate_decide",
    ),
    path("<int:year>/<str:org>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path(
        "<int:year>/<str:org>/amendments/",
        amendment_views.amendment_start_view,
        name="amendment_start",
    ),
    path(
        "<int:year>/<str:org>/amendments/<int:number>/<slug:action>/",
        amendment_views.amendment_action_view,
        name="amendment_action",
    ),
    path(
        "<int:year>/<str:org>/comments/",
        comment_views.item_comment_view,
        name="item_comment",
    ),
    path("<int:year>/<str:org>/draft/", editor_views.draft_edit_view, name="draft_edit"),
    path(
        "<int:year>/<str:org>/draft/<slug:kind>/add/",
        editor_views.draft_item_add_view,
        name="draft_item_add",
    ),
    path(
        "<int:year>/<str:org>/draft/<slug:kind>/<int:pk>/",
        editor_views.draft_item_update_view,
        name="draft_item_update",
    ),
    path(
        "<int:year>/<str:org>/draft/<slug:kind>/<int:pk>/remove/",
        editor_views.draft_item_remove_view,
        name="draft_item_remove",
    ),
    path(
        "<int:year>/<str:org>/draft/task/<int:pk>/move/",
        editor_views.draft_task_move_view,
        name="draft_task_move",
    ),
    path(
        "<int:year>/<str:org>/draft/indicator/<int:pk>/relink/",
        editor_views.draft_indicator_relink_view,
        name="draft_indicator_relink",
    ),
    path(
        "<int:year>/<str:org>/workbook.xlsx",
        workbook_views.workbook_download_view,
        name="workbook_download",
    ),
    path(
        "<int:year>/<str:org>/workbook/",
        workbook_views.WorkbookUploadView.as_view(),
        name="workbook_upload",
    ),
    path(
        "<int:year>/<str:org>/<slug:action>/",
        views.submission_action_view,
        name="submission_action",
    ),
]
