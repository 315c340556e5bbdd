from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "dream.allocation"
    label = "allocation"
    verbose_name = "턴키 패키지 성과 연동 배분"
