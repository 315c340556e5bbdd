from django.urls import path

from . import views

app_name = "zones"

urlpatterns = [
    path("", views.ZoneRegistryView.as_view(), name="registry"),
    path("apply/", views.DesignationApplyView.as_view(), name="designation_apply"),
    path("<int:pk>/", views.DesignationDetailView.as_view(), name="designation_detail"),
    path("<int:pk>/edit/", views.DesignationUpdateView.as_view(), name="designation_update"),
    path("<int:pk>/decide/", views.DesignationDecideView.as_view(), name="designation_decide"),
    path(
        "<int:pk>/withdraw/", views.DesignationWithdrawView.as_view(), name="designation_withdraw"
    ),
]
