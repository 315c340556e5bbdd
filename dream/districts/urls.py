from django.urls import path

from . import views

app_name = "districts"

urlpatterns = [
    path("", views.DistrictListView.as_view(), name="district_list"),
    path("new/", views.DistrictRegisterView.as_view(), name="district_register"),
    path("<int:pk>/", views.DistrictDetailView.as_view(), name="district_detail"),
    path("<int:pk>/edit/", views.DistrictUpdateView.as_view(), name="district_update"),
    path(
        "<int:pk>/measures/",
        views.DistrictMeasureRecordView.as_view(),
        name="district_measure_record",
    ),
    path("<int:pk>/stage/", views.DistrictStageChangeView.as_view(), name="district_stage_change"),
]
