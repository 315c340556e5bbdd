"""Special-zone designations through the API (docs/zones.md): the registry is public — every
application with its area as entered and read, its province's cap and usage; writes need a
token, and the services (dream.zones.services) decide who may do what, their refusals
becoming 403/409/422 in api.py."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.core.text import has_control_character
from dream.plans.selectors import published_years
from dream.priorities.choices import TaskGroup
from dream.priorities.models import PriorityTask
from dream.zones import selectors, services
from dream.zones.choices import DesignationStage
from dream.zones.models import ZoneDesignation
from dream.zones.selectors import ProvinceUsage

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS
from .pipeline import READ_AUTH

router = Router(tags=["특구 지정"])


class ZoneDesignationFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="계획 연도")
    task: int | None = Field(None, ge=1, le=MAX_ID, description="특구 과제 id (priority-tasks)")
    province: str | None = Field(None, max_length=50, description="시·도 약칭 (예: 부산)")


class ZoneDesignationIn(Schema):
    task_id: int = Field(..., ge=1, le=MAX_ID, description="4대 특구 과제 id (priority-tasks)")
    province: str = Field(..., max_length=50, description="시·도 약칭 (예: 부산)")
    name: str = Field(..., max_length=1000, description="특구 이름")
    area_text: str = Field(
        "", max_length=100, description='면적, 입력 그대로: "120만평", "1,200,000평"; 모르면 ""'
    )
    applied_on: date = Field(description="신청일")


class ZoneDecisionIn(Schema):
    stage: str = Field(
        ..., max_length=30, description="deliberated, designated, refused 또는 withdrawn(철회)"
    )
    decided_on: date = Field(description="결정일")
    decision: str = Field(..., max_length=10000, description="결정 내용 (철회면 그 사유)")


class ZoneDecisionOut(Schema):
    id: int
    stage: DesignationStage
    decided_on: date
    decision: str
    recorded_at: datetime


class ZoneDesignationOut(Schema):
    id: int
    year: int
    task_id: int
    task_name: str
    province: str = Field(description="시·도 약칭")
    name: str
    area_text: str = Field(description="면적, 입력한 그대로 (모르면 빈 문자열)")
    area_pyeong: Decimal | None = Field(description="DREAM이 읽은 면적(만평); 모르면 null")
    stage: DesignationStage
    applied_on: date
    cap_pyeong: Decimal | None = Field(
        description="이 시·도의 면적 상한(만평); 계획이 정하지 않았으면 null"
    )
    cap_basis: str = Field(description="상한의 근거 또는 '계획이 정하지 않음'과 그 이유")
    designated_pyeong: Decimal = Field(description="이 과제에서 이 시·도가 지정받은 면적 합계")
    pending_pyeong: Decimal = Field(description="결정 전(신청, 심의·의결) 면적 합계")
    over_cap: bool = Field(description="지정 면적 합계가 상한을 넘음 (경고; 기록은 막지 않음)")


class ZoneDesignationDetailOut(ZoneDesignationOut):
    decisions: list[ZoneDecisionOut]


class ZoneDesignationListOut(Schema):
    items: list[ZoneDesignationOut]
    count: int


def designation_dict(designation: ZoneDesignation, usage: ProvinceUsage) -> dict:
    task = designation.task
    return {
        "id": designation.pk,
        "year": task.year,
        "task_id": task.pk,
        "task_name": task.name,
        "province": designation.province.short_name,
        "name": designation.name,
        "area_text": designation.area_text,
        "area_pyeong": designation.area_pyeong,
        "stage": designation.stage,
        "applied_on": designation.applied_on,
        "cap_pyeong": usage.cap.pyeong,
        "cap_basis": usage.cap.basis,
        "designated_pyeong": usage.designated,
        "pending_pyeong": usage.pending,
        "over_cap": usage.over_cap,
    }


def _detail(designation: ZoneDesignation) -> dict:
    usage = selectors.province_usage(designation.task, designation.province)
    return designation_dict(designation, usage) | {
        "decisions": [
            {
                "id": d.pk,
                "stage": d.stage,
                "decided_on": d.decided_on,
                "decision": d.decision,
                "recorded_at": d.recorded_at,
            }
            for d in selectors.decisions(designation)
        ]
    }


def _province(short_name: str) -> Organization:
    """A province by its short name; anything else (an unknown name, hostile text) is a 404
    that does not repeat it."""
    if not has_control_character(short_name):
        province = Organization.objects.filter(
            kind=OrganizationKind.PROVINCE, short_name=short_name.strip()
        ).first()
        if province is not None:
            return province
    raise HttpError(404, "이 약칭의 시·도가 없습니다. 약칭(예: 부산)으로 적어 주세요.")


def _designation(pk: int) -> ZoneDesignation:
    designation = selectors.designation(pk)
    if designation is None:
        raise HttpError(404, "이 id의 특구 지정 신청이 없습니다.")
    return designation


@router.get(
    "/zone-designations",
    response={200: ZoneDesignationListOut, **REFUSALS},
    auth=READ_AUTH,
    summary="특구 지정 신청 목록 (과제·시·도별 면적 상한과 사용 면적과 함께)",
)
def zone_designation_list(request, filters: Query[ZoneDesignationFilter]):
    tasks = PriorityTask.objects.filter(group=TaskGroup.ZONE, year__in=published_years()).order_by(
        "year", "position"
    )
    if filters.year is not None:
        tasks = tasks.filter(year=filters.year)
    if filters.task is not None:
        tasks = tasks.filter(pk=filters.task)
    province = _province(filters.province) if filters.province is not None else None
    items = []
    for zone in selectors.designations_for_tasks(list(tasks)):
        for usage in zone.provinces:
            if province is not None and usage.province.pk != province.pk:
                continue
            items += [designation_dict(d, usage) for d in usage.designations]
    return {"items": items, "count": len(items)}


@router.get(
    "/zone-designations/{id}",
    response={200: ZoneDesignationDetailOut, **REFUSALS},
    auth=READ_AUTH,
    summary="특구 지정 신청 하나와 그 결정 경과",
)
def zone_designation_detail(request, id: int):
    return _detail(_designation(id))


@router.post(
    "/zone-designations",
    response={201: ZoneDesignationDetailOut, **REFUSALS},
    auth=token_auth,
    summary="특구 지정 신청 등록 (시·도 작성 권한자 또는 위원회 담당자)",
)
def zone_designation_apply(request, data: ZoneDesignationIn):
    task = PriorityTask.objects.filter(pk=data.task_id).first()
    if task is None:
        raise HttpError(404, "이 id의 중점 이행과제가 없습니다.")
    designation = services.designation_apply(
        actor=request.auth,
        task=task,
        province=_province(data.province),
        name=data.name,
        area_text=data.area_text,
        applied_on=data.applied_on,
    )
    return Status(201, _detail(_designation(designation.pk)))


@router.post(
    "/zone-designations/{id}/decisions",
    response={201: ZoneDesignationDetailOut, **REFUSALS},
    auth=token_auth,
    summary="위원회 결정 기록 (위원회 담당자) 또는 철회 (시·도 작성 권한자, 위원회 담당자)",
)
def zone_designation_decide(request, data: ZoneDecisionIn, id: int):
    designation = _designation(id)
    if data.stage == DesignationStage.WITHDRAWN:
        services.designation_withdraw(
            actor=request.auth,
            designation=designation,
            decided_on=data.decided_on,
            decision=data.decision,
        )
    else:
        services.designation_decide(
            actor=request.auth,
            designation=designation,
            stage=data.stage,
            decided_on=data.decided_on,
            decision=data.decision,
        )
    return Status(201, _detail(_designation(id)))
