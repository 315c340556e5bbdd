from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dream.web"
    label = "web"
    verbose_name = "공개 화면"

    def ready(self):
        from . import table_speed

        table_speed.install()
