"""The Committee's priority tasks (Ⅱ of the implementation plan, docs/priorities.md): the
year's 4+10 tasks, one task with its actions and items as printed (each date with the span
DREAM reads from it), each action's owner and each step's state; step reports and the
half-yearly inspections. Reads are public; writes need a token, and the services
(dream.priorities.services) decide who may do what — their refusals become 403/409/422."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from dream.accounts.models import Organization
from dream.core.korean import with_particle
from dream.priorities import selectors, services
from dream.priorities.choices import ItemKind, Precision, StepStatus, TaskGroup
from dream.priorities.models import (
    ActionOwner,
    Inspection,
    PriorityAction,
    PriorityItem,
    StepReport,
)
from dream.priorities.permissions import OWNER_KINDS

from ..auth import token_auth
from ..schemas import MAX_ID, ErrorOut, ValidationErrorOut
from .cycles import REFUSALS

router = Router(tags=["중점 이행과제"])
TASK_FIELDS = (
    "id", "year", "position", "group", "number", "name", "source_line",
    "status_title", "appendix_title", "appendix_text", "appendix_line",
)  # fmt: skip
ACTION_FIELDS = (
    "id", "position", "topic", "text", "source_line", "date_text", "period_start", "period_end",
    "precision",
)  # fmt: skip
ITEM_FIELDS = (
    "id", "position", "kind", "text", "source_line", "date_text", "period_start", "period_end",
    "precision",
)  # fmt: skip


class PriorityTaskFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="계획 연도; 생략하면 모든 연도")


class PriorityTaskOut(Schema):
    id: int
    year: int
    position: int = Field(description="Ⅱ에 실린 순서 (1부터)")
    group: TaskGroup = Field(description="zone: 4대 특구, priority: 10대 중점 이행과제")
    number: int = Field(description="구분 안의 번호 (부록의 ❶…)")
    name: str
    source_line: int = Field(description="원문 줄")
    action_count: int = Field(description="추진 과제(□)의 수")
    step_count: int = Field(description="추진 내용(ㅇ)의 수")


class DatedOut(Schema):
    date_text: str = Field(
        description="원문에 인쇄된 날짜 (여럿이면 ' · '로 이음), 없으면 빈 문자열"
    )
    period_start: date | None = Field(description="DREAM이 읽은 기간의 시작; 열렸거나 없으면 null")
    period_end: date | None = Field(
        description="DREAM이 읽은 기간의 끝(포함); 열렸거나 없으면 null"
    )
    precision: Precision = Field(description="기간을 끝내는 날짜의 단위")


class StepStateOut(Schema):
    status: StepStatus = Field(
        description="planned 예정 · in_progress 진행 · done 완료 · delayed 지연"
    )
    label: str = Field(description="상태의 한국어 이름")
    computed: bool = Field(description="true: 보고가 아니라 DREAM이 계산한 상태")
    reason: str = Field(description="상태의 까닭 (보고 기준일, 또는 DREAM 계산의 이유)")


class PriorityItemOut(DatedOut):
    id: int
    position: int = Field(description="과제 안에서 인쇄된 순서 (1부터)")
    kind: ItemKind
    text: str
    source_line: int
    state: StepStateOut | None = Field(
        None, description="추진 내용(ㅇ)의 이행 상황 (states_on 기준); 다른 줄은 null"
    )


class ActionOwnerOut(Schema):
    action_id: int
    organization: str = Field(description="담당 기관 약칭 (부처 또는 지방시대위원회)")
    kind: str = Field(description="담당 기관의 종류: ministry 또는 committee")
    assigned_at: datetime


class PriorityActionOut(DatedOut):
    id: int
    position: int
    topic: str = Field(description="□ (주제) 의 주제; 없으면 빈 문자열")
    text: str
    source_line: int
    owner: ActionOwnerOut | None = Field(description="담당 기관; 지정 전이면 null")
    items: list[PriorityItemOut] = Field(description="추진 내용(ㅇ), 세부 내용(-), 참고(*, ※)")


class TrackerSettingsOut(Schema):
    year: int
    ongoing_late_at_year_end: bool = Field(description="연중 추진 내용도 연말이 지나면 지연인지")
    basis: str = Field(description="설정의 근거; 위원회가 정하기 전에는 DREAM 기본값")
    decided: bool = Field(description="true: 위원회 담당자가 정함, false: DREAM 기본값")


class PriorityTaskDetailOut(PriorityTaskOut):
    status_title: str
    appendix_title: str
    appendix_text: str
    appendix_line: int | None
    aims: list[PriorityItemOut] = Field(description="목표(▪)")
    status: list[PriorityItemOut] = Field(description="추진 현황 상자의 항목")
    actions: list[PriorityActionOut]
    settings: TrackerSettingsOut = Field(description="이행 상황 계산에 쓴 이행 관리 설정")
    states_on: date = Field(description="이행 상황을 계산한 날 (오늘)")


class ActionOwnerIn(Schema):
    organization: str = Field(..., max_length=50, description="담당 기관 약칭 (예: 행안부, 위원회)")


class StepReportIn(Schema):
    status: str = Field(..., max_length=20, description="planned · in_progress · done · delayed")
    as_of: date = Field(description="기준일 (오늘 이후 안 됨)")
    evidence: str = Field(..., max_length=10000, description="근거 (필수)")
    evidence_url: str = Field("", max_length=1000, description="근거 주소 (http/https, 선택)")


class StepReportOut(Schema):
    id: int
    item_id: int
    status: StepStatus
    label: str
    as_of: date
    evidence: str
    evidence_url: str
    organization: str = Field(description="보고한 담당 기관 약칭")
    reported_at: datetime


class InspectionFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="점검 연도; 생략하면 모든 연도")


class InspectionRemarkIn(Schema):
    task_id: int = Field(..., ge=1, le=MAX_ID, description="그 해의 중점 이행과제 id")
    text: str = Field(..., max_length=10000)


class InspectionIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    half: int = Field(..., ge=1, le=2, description="1 상반기, 2 하반기")
    taken_on: date = Field(description="점검일 (오늘 이후 안 됨, 그 반기의 첫날 이후)")
    summary: str = Field("", max_length=10000)
    remarks: list[InspectionRemarkIn] = Field(default_factory=list, max_length=100)


class InspectionOut(Schema):
    id: int
    year: int
    half: int
    half_label: str
    taken_on: date
    summary: str
    taken_at: datetime


class InspectionRemarkOut(Schema):
    task_id: int
    text: str


class InspectionDetailOut(InspectionOut):
    snapshot: dict = Field(description="점검일의 과제별 상태 수와 추진 내용별 상태 (고정)")
    remarks: list[InspectionRemarkOut]


def _state(state) -> dict | None:
    if state is None:
        return None
    return {
        "status": state.status,
        "label": state.label,
        "computed": state.computed,
        "reason": state.reason,
    }


def _owner(owner: ActionOwner | None) -> dict | None:
    if owner is None:
        return None
    return {
        "action_id": owner.action_id,
        "organization": owner.organization.short_name,
        "kind": owner.organization.kind,
        "assigned_at": owner.assigned_at,
    }


def _report(report: StepReport) -> dict:
    return {
        "id": report.pk,
        "item_id": report.item_id,
        "status": report.status,
        "label": report.get_status_display(),
        "as_of": report.as_of,
        "evidence": report.evidence,
        "evidence_url": report.evidence_url,
        "organization": report.organization.short_name,
        "reported_at": report.reported_at,
    }


def _inspection(inspection: Inspection) -> dict:
    return {
        "id": inspection.pk,
        "year": inspection.year,
        "half": inspection.half,
        "half_label": inspection.get_half_display(),
        "taken_on": inspection.taken_on,
        "summary": inspection.summary,
        "taken_at": inspection.taken_at,
    }


def _inspection_detail(inspection: Inspection) -> dict:
    remarks = inspection.remarks.order_by("task__position")
    return {
        **_inspection(inspection),
        "snapshot": inspection.snapshot,
        "remarks": [{"task_id": r.task_id, "text": r.text} for r in remarks],
    }


def _found(rows, pk: int, what: str):
    """The row `pk` of `rows` (already limited to published years), or 404 naming `what`."""
    found = rows.filter(pk=pk).first() if 1 <= pk <= MAX_ID else None
    if found is None:
        raise HttpError(404, f"이 id의 {with_particle(what, '이')} 없습니다.")
    return found


def _steps():
    return PriorityItem.objects.filter(
        kind=ItemKind.STEP, task__year__in=selectors.published_year_rows()
    )


@router.get(
    "/priority-tasks",
    response={200: list[PriorityTaskOut], 422: ValidationErrorOut},
    summary="중점 이행과제 목록 (Ⅱ의 순서)",
)
def priority_task_list(request, filters: Query[PriorityTaskFilter]):
    return list(selectors.priority_tasks(filters.year))


@router.get(
    "/priority-tasks/{id}",
    response={200: PriorityTaskDetailOut, 404: ErrorOut},
    summary="중점 이행과제 하나: 목표, 추진 현황, 추진 과제와 담당 기관, 추진 내용과 이행 상황",
)
def priority_task_detail(request, id: int):
    task = selectors.published_task(id)
    if task is None:
        raise HttpError(404, "이 id의 중점 이행과제가 없습니다.")
    page = selectors.priority_task_page(task)
    settings = page.settings
    return {
        **{name: getattr(task, name) for name in TASK_FIELDS},
        "action_count": len(page.actions),
        "step_count": sum(row.state is not None for view in page.actions for row in view.items),
        "aims": page.aims,
        "status": [item for item, _ in page.status],
        "actions": [
            {
                **{name: getattr(view.action, name) for name in ACTION_FIELDS},
                "owner": _owner(view.owner),
                "items": [
                    {
                        **{name: getattr(row.item, name) for name in ITEM_FIELDS},
                        "state": _state(row.state),
                    }
                    for row in view.items
                ],
            }
            for view in page.actions
        ],
        "settings": {
            "year": task.year,
            "ongoing_late_at_year_end": settings.ongoing_late_at_year_end,
            "basis": settings.basis,
            "decided": settings.pk is not None,
        },
        "states_on": page.today,
    }


@router.post(
    "/priority-actions/{id}/owner",
    response={200: ActionOwnerOut, **REFUSALS},
    auth=token_auth,
    summary="추진 과제(□)의 담당 기관 지정·변경 (지방시대위원회 담당자)",
)
def action_owner_assign(request, id: int, data: ActionOwnerIn):
    actions = PriorityAction.objects.filter(task__year__in=selectors.published_year_rows())
    action = _found(actions, id, "추진 과제")
    named = Organization.objects.filter(short_name=data.organization)
    organization = named.filter(kind__in=OWNER_KINDS).first() or named.first()
    if organization is None:
        raise HttpError(404, f"기관 '{data.organization}'을 찾을 수 없습니다.")
    owner = services.action_owner_assign(
        actor=request.auth, action=action, organization=organization
    )
    return _owner(owner)


@router.get(
    "/priority-steps/{id}/reports",
    response={200: list[StepReportOut], 404: ErrorOut},
    summary="추진 내용(ㅇ)의 이행 보고, 먼저 한 것부터 (마지막이 보고된 상태)",
)
def step_report_list(request, id: int):
    item = _found(_steps(), id, "추진 내용(ㅇ)")
    reports = item.reports.select_related("organization").order_by("reported_at", "id")
    return [_report(report) for report in reports]


@router.post(
    "/priority-steps/{id}/reports",
    response={201: StepReportOut, **REFUSALS},
    auth=token_auth,
    summary="추진 내용(ㅇ)의 이행 상황 보고 (담당 기관의 작성 권한자)",
)
def step_report_add(request, id: int, data: StepReportIn):
    item = _found(_steps(), id, "추진 내용(ㅇ)")
    report = services.step_report_add(actor=request.auth, item=item, **data.dict())
    return Status(201, _report(report))


@router.get(
    "/priority-inspections",
    response={200: list[InspectionOut], 422: ValidationErrorOut},
    summary="반기별 이행점검 목록",
)
def inspection_list(request, filters: Query[InspectionFilter]):
    inspections = Inspection.objects.filter(year__in=selectors.published_year_rows()).order_by(
        "year", "half"
    )
    if filters.year is not None:
        inspections = inspections.filter(year=filters.year)
    return [_inspection(inspection) for inspection in inspections]


@router.get(
    "/priority-inspections/{id}",
    response={200: InspectionDetailOut, 404: ErrorOut},
    summary="반기별 이행점검 하나: 고정된 상태와 과제별 점검 의견",
)
def inspection_detail(request, id: int):
    inspections = Inspection.objects.filter(year__in=selectors.published_year_rows())
    return _inspection_detail(_found(inspections, id, "이행점검"))


@router.post(
    "/priority-inspections",
    response={201: InspectionDetailOut, **REFUSALS},
    auth=token_auth,
    summary="반기별 이행점검 기록 (지방시대위원회 담당자; 반기마다 한 번)",
)
def inspection_take(request, data: InspectionIn):
    remarks = {remark.task_id: remark.text for remark in data.remarks}
    if len(remarks) != len(data.remarks):
        raise HttpError(422, "같은 과제의 점검 의견이 두 번 있습니다.")
    inspection = services.inspection_take(
        actor=request.auth,
        year=data.year,
        half=data.half,
        taken_on=data.taken_on,
        summary=data.summary,
        remarks=remarks,
    )
    return Status(201, _inspection_detail(inspection))
