from django.apps import AppConfig


class BenchdataConfig(AppConfig):
    name = "dream.benchdata"
    label = "benchdata"
    verbose_name = "벤치마크 데이터"
