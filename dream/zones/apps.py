from django.apps import AppConfig


class ZonesConfig(AppConfig):
    name = "dream.zones"
    label = "zones"
    verbose_name = "특구 지정"
