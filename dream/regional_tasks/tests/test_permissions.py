"""The persona table (persona_table.py) held by the services: every persona × action, on
부산's task whose ministry is 행안부."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dream.cycle.errors import NotAllowed
from dream.regional_tasks import services
from dream.regional_tasks.choices import BudgetStage, ClosureStep, TaskState
from dream.regional_tasks.importing import regional_tasks_import
from dream.regional_tasks.models import BudgetRequest, RegionalPolicyTask

from .conftest import AGREED_ON, EXPERT_ON, REPORTED_ON, REQUESTED_ON
from .persona_table import ROWS

IMPORTED_CSV = (
    "시·도,과제 번호,과제명,대통령 지역공약,인수위 발표 과제(예/아니오),종합계획 반영(예/아니오),"
    "소관 부처,관리 구분\n부산,부산-50,북항 재개발,,예,예,해수부,적극추진\n"
).encode()
CLOSING_STEPS = {
    "closure_agreement": 0,
    "closure_expert_committee": 1,
    "closure_inspection_report": 2,
    "closure_withdraw": 0,
}


@pytest.fixture
def prepared(task, staff, close_path):
    """The task as the action needs it: 적극추진 for the register's actions and the request;
    종결요청 with the earlier steps recorded for a closure step or the withdrawal; a budget
    request at the stage before the action for the budget's."""

    def prepare(action: str):
        if action in CLOSING_STEPS:
            services.closure_request(actor=staff, task=task, decided_on=REQUESTED_ON, document="d")
            close_path(task, upto=CLOSING_STEPS[action])
        if action in ("budget_opinion_record", "budget_forward"):
            request = services.budget_request_submit(
                actor=staff, task=task, year=2025, amount_text="93.5"
            )
            if action == "budget_forward":
                services.budget_opinion_record(actor=staff, request=request, opinion="반영 검토")
        task.refresh_from_db()
        return task

    return prepare


@pytest.mark.parametrize(("persona", "action", "allowed"), ROWS)
def test_service(persona, action, allowed, personas, orgs, prepared, inspection):
    task = prepared(action)
    user = personas(persona)
    request = BudgetRequest.objects.filter(task=task).first()

    def closure_step(step, chosen=None):
        return lambda: services.closure_step_record(
            actor=user, task=task, step=step, decided_on=_on(step), document="d", inspection=chosen
        )

    calls = {
        "regional_task_register": lambda: services.regional_task_register(
            actor=user, province=orgs["부산"], code="부산-99", title="새 과제"
        ),
        "regional_task_update": lambda: services.regional_task_update(
            actor=user, task=task, title="고친 이름"
        ),
        "regional_tasks_import": lambda: _imported(user),
        "regional_task_classify": lambda: services.regional_task_classify(
            actor=user,
            task=task,
            to_state=TaskState.NEEDS_WORK,
            decided_on=REQUESTED_ON,
            document="전문위 점검회의",
        ),
        "closure_request": lambda: services.closure_request(
            actor=user, task=task, decided_on=REQUESTED_ON, document="철회 요청"
        ),
        "closure_agreement": closure_step(ClosureStep.AGREEMENT),
        "closure_expert_committee": closure_step(ClosureStep.EXPERT_COMMITTEE),
        "closure_inspection_report": closure_step(ClosureStep.INSPECTION_REPORT, inspection),
        "closure_withdraw": lambda: services.closure_withdraw(
            actor=user, task=task, decided_on=AGREED_ON, document="요청 철회"
        ),
        "budget_request_submit": lambda: services.budget_request_submit(
            actor=user, task=task, year=2025, amount_text="1,234.5"
        ),
        "budget_opinion_record": lambda: services.budget_opinion_record(
            actor=user, request=request, opinion="부처 의견"
        ),
        "budget_forward": lambda: services.budget_forward(
            actor=user, request=request, forwarded_on=date(2025, 6, 2)
        ),
    }
    if allowed:
        calls[action]()
    elif action == "regional_tasks_import":
        _refused_import(user)
    else:
        with pytest.raises(NotAllowed):
            calls[action]()
    assert _done(action, task) is allowed


def _on(step: str) -> date:
    return {
        ClosureStep.AGREEMENT: AGREED_ON,
        ClosureStep.EXPERT_COMMITTEE: EXPERT_ON,
        ClosureStep.INSPECTION_REPORT: REPORTED_ON,
    }[step]


def _imported(user):
    result = regional_tasks_import(
        actor=user, file=SimpleUploadedFile("부산.csv", IMPORTED_CSV), filename="부산.csv"
    )
    assert result.accepted, result.messages
    return result


def _refused_import(user) -> None:
    """Refused as a whole (nobody's editor) or row by row (another province's rows)."""
    try:
        result = regional_tasks_import(
            actor=user, file=SimpleUploadedFile("부산.csv", IMPORTED_CSV), filename="부산.csv"
        )
    except NotAllowed:
        return
    assert any("부산의 과제는 가져올 수 없습니다" in line for line in result.messages)


def _done(action: str, task: RegionalPolicyTask) -> bool:
    """Whether `action` took effect."""
    task.refresh_from_db()
    steps = {t.closure_step for t in task.transitions.all()}
    budget = BudgetRequest.objects.filter(task=task).first()
    return {
        "regional_task_register": RegionalPolicyTask.objects.filter(code="부산-99").exists(),
        "regional_task_update": task.title == "고친 이름",
        "regional_tasks_import": RegionalPolicyTask.objects.filter(code="부산-50").exists(),
        "regional_task_classify": task.state == TaskState.NEEDS_WORK,
        "closure_request": task.state == TaskState.CLOSING,
        "closure_agreement": ClosureStep.AGREEMENT in steps,
        "closure_expert_committee": ClosureStep.EXPERT_COMMITTEE in steps,
        "closure_inspection_report": task.state == TaskState.CLOSED,
        "closure_withdraw": task.state == TaskState.ACTIVE,
        "budget_request_submit": budget is not None,
        "budget_opinion_record": budget is not None
        and budget.stage == BudgetStage.MINISTRY_OPINION,
        "budget_forward": budget is not None and budget.stage == BudgetStage.FORWARDED,
    }[action]
