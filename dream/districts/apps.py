from django.apps import AppConfig


class DistrictsConfig(AppConfig):
    name = "dream.districts"
    label = "districts"
    verbose_name = "디지털 혁신지구"
