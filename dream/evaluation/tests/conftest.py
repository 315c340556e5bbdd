"""Fixtures for the evaluation tests: the cycle's personas and organizations, the API's
client and tokens, and `busan_2024`: 부산's published 2024 plan (one pillar strategy, a core
task with a detailed task, one indicator without a direction)."""

import pytest

from dream.api.tests.conftest import api, token_for  # noqa: F401
from dream.cycle.tests.conftest import draft_plan, orgs, personas, staff  # noqa: F401
from dream.plans.choices import PlanLevel


@pytest.fixture
def busan_2024(orgs):  # noqa: F811
    plan = draft_plan(orgs["부산"], PlanLevel.PROVINCE, year=2024)
    plan.is_draft = False
    plan.save()
    return plan
