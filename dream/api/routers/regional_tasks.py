"""The regional policy task register through the API (docs/regional_tasks.md): public reads of
the tasks, their counts beside the figures the plan prints, each task with its transitions
and budget requests; writes with a token through the same services as the pages
(dream.regional_tasks.services), whose refusals become 403/409/422 in api.py."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from dream.accounts.selectors import ministry_named
from dream.priorities.models import Inspection
from dream.regional_tasks import selectors, services
from dream.regional_tasks.choices import BudgetStage, ClosureStep, TaskState
from dream.regional_tasks.models import BudgetRequest, RegionalPolicyTask

from ..auth import token_auth
from ..pagination import Pagination
from ..schemas import MAX_ID
from .cycles import REFUSALS
from .pipeline import READ_AUTH

router = Router(tags=["지역정책과제"])
TEXT_MAX = 10000


class RegionalTaskFilter(Schema):
    province: str | None = Field(None, max_length=50, description="시·도 약칭 또는 정식 명칭")
    state: TaskState | None = Field(None, description="관리 구분")
    in_comprehensive_plan: bool | None = Field(None, description="종합계획(’23~’27) 반영 여부")
    year: int | None = Field(None, ge=1, le=9999, description="그 해 예산 요구가 있는 과제만")


class RegionalTaskOut(Schema):
    id: int
    province: str = Field(description="시·도 약칭")
    code: str = Field(description="과제 번호 (시·도가 매김)")
    title: str
    origin_pledge: str = Field(description="대통령 지역공약")
    announced_2022: bool = Field(description="인수위 발표 과제(’22.4, 17개 시·도×15개)")
    in_comprehensive_plan: bool = Field(description="지방시대 종합계획(’23~’27) 반영")
    ministry: str | None = Field(description="소관 부처 약칭")
    state: TaskState
    state_before_closing: str = Field(description="종결요청 전 관리 구분 (종결요청·종결일 때)")

    @staticmethod
    def resolve_province(task: RegionalPolicyTask) -> str:
        return task.province.short_name

    @staticmethod
    def resolve_ministry(task: RegionalPolicyTask) -> str | None:
        return task.ministry.short_name if task.ministry else None


class RegionalTaskTransitionOut(Schema):
    id: int
    from_state: TaskState
    to_state: TaskState
    closure_step: str = Field(description="종결 절차의 단계; 구분 변경이면 빈 문자열")
    inspection_id: int | None = Field(description="종결을 확정한 반기별 이행점검 id")
    decided_on: date
    document: str
    note: str
    recorded_at: datetime


class RegionalBudgetRequestOut(Schema):
    year: int
    amount_text: str = Field(description="요구액 (입력 그대로)")
    amount_eok: Decimal | None = Field(description="요구액 (억원)")
    request_note: str
    stage: BudgetStage
    ministry_opinion: str
    forwarded_on: date | None
    requested_at: datetime


class RegionalTaskDetailOut(RegionalTaskOut):
    closure_steps: list[ClosureStep] = Field(
        description="지금 종결 절차에서 기록된 단계 (마지막 종결요청 뒤의 것만)"
    )
    transitions: list[RegionalTaskTransitionOut]
    budget_requests: list[RegionalBudgetRequestOut]

    @staticmethod
    def resolve_closure_steps(task: RegionalPolicyTask) -> list[str]:
        return [t.closure_step for t in selectors.closure_steps(task)]

    @staticmethod
    def resolve_transitions(task: RegionalPolicyTask) -> list:
        return list(task.transitions.order_by("pk"))

    @staticmethod
    def resolve_budget_requests(task: RegionalPolicyTask) -> list:
        return list(task.budget_requests.order_by("year"))


class RegionalProvinceCountOut(Schema):
    province: str
    by_state: dict[str, int] = Field(description="관리 구분 → 등록 과제 수")
    total: int
    in_plan: int = Field(description="종합계획 반영 과제 수")
    announced: int = Field(description="인수위 발표 과제 수")
    announced_printed: int = Field(
        description="문서의 시·도별 인수위 발표 과제 수 (15, 원문 611줄)"
    )


class RegionalPrintedCheckOut(Schema):
    key: str = Field(description="total · in_plan · announced")
    label: str
    printed: int = Field(description="문서에 인쇄된 수")
    line: int = Field(description="원문 줄")
    quote: str = Field(description="원문 그대로")
    registered: int = Field(description="DREAM에 등록된 수")
    difference: int = Field(description="등록 − 문서")


class RegionalTaskCountsOut(Schema):
    provinces: list[RegionalProvinceCountOut]
    by_state: dict[str, int]
    total: int
    in_plan: int
    announced: int
    printed: list[RegionalPrintedCheckOut]


class RegionalTaskIn(Schema):
    province: str = Field(..., max_length=50, description="시·도 약칭 또는 정식 명칭")
    code: str = Field(..., max_length=1000)
    title: str = Field(..., max_length=1000)
    origin_pledge: str = Field("", max_length=1000)
    announced_2022: bool = False
    in_comprehensive_plan: bool = False
    ministry: str | None = Field(
        None, max_length=50, description="소관 부처 이름 (행안부, 과기부…)"
    )
    state: str = Field(
        TaskState.ACTIVE, max_length=30, description="active · needs_work · long_term"
    )


class RegionalTaskTransitionIn(Schema):
    kind: Literal["classify", "closure_request", "closure_step", "closure_withdraw"]
    to_state: str | None = Field(None, max_length=30, description="classify: 바꿀 관리 구분")
    step: str | None = Field(None, max_length=30, description="closure_step: 종결 절차의 단계")
    inspection_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="closure_step의 inspection_report: 반기별 이행점검 id"
    )
    decided_on: date
    document: str = Field(..., max_length=TEXT_MAX)
    note: str = Field("", max_length=TEXT_MAX)


class RegionalBudgetRequestIn(Schema):
    year: int = Field(..., ge=1, le=9999)
    amount: str = Field(..., max_length=100, description='요구액(억원), 입력 그대로: "1,234.5"')
    request_note: str = Field("", max_length=TEXT_MAX)


class RegionalBudgetOpinionIn(Schema):
    opinion: str = Field(..., max_length=TEXT_MAX)


class RegionalBudgetForwardIn(Schema):
    forwarded_on: date


def _task(pk: int) -> RegionalPolicyTask:
    task = selectors.task_or_none(pk)
    if task is None:
        raise HttpError(404, "지역정책과제를 찾을 수 없습니다.")
    return task


def _province(name: str, status: int = 404):
    province = selectors.province_named(name)
    if province is None:
        raise HttpError(status, f"시·도 '{selectors.shown(name)}'를 찾을 수 없습니다.")
    return province


def _ministry(name: str | None):
    if not name:
        return None
    ministry = ministry_named(selectors.shown(name, 50))
    if ministry is None:
        raise HttpError(404, f"부처 '{selectors.shown(name)}'를 찾을 수 없습니다.")
    return ministry


def _stored(budget: BudgetRequest) -> BudgetRequest:
    """The request as stored (its amount at the column's four places, as every read shows)."""
    return BudgetRequest.objects.get(pk=budget.pk)


def _budget_request(task: RegionalPolicyTask, year: int) -> BudgetRequest:
    found = task.budget_requests.filter(year=year).first() if 0 < year <= 32767 else None
    if found is None:
        raise HttpError(404, f"{year}년 예산 요구가 없습니다.")
    return found


@router.get(
    "/regional-tasks",
    response={200: list[RegionalTaskOut], **REFUSALS},
    auth=READ_AUTH,
    summary="지역정책과제 목록 (시·도, 관리 구분, 종합계획 반영, 예산 연도로 고르기)",
)
@paginate(Pagination)
def regional_task_list(request, filters: Query[RegionalTaskFilter]):
    tasks = selectors.tasks_listed()
    if filters.province:
        tasks = tasks.filter(province=_province(filters.province, status=422))
    if filters.state is not None:
        tasks = tasks.filter(state=filters.state)
    if filters.in_comprehensive_plan is not None:
        tasks = tasks.filter(in_comprehensive_plan=filters.in_comprehensive_plan)
    if filters.year is not None:
        tasks = tasks.filter(budget_requests__year=filters.year)
    return tasks


@router.get(
    "/regional-tasks/counts",
    response={200: RegionalTaskCountsOut, **REFUSALS},
    auth=READ_AUTH,
    summary="시·도 × 관리 구분 등록 과제 수와 문서의 수(660, 414, 255)",
)
def regional_task_counts(request):
    counts = selectors.register_counts()
    return {
        "provinces": [
            {
                "province": row.province.short_name,
                "by_state": row.by_state,
                "total": row.total,
                "in_plan": row.in_plan,
                "announced": row.announced,
                "announced_printed": selectors.ANNOUNCED_PER_PROVINCE,
            }
            for row in counts.rows
        ],
        "by_state": counts.by_state,
        "total": counts.total,
        "in_plan": counts.in_plan,
        "announced": counts.announced,
        "printed": [
            {
                "key": check.figure.key,
                "label": check.figure.label,
                "printed": check.figure.printed,
                "line": check.figure.line,
                "quote": check.figure.quote,
                "registered": check.registered,
                "difference": check.difference,
            }
            for check in counts.checks
        ],
    }


@router.get(
    "/regional-tasks/{id}",
    response={200: RegionalTaskDetailOut, **REFUSALS},
    auth=READ_AUTH,
    summary="지역정책과제 하나: 구분 변경·종결 절차 기록과 예산 요구",
)
def regional_task_detail(request, id: int):
    return _task(id)


@router.post(
    "/regional-tasks",
    response={201: RegionalTaskDetailOut, **REFUSALS},
    auth=token_auth,
    summary="지역정책과제 등록 (시·도 작성 권한자 또는 위원회 담당자)",
)
def regional_task_create(request, data: RegionalTaskIn):
    task = services.regional_task_register(
        actor=request.auth,
        province=_province(data.province),
        code=data.code,
        title=data.title,
        origin_pledge=data.origin_pledge,
        announced_2022=data.announced_2022,
        in_comprehensive_plan=data.in_comprehensive_plan,
        ministry=_ministry(data.ministry),
        state=data.state,
    )
    return Status(201, _task(task.pk))


def _inspection(pk: int | None) -> Inspection | None:
    if pk is None:
        return None
    found = Inspection.objects.filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "반기별 이행점검을 찾을 수 없습니다.")
    return found


