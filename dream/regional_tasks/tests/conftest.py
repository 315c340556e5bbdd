"""Fixtures for the register's tests: the cycle's organizations and personas plus
`msit_editor` (an editor of 과기정통부, a ministry that is not the task's), and helpers that
go through the services.

- `task_of(persona, province, **fields)`: a task registered by `persona` (부산's editor by
  default): 부산-01, 소관 부처 행안부, in the 종합계획.
- `task`: that task, 적극추진.
- `inspection` / `inspection_of(year, half, taken_on)`: half-yearly inspections, made
  directly (their service is another app's).
- `closing`: the task at 보완필요 and then 종결요청 by 부산's editor.
- `close_path(task, upto)`: the closure steps recorded in printed order, `upto` of them.
"""

from datetime import date

import pytest

from dream.accounts.testing import Persona, persona_maker
from dream.api.tests.conftest import api, token_for  # noqa: F401
from dream.cycle.tests.conftest import PERSONA_SPECS, orgs  # noqa: F401
from dream.priorities.models import Inspection
from dream.regional_tasks import services
from dream.regional_tasks.choices import ClosureStep, TaskState

REGIONAL_PERSONAS = PERSONA_SPECS | {"msit_editor": Persona("msit_editor", "과기정통부", "editor")}
REQUESTED_ON = date(2025, 3, 4)
AGREED_ON = date(2025, 4, 1)
EXPERT_ON = date(2025, 5, 2)
INSPECTED_ON = date(2025, 6, 30)
REPORTED_ON = date(2025, 7, 10)
STEP_DATES = {
    ClosureStep.AGREEMENT: AGREED_ON,
    ClosureStep.EXPERT_COMMITTEE: EXPERT_ON,
    ClosureStep.INSPECTION_REPORT: REPORTED_ON,
}


@pytest.fixture
def personas(orgs):  # noqa: F811
    return persona_maker(orgs, REGIONAL_PERSONAS, email_domain="example.kr")


@pytest.fixture
def staff(personas):
    return personas("committee_staff")


@pytest.fixture
def task_of(orgs, personas):  # noqa: F811
    def make(persona="busan_editor", province="부산", **fields):
        values = {
            "code": "부산-01",
            "title": "가덕도 신공항 건설 지원",
            "origin_pledge": "부산 1. 가덕도 신공항 조기 건설",
            "announced_2022": True,
            "in_comprehensive_plan": True,
            "ministry": orgs["행안부"],
        } | fields
        return services.regional_task_register(
            actor=personas(persona), province=orgs[province], **values
        )

    return make


@pytest.fixture
def task(task_of):
    return task_of()


@pytest.fixture
def inspection_of(staff):
    def make(year=2025, half=1, taken_on=INSPECTED_ON):
        return Inspection.objects.create(
            year=year, half=half, taken_on=taken_on, snapshot={}, taken_by=staff
        )

    return make


@pytest.fixture
def inspection(inspection_of):
    return inspection_of()


@pytest.fixture
def closing(task, staff, personas):
    services.regional_task_classify(
        actor=staff,
        task=task,
        to_state=TaskState.NEEDS_WORK,
        decided_on=date(2025, 2, 3),
        document="전문위 점검회의 결과(2025-02-03)",
    )
    services.closure_request(
        actor=personas("busan_editor"),
        task=task,
        decided_on=REQUESTED_ON,
        document="부산시 과제 철회 요청 공문",
    )
    task.refresh_from_db()
    return task


@pytest.fixture
def close_path(staff, inspection):
    def record(task, upto=3):
        for step in list(ClosureStep)[:upto]:
            services.closure_step_record(
                actor=staff,
                task=task,
                step=step,
                decided_on=STEP_DATES[step],
                document=f"{step.label} 결과",
                inspection=inspection if step == ClosureStep.INSPECTION_REPORT else None,
            )
        task.refresh_from_db()
        return task

    return record
