"""What the API sends and takes. Amounts are 억원 as stored: decimal strings with two
places ("93.50"), never floats; indicator values are decimal strings with four places."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from dream.cycle.choices import DuplicateStatus, ItemKind
from dream.plans.choices import BudgetSource, TaskKind

# Every field is documented in docs/api.md; a test checks that the docs name each path.

# The largest id a database column holds (bigint); a larger one would overflow the query.
MAX_ID = 2**63 - 1


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


class StrategyItemOut(Schema):
    id: int
    kind: str
    position: int
    code: str
    name: str
    source_line: int | None


class StrategyOut(StrategyItemOut):
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
    direction: str = Field(
        description="higher(높을수록 좋음), lower(낮을수록 좋음), 빈 값(정하지 않음)"
    )
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


class CommentOut(Schema):
    id: int
    item_kind: str
    item_kind_label: str
    item_id: int
    item_label: str
    reply_to: int | None = Field(description="답이면 답하는 의견의 id; 의견이면 null")
    author: str
    at: dt.datetime
    text: str
    is_open: bool | None = Field(description="의견: 아직 답이 없는지; 답: null")


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
    comments: list[CommentOut]


class ActionIn(Schema):
    date: dt.date | None = Field(None, description="local-resolution: 시·도 지방시대위원회 심의일")
    comment: str = Field(
        "", max_length=5000, description="return: 보완 요청 의견(필수); 그 밖: 선택"
    )


class TaskPatchIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=1000, description="과제명")
    description: str | None = Field(None, max_length=20000, description="내용")
    parent_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="옮겨 갈 상위 과제 id (하위 과제까지 함께 옮김)"
    )
    strategy_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="핵심과제를 옮겨 갈 전략 id (parent_id 없이)"
    )


class PlanPatchIn(Schema):
    goal: str = Field(max_length=2000, description="목표")


class StrategyPatchIn(Schema):
    name: str = Field(min_length=1, max_length=1000, description="전략명")


class IndicatorPatchIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=1000, description="지표명")
    unit: str | None = Field(None, max_length=30, description="단위")
    baseline: str | None = Field(
        None, max_length=100, description="기준값(적은 그대로; 숫자면 숫자로도 읽음)"
    )
    target: str | None = Field(None, max_length=500, description="목표값(적은 그대로)")
    direction: str | None = Field(
        None, max_length=10, description="higher, lower 또는 빈 문자열(정하지 않음)"
    )
    task_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="연결할 과제 id; null이면 계획 전체의 지표"
    )


class BudgetPatchIn(Schema):
    amount: Decimal = Field(
        ge=0,
        max_digits=14,
        decimal_places=2,
        description='금액(억원): 문자열("93.5") 또는 숫자, 소수 둘째 자리까지',
    )


class BudgetSetIn(BudgetPatchIn):
    strategy_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="전략(과제·예산 구분) id; 비우면 시행계획 전체 합계"
    )
    source: BudgetSource = Field(
        description=(
            "재원: national(국비), national_general(국비 일반회계), national_balanced(국비 "
            "지특회계), national_other(국비 기타), local(지방비), private(민자), total(합계)"
        )
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


class CommentIn(Schema):
    item_kind: ItemKind | None = Field(
        None, description="plan, strategy, task, budget, indicator; 답(reply_to)이면 생략"
    )
    item_id: int | None = Field(None, ge=1, le=2**62, description="항목의 id")
    text: str = Field(min_length=1, max_length=5000, description="의견 또는 답")
    reply_to: int | None = Field(None, ge=1, le=2**62, description="답하는 의견의 id")


class DuplicateTaskOut(Schema):
    task_id: int
    name: str
    kind: str
    plan_id: int
    owner: str
    bodies: str = Field(description="과제를 맡은 부처(부문별) 또는 계획의 수립 주체")
    national_budget_eok: Decimal | None = Field(description="과제의 국비(억원); 없으면 null")


class DuplicateOut(Schema):
    id: int
    regional: DuplicateTaskOut
    sectoral: DuplicateTaskOut
    similarity: Decimal = Field(description="이름 유사도(0~1, 바이그램 Dice)")
    reason: str
    status: str
    status_label: str
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str


class DuplicateListOut(Schema):
    year: int
    threshold: Decimal = Field(
        description="후보가 되는 이름 유사도(설정 DREAM_DUPLICATE_SIMILARITY)"
    )
    candidates: list[DuplicateOut]


class DuplicateDecideIn(Schema):
    status: DuplicateStatus = Field(description="pending, confirmed, dismissed")
    note: str = Field("", max_length=5000, description="판단 사유; confirmed·dismissed에는 필수")


class DuplicateFindOut(Schema):
    year: int
    added: int = Field(description="새 후보 수(건)")
    refreshed: int = Field(description="다시 계산한 후보 수(건)")
    dropped: int = Field(description="더 이상 비슷하지 않아 뺀 후보 수(건)")
    judged: int = Field(description="판단을 유지한 후보 수(건)")


class StrategyAddIn(Schema):
    name: str = Field(max_length=1000, description="전략명")


class TaskAddIn(Schema):
    name: str = Field(max_length=1000, description="과제명")
    kind: TaskKind = Field(description="core, practical, project, detailed, item")
    parent_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="상위 과제 id; 핵심과제(전략 바로 아래)는 비움"
    )
    strategy_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="전략 id: 핵심과제에 필수, 하위 과제는 상위를 따름"
    )
    national_budget: Decimal | None = Field(
        None,
        ge=0,
        max_digits=14,
        decimal_places=2,
        description="국비(억원): 실천과제·사업에만",
    )


class IndicatorAddIn(Schema):
    name: str = Field(max_length=1000, description="지표명")
    unit: str = Field("", max_length=30, description="단위")
    baseline: str = Field("", max_length=100, description="기준값(전년도, 적은 그대로)")
    target: str = Field("", max_length=500, description="목표값(계획 연도, 적은 그대로)")
    direction: str = Field(
        "", max_length=10, description="higher, lower 또는 빈 문자열(정하지 않음)"
    )
    task_id: int | None = Field(None, ge=1, le=MAX_ID, description="연결할 과제 id")


class WorkbookResultOut(Schema):
    changed: int = Field(description="바뀐 항목 수(개)")


class WorkbookRefusedOut(ErrorOut):
    row_errors: list[str] = Field(
        description="고칠 것 하나하나: 시트와 행, 또는 파일 전체에 대한 것 (아무것도 반영하지 않음)"
    )


class GuidelinesOut(Schema):
    year: int
    title: str
    meeting: str
    resolved_on: dt.date | None
    sent_on: dt.date | None
    file_url: str | None = Field(description="수립지침 파일을 내려받는 주소; 없으면 null")
