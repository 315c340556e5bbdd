"""`dream ensure-admin` is for a laptop: refused in production, and it keeps the password quiet."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dream.accounts.models import User
from dream.core.fingerprint import database_fingerprint


def test_ensure_admin_refuses_outside_local_development(db, settings):
    settings.DREAM_ENV = "production"
    before = database_fingerprint()

    with pytest.raises(CommandError, match="로컬 개발 환경에서만.*createsuperuser"):
        call_command("ensure_admin")

    assert database_fingerprint() == before


def test_ensure_admin_does_not_print_the_password(db, capsys, monkeypatch):
    monkeypatch.setenv("DREAM_ADMIN_PASSWORD", "a-secret-of-my-own")

    call_command("ensure_admin")

    output = capsys.readouterr()
    assert "a-secret-of-my-own" not in output.out + output.err
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("a-secret-of-my-own")
    assert admin.history.get().history_change_reason == "dream ensure-admin"
