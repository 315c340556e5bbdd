"""See docs/agencies.md and docs/decisions/0009-digital-pipeline.md."""

from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.AgencyListView.as_view(), name="agency_list"),
    path("new/", views.AgencyRegisterView.as_view(), name="agency_register"),
    path(
        "performance/<int:year>/",
        views.PerformanceIntegratedView.as_view(),
        name="performance_integrated",
    ),
    path("<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("<int:pk>/edit/", views.AgencyUpdateView.as_view(), name="agency_update"),
    path(
        "<int:pk>/performance/<int:year>/",
        views.AgencyPerformanceView.as_view(),
        name="agency_performance",
    ),
    path(
        "<int:pk>/performance/<int:year>/reports/<int:report>/submit/",
        views.ReportSubmitView.as_view(),
        name="report_submit",
    ),
    path(
        "<int:pk>/performance/<int:year>/workbook/",
        views.WorkbookDownloadView.as_view(),
        name="workbook_download",
    ),
    path(
        "<int:pk>/performance/<int:year>/upload/",
        views.WorkbookUploadView.as_view(),
        name="workbook_upload",
    ),
]
