"""Persona × action → allowed."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dream.accounts.models import Membership, Organization, User
from dream.accounts.permissions import can_write_for, is_committee_staff
from dream.accounts.services import organizations_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    organizations_ensure()
    return {o.short_name: o for o in Organization.objects.all()}


def person(name, organization=None, role="editor", **extra):
    user = User.objects.create_user(name, password="x", **extra)
    if organization:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


@pytest.mark.parametrize(
    ("persona", "committee_staff", "writes_busan", "writes_seoul"),
    [
        ("anonymous", False, False, False),
        ("committee_editor", True, True, True),
        ("committee_viewer", False, False, False),
        ("busan_editor", False, True, False),
        ("busan_viewer", False, False, False),
        ("superuser", True, True, True),
        ("inactive_committee_editor", False, False, False),
    ],
)
def test_who_may_write(orgs, persona, committee_staff, writes_busan, writes_seoul):
    users = {
        "anonymous": lambda: AnonymousUser(),
        "committee_editor": lambda: person("c", orgs["위원회"]),
        "committee_viewer": lambda: person("cv", orgs["위원회"], role="viewer"),
        "busan_editor": lambda: person("b", orgs["부산"]),
        "busan_viewer": lambda: person("bv", orgs["부산"], role="viewer"),
        "superuser": lambda: User.objects.create_superuser("root", password="x"),
        "inactive_committee_editor": lambda: person("ic", orgs["위원회"], is_active=False),
    }
    user = users[persona]()

    assert is_committee_staff(user) is committee_staff
    assert can_write_for(user, orgs["부산"]) is writes_busan
    assert can_write_for(user, orgs["서울"]) is writes_seoul
