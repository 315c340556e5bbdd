from django.urls import path, re_path

from . import views

app_name = "links"

urlpatterns = [
    path("", views.LinkOverviewView.as_view(), name="link_overview"),
    path("review/", views.LinkReviewView.as_view(), name="link_review"),
    path("review/add/", views.LinkCreateView.as_view(), name="link_create"),
    path("review/bulk/", views.LinkBulkDecideView.as_view(), name="link_bulk_decide"),
    path("review/<int:pk>/", views.LinkDetailView.as_view(), name="link_detail"),
    re_path(
        r"^review/(?P<pk>[0-9]+)/(?P<decision>confirm|reject|reopen)/$",
        views.LinkDecideView.as_view(),
        name="link_decide",
    ),
]
