"""Which Track 1 rows the data package publishes (docs/opendata.md, docs/calls.md): calls that
are no longer drafts with their criteria, and — once a call's selection is done — its
applications with their aggregate scores (raw mean, panel-normalised, final; DREAM 계산) and
the funded years. Individual evaluators' scores and names are never published."""

from dream.calls.choices import ApplicationState, CallState
from dream.calls.models import Application, Call, CallCriterion, FundedYear
from dream.calls.selectors import RANK_ORDER

from .resources import Resource, column

SELECTED_STATES = (CallState.SELECTED, CallState.CLOSED)

RESOURCES = [
    Resource(
        "calls",
        "트랙1 공모 (지역 자율형 디지털 혁신 프로젝트)",
        [
            column("call_id", "integer", "공모 ID", True, "pk"),
            column("year", "integer", "연도", True),
            column("title", "string", "공모명", True),
            column("owner_id", "integer", "주관 부처 ID", True),
            column("budget_eok", "number", "예산(억원)", True),
            column("budget_text", "string", "예산(입력한 글)", True),
            column("select_count", "integer", "선정 과제 수(개)", True),
            column("state", "string", "상태", True),
            column("deadline", "date", "신청 마감일", True),
            column("min_units", "integer", "표준화 최소 신청 수(개)", True),
            column("min_reason_length", "integer", "점수 사유 최소 글자 수(자)", True),
            column("selection_rule", "string", "선정 규칙", True),
        ],
        ["call_id"],
        [("owner_id", "organizations", "org_id")],
        lambda: Call.objects.exclude(state=CallState.DRAFT).order_by("pk"),
    ),
    Resource(
        "call_criteria",
        "트랙1 공모 평가 기준",
        [
            column("call_id", "integer", "공모 ID", True),
            column("position", "integer", "순서", True),
            column("name", "string", "기준", True),
            column("weight", "number", "가중치", True),
            column("max_score", "number", "만점(점)", True),
            column("basis", "string", "근거", True),
            column("source_line", "integer", "원문 줄"),
        ],
        ["call_id", "position"],
        [("call_id", "calls", "call_id")],
        lambda: CallCriterion.objects.exclude(call__state=CallState.DRAFT).order_by(
            "call", "position"
        ),
    ),
    Resource(
        "call_applications",
        "트랙1 신청과 선정 결과 (선정이 끝난 공모, 집계 점수만)",
        [
            column("application_id", "integer", "신청 ID", True, "pk"),
            column("call_id", "integer", "공모 ID", True),
            column("province_id", "integer", "시·도 ID", True),
            column("title", "string", "과제명", True, "proposal__title"),
            column("requested_eok", "number", "신청 금액(억원)", True),
            column("raw_score", "number", "원점수(점, DREAM 계산)"),
            column("normalised_score", "number", "표준화 점수(점, DREAM 계산)"),
            column("final_score", "number", "최종 점수(점, DREAM 계산)"),
            column("score_note", "string", "점수 비고"),
            column("evaluator_count", "integer", "평가위원 수(명)", True),
            column("rank", "integer", "순위"),
            column("state", "string", "결과", True),
            column("selected_eok", "number", "선정 금액(억원)"),
            column("excellent", "boolean", "우수 과제", True),
            column("moved_to_track2", "boolean", "트랙2로 이관", True),
        ],
        ["application_id"],
        [("call_id", "calls", "call_id"), ("province_id", "organizations", "org_id")],
        lambda: (
            Application.objects.filter(call__state__in=SELECTED_STATES)
            .exclude(state=ApplicationState.WITHDRAWN)
            .order_by("call", RANK_ORDER, "pk")
        ),
    ),
    Resource(
        "call_funded_years",
        "트랙1 선정 과제 연차 지원",
        [
            column("application_id", "integer", "신청 ID", True),
            column("year", "integer", "연도", True),
            column("granted_eok", "number", "지원액(억원)", True),
            column("granted_text", "string", "지원액(입력한 글)", True),
            column("spent_eok", "number", "집행액(억원)"),
            column("spent_text", "string", "집행액(입력한 글)"),
            column("outputs", "string", "성과"),
            column("rating", "string", "평가"),
        ],
        ["application_id", "year"],
        [("application_id", "call_applications", "application_id")],
        lambda: FundedYear.objects.filter(application__call__state__in=SELECTED_STATES).order_by(
            "application", "year"
        ),
    ),
]
