"""A round's settings through the API (ADR 0008, issue 10 items 1–2): Committee staff make
criterion and grade band sets, choose the round's pair, weigh units and give an indicator the
direction its plan leaves out, while the round is planned (after it froze: 409); the assigned
evaluator judges the indicators DREAM cannot compute. Everything needs a token; the services
decide and their refusals become 403/409/422."""

from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field, StrictFloat, StrictInt, StrictStr

from dream.core.korean import with_particle
from dream.cycle.errors import InvalidInput, NotAllowed
from dream.evaluation import scoring, services
from dream.evaluation.models import (
    Assignment,
    CriterionSet,
    GradeBandSet,
    IndicatorJudgement,
    Unit,
)
from dream.evaluation.permissions import can_manage_round
from dream.evaluation.selectors import (
    band_set_dicts,
    criterion_set_dicts,
    round_dict,
    round_of_year,
    unit_dicts,
)
from dream.evaluation.views_config import indicators_to_judge
from dream.indicators.models import Indicator

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS
from .evaluations import BandSetOut, CriterionSetOut, RoundOut, UnitOut

router = Router(tags=["추진실적 평가: 기준·등급 구간·가중치·지표 판단"], auth=token_auth)
Number = StrictStr | StrictInt | StrictFloat  # true/false is not a number


class CriterionIn(Schema):
    name: str = Field(max_length=200, description="기준 이름")
    description: str = Field("", max_length=2000, description="설명")
    weight: Number = Field(1, description="가중치 (상대값, 0 초과 1000 이하, 십진 문자열 권장)")
    max_score: Number = Field(100, description="만점 (점, 1–1000)")


class CriterionSetIn(Schema):
    name: str = Field(max_length=200, description="묶음 이름 (겹치면 409)")
    note: str = Field("", max_length=2000, description="비고")
    criteria: list[CriterionIn] = Field(max_length=50, description="기준들 (순서대로)")


class BandIn(Schema):
    label: str = Field(max_length=50, description="등급 이름 (예: 우수)")
    min_score: Number = Field(description="하한 (점 이상, 0–100; 가장 낮은 등급은 0)")


class BandSetIn(Schema):
    name: str = Field(max_length=200, description="묶음 이름 (겹치면 409)")
    note: str = Field("", max_length=2000, description="비고")
    bands: list[BandIn] = Field(max_length=20, description="등급들 (0–100점을 빈틈없이 덮음)")


class RoundSetsIn(Schema):
    criterion_set_id: int = Field(ge=1, le=MAX_ID, description="평가 기준 묶음 id")
    band_set_id: int = Field(ge=1, le=MAX_ID, description="등급 구간 묶음 id")


class UnitWeightIn(Schema):
    weight: Number | None = Field(description="가중치 (상대값); null이면 같은 가중치로")
    reason: str = Field(max_length=2000, description="사유 (필수)")


class IndicatorRuleIn(Schema):
    direction: str = Field(max_length=10, description="higher (높을수록 좋음) 또는 lower")
    note: str = Field("", max_length=2000, description="비고")


class IndicatorRuleOut(Schema):
    year: int
    indicator_id: int
    indicator: str
    direction: str
    direction_label: str
    note: str
    chosen_by: str


class JudgementIn(Schema):
    level: str = Field(max_length=20, description="achieved, partial, not_achieved")
    reason: str = Field(max_length=2000, description="사유 (회차 규칙의 최소 글자 수 이상)")


class JudgementOut(Schema):
    assignment_id: int
    indicator_id: int
    indicator: str
    level: str
    level_label: str
    reason: str


def _number(value: Number | None):
    """A JSON number as the text the services read (never a binary float's digits)."""
    if isinstance(value, float):
        return str(Decimal(repr(value)))
    return value


def _id(pk: int) -> int:
    """A path id a database can hold; anything else is a 404, never a server error."""
    if not 1 <= pk <= MAX_ID:
        raise Http404
    return pk


def _staff_checked(user, what: str) -> None:
    if not can_manage_round(user):
        raise NotAllowed(f"{with_particle(what, '은')} 지방시대위원회 담당자만 할 수 있습니다.")


@router.get(
    "/criterion-sets", response={200: list[CriterionSetOut]}, auth=None, summary="평가 기준 묶음"
)
def criterion_set_list(request):
    return criterion_set_dicts()


@router.get(
    "/grade-band-sets", response={200: list[BandSetOut]}, auth=None, summary="등급 구간 묶음"
)
def band_set_list(request):
    return band_set_dicts()


