from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dream.plans"
    label = "plans"
    verbose_name = "시행계획"
