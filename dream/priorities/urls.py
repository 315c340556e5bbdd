from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.PriorityTaskListView.as_view(), name="task_list"),
    path("<int:year>/<int:position>/", views.PriorityTaskDetailView.as_view(), name="task_detail"),
]
