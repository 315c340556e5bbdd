from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.PriorityTaskListView.as_view(), name="task_list"),
    path("<int:year>/<int:position>/", views.PriorityTaskDetailView.as_view(), name="task_detail"),
    path(
        "actions/<int:pk>/owner/", views.ActionOwnerAssignView.as_view(), name="action_owner_assign"
    ),
    path("steps/<int:pk>/reports/", views.StepReportAddView.as_view(), name="step_report_add"),
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/<int:pk>/", views.InspectionDetailView.as_view(), name="inspection_detail"),
    path("settings/<int:year>/", views.TrackerSettingsView.as_view(), name="tracker_settings"),
]
