"""See docs/calls.md (Track 1) and ADR 0009."""

from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("<int:pk>/", views.call_detail, name="call_detail"),
    path("<int:pk>/step/", views.call_step, name="call_step"),
    path("<int:pk>/manage/", views.call_manage, name="call_manage"),
    path("<int:pk>/my/", views.call_my, name="call_my"),
    path("<int:pk>/apply/", views.call_apply, name="call_apply"),
]
