"""Personas and factories for the district tests."""

import pytest

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.services import organizations_ensure
from dream.accounts.testing import Persona, persona_maker

PERSONA_SPECS = {
    "anonymous": Persona(),
    "busan_editor": Persona("busan", "부산", "editor"),
    "busan_viewer": Persona("busan_viewer", "부산", "viewer"),
    "seoul_editor": Persona("seoul", "서울", "editor"),
    "committee_viewer": Persona("committee_viewer", "위원회", "viewer"),
    "committee_editor": Persona("committee", "위원회", "editor"),
    "superuser": Persona("root", superuser=True),
}


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


@pytest.fixture
def personas(orgs):
    """Build a persona by name: `personas("busan_editor")`."""
    return persona_maker(orgs, PERSONA_SPECS, password="pw")


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
