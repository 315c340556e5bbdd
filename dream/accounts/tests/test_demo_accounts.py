"""`dream demo-accounts` (run by `make run`): one account per persona, for a laptop only."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dream.accounts.models import Membership, User
from dream.core.fingerprint import database_fingerprint

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_refused_outside_local_development(settings):
    settings.DREAM_ENV = "production"
    before = database_fingerprint()

    with pytest.raises(CommandError, match="로컬 개발 환경에서만.*user-add"):
        call_command("demo_accounts")

    assert database_fingerprint() == before


def test_demo_accounts_create_each_persona_once_with_a_printed_password(capsys):
    call_command("demo_accounts")
    first = capsys.readouterr().out

    busan = User.objects.get(username="demo-busan")
    password = first.split("demo-busan / ", 1)[1].split()[0]
    assert busan.check_password(password) and busan.email
    assert sorted(
        Membership.objects.filter(user__username__startswith="demo-").values_list(
            "organization__short_name", "role"
        )
    ) == [("과기정통부", "editor"), ("부산", "editor"), ("서울", "editor"), ("위원회", "editor")]

    call_command("demo_accounts")
    second = capsys.readouterr().out

    assert password not in second and " / " not in second
    assert second.count("이미 있습니다") == 4
    assert User.objects.filter(username__startswith="demo-").count() == 4
