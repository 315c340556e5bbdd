"""Published plans: by year, level and owner, and one plan with its whole tree; a draft's
goal is changed on the same path (one path, one router: ninja answers 405 otherwise)."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from dream.accounts.selectors import organization_named
from dream.cycle import drafting
from dream.plans.choices import PlanLevel
from dream.plans.models import Plan

from ..auth import token_auth
from ..pagination import Pagination
from ..schemas import ErrorOut, PlanOut, PlanPatchIn, PlanTreeOut, ValidationErrorOut
from ..selectors import plan_dict, plan_tree, published_plans
from .cycles import REFUSALS

router = Router(tags=["시행계획"])


class PlanFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="계획 연도")
    level: PlanLevel | None = Field(None, description="national, sectoral, province, super_region")
    owner: str | None = Field(
        None, max_length=100, description="수립 주체의 이름 (약칭, 정식 명칭, 다른 표기 모두)"
    )


@router.get(
    "/plans",
    response={200: list[PlanOut], 422: ValidationErrorOut},
    summary="공개된 시행계획 목록",
)
@paginate(Pagination)
def plan_list(request, filters: Query[PlanFilter]):
    plans = published_plans().order_by("year", "level", "owner__kind", "owner__position", "pk")
    if filters.year is not None:
        plans = plans.filter(year=filters.year)
    if filters.level is not None:
        plans = plans.filter(level=filters.level)
    if filters.owner:
        owner = organization_named(filters.owner)
        if owner is None:
            raise HttpError(422, f"'{filters.owner}'이라는 기관이 없습니다.")
        plans = plans.filter(owner=owner)
    return [plan_dict(plan) for plan in plans]


@router.get(
    "/plans/{id}",
    response={200: PlanTreeOut, 404: ErrorOut},
    summary="시행계획 하나: 전략 → 과제 나무, 재정투입, 성과지표, 검토 사항",
)
def plan_detail(request, id: int):
    plan = get_object_or_404(published_plans(), pk=id)
    return plan_tree(plan)


@router.patch(
    "/plans/{id}",
    auth=token_auth,
    response={200: PlanOut, **REFUSALS},
    summary="초안의 목표 고치기",
    tags=["초안 편집"],
)
def plan_patch(request, id: int, data: PlanPatchIn):
    plan = get_object_or_404(Plan.objects.select_related("owner"), pk=id)
    drafting.plan_goal_update(actor=request.auth, plan=plan, goal=data.goal)
    return plan_dict(Plan.objects.select_related("owner").get(pk=id))
