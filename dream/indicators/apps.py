from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "dream.indicators"
    label = "indicators"
    verbose_name = "성과지표"
