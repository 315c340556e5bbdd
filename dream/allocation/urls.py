"""See docs/allocation.md."""

from django.urls import path

from . import views

app_name = "allocation"

urlpatterns = [
    path("", views.AllocationIndexView.as_view(), name="index"),
    path("<int:year>/", views.AllocationYearView.as_view(), name="year"),
    path("<int:year>/base/", views.BaseAmountSetView.as_view(), name="base_set"),
    path("<int:year>/settings/", views.SettingsSetView.as_view(), name="settings_set"),
    path("<int:year>/overrides/", views.OverrideSetView.as_view(), name="override_set"),
    path("<int:year>/runs/", views.RunCreateView.as_view(), name="run_create"),
    path("<int:year>/what-if/", views.WhatIfView.as_view(), name="what_if"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
]
