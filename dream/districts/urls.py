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
    path("<int:pk>/plans/", views.PlanDraftView.as_view(), name="plan_draft"),
    path(
        "<int:pk>/plans/<int:plan_pk>/submit/",
        views.PlanSubmitView.as_view(),
        name="plan_submit",
    ),
    path(
        "<int:pk>/plans/<int:plan_pk>/review/",
        views.PlanReviewView.as_view(),
        name="plan_review",
    ),
    path("<int:pk>/stage/", views.DistrictStageChangeView.as_view(), name="district_stage_change"),
]
