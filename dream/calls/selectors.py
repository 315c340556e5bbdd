"""Reads of Track 1 other apps use: a proposal's Track 1 status (the pipeline board) and a
province's Track 1 score of a year (the allocation's performance measure)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef
from django.urls import reverse

from dream.evaluation.choices import AssignmentState
from dream.evaluation.computation import mean

from .choices import ApplicationState, CallState
from .models import Application, Call, CallAssignment, FundedYear, PreConsultation
from .permissions import can_view_call

CONSULTING = "사전 컨설팅"
APPLIED = "신청"
EVALUATING = "평가 중"
SELECTED = "선정"
NOT_SELECTED = "미선정"
FUNDED = "지원 중"
EXCELLENT = "우수"
MOVED = "트랙2로 이관"
EVALUATED_STATES = (CallState.SELECTED, CallState.CLOSED)
RANK_ORDER = F("rank").asc(nulls_last=True)


@dataclass(frozen=True)
class Track1Status:
    label: str
    call_title: str
    url: str


def call_url(call: Call) -> str:
    return reverse("calls:call_detail", args=[call.pk])


def application_label(application: Application) -> str:
    """Where an application stands, furthest step first."""
    if application.moved_to_track2:
        return MOVED
    if application.excellent:
        return EXCELLENT
    if application.state == ApplicationState.SELECTED:
        funded = getattr(application, "has_funded_year", None)
        if funded is None:
            funded = application.funded_years.exists()
        return FUNDED if funded else SELECTED
    if application.state == ApplicationState.NOT_SELECTED:
        return NOT_SELECTED
    if application.call.state == CallState.EVALUATING:
        return EVALUATING
    return APPLIED


def track1_status_by_proposal(proposal_ids) -> dict[int, Track1Status]:
    """Each proposal's Track 1 status from its latest application (or its pre-consulting when it
    has none); proposals Track 1 never saw are left out. Draft calls are not shown."""
    ids = list(proposal_ids)
    statuses: dict[int, Track1Status] = {}
    applications = (
        Application.objects.filter(proposal_id__in=ids)
        .exclude(state=ApplicationState.WITHDRAWN)
        .exclude(call__state=CallState.DRAFT)
        .select_related("call")
        .annotate(has_funded_year=Exists(FundedYear.objects.filter(application=OuterRef("pk"))))
        .order_by("call__year", "call_id", "pk")
    )
    for application in applications:
        statuses[application.proposal_id] = Track1Status(
            application_label(application), str(application.call), call_url(application.call)
        )
    consultations = (
        PreConsultation.objects.filter(proposal_id__in=ids)
        .exclude(proposal_id__in=statuses)
        .exclude(call__state=CallState.DRAFT)
        .select_related("call")
        .order_by("advised_on", "pk")
    )
    for consultation in consultations:
        statuses[consultation.proposal_id] = Track1Status(
            CONSULTING, str(consultation.call), call_url(consultation.call)
        )
    return statuses


def province_track1_scores(year: int) -> dict[int, Decimal | None]:
    """Mean final score (0–100, DREAM 계산) of each province's evaluated applications in the
    year's calls whose selection is done; a province that applied but has no score is None, one
    that did not apply is left out."""
    scores: dict[int, list[Decimal]] = defaultdict(list)
    applications = Application.objects.filter(
        call__year=year, call__state__in=EVALUATED_STATES
    ).exclude(state=ApplicationState.WITHDRAWN)
    for application in applications:
        bucket = scores[application.province_id]
        if application.final_score is not None:
            bucket.append(application.final_score)
    return {province: mean(values) for province, values in scores.items()}


# ---- pages and the API ------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleShown:
    """A rule in force, with its basis: the plan's line, or 계획이 정하지 않음."""

    name: str
    value: str
    basis: str
    line: int | None = None


NOT_FIXED = "계획이 정하지 않음 — DREAM 기본값/위원회 설정"


def call_rules(call: Call) -> list[RuleShown]:
    """The rules a call's results follow, for the 적용 규칙 box of every result."""
    return [
        RuleShown("평가 기준", "‘지자체 추진의지 등’만 계획에 적힘", "원문", 1700),
        RuleShown("평가위원 점수", "Σ(가중치 × 점수 ÷ 만점) ÷ Σ가중치 × 100 (0–100점)", NOT_FIXED),
        RuleShown(
            "신청 점수", "배정된 평가위원 점수의 평균, 모든 기준을 채점한 평가위원만", NOT_FIXED
        ),
        RuleShown(
            "평가반 간 표준화",
            f"평가반 z-점수를 전체 평균·표준편차로 되돌림(0–100점), 평가반 신청 "
            f"{call.min_units}개 미만이거나 표준편차 0이면 원점수",
            NOT_FIXED,
        ),
        RuleShown("점수 사유", f"기준마다 {call.min_reason_length}자 이상", NOT_FIXED),
        RuleShown(
            "선정",
            f"최종 점수 순(같으면 먼저 신청한 순), 예산 {call.budget_eok:,f}억원·"
            f"{call.select_count}개 안에서 — {call.get_selection_rule_display()}",
            NOT_FIXED,
        ),
        RuleShown(
            "이해충돌",
            "평가위원이 소속·신고한 기관, 그 시·도와 초광역권은 평가하지 않음",
            NOT_FIXED,
        ),
    ]


def calls_visible_to(user):
    calls = Call.objects.select_related("owner").order_by("-year", "pk")
    return [call for call in calls if can_view_call(user, call)]


def call_ranking(call: Call) -> list[Application]:
    """The public ranking after selection: aggregate scores only, never an evaluator's."""
    if call.state not in EVALUATED_STATES:
        return []
    return list(
        call.applications.exclude(state=ApplicationState.WITHDRAWN)
        .select_related("province", "proposal")
        .order_by(RANK_ORDER, "pk")
    )


def evaluator_assignments(call: Call, evaluator) -> list:
    """Only the evaluator's own live assignments of the call, with their scores."""
    if evaluator is None:
        return []
    return list(
        CallAssignment.objects.filter(call=call, evaluator=evaluator)
        .exclude(state=AssignmentState.CANCELLED)
        .select_related("application__province", "application__proposal", "panel")
        .prefetch_related("scores")
    )
