"""Evaluation rounds through the API (ADR 0008, step 3): everyone reads a round, its rules and
units and the criterion and band sets; Committee staff open a round and set its rules with a
token. The services decide who may do what; their refusals become 403/409/422 in api.py."""

from datetime import date, datetime
from typing import Any

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from dream.evaluation import services
from dream.evaluation.models import EvaluationRound
from dream.evaluation.selectors import (
    round_dict,
    round_of_year,
    rounds_list,
    rule_dicts,
    unit_dicts,
)

from ..auth import token_auth
from ..schemas import ValidationErrorOut
from .cycles import REFUSALS

router = Router(tags=["추진실적 평가"])
READ = {404: REFUSALS[404], 422: ValidationErrorOut}


class RoundIn(Schema):
    year: int = Field(ge=2000, le=2100, description="평가할 시행계획의 연도")


class RuleIn(Schema):
    key: str = Field(max_length=40, description="규칙 (rules의 key)")
    value: Any = Field(description="규칙의 값 (JSON: 글, 수, 목록)")
    note: str = Field("", max_length=2000, description="비고")


class PhaseOut(Schema):
    phase: str
    phase_label: str
    starts: date
    ends: date | None
    current: bool


class RoundOut(Schema):
    year: int
    phase: str
    phase_label: str
    schedule: list[PhaseOut]
    schedule_basis: str
    schedule_basis_label: str
    schedule_source_line: int | None
    frozen_at: datetime | None
    closed_at: datetime | None
    criterion_set_id: int | None
    band_set_id: int | None
    unit_count: int
    graded_unit_count: int


class RuleOut(Schema):
    key: str
    label: str
    value: Any
    shown: str
    basis: str
    basis_label: str
    source_line: int | None
    chosen_by: str
    chosen_at: datetime | None
    is_default: bool


class UnitOut(Schema):
    id: int
    parent_id: int | None
    depth: int
    kind: str
    kind_label: str
    graded: bool
    name: str
    plan_id: int
    strategy_id: int | None
    task_id: int | None
    organization: str
    related_organizations: list[str]
    shape_rule: str
    weight: str | None
    weight_reason: str
    source_line: int | None


class CriterionOut(Schema):
    position: int
    name: str
    description: str
    weight: str
    max_score: str
    source_line: int | None


class CriterionSetOut(Schema):
    id: int
    name: str
    is_example: bool
    note: str
    source_line: int | None
    criteria: list[CriterionOut]


class BandOut(Schema):
    position: int
    label: str
    min_score: str


class BandSetOut(Schema):
    id: int
    name: str
    is_example: bool
    note: str
    bands: list[BandOut]


def _round(year: int) -> EvaluationRound:
    try:
        return round_of_year(year)
    except Http404 as error:
        raise HttpError(404, str(error)) from None


@router.get("/evaluations", response={200: list[RoundOut]}, summary="평가 회차 목록")
def round_list(request):
    return rounds_list()


@router.post(
    "/evaluations",
    response={201: RoundOut, **REFUSALS},
    auth=token_auth,
    summary="평가 회차 열기 (지방시대위원회 담당자)",
)
def round_create(request, data: RoundIn):
    round = services.round_open(actor=request.auth, year=data.year)
    return Status(201, round_dict(round))


@router.get("/evaluations/{year}", response={200: RoundOut, **READ}, summary="평가 회차")
def round_detail(request, year: int):
    return round_dict(_round(year))


@router.get("/evaluations/{year}/rules", response={200: list[RuleOut], **READ}, summary="적용 규칙")
def rule_list(request, year: int):
    _round(year)
    return rule_dicts(year)


@router.patch(
    "/evaluations/{year}/rules",
    response={200: list[RuleOut], **REFUSALS},
    auth=token_auth,
    summary="규칙 정하기 (지방시대위원회 담당자, 평가계획 수립 단계)",
)
def rule_set(request, year: int, data: RuleIn):
    services.round_rule_set(
        actor=request.auth, round=_round(year), key=data.key, value=data.value, note=data.note
    )
    return rule_dicts(year)


@router.get("/evaluations/{year}/units", response={200: list[UnitOut], **READ}, summary="평가 단위")
def unit_list(request, year: int):
    return unit_dicts(_round(year))


@router.post(
    "/evaluations/{year}/units",
    response={200: RoundOut, **REFUSALS},
    auth=token_auth,
    summary="평가 단위 만들기·다시 만들기 (지방시대위원회 담당자, 평가계획 수립 단계)",
)
def unit_generate(request, year: int):
    round = _round(year)
    services.units_generate(actor=request.auth, round=round)
    return round_dict(round)
