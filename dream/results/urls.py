from django.urls import path, re_path

from . import views_body, views_execution, views_public, views_workbook

app_name = "results"

urlpatterns: list = [
    path("<int:year>/", views_public.year_view, name="year"),
    path("<int:year>/<str:org>/", views_body.BodyResultsView.as_view(), name="body"),
    path(
        "<int:year>/<str:org>/indicators/<int:indicator>/actual/",
        views_body.actual_record,
        name="actual_record",
    ),
    path(
        "<int:year>/<str:org>/indicators/<int:indicator>/actual/delete/",
        views_body.actual_delete,
        name="actual_delete",
    ),
    path(
        "<int:year>/<str:org>/indicators/<int:indicator>/history/",
        views_body.ActualHistoryView.as_view(),
        name="actual_history",
    ),
    path("<int:year>/<str:org>/workbook.xlsx", views_workbook.workbook_download, name="workbook"),
    path(
        "<int:year>/<str:org>/workbook/",
        views_workbook.WorkbookUploadView.as_view(),
        name="workbook_upload",
    ),
    path("<int:year>/<str:org>/execution/", views_execution.execution_page, name="execution"),
    path(
        "<int:year>/<str:org>/self-assessment/",
        views_execution.self_assessment_page,
        name="self_assessment",
    ),
    re_path(
        r"^(?P<year>[0-9]{1,4})/(?P<org>[^/]+)/(?P<action>submit|return|confirm|reopen)/$",
        views_execution.result_action,
        name="action",
    ),
]
