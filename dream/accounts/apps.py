from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dream.accounts"
    label = "accounts"
    verbose_name = "기관 및 사용자"
