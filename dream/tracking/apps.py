from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "dream.tracking"
    label = "tracking"
    verbose_name = "목표 실적 관리"
