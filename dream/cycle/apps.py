from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "dream.cycle"
    label = "cycle"
    verbose_name = "연간 수립 주기"
