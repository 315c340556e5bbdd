"""Fixtures for the zone designation tests: the cycle's organizations and personas, the
hand-built 2024 priority tasks (their first is 기회발전특구, a zone task with printed caps)
plus a second zone task without caps, and a helper that applies through the service.

- `zone_task`: 기회발전특구 of the published 2024 plan (tasks_2024).
- `uncapped_task`: 교육발전특구, a zone task the plan prints no cap for.
- `apply(persona, province, **fields)`: a designation at 신청 (부산's, 120만평, by default).
- `applied`: 부산's application; `deliberated`: the same after the Committee's 심의·의결.
"""

from datetime import date

import pytest

from dream.api.tests.conftest import api, token_for  # noqa: F401
from dream.cycle.tests.conftest import PERSONA_SPECS, orgs, personas, staff  # noqa: F401
from dream.priorities.choices import TaskGroup
from dream.priorities.models import PriorityTask
from dream.priorities.tests.conftest import tasks_2024  # noqa: F401
from dream.zones import services

APPLIED_ON = date(2024, 3, 29)
DELIBERATED_ON = date(2024, 6, 5)
DESIGNATED_ON = date(2024, 6, 20)


@pytest.fixture
def zone_task(tasks_2024, orgs):  # noqa: F811
    return PriorityTask.objects.get(year=2024, group=TaskGroup.ZONE, number=1)


@pytest.fixture
def uncapped_task(tasks_2024):  # noqa: F811
    return PriorityTask.objects.create(
        year=2024,
        position=3,
        group=TaskGroup.ZONE,
        number=2,
        name="교육발전특구 도입과 지역-대학 동반 성장",
        source_line=272,
    )


@pytest.fixture
def apply(zone_task, orgs, personas):  # noqa: F811
    def make(persona="busan_editor", province="부산", **fields):
        values = {
            "task": zone_task,
            "name": "부산 기회발전특구 1",
            "area_text": "120만평",
            "applied_on": APPLIED_ON,
        } | fields
        return services.designation_apply(
            actor=personas(persona), province=orgs[province], **values
        )

    return make


@pytest.fixture
def applied(apply):
    return apply()


@pytest.fixture
def deliberated(applied, staff):  # noqa: F811
    services.designation_decide(
        actor=staff,
        designation=applied,
        stage="deliberated",
        decided_on=DELIBERATED_ON,
        decision="제5차 지방시대위원회 심의·의결",
    )
    applied.refresh_from_db()
    return applied
