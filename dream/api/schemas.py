"""What the API sends and takes. Amounts are 억원 as stored: decimal strings with two
places ("93.50"), never floats; indicator values are decimal strings with four places."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from dream.plans.choices import BudgetSource

# Every field is documented in docs/api.md; a test checks that the docs name each path.


class ErrorOut(Schema):
    detail: str = Field(description="무엇이 잘못되었는지 (한국어)")


class ValidationErrorOut(ErrorOut):
    errors: list[dict] = Field(description="잘못된 입력 하나하나: 위치(loc), 내용(msg), 종류(type)")


class OrganizationOut(Schema):
    id: int
    kind: str
    short_name: str
    full_name: str


class PlanOut(Schema):
    id: int
    year: int
    level: str
    level_label: str
    title: str
    owner: OrganizationOut
    goal: str
    is_draft: bool
    source_line: int | None


class TaskItemOut(Schema):
    id: int
    parent_id: int | None
    strategy_id: int | None
    kind: str
    kind_label: str
    position: int
    code: str
    name: str
    ministries: list[str] = Field(description="담당 부처 약칭, 주관 부처 먼저")
    project_count: int | None
    national_budget_eok: Decimal | None = Field(description="국비(억원), 인쇄된 그대로")
    national_budget_text: str
    description: str
    source_line: int | None


class TaskOut(TaskItemOut):
    children: list["TaskOut"] = Field(description="하위 과제")


TaskOut.model_rebuild()


class StrategyOut(Schema):
    id: int
    kind: str
    position: int
    code: str
    name: str
    source_line: int | None
    tasks: list[TaskOut] = Field(description="이 전략 아래 최상위 과제와 그 하위 과제")


class BudgetOut(Schema):
    id: int
    strategy_id: int | None = Field(description="비어 있으면 시행계획 전체 합계")
    year: int
    source: str
    source_label: str
    amount_eok: Decimal = Field(description="금액(억원), 소수 둘째 자리까지의 문자열")
    printed: str
    source_line: int | None


class IndicatorOut(Schema):
    id: int
    task_id: int | None
    position: int
    group: str
    subgroup: str
    scope: str
    name: str
    unit: str
    baseline_year: int | None
    baseline_text: str
    baseline_value: Decimal | None
    target_year: int | None
    target_text: str
    target_value: Decimal | None
    change_text: str
    target_note: str
    is_new: bool
    source_line: int | None


class FindingOut(Schema):
    id: int
    year: int
    plan_id: int | None
    owner: str | None = Field(description="시행계획 수립 주체의 약칭 (문서 전체에 대한 것은 null)")
    severity: str
    severity_label: str
    code: str
    code_label: str
    message: str
    source_line: int

    @staticmethod
    def resolve_owner(finding) -> str | None:
        return finding.plan.owner.short_name if finding.plan_id else None

    @staticmethod
    def resolve_severity_label(finding) -> str:
        return finding.get_severity_display()

    @staticmethod
    def resolve_code_label(finding) -> str:
        return finding.get_code_display()


class PlanTreeOut(PlanOut):
    strategies: list[StrategyOut]
    tasks: list[TaskOut] = Field(description="전략에 속하지 않은 최상위 과제")
    budgets: list[BudgetOut]
    indicators: list[IndicatorOut]
    findings: list[FindingOut]


class SearchHitOut(Schema):
    kind: str
    kind_label: str
    level: str
    level_label: str
    owner: str
    source: str
    strategy_code: str
    strategy_name: str
    title: str
    context: str
    url: str = Field(description="DREAM 화면의 주소")


class SearchOut(Schema):
    query: str
    count: int
    items: list[SearchHitOut]


class DigitalGoalOut(Schema):
    key: str
    kind: str
    area_code: str | None
    name: str
    unit: str
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_text: str
    target_year: int
    target_value: Decimal
    target_text: str
    higher_is_better: bool
    source_line: int


class DigitalTaskOut(Schema):
    id: int
    area_code: str
    area_name: str
    position: int
    name: str
    ministries: list[str]
    ministries_text: str
    start_year: int | None
    schedule_text: str
    source_line: int | None


class DigitalPlanOut(Schema):
    title: str
    year: int
    vision: str
    goals: list[DigitalGoalOut]
    tasks: list[DigitalTaskOut]


class CycleIn(Schema):
    year: int = Field(ge=2000, le=2100, description="계획 연도")
    deadline: dt.date | None = Field(None, description="제출 기한; 없으면 법정시한(그해 2월 15일)")


class SubmissionSummaryOut(Schema):
    organization: OrganizationOut
    visible: bool = Field(description="호출한 사람이 이 기관의 상태를 볼 수 있는지")
    state: str | None
    state_label: str | None
    is_late: bool | None
    submitted_at: dt.datetime | None
    local_resolution_date: dt.date | None
    plan_id: int | None


class CycleOut(Schema):
    year: int
    deadline: dt.date
    phase: str
    phase_label: str
    guidelines_title: str
    guidelines_meeting: str
    guidelines_date: dt.date | None
    recipients_printed: str
    resolution_meeting: str
    resolution_date: dt.date | None
    submissions: list[SubmissionSummaryOut]


class EventOut(Schema):
    action: str
    action_label: str
    from_state: str
    to_state: str
    actor: str
    at: dt.datetime
    comment: str


class SubmissionOut(Schema):
    year: int
    organization: OrganizationOut
    state: str
    state_label: str
    deadline: dt.date
    is_late: bool
    submitted_at: dt.datetime | None
    local_resolution_date: dt.date | None
    plan: PlanTreeOut | None
    findings: list[FindingOut]
    events: list[EventOut]


class ActionIn(Schema):
    date: dt.date | None = Field(None, description="local-resolution: 시·도 지방시대위원회 심의일")
    comment: str = Field(
        "", max_length=5000, description="return: 보완 요청 의견(필수); 그 밖: 선택"
    )


class TaskPatchIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=1000, description="과제명")
    description: str | None = Field(None, max_length=20000, description="내용")


class BudgetPatchIn(Schema):
    amount: Decimal = Field(
        ge=0,
        max_digits=14,
        decimal_places=2,
        description='금액(억원): 문자열("93.5") 또는 숫자, 소수 둘째 자리까지',
    )


class BudgetSetIn(BudgetPatchIn):
    strategy_id: int | None = Field(
        None, ge=1, description="전략(과제·예산 구분) id; 비우면 시행계획 전체 합계"
    )
    source: BudgetSource = Field(
        description="재원: national(국비), local(지방비), private(민자), total(합계)"
    )


class ResolveIn(Schema):
    meeting: str = Field(min_length=1, max_length=100, description="예: 제3차 위원회")
    date: dt.date


class PlanVersionOut(Schema):
    plan_id: int
    owner: str
    number: int
    content_hash: str
    meeting: str
    resolved_on: dt.date | None
