from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "dream.calls"
    label = "calls"
    verbose_name = "지역 자율형 디지털 혁신 프로젝트(트랙1)"
