from django.urls import path

from . import views

app_name = "pipeline"

urlpatterns = [
    path("", views.PipelineBoardView.as_view(), name="board"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/rank/", views.ProposalRankView.as_view(), name="proposal_rank"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.ProposalUpdateView.as_view(), name="proposal_update"),
    path(
        "proposals/<int:pk>/submit/",
        views.ProposalActionView.as_view(action="submit"),
        name="proposal_submit",
    ),
    path(
        "proposals/<int:pk>/withdraw/",
        views.ProposalActionView.as_view(action="withdraw"),
        name="proposal_withdraw",
    ),
    path(
        "proposals/<int:pk>/track2/",
        views.LargeProjectStartView.as_view(),
        name="large_project_start",
    ),
    path("track2/", views.Track2BoardView.as_view(), name="track2_board"),
    path("track2/<int:pk>/", views.Track2DetailView.as_view(), name="track2_detail"),
    path("track2/<int:pk>/steps/", views.LargeProjectStepView.as_view(), name="track2_step"),
]
