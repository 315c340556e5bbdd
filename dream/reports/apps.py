from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dream.reports"
    label = "reports"
    verbose_name = "국회 보고서"
