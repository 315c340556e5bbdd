from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "dream.links"
    label = "links"
    verbose_name = "디지털 과제 연계"
