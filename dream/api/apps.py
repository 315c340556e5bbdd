from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dream.api"
    label = "api"
    verbose_name = "JSON API"
