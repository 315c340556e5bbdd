from django.urls import path

from . import views

app_name = "regional_tasks"


def _action(name: str, route: str):
    return path(route, views.TaskActionView.as_view(action=name), name=name)


urlpatterns = [
    path("", views.RegisterOverviewView.as_view(), name="overview"),
    path("new/", views.TaskCreateView.as_view(), name="task_create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("template.csv", views.TemplateDownloadView.as_view(kind="csv"), name="template_csv"),
    path("template.xlsx", views.TemplateDownloadView.as_view(kind="xlsx"), name="template_xlsx"),
    path("register.xlsx", views.RegisterDownloadView.as_view(), name="register_xlsx"),
    path("task/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("task/<int:pk>/edit/", views.TaskUpdateView.as_view(), name="task_update"),
    _action("classify", "task/<int:pk>/classify/"),
    _action("closure_request", "task/<int:pk>/closure/request/"),
    _action("closure_step", "task/<int:pk>/closure/step/"),
    _action("closure_withdraw", "task/<int:pk>/closure/withdraw/"),
    _action("budget_submit", "task/<int:pk>/budget/"),
    _action("budget_opinion", "task/<int:pk>/budget/<int:year>/opinion/"),
    _action("budget_forward", "task/<int:pk>/budget/<int:year>/forward/"),
    path("<str:province>/", views.ProvinceTasksView.as_view(), name="province"),
]
