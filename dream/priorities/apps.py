from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "dream.priorities"
    label = "priorities"
    verbose_name = "중점 이행과제"
