from django.urls import path

from . import views, views_assignments, views_config, views_feedback, views_grades

app_name = "evaluation"

urlpatterns = [
    path("", views.round_list_view, name="round_list"),
    path("<int:year>/", views.round_detail_view, name="round_detail"),
    path("<int:year>/rules/", views.round_rules_view, name="round_rules"),
    path("<int:year>/units/", views.round_units_view, name="round_units"),
    path("<int:year>/units/generate/", views.units_generate_view, name="units_generate"),
    path("<int:year>/evaluators/", views_assignments.evaluators_view, name="evaluators"),
    path("<int:year>/declaration/", views_assignments.declaration_view, name="declaration"),
    path("<int:year>/mine/", views_assignments.mine_view, name="mine"),
    path("<int:year>/units/<int:unit_id>/", views_assignments.unit_detail_view, name="unit_detail"),
    path("<int:year>/scores/", views_assignments.scores_view, name="scores"),
    path("<int:year>/scores/compute/", views_assignments.compute_view, name="scores_compute"),
    path("<int:year>/advance/", views_grades.advance_view, name="advance"),
    path("<int:year>/grades/", views_grades.grades_view, name="grades"),
    path("<int:year>/grades/<slug:action>/", views_grades.grade_action_view, name="grade_action"),
    path("<int:year>/feedback/", views_feedback.feedback_view, name="feedback"),
    path("<int:year>/feedback/raise/", views_feedback.feedback_raise_view, name="feedback_raise"),
    path(
        "<int:year>/feedback/<int:pk>/<str:step>/",
        views_feedback.feedback_act_view,
        name="feedback_act",
    ),
    path(
        "<int:year>/special-account/",
        views_feedback.SpecialAccountView.as_view(),
        name="special_account",
    ),
    path(
        "<int:year>/special-account/template.xlsx",
        views_feedback.special_account_template_view,
        name="special_account_template",
    ),
    path(
        "<int:year>/special-account/<int:pk>/match/",
        views_feedback.special_account_match_view,
        name="special_account_match",
    ),
    path(
        "<int:year>/rules/criterion-sets/",
        views_config.criterion_set_create_view,
        name="criterion_set_create",
    ),
    path("<int:year>/rules/band-sets/", views_config.band_set_create_view, name="band_set_create"),
    path("<int:year>/rules/sets/", views_config.round_sets_view, name="round_sets"),
    path(
        "<int:year>/rules/indicators/",
        views_config.indicator_rules_view,
        name="indicator_rules",
    ),
    path("<int:year>/units/weight/", views_config.unit_weight_view, name="unit_weight"),
    path(
        "<int:year>/units/<int:unit_id>/judgements/",
        views_config.judgement_view,
        name="judgement",
    ),
]
