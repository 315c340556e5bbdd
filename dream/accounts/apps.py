from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dream.accounts"
    label = "accounts"
    verbose_name = "기관 및 사용자"

    def ready(self):
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        # Django's receiver saves the user, which would add a history row per login;
        # logins are recorded by django-axes (AccessLog) instead.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_record_last_login, dispatch_uid="update_last_login")


def _record_last_login(sender, user, **kwargs):
    from django.utils import timezone

    user.last_login = timezone.now()
    type(user)._base_manager.filter(pk=user.pk).update(last_login=user.last_login)
