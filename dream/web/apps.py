from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dream.web"
    label = "web"
    verbose_name = "공개 화면"
