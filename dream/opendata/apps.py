from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "dream.opendata"
    label = "opendata"
    verbose_name = "공개 데이터"
