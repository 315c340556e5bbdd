"""Personas and goals for the goal-tracking tests."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Membership, User
from dream.accounts.services import organizations_ensure
from dream.digital.models import DigitalGoal


def _member(username: str, kind: str, short_name: str, role: str) -> User:
    organization = organizations_ensure()[(kind, short_name)]
    user = User.objects.create_user(username, password="pw")
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


PERSONAS = {
    "anonymous": lambda: AnonymousUser(),
    "province_editor": lambda: _member("busan", OrganizationKind.PROVINCE, "부산", "editor"),
    "committee_viewer": lambda: _member("viewer", OrganizationKind.COMMITTEE, "위원회", "viewer"),
    "committee_editor": lambda: _member("editor", OrganizationKind.COMMITTEE, "위원회", "editor"),
    "superuser": lambda: User.objects.create_superuser("root", password="pw"),
}


@pytest.fixture
def persona(db):
    """persona("committee_editor") → a user of that kind, created on first use."""
    made: dict[str, User] = {}

    def get(name: str):
        if name not in made:
            made[name] = PERSONAS[name]()
        return made[name]

    return get


@pytest.fixture
def editor(persona):
    return persona("committee_editor")


@pytest.fixture
def economy(digital_plan_2023, db) -> DigitalGoal:
    """지방 디지털 경제 총생산액: 10.5조원 (2020) → 30조원 (2027)."""
    return DigitalGoal.objects.select_related("plan").get(key="digital-economy-output")


@pytest.fixture
def retention(digital_plan_2023, db) -> DigitalGoal:
    """지방 디지털 인재 정착률: 40.1% (2021) → 50% (2027)."""
    return DigitalGoal.objects.select_related("plan").get(key="digital-talent-retention")
