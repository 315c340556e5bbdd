"""The district's long-term development plan and the government's suitability review, the
only write path for both (digital plan l.1043–1045: "지자체 주도로 … 발전계획*(10년 이상
단위) 수립 → 정부는 적합성 검토 후 조성지역 지원").

A province drafts its plan and submits it; only a submitted plan is reviewed. Reviews are
never changed: the newest is the outcome in force, earlier ones stay as its history.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User

from .choices import ReviewOutcome
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    PLAN_MIN_YEARS,
    DevelopmentPlan,
    InnovationDistrict,
    PlanReview,
)
from .permissions import can_record_plan_review, can_submit_development_plan

PLAN_LINE = 1045  # digital plan: 발전계획*(10년 이상 단위) … 적합성 검토
DEFAULT_REVIEWER_BODY = "과학기술정보통신부"
SHORT_PLAN_MESSAGE = (
    "발전계획은 10년 이상 단위로 수립합니다(지방 디지털 경쟁력 강화방안 원문 l.1045). "
    "시작 연도와 끝 연도를 모두 세어 {years}년입니다."
)


def _check_years(start_year: int, end_year: int) -> None:
    if not (FIRST_YEAR <= start_year <= LAST_YEAR and FIRST_YEAR <= end_year <= LAST_YEAR):
        raise ValidationError({"end_year": f"연도는 {FIRST_YEAR}~{LAST_YEAR} 사이여야 합니다."})
    years = end_year - start_year + 1
    if years < PLAN_MIN_YEARS:
        raise ValidationError({"end_year": SHORT_PLAN_MESSAGE.format(years=years)})


@transaction.atomic
def development_plan_draft(
    *,
    actor: User,
    district: InnovationDistrict,
    title: str,
    start_year: int,
    end_year: int,
    document_reference: str = "",
) -> DevelopmentPlan:
    """Draft a plan for the district (not yet public, not yet reviewable)."""
    if not can_submit_development_plan(actor, district):
        raise PermissionDenied("이 디지털 혁신지구의 발전계획을 작성할 권한이 없습니다.")
    if not title.strip():
        raise ValidationError({"title": "계획 이름을 적어 주세요."})
    _check_years(start_year, end_year)
    plan = DevelopmentPlan(
        district=district,
        title=title.strip(),
        start_year=start_year,
        end_year=end_year,
        document_reference=document_reference.strip(),
        recorded_by=actor,
    )
    plan.full_clean()
    plan._history_user = actor
    plan._change_reason = "plan.drafted"
    plan.save()
    return plan


@transaction.atomic
def development_plan_submit(
    *, actor: User, plan: DevelopmentPlan, submitted_on: date
) -> DevelopmentPlan:
    """Submit a drafted plan to the government on `submitted_on` (not in the future). The
    row is locked so two submissions at once are taken one after the other."""
    if not can_submit_development_plan(actor, plan.district):
        raise PermissionDenied("이 디지털 혁신지구의 발전계획을 제출할 권한이 없습니다.")
    plan = DevelopmentPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    if plan.is_submitted:
        raise ValidationError(f"이 발전계획은 이미 {plan.submitted_on:%Y-%m-%d}에 제출되었습니다.")
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": "제출일은 오늘 이후일 수 없습니다."})
    plan.submitted_on = submitted_on
    plan.submitted_by = actor
    plan._history_user = actor
    plan._change_reason = "plan.submitted"
    plan.save(update_fields=["submitted_on", "submitted_by"])
    return plan


@transaction.atomic
def plan_review_record(
    *,
    actor: User,
    plan: DevelopmentPlan,
    reviewed_on: date,
    outcome: str,
    decision: str,
    reviewer_body: str = DEFAULT_REVIEWER_BODY,
) -> PlanReview:
    """Record the government's suitability review of a submitted plan. A later review of
    the same plan becomes the outcome in force; it may not be dated before the previous one
    nor before the submission."""
    if not can_record_plan_review(actor, plan.district):
        raise PermissionDenied("발전계획 적합성 검토 결과는 지방시대위원회 담당자만 기록합니다.")
    plan = DevelopmentPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    if not plan.is_submitted:
        raise ValidationError("제출되지 않은 발전계획은 적합성 검토를 기록할 수 없습니다.")
    errors = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = "검토 결과는 적합, 보완, 부적합 가운데 하나입니다."
    if not decision.strip():
        errors["decision"] = "검토 의견을 적어 주세요."
    if not reviewer_body.strip():
        errors["reviewer_body"] = "검토 기관을 적어 주세요."
    last = plan.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = "검토일은 오늘 이후일 수 없습니다."
    elif reviewed_on < plan.submitted_on:
        errors["reviewed_on"] = f"검토일은 제출일({plan.submitted_on:%Y-%m-%d}) 이후여야 합니다."
    elif last and reviewed_on < last:
        errors["reviewed_on"] = f"검토일은 마지막 검토일({last:%Y-%m-%d}) 이후여야 합니다."
    if errors:
        raise ValidationError(errors)
    review = PlanReview(
        plan=plan,
        reviewed_on=reviewed_on,
        outcome=outcome,
        decision=decision.strip(),
        reviewer_body=reviewer_body.strip(),
        recorded_by=actor,
    )
    review.full_clean()
    review.save()
    return review


def live_review(plan: DevelopmentPlan) -> PlanReview | None:
    """The review in force: the newest by date, then by when it was recorded."""
    return plan.reviews.order_by("-reviewed_on", "-recorded_at", "-pk").first()
