"""A body's results through the API: the year's public summary (as `/results/<year>/`), a
body's indicators with actuals and achievement, enter, replace and delete an actual. The results services decide who may write and when
(dream.results.services); their refusals become 403/409/422 in api.py. Results are public once
the Committee confirms them (확정); before that the caller's token must belong to a member of
the body or of the Committee."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError

from dream.cycle.errors import NotAllowed
from dream.evaluation.rules import achievement_rules_from, rules_for_year
from dream.indicators.models import Indicator
from dream.results.models import IndicatorActual
from dream.results.permissions import can_view_results
from dream.results.public import SHARE_RULE, Counts, published_year_or_404, year_results
from dream.results.selectors import (
    MAX_ID,
    BodyResults,
    body_results,
    body_results_named,
    body_submission,
)
from dream.results.services import indicator_actual_delete, indicator_actual_record

from ..auth import token_auth
from ..schemas import OrganizationOut
from .cycles import REFUSALS

router = Router(tags=["추진실적"], auth=token_auth)


class IndicatorActualIn(Schema):
    value: str = Field(
        max_length=1000,
        description='실적: 숫자("31.6", "1,234", 지표 단위나 % 붙여도 됨) 또는 수치 없는 글',
    )
    source: str = Field(max_length=1000, description="출처(통계명·보고서), 500자까지")
    observed_on: str = Field(max_length=100, description="기준일 YYYY-MM-DD, 오늘보다 뒤는 안 됨")
    note: str = Field("", max_length=1000, description="비고, 500자까지")
    reason: str = Field(
        "", max_length=1000, description="이미 있는 실적을 바꿀 때 필수: 까닭(100자까지)"
    )


class IndicatorActualDeleteIn(Schema):
    reason: str = Field(max_length=1000, description="지우는 까닭(필수, 100자까지)")


class IndicatorActualOut(Schema):
    indicator_id: int
    year: int
    value_text: str = Field(description="실적(입력 그대로)")
    value_number: Decimal | None = Field(description="실적 수치; 글로만 된 실적이면 null")
    source: str
    observed_on: dt.date
    note: str
    recorded_by: str = Field(description="입력한 사람")
    recorded_at: dt.datetime


class IndicatorAchievementOut(Schema):
    status: str = Field(
        description="computed, no_actual, no_direction, text_target, not_computable"
    )
    status_label: str
    percent: Decimal | None = Field(description="달성도(%), 소수 첫째 자리; 계산한 값")
    level: str = Field(description="달성 수준(계산): 달성, 부분 달성, 미달성")
    rule: str = Field(description="쓴 계산식")
    note: str


class IndicatorResultOut(Schema):
    indicator_id: int
    name: str
    unit: str
    task_code: str
    baseline_year: int | None
    baseline_text: str
    target_year: int | None
    target_text: str
    direction: str
    source_line: int | None
    actual: IndicatorActualOut | None
    achievement: IndicatorAchievementOut


class ResultRuleOut(Schema):
    key: str
    label: str
    shown: str
    basis: str = Field(description="printed(계획에 인쇄됨) 또는 not_fixed(계획이 정하지 않음)")


class BodyResultsOut(Schema):
    year: int
    organization: OrganizationOut
    plan_id: int
    state: str = Field(description="drafting(작성 중), submitted, returned, confirmed")
    state_label: str
    rules: list[ResultRuleOut]
    indicators: list[IndicatorResultOut]


class PublicRuleOut(ResultRuleOut):
    value: Any = Field(description="규칙의 값(JSON)")
    source_line: int | None = Field(description="인쇄된 규칙의 원문 줄")
    is_default: bool = Field(description="위원회가 정하지 않아 DREAM 기본값을 씀")


class CountsOut(Schema):
    indicators: int = Field(description="센 지표(개)")
    with_actual: int = Field(description="확정 실적이 있는 지표(개)")
    achieved: int = Field(description="달성(개)")
    partial: int = Field(description="부분 달성(개)")
    below: int = Field(description="미달성(개)")
    judgement: int = Field(description="평가위원 판단이 필요한 지표(개)")
    share: Decimal | None = Field(description="달성 비율(%, DREAM 계산); 계산된 지표가 없으면 null")


class BodyAchievementOut(Schema):
    organization: OrganizationOut
    kind_label: str
    plan_indicators: int = Field(description="이 기관이 실적을 내는 계획의 지표(개)")
    confirmed: bool = Field(description="실적이 확정되었는지; false면 counts는 0이고 share는 null")
    counts: CountsOut


class StrategyAchievementOut(Schema):
    group: str = Field(description="5대 전략, 초광역권 · 권역 이름, 전략에 연결되지 않은 지표")
    name: str
    counts: CountsOut


class YearResultsOut(Schema):
    year: int
    confirmed_count: int = Field(description="확정된 실적 제출(건)")
    share_rule: str = Field(description="달성 비율 계산식(DREAM 계산)")
    rules: list[PublicRuleOut]
    bodies: list[BodyAchievementOut]
    strategies: list[StrategyAchievementOut]


@router.get(
    "/results/{year}",
    auth=None,
    response={200: YearResultsOut, **REFUSALS},
    summary="연도의 추진실적 요약: 기관별·전략별 지표 달성 (확정된 실적만, 공개)",
)
def year_results_summary(request, year: int):
    try:
        published_year_or_404(year)
    except Http404 as error:
        raise HttpError(404, str(error)) from None
    rules = rules_for_year(year)
    results = year_results(year, achievement_rules_from(rules))
    return {
        "year": results.year,
        "confirmed_count": results.confirmed_count,
        "share_rule": SHARE_RULE,
        "rules": [
            {
                "key": r.key,
                "label": r.label,
                "shown": r.shown,
                "basis": r.basis,
                "value": r.value,
                "source_line": r.source_line,
                "is_default": r.is_default,
            }
            for r in rules
        ],
        "bodies": [
            {
                "organization": row.organization,
                "kind_label": row.kind_label,
                "plan_indicators": row.plan_indicators,
                "confirmed": row.confirmed,
                "counts": _counts_dict(row.counts),
            }
            for row in results.bodies
        ],
        "strategies": [
            {"group": row.group, "name": row.name, "counts": _counts_dict(row.counts)}
            for row in results.strategies
        ],
    }


def _counts_dict(counts: Counts) -> dict:
    return {
        "indicators": counts.indicators,
        "with_actual": counts.with_actual,
        "achieved": counts.achieved,
        "partial": counts.partial,
        "below": counts.below,
        "judgement": counts.judgement,
        "share": counts.share,
    }


@router.get(
    "/results/{year}/{org}",
    auth=None,
    response={200: BodyResultsOut, **REFUSALS},
    summary="기관의 추진실적: 성과지표별 기준·목표·실적·달성도 (확정 전에는 구성원만)",
)
def body_results_detail(request, year: int, org: str):
    plan, organization = _named(year, org)
    user = _caller(request)
    if not can_view_results(user, body_submission(plan, organization)):
        if not user.is_authenticated:
            raise AuthenticationError()
        raise NotAllowed(
            f"{organization}의 {year}년 실적은 확정되기 전에는 그 기관과 지방시대위원회 "
            "구성원만 볼 수 있습니다."
        )
    return _results_dict(body_results(plan, organization, year, user))


@router.put(
    "/indicators/{id}/actuals/{year}",
    response={200: IndicatorActualOut, **REFUSALS},
    summary="성과지표 실적 입력·바꾸기 (바꿀 때는 reason 필수)",
)
def actual_put(request, id: int, year: int, data: IndicatorActualIn):
    actual = indicator_actual_record(
        actor=request.auth,
        indicator=_indicator(id),
        year=year,
        value_text=data.value,
        source=data.source,
        observed_on=data.observed_on,
        note=data.note,
        reason=data.reason,
    )
    return _actual_dict(IndicatorActual.objects.select_related("recorded_by").get(pk=actual.pk))


@router.delete(
    "/indicators/{id}/actuals/{year}",
    response={204: None, **REFUSALS},
    summary="성과지표 실적 지우기 (reason 필수)",
)
def actual_remove(request, id: int, year: int, data: IndicatorActualDeleteIn):
    indicator = _indicator(id)
    actual = IndicatorActual.objects.filter(indicator=indicator, year=year).first()
    if actual is None:
        raise HttpError(404, f"이 지표의 {year}년 실적이 없습니다.")
    indicator_actual_delete(actor=request.auth, actual=actual, reason=data.reason)
    return Status(204, None)


def _caller(request):
    """The token's owner when a valid token is sent, else an anonymous visitor."""
    try:
        return token_auth(request) or AnonymousUser()
    except AuthenticationError:
        return AnonymousUser()


