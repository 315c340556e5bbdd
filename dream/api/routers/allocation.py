"""The turnkey package's performance-based allocation through the API (docs/allocation.md):
the what-if for Committee staff (other systems send base amounts and scores and get every
province's amount under the rule in force), and the saved runs as public reads. Amounts are
decimal strings in 억원, changes in %."""

from datetime import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import StrictBool, StrictFloat, StrictInt, StrictStr

from dream.allocation import selectors, services
from dream.allocation.models import AllocationRun
from dream.allocation.permissions import can_manage_allocation
from dream.cycle.errors import NotAllowed

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS

router = Router(tags=["턴키 패키지 성과 연동 배분"])
Number = StrictStr | StrictInt | StrictFloat  # true/false is not a number
MAX_PROVINCE_KEYS = 50  # the rule refuses more than 17; this only bounds the request


class WhatIfIn(Schema):
    base: dict[str, Number] = Field(
        max_length=MAX_PROVINCE_KEYS,
        description="시·도 약칭별 기준액(억원, 0 이상, 소수 2자리까지)",
    )
    scores: dict[str, Number] = Field(
        max_length=MAX_PROVINCE_KEYS, description="시·도 약칭별 성과 점수(0–1); base와 같은 시·도"
    )
    budget_neutral: StrictBool | None = Field(
        None, description="총액 유지 여부; 생략하면 그 해 설정(기본 true)"
    )
    year: StrictInt | None = Field(
        None, ge=2000, le=2100, description="상한을 읽을 연도; 생략하면 올해"
    )


class ShareOut(Schema):
    province: str = Field(description="시·도 약칭")
    base: str = Field(description="기준액(억원)")
    score: str = Field(description="성과 점수(0–1)")
    change_percent: str = Field(description="규칙이 주는 변동률(%, 소수 2자리)")
    amount: str = Field(description="배분액(억원, 0.01억원 단위)")


class WhatIfOut(Schema):
    year: int
    cap: str = Field(description="차등화 상한(비율, 최대 0.20 — 원문 l.1124)")
    cap_basis: str = Field(description="상한의 근거")
    budget_neutral: bool
    rule: str = Field(description="변동률 계산식(계획이 정하지 않음 — DREAM 기본값)")
    rounding: str = Field(description="끝전 처리")
    mean_score: str | None = Field(description="총액 유지일 때 기준액 가중 평균 점수")
    base_total: str
    amount_total: str
    remainder: str = Field(description="총액 유지일 때 배분되지 못한 끝전(억원)")
    provinces: list[ShareOut]


class LineOut(Schema):
    province: str
    base: str
    score: str
    score_from_data: bool = Field(description="측정값에서 계산한 점수인지(false: 자료 없음, 0.5)")
    change_percent: str
    amount: str
    explanation: str = Field(description="시·도별 설명(측정 항목별 환산값·원값·가중치)")


class RunOut(Schema):
    id: int
    year: int
    label: str
    created_at: datetime
    inputs_hash: str = Field(description="입력의 SHA-256")


class RunDetailOut(RunOut):
    rule: str
    rounding: str
    cap: str
    budget_neutral: bool
    mean_score: str | None
    base_total: str
    amount_total: str
    remainder: str
    lines: list[LineOut]
    inputs: dict = Field(description="계산에 쓴 입력(기준액, 측정값, 가중치, 설정)")


class RunFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="연도")


@router.post(
    "/allocations/what-if",
    response={200: WhatIfOut, **REFUSALS},
    auth=token_auth,
    url_name="allocation_what_if",
    summary="배분 가정 계산 (지방시대위원회 담당자)",
)
def what_if(request, payload: WhatIfIn):
    if not can_manage_allocation(request.auth):
        raise NotAllowed(services.REFUSED)
    year = payload.year or timezone.localdate().year
    settings = selectors.settings_for(year)
    neutral = settings.budget_neutral if payload.budget_neutral is None else payload.budget_neutral
    result = services.what_if(
        payload.base, payload.scores, budget_neutral=neutral, cap=settings.cap
    )
    return {
        "year": year,
        "cap": str(result.cap),
        "cap_basis": settings.cap_basis,
        "budget_neutral": result.budget_neutral,
        "rule": result.rule,
        "rounding": services.rules.ROUNDING,
        "mean_score": None if result.mean_score is None else str(result.mean_score),
        "base_total": str(result.base_total),
        "amount_total": str(result.amount_total),
        "remainder": str(result.remainder),
        "provinces": [
            {
                "province": s.province,
                "base": str(s.base),
                "score": str(s.score),
                "change_percent": str(s.change_percent),
                "amount": str(s.amount),
            }
            for s in result.shares
        ],
    }


def _run(run: AllocationRun) -> dict:
    return {
        "id": run.pk,
        "year": run.year,
        "label": run.label,
        "created_at": run.created_at,
        "inputs_hash": run.inputs_hash,
    }


@router.get(
    "/allocations/runs",
    response=list[RunOut],
    auth=None,
    url_name="allocation_run_list",
    summary="배분 실행 목록 (공개)",
)
def run_list(request, filters: Query[RunFilter]):
    runs = AllocationRun.objects.all()
    if filters.year is not None:
        runs = runs.filter(year=filters.year)
    return [_run(run) for run in runs[:500]]


@router.get(
    "/allocations/runs/{run_id}",
    response={200: RunDetailOut, 404: REFUSALS[404], 422: REFUSALS[422]},
    auth=None,
    url_name="allocation_run_detail",
    summary="배분 실행 한 건: 시·도별 기준액·점수·변동률·배분액·설명과 규칙 (공개)",
)
def run_detail(request, run_id: int):
    run = AllocationRun.objects.filter(pk=run_id).first() if 1 <= run_id <= MAX_ID else None
    if run is None:
        raise Http404
    result = run.result
    return {
        **_run(run),
        **{key: result[key] for key in RunDetailOut.model_fields if key in result},
        "inputs": run.inputs,
    }
