from django.apps import AppConfig


class RegionalTasksConfig(AppConfig):
    name = "dream.regional_tasks"
    label = "regional_tasks"
    verbose_name = "지역정책과제"
