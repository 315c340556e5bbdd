"""Fixtures for the pipeline's tests: the cycle's organizations and personas plus
`msit_editor` (an editor of 과기정통부, a second ministry), and small helpers that make a
proposal or a Track 2 project through the services.

- `proposal_of(province_persona, province, **fields)`: a draft proposal of 2025.
- `submitted`: 부산's submitted 2025 proposal.
- `project`: that proposal in Track 2 at 관계부처 컨설팅, owned by 행안부.
"""

from datetime import date

import pytest

from dream.accounts.testing import Persona, persona_maker
from dream.api.tests.conftest import api, token_for  # noqa: F401
from dream.cycle.tests.conftest import PERSONA_SPECS, orgs  # noqa: F401
from dream.pipeline import services

PIPELINE_PERSONAS = PERSONA_SPECS | {"msit_editor": Persona("msit_editor", "과기정통부", "editor")}
YEAR = 2025
STARTED = date(2025, 3, 4)


@pytest.fixture
def personas(orgs):  # noqa: F811
    return persona_maker(orgs, PIPELINE_PERSONAS, email_domain="example.kr")


@pytest.fixture
def staff(personas):
    return personas("committee_staff")


@pytest.fixture
def proposal_of(orgs, personas):  # noqa: F811
    def make(persona="busan_editor", province="부산", **fields):
        values = {"title": "부산 디지털 트윈 항만", "origin": "flagship", "year": YEAR} | fields
        return services.proposal_create(actor=personas(persona), province=orgs[province], **values)

    return make


@pytest.fixture
def submitted(proposal_of, personas):
    proposal = proposal_of(size="1,234.5억원")
    return services.proposal_submit(actor=personas("busan_editor"), proposal=proposal)


@pytest.fixture
def project(submitted, orgs, staff):  # noqa: F811
    return services.large_project_start(
        actor=staff,
        proposal=submitted,
        owner=orgs["행안부"],
        started_on=STARTED,
        decision="관계부처 컨설팅 착수",
    )
