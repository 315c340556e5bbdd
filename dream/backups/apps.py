from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "dream.backups"
    label = "backups"
    verbose_name = "백업"
