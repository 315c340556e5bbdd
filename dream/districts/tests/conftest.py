"""Personas and factories for the district tests."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Membership, Organization, User
from dream.accounts.services import organizations_ensure

PERSONAS = [
    "anonymous",
    "busan_editor",
    "busan_viewer",
    "seoul_editor",
    "committee_viewer",
    "committee_editor",
    "superuser",
]


@pytest.fixture
def orgs(db):
    """The Committee and the provinces by short name."""
    organizations_ensure()
    return {
        o.short_name: o
        for o in Organization.objects.filter(
            kind__in=[OrganizationKind.COMMITTEE, OrganizationKind.PROVINCE]
        )
    }


def _member(username: str, organization: Organization, role: str) -> User:
    user = User.objects.create_user(username, password="pw")
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def personas(orgs):
    """Build a persona by name: `personas("busan_editor")`."""
    builders = {
        "anonymous": lambda: AnonymousUser(),
        "busan_editor": lambda: _member("busan", orgs["부산"], "editor"),
        "busan_viewer": lambda: _member("busan_viewer", orgs["부산"], "viewer"),
        "seoul_editor": lambda: _member("seoul", orgs["서울"], "editor"),
        "committee_viewer": lambda: _member("committee_viewer", orgs["위원회"], "viewer"),
        "committee_editor": lambda: _member("committee", orgs["위원회"], "editor"),
        "superuser": lambda: User.objects.create_superuser("root", password="pw"),
    }
    made = {}

    def persona(name: str):
        if name not in made:
            made[name] = builders[name]()
        return made[name]

    return persona


@pytest.fixture
def staff(personas):
    return personas("committee_editor")


@pytest.fixture
def make_district(orgs, staff, register_district):
    """Register a district through the service, as Committee staff by default, each with a
    name of its own."""
    counter = iter(range(1, 1000))

    def make(province: str = "부산", *, actor=None, name=None, **fields):
        return register_district(
            province,
            actor=actor or staff,
            name=name or f"{province} 디지털 혁신지구 {next(counter)}",
            **fields,
        )

    return make
