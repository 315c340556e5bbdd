"""Fixtures for Track 1: the cycle's personas plus a 과기정통부 editor (the call's owner) and an
evaluator (registered in the Committee's registry, a viewer of 행안부 — tied to no province);
the API's client and tokens."""

import pytest

from dream.accounts.testing import Persona, persona_maker
from dream.api.tests.conftest import api, token_for  # noqa: F401
from dream.cycle.tests.conftest import PERSONA_SPECS, orgs, staff  # noqa: F401

CALL_PERSONA_SPECS = PERSONA_SPECS | {
    "msit_editor": Persona("msit_editor", "과기정통부", "editor"),
    "evaluator": Persona("evaluator_lee", "행안부", "viewer"),
}
CALL_PERSONAS = list(CALL_PERSONA_SPECS)


@pytest.fixture
def personas(orgs):  # noqa: F811
    return persona_maker(orgs, CALL_PERSONA_SPECS, email_domain="example.kr")
