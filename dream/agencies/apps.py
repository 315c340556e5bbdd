from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "dream.agencies"
    label = "agencies"
    verbose_name = "지역 디지털 진흥기관·통합 성과관리"
