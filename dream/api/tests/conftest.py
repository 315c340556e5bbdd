"""Callers of the API as outside systems see it: an HTTP client, people with memberships,
and tokens made by `dream token-create`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from dream.accounts.models import Membership, Organization, User
from dream.cycle.tests.conftest import (  # noqa: F401 (fixtures: the cycle's personas and bodies)
    busan_submission,
    cycle_2025,
    ministry_submission,
    orgs,
    personas,
    sectoral_2024,
    staff,
    submissions,
)


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def person(db):
    """person("busan-editor", "부산", "editor") → a user with that membership."""

    def make(username: str, org: str | None = None, role: str = "editor") -> User:
        user = User.objects.create_user(username, email=f"{username}@example.kr", password="pw")
        if org:
            organization = Organization.objects.get(short_name=org)
            Membership.objects.create(user=user, organization=organization, role=role)
        return user

    return make


@pytest.fixture
def token_for(db):
    """token_for(user) → the headers of a request carrying a fresh token of `user`."""

    def make(user: User) -> dict:
        out = StringIO()
        call_command("token_create", user.username, name="시험", stdout=out, stderr=StringIO())
        return {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}

    return make
