"""`dream user-add`: staff provision accounts by body and role, from the command line."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dream.accounts.models import Membership, User
from dream.accounts.services import SYSTEM_USERNAME, organizations_ensure
from dream.core.fingerprint import database_fingerprint

pytestmark = pytest.mark.django_db


def test_user_add_creates_the_account_with_its_membership_and_prints_the_password_once(capsys):
    call_command("user_add", "kim", "--org", "부산광역시", "--role", "editor", "--email", "k@x.kr")

    out = capsys.readouterr().out
    user = User.objects.get(username="kim")
    password = out.split("비밀번호: ", 1)[1].split()[0]
    assert user.check_password(password) and user.email == "k@x.kr"
    membership = Membership.objects.get(user=user)
    assert (membership.organization.short_name, membership.role) == ("부산", "editor")
    assert user.history.get().history_user.username == SYSTEM_USERNAME
    assert membership.history.get().history_change_reason == "dream user-add"


def test_user_add_finds_a_ministry_by_a_name_documents_print_for_it(capsys):
    call_command("user_add", "lee", "--org", "과기부", "--role", "viewer")

    membership = Membership.objects.get(user__username="lee")
    assert (membership.organization.short_name, membership.role) == ("과기정통부", "viewer")


def test_user_add_takes_the_password_from_the_environment_and_keeps_it_quiet(capsys, monkeypatch):
    monkeypatch.setenv("DREAM_NEW_PASSWORD", "chosen-by-staff-42")

    call_command("user_add", "park", "--org", "위원회", "--role", "manager")

    assert "chosen-by-staff-42" not in capsys.readouterr().out
    assert User.objects.get(username="park").check_password("chosen-by-staff-42")


def test_user_add_gives_an_existing_user_another_membership_and_keeps_the_password(capsys):
    call_command("user_add", "choi", "--org", "서울", "--role", "editor")
    user = User.objects.get(username="choi")
    password_hash = user.password
    capsys.readouterr()

    call_command("user_add", "choi", "--org", "충청권", "--role", "viewer")

    assert "비밀번호:" not in capsys.readouterr().out
    user.refresh_from_db()
    assert user.password == password_hash
    assert sorted(user.memberships.values_list("organization__short_name", "role")) == [
        ("서울", "editor"),
        ("충청권", "viewer"),
    ]


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--org", "없는기관", "--role", "editor"], "'없는기관'이라는 기관이 없습니다"),
        (["--org", "부산", "--role", "admin"], "역할 'admin'은 없습니다"),
        (["--org", "부산", "--role", "editor", "--email", "not-an-address"], "전자우편"),
    ],
)
def test_user_add_refuses_an_unknown_body_role_or_address_with_exit_code_2(arguments, message):
    organizations_ensure()
    before = database_fingerprint()

    with pytest.raises(CommandError, match=message) as refusal:
        call_command("user_add", "jung", *arguments)

    assert refusal.value.returncode == 2
    assert not User.objects.filter(username="jung").exists()
    assert database_fingerprint() == before