def _named(year: int, org: str):
    try:
        return body_results_named(year, org)
    except Http404 as error:
        raise HttpError(404, str(error)) from None


def _indicator(id: int) -> Indicator:
    indicator = None
    if 1 <= id <= MAX_ID:
        indicator = Indicator.objects.select_related("plan", "task").filter(pk=id).first()
    if indicator is None:
        raise HttpError(404, f"{id}번 성과지표가 없습니다.")
    return indicator


def _actual_dict(actual: IndicatorActual) -> dict:
    who = actual.recorded_by
    return {
        "indicator_id": actual.indicator_id,
        "year": actual.year,
        "value_text": actual.value_text,
        "value_number": actual.value,
        "source": actual.source,
        "observed_on": actual.observed_on,
        "note": actual.note,
        "recorded_by": who.get_full_name() or who.get_username(),
        "recorded_at": actual.recorded_at,
    }


def _results_dict(results: BodyResults) -> dict:
    return {
        "year": results.year,
        "organization": results.organization,
        "plan_id": results.plan.pk,
        "state": results.submission.state,
        "state_label": results.submission.get_state_display(),
        "rules": [
            {"key": r.key, "label": r.label, "shown": r.shown, "basis": r.basis}
            for r in results.rules
        ],
        "indicators": [
            {
                "indicator_id": row.indicator.pk,
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "task_code": row.indicator.task.code if row.indicator.task else "",
                "baseline_year": row.indicator.baseline_year,
                "baseline_text": row.indicator.baseline_text,
                "target_year": row.indicator.target_year,
                "target_text": row.indicator.target_text,
                "direction": row.indicator.direction,
                "source_line": row.indicator.source_line,
                "actual": _actual_dict(row.actual) if row.actual else None,
                "achievement": {
                    "status": row.achievement.status,
                    "status_label": row.achievement.status_label,
                    "percent": row.achievement.percent,
                    "level": row.achievement.level,
                    "rule": row.achievement.rule,
                    "note": row.achievement.note,
                },
            }
            for row in results.rows
        ],
    }
