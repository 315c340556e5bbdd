from django.urls import path

from . import views

app_name = "cycle"

urlpatterns = [
    path("", views.CycleListView.as_view(), name="cycle_list"),
    path("<int:year>/", views.CycleDetailView.as_view(), name="cycle_detail"),
    path("<int:year>/resolve/", views.cycle_resolve_view, name="cycle_resolve"),
    path("<int:year>/<str:org>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path(
        "<int:year>/<str:org>/<slug:action>/",
        views.submission_action_view,
        name="submission_action",
    ),
]