@router.post(
    "/criterion-sets",
    response={201: CriterionSetOut, **REFUSALS},
    auth=token_auth,
    summary="평가 기준 묶음 만들기 (지방시대위원회 담당자)",
)
def criterion_set_create(request, data: CriterionSetIn):
    criterion_set = services.criterion_set_save(
        actor=request.auth,
        name=data.name,
        note=data.note,
        criteria=[
            services.CriterionInput(
                name=c.name,
                description=c.description,
                weight=_number(c.weight),
                max_score=_number(c.max_score),
            )
            for c in data.criteria
        ],
    )
    return Status(201, next(s for s in criterion_set_dicts() if s["id"] == criterion_set.pk))


@router.post(
    "/grade-band-sets",
    response={201: BandSetOut, **REFUSALS},
    auth=token_auth,
    summary="등급 구간 묶음 만들기 (지방시대위원회 담당자)",
)
def band_set_create(request, data: BandSetIn):
    band_set = services.grade_band_set_save(
        actor=request.auth,
        name=data.name,
        note=data.note,
        bands=[(b.label, _number(b.min_score)) for b in data.bands],
    )
    return Status(201, next(s for s in band_set_dicts() if s["id"] == band_set.pk))


@router.put(
    "/evaluations/{year}/sets",
    response={200: RoundOut, **REFUSALS},
    summary="회차의 평가 기준·등급 구간 고르기 (담당자, 평가계획 수립 단계)",
)
def round_sets_put(request, year: int, data: RoundSetsIn):
    round = round_of_year(year)
    _staff_checked(request.auth, "평가 기준·등급 구간 선택")
    criterion_set = CriterionSet.objects.filter(pk=data.criterion_set_id).first()
    band_set = GradeBandSet.objects.filter(pk=data.band_set_id).first()
    if criterion_set is None or band_set is None:
        raise Http404
    round = services.round_sets_choose(
        actor=request.auth, round=round, criterion_set=criterion_set, band_set=band_set
    )
    return round_dict(round)


@router.patch(
    "/evaluation-units/{id}",
    response={200: UnitOut, **REFUSALS},
    summary="평가 단위의 가중치 (담당자, 평가계획 수립 단계, 사유 필수)",
)
def unit_weight_patch(request, id: int, data: UnitWeightIn):
    unit = Unit.objects.select_related("round").filter(pk=_id(id)).first()
    if unit is None:
        raise Http404
    services.unit_weight_set(
        actor=request.auth, unit=unit, weight=_number(data.weight), reason=data.reason
    )
    return next(u for u in unit_dicts(unit.round) if u["id"] == unit.pk)


@router.put(
    "/evaluations/{year}/indicator-rules/{indicator_id}",
    response={200: IndicatorRuleOut, **REFUSALS},
    summary="지표의 방향 정하기 (담당자, 평가계획 수립 단계, 계획이 방향을 적지 않은 지표)",
)
def indicator_rule_put(request, year: int, indicator_id: int, data: IndicatorRuleIn):
    round = round_of_year(year)
    indicator = Indicator.objects.select_related("plan").filter(pk=_id(indicator_id)).first()
    if indicator is None:
        raise Http404
    rule = services.indicator_rule_set(
        actor=request.auth,
        round=round,
        indicator=indicator,
        direction=data.direction,
        note=data.note,
    )
    return {
        "year": round.year,
        "indicator_id": indicator.pk,
        "indicator": indicator.name,
        "direction": rule.direction,
        "direction_label": rule.get_direction_display(),
        "note": rule.note,
        "chosen_by": str(rule.chosen_by),
    }


@router.put(
    "/assignments/{id}/judgements/{indicator_id}",
    response={200: JudgementOut, **REFUSALS},
    summary="지표 판단: 달성·부분 달성·미달성 (배정된 평가위원 본인)",
)
def judgement_put(request, id: int, indicator_id: int, data: JudgementIn):
    assignment = (
        Assignment.objects.select_related("round", "unit", "evaluator").filter(pk=_id(id)).first()
    )
    indicator = Indicator.objects.filter(pk=_id(indicator_id)).first()
    if assignment is None or indicator is None:
        raise Http404
    if assignment.evaluator.user_id != request.auth.pk:
        raise NotAllowed("배정된 평가위원 본인만 지표를 판단합니다. 누구도 대신할 수 없습니다.")
    if indicator.pk not in {i.pk for i in indicators_to_judge(assignment.round, assignment.unit)}:
        raise InvalidInput(
            "이 단위에서 판단할 지표가 아닙니다(수치 목표와 방향이 있는 지표는 계산합니다)."
        )
    judgement: IndicatorJudgement = scoring.indicator_judge(
        actor=request.auth,
        assignment=assignment,
        indicator=indicator,
        level=data.level,
        reason=data.reason,
    )
    return {
        "assignment_id": assignment.pk,
        "indicator_id": indicator.pk,
        "indicator": indicator.name,
        "level": judgement.level,
        "level_label": judgement.get_level_display(),
        "reason": judgement.reason,
    }
