"""Fiscal execution, the body's accounts and the result submission's steps through the API.
The services decide who may do what; their refusals become 403/409/422 in api.py."""

from datetime import date

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from dream.cycle.errors import InvalidInput
from dream.plans.models import Plan, Strategy, Task
from dream.results import execution, workflow
from dream.results.choices import ResultAction
from dream.results.models import FiscalExecution

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS

router = Router(tags=["추진실적"], auth=token_auth)


class ExecutionIn(Schema):
    year: int
    source: str = Field(max_length=30)
    strategy_id: int | None = None
    task_id: int | None = None
    spent: str = Field(max_length=50)
    document: str = Field(max_length=500)
    observed_on: date
    reason: str = Field("", max_length=100)


class ExecutionOut(Schema):
    id: int
    plan_id: int
    year: int
    source: str
    strategy_id: int | None
    task_id: int | None
    spent: str
    spent_text: str
    document: str
    observed_on: date
    recorded_by: str


class ReasonIn(Schema):
    reason: str = Field("", max_length=100)


class SelfAssessmentIn(Schema):
    text: str = Field(max_length=3000)
    reason: str = Field("", max_length=100)


class SelfAssessmentOut(Schema):
    id: int
    year: int
    task_id: int | None
    strategy_id: int | None
    text: str
    recorded_by: str


class ResultActionIn(Schema):
    comment: str = Field("", max_length=3000)


class ResultStateOut(Schema):
    year: int
    organization: str
    plan_id: int
    state: str
    state_label: str
    submitted_at: str | None
    confirmed_at: str | None


def _get(model, id: int, what: str):
    found = model.objects.filter(pk=id).first() if 1 <= id <= MAX_ID else None
    if found is None:
        raise HttpError(404, f"{id}번 {what}이 없습니다.")
    return found


def _execution_dict(row: FiscalExecution) -> dict:
    return {
        "id": row.pk, "plan_id": row.plan_id, "year": row.year, "source": row.source,
        "strategy_id": row.strategy_id, "task_id": row.task_id, "spent": f"{row.spent_eok.normalize():f}",
        "spent_text": row.spent_text, "document": row.document, "observed_on": row.observed_on,
        "recorded_by": row.recorded_by.get_username(),
    }  # fmt: skip


def _assessment_dict(row) -> dict:
    return {
        "id": row.pk, "year": row.year, "task_id": row.task_id, "strategy_id": row.strategy_id,
        "text": row.text, "recorded_by": row.recorded_by.get_username(),
    }  # fmt: skip


@router.put(
    "/plans/{id}/executions",
    response={200: ExecutionOut, **REFUSALS},
    summary="재정 집행액 입력·바꾸기 (전략, 과제 또는 계획 전체, 재원별)",
)
def execution_put(request, id: int, data: ExecutionIn):
    plan = _get(Plan, id, "시행계획")
    strategy = task = None
    if data.strategy_id is not None and data.task_id is not None:
        raise InvalidInput("strategy_id와 task_id 중 하나만 보내 주세요.")
    if data.strategy_id is not None:
        strategy = _get(Strategy, data.strategy_id, "전략")
    if data.task_id is not None:
        task = _get(Task, data.task_id, "과제")
    row = execution.fiscal_execution_record(
        actor=request.auth, plan=plan, year=data.year, source=data.source,
        spent_text=data.spent, document=data.document, observed_on=data.observed_on,
        strategy=strategy, task=task, reason=data.reason,
    )  # fmt: skip
    return _execution_dict(row)


@router.delete(
    "/executions/{id}",
    response={204: None, **REFUSALS},
    summary="재정 집행액 지우기 (까닭 필수)",
)
def execution_delete(request, id: int, data: ReasonIn):
    row = _get(FiscalExecution, id, "집행액")
    execution.fiscal_execution_delete(actor=request.auth, execution=row, reason=data.reason)
    return Status(204, None)


@router.put(
    "/tasks/{id}/self-assessments/{year}",
    response={200: SelfAssessmentOut, **REFUSALS},
    summary="핵심과제의 추진실적 설명 입력·바꾸기",
)
def task_self_assessment_put(request, id: int, year: int, data: SelfAssessmentIn):
    row = execution.self_assessment_record(
        actor=request.auth, year=year, text=data.text, task=_get(Task, id, "과제"),
        reason=data.reason,
    )  # fmt: skip
    return _assessment_dict(row)


@router.put(
    "/strategies/{id}/self-assessments/{year}",
    response={200: SelfAssessmentOut, **REFUSALS},
    summary="초광역권 전략의 추진실적 설명 입력·바꾸기",
)
def strategy_self_assessment_put(request, id: int, year: int, data: SelfAssessmentIn):
    row = execution.self_assessment_record(
        actor=request.auth, year=year, text=data.text, strategy=_get(Strategy, id, "전략"),
        reason=data.reason,
    )  # fmt: skip
    return _assessment_dict(row)


@router.post(
    "/results/{year}/{org}/{action}",
    response={200: ResultStateOut, **REFUSALS},
    summary="추진실적 처리: submit, return(comment), confirm, reopen(comment = 까닭)",
)
def result_action(request, year: int, org: str, action: str, data: ResultActionIn | None = None):
    if action not in ResultAction.values:
        raise HttpError(404, f"'{action}'은 없는 처리입니다(submit, return, confirm, reopen).")
    try:
        body = workflow.results_body(year, org)
    except Http404 as error:
        raise HttpError(404, str(error)) from None
    submission = workflow.submission_of(body)
    comment = data.comment if data else ""
    actor = request.auth
    if action == ResultAction.SUBMIT:
        event = workflow.result_submit(actor=actor, submission=submission)
    elif action == ResultAction.RETURN:
        event = workflow.result_return(actor=actor, submission=submission, comment=comment)
    elif action == ResultAction.CONFIRM:
        event = workflow.result_confirm(actor=actor, submission=submission)
    else:
        event = workflow.result_reopen(actor=actor, submission=submission, reason=comment)
    s = event.submission
    return {
        "year": year, "organization": s.organization.short_name, "plan_id": s.plan_id,
        "state": s.state, "state_label": s.get_state_display(),
        "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
        "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
    }  # fmt: skip
