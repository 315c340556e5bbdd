from django.urls import path

from . import views

app_name = "tracking"

urlpatterns = [
    path("", views.GoalListView.as_view(), name="goal_list"),
    path("import/", views.GoalValuesImportView.as_view(), name="goal_values_import"),
    path("template.csv", views.goal_values_template, name="goal_values_template"),
    path("<slug:key>/", views.GoalDetailView.as_view(), name="goal_detail"),
    path(
        "<slug:key>/values/<int:pk>/correct/",
        views.GoalValueChangeView.as_view(),
        {"action": "correct"},
        name="goal_value_correct",
    ),
    path(
        "<slug:key>/values/<int:pk>/delete/",
        views.GoalValueChangeView.as_view(),
        {"action": "delete"},
        name="goal_value_delete",
    ),
]