@router.post(
    "/regional-tasks/{id}/transitions",
    response={201: RegionalTaskDetailOut, **REFUSALS},
    auth=token_auth,
    summary="관리 구분 변경, 종결요청, 종결 절차 한 단계, 종결요청 철회",
)
def regional_task_transition(request, id: int, data: RegionalTaskTransitionIn):
    task = _task(id)
    decision = {"decided_on": data.decided_on, "document": data.document}
    if data.kind == "classify":
        services.regional_task_classify(
            actor=request.auth, task=task, to_state=data.to_state, note=data.note, **decision
        )
    elif data.kind == "closure_request":
        services.closure_request(actor=request.auth, task=task, note=data.note, **decision)
    elif data.kind == "closure_step":
        services.closure_step_record(
            actor=request.auth,
            task=task,
            step=data.step,
            inspection=_inspection(data.inspection_id),
            note=data.note,
            **decision,
        )
    else:
        services.closure_withdraw(actor=request.auth, task=task, **decision)
    return Status(201, _task(id))


@router.post(
    "/regional-tasks/{id}/budget-requests",
    response={201: RegionalBudgetRequestOut, **REFUSALS},
    auth=token_auth,
    summary="예산 요구 제출 (종합계획 반영 과제; 시·도 작성 권한자 또는 위원회 담당자)",
)
def budget_request_create(request, id: int, data: RegionalBudgetRequestIn):
    budget = services.budget_request_submit(
        actor=request.auth,
        task=_task(id),
        year=data.year,
        amount_text=data.amount,
        request_note=data.request_note,
    )
    return Status(201, _stored(budget))


@router.post(
    "/regional-tasks/{id}/budget-requests/{year}/opinion",
    response={200: RegionalBudgetRequestOut, **REFUSALS},
    auth=token_auth,
    summary="예산 요구에 부처 협의 의견 (소관 부처 작성 권한자 또는 위원회 담당자)",
)
def budget_request_opinion(request, id: int, year: int, data: RegionalBudgetOpinionIn):
    budget = services.budget_opinion_record(
        actor=request.auth, request=_budget_request(_task(id), year), opinion=data.opinion
    )
    return _stored(budget)


@router.post(
    "/regional-tasks/{id}/budget-requests/{year}/forward",
    response={200: RegionalBudgetRequestOut, **REFUSALS},
    auth=token_auth,
    summary="예산 요구를 기획재정부에 송부 (위원회 담당자)",
)
def budget_request_forward(request, id: int, year: int, data: RegionalBudgetForwardIn):
    budget = services.budget_forward(
        actor=request.auth, request=_budget_request(_task(id), year), forwarded_on=data.forwarded_on
    )
    return _stored(budget)
