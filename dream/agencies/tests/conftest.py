"""Personas, the two agencies the document names, and reports for the agency tests.

The cycle's personas (dream/cycle/tests/conftest.py) plus the agency's own: an editor and
a viewer of 대구디지털혁신진흥원 (DIP) and an editor of 부산정보산업진흥원.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from dream.accounts.models import Organization
from dream.accounts.services import organizations_ensure, system_user
from dream.accounts.testing import Persona, persona_maker
from dream.agencies.models import DigitalAgency
from dream.agencies.seed import seed_entries
from dream.agencies.services import OutcomeInput, agencies_seed, performance_report_save
from dream.cycle.tests.conftest import PERSONA_SPECS as CYCLE_PERSONAS

DIP = "대구디지털혁신진흥원"
BIPA = "부산정보산업진흥원"
MINISTRY = "과기정통부"
PERSONA_SPECS = {
    **CYCLE_PERSONAS,
    "agency_editor": Persona("dip_editor", DIP, "editor"),
    "agency_viewer": Persona("dip_viewer", DIP, "viewer"),
    "agency_manager_2": Persona("dip_manager", DIP, "manager"),
    "other_agency_editor": Persona("bipa_editor", BIPA, "editor"),
}
PERSONAS = list(PERSONA_SPECS)


@pytest.fixture
def orgs(db):
    """Every organization by short name, the two seeded agencies included."""
    organizations_ensure()
    agencies_seed(actor=system_user(), entries=seed_entries())
    return {o.short_name: o for o in Organization.objects.all()}


@pytest.fixture
def agencies(orgs):
    return {a.name: a for a in DigitalAgency.objects.select_related("organization", "province")}


@pytest.fixture
def dip(agencies):
    return agencies[DIP]


@pytest.fixture
def personas(orgs):
    return persona_maker(orgs, PERSONA_SPECS, email_domain="example.kr")


@pytest.fixture
def staff(personas):
    return personas("committee_staff")


@pytest.fixture
def make_report(orgs, dip, personas):
    """A draft report of DIP for 2024 saved by its editor; fields may be overridden."""

    def make(**fields):
        arguments = {
            "actor": personas("agency_editor"),
            "agency": dip,
            "year": 2024,
            "ministry": orgs[MINISTRY],
            "programme": "지역디지털기초체력지원",
            "budget": "93.5",
            "spent": "80",
            "outputs": "기업 지원 12건",
            "outcomes": [OutcomeInput("지원 기업", "개", "40", "30")],
        }
        return performance_report_save(**(arguments | fields))

    return make


@pytest.fixture
def token_for(db):
    def make(user) -> dict:
        out = StringIO()
        call_command("token_create", user.username, name="시험", stdout=out, stderr=StringIO())
        return {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}

    return make
