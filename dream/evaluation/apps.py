from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dream.evaluation"
    label = "evaluation"
    verbose_name = "추진실적 평가"
