from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<int:year>/", views.report_page, name="report"),
    path("<int:year>/files/<int:pk>/", views.report_file_download, name="file"),
]
