from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "dream.results"
    label = "results"
    verbose_name = "추진실적"
