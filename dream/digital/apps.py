from django.apps import AppConfig


class DigitalConfig(AppConfig):
    name = "dream.digital"
    label = "digital"
    verbose_name = "지방 디지털 경쟁력 강화방안"
