"""Track 1 calls through the API (docs/calls.md): public reads of the calls — after selection
the ranking with aggregate scores only, never an evaluator's score or name — and the call's
steps with a token: a province applies, the owner ministry or staff assign, compute and select,
an evaluator declares and scores for self only. Refusals: 401/403/404/409 (a conflict of
interest is 409)/422."""

from datetime import date, datetime

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from dream.accounts.models import Organization
from dream.calls import evaluation, selectors, services
from dream.calls.models import Application, Call, CallAssignment, CallPanel
from dream.calls.permissions import can_view_call
from dream.calls.selectors import RANK_ORDER
from dream.evaluation.models import Evaluator
from dream.pipeline.models import Proposal

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS

router = Router(tags=["트랙1 공모"], auth=token_auth)


class CallCriterionOut(Schema):
    id: int
    name: str
    weight: str
    max_score: str
    basis: str
    source_line: int | None


class CallRuleOut(Schema):
    name: str
    value: str
    basis: str
    line: int | None


class RankedApplicationOut(Schema):
    id: int
    province: str
    proposal_id: int
    title: str
    requested: str
    final_score: str | None
    score_note: str
    rank: int | None
    state: str
    selected_amount: str | None
    excellent: bool
    moved_to_track2: bool


class CallOut(Schema):
    id: int
    year: int
    title: str
    owner: str
    budget: str
    budget_text: str
    select_count: int
    state: str
    deadline: date
    selection_rule: str


class CallDetailOut(CallOut):
    criteria: list[CallCriterionOut]
    rules: list[CallRuleOut]
    ranking: list[RankedApplicationOut]


class ApplicationIn(Schema):
    proposal_id: int = Field(ge=1, le=MAX_ID)
    requested: str = Field(max_length=50, description="신청 금액 (억원, 십진 문자열)")


class ApplicationOut(Schema):
    id: int
    call_id: int
    proposal_id: int
    province: str
    requested: str
    state: str
    submitted_at: datetime


class CallAssignmentIn(Schema):
    application_id: int = Field(ge=1, le=MAX_ID)
    evaluator_id: int = Field(ge=1, le=MAX_ID)
    panel_id: int = Field(ge=1, le=MAX_ID)


class CallAssignmentOut(Schema):
    id: int
    application_id: int
    evaluator_id: int
    panel_id: int
    state: str


class CallTieIn(Schema):
    organization: str = Field(max_length=50, description="기관 약칭 (예: 부산)")
    kind: str = Field(max_length=20, description="employment, advisory, research, family, other")
    note: str = Field("", max_length=2000)


class CallDeclarationIn(Schema):
    none_to_declare: bool = False
    statement: str = Field("", max_length=2000)
    ties: list[CallTieIn] = Field(default_factory=list, max_length=50)


class CallDeclarationOut(Schema):
    id: int
    declared_at: datetime
    none_to_declare: bool


class CallScoreIn(Schema):
    criterion_id: int = Field(ge=1, le=MAX_ID)
    value: str = Field(max_length=20, description="점수 (점, 십진 문자열)")
    reason: str = Field(max_length=2000)


class CallScoreOut(Schema):
    criterion_id: int
    value: str
    reason: str


class ComputedOut(Schema):
    id: int
    province: str
    raw_score: str | None
    normalised_score: str | None
    final_score: str | None
    score_note: str
    evaluator_count: int
    rank: int | None
    state: str
    selected_amount: str | None


def _text(value) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def _call_dict(call: Call) -> dict:
    return {
        "id": call.pk,
        "year": call.year,
        "title": call.title,
        "owner": str(call.owner),
        "budget": _text(call.budget_eok),
        "budget_text": call.budget_text,
        "select_count": call.select_count,
        "state": call.state,
        "deadline": call.deadline,
        "selection_rule": call.selection_rule,
    }


def _ranked(application: Application) -> dict:
    return {
        "id": application.pk,
        "province": str(application.province),
        "proposal_id": application.proposal_id,
        "title": application.proposal.title,
        "requested": _text(application.requested_eok),
        "final_score": _text(application.final_score),
        "score_note": application.score_note,
        "rank": application.rank,
        "state": application.state,
        "selected_amount": _text(application.selected_eok),
        "excellent": application.excellent,
        "moved_to_track2": application.moved_to_track2,
    }


def _computed(application: Application) -> dict:
    return {
        "id": application.pk,
        "province": str(application.province),
        "raw_score": _text(application.raw_score),
        "normalised_score": _text(application.normalised_score),
        "final_score": _text(application.final_score),
        "score_note": application.score_note,
        "evaluator_count": application.evaluator_count,
        "rank": application.rank,
        "state": application.state,
        "selected_amount": _text(application.selected_eok),
    }


def _call(request, call_id: int) -> Call:
    call = Call.objects.select_related("owner").filter(pk=call_id).first()
    user = getattr(request, "auth", None) or request.user
    if call is None or not can_view_call(user, call):
        raise Http404("공모가 없습니다.")
    return call


@router.get("/calls", auth=None, response=list[CallOut], summary="트랙1 공모 목록 (공개)")
def calls_list(request):
    return [_call_dict(call) for call in selectors.calls_visible_to(request.user)]


@router.get(
    "/calls/{call_id}",
    auth=None,
    response={200: CallDetailOut, 404: REFUSALS[404]},
    summary="트랙1 공모 (공개: 기준, 적용 규칙, 선정 뒤 순위와 집계 점수)",
)
def calls_detail(request, call_id: int):
    call = _call(request, call_id)
    return {
        **_call_dict(call),
        "criteria": [
            {
                "id": c.pk,
                "name": c.name,
                "weight": _text(c.weight),
                "max_score": _text(c.max_score),
                "basis": c.basis,
                "source_line": c.source_line,
            }
            for c in call.criteria.all()
        ],
        "rules": [rule.__dict__ for rule in selectors.call_rules(call)],
        "ranking": [_ranked(a) for a in selectors.call_ranking(call)],
    }


@router.post(
    "/calls/{call_id}/applications",
    response={201: ApplicationOut, **REFUSALS},
    summary="신청 (제안한 시·도의 작성 담당자)",
)
def call_application_create(request, call_id: int, data: ApplicationIn):
    call = _call(request, call_id)
    proposal = Proposal.objects.filter(pk=data.proposal_id).first()
    if proposal is None:
        raise Http404("제안이 없습니다.")
    application = services.application_submit(
        actor=request.auth, call=call, proposal=proposal, requested=data.requested
    )
    return Status(
        201,
        {
            "id": application.pk,
            "call_id": call.pk,
            "proposal_id": proposal.pk,
            "province": str(application.province),
            "requested": _text(application.requested_eok),
            "state": application.state,
            "submitted_at": application.submitted_at,
        },
    )


@router.post(
    "/calls/{call_id}/declarations",
    response={201: CallDeclarationOut, **REFUSALS},
    summary="이해관계 신고 (평가위원 본인)",
)
def call_declaration_create(request, call_id: int, data: CallDeclarationIn):
    call = _call(request, call_id)
    ties = []
    for tie in data.ties:
        organization = Organization.objects.filter(short_name=tie.organization).first()
        if organization is None:
            raise HttpError(422, f"기관 '{tie.organization}'이(가) 없습니다.")
        ties.append(evaluation.CallTieInput(organization, tie.kind, tie.note))
    declaration = evaluation.call_conflict_declare(
        actor=request.auth,
        call=call,
        ties=ties,
        none_to_declare=data.none_to_declare,
        statement=data.statement,
    )
    return Status(
        201,
        {
            "id": declaration.pk,
            "declared_at": declaration.declared_at,
            "none_to_declare": declaration.none_to_declare,
        },
    )


@router.post(
    "/calls/{call_id}/assignments",
    response={201: CallAssignmentOut, **REFUSALS},
    summary="평가위원 배정 (주관 부처 담당자·위원회 담당자; 이해충돌은 409)",
)
def call_assignment_create(request, call_id: int, data: CallAssignmentIn):
    call = _call(request, call_id)
    application = Application.objects.filter(call=call, pk=data.application_id).first()
    panel = CallPanel.objects.filter(call=call, pk=data.panel_id).first()
    evaluator = Evaluator.objects.filter(pk=data.evaluator_id).first()
    if application is None or panel is None or evaluator is None:
        raise Http404("이 공모에 그 신청이나 평가반이 없거나 그 평가위원이 없습니다.")
    assignment = evaluation.call_assignment_create(
        actor=request.auth, panel=panel, application=application, evaluator=evaluator
    )
    return Status(
        201,
        {
            "id": assignment.pk,
            "application_id": application.pk,
            "evaluator_id": evaluator.pk,
            "panel_id": panel.pk,
            "state": assignment.state,
        },
    )


@router.post(
    "/call-assignments/{assignment_id}/scores",
    response={200: list[CallScoreOut], **REFUSALS},
    summary="점수 입력 (배정된 평가위원 본인만, 누구도 대신 못 함)",
)
def call_scores_record(request, assignment_id: int, data: list[CallScoreIn]):
    assignment = CallAssignment.objects.select_related("evaluator").filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404("배정이 없습니다.")
    scores = {row.criterion_id: (row.value, row.reason) for row in data}
    written = evaluation.call_scores_record(
        actor=request.auth, assignment=assignment, scores=scores
    )
    return [
        {"criterion_id": s.criterion_id, "value": _text(s.value), "reason": s.reason}
        for s in written
    ]


@router.post(
    "/calls/{call_id}/compute",
    response={200: list[ComputedOut], **REFUSALS},
    summary="점수 계산 (주관 부처 담당자·위원회 담당자; 원점수와 표준화 점수)",
)
def calls_compute(request, call_id: int):
    call = _call(request, call_id)
    applications = evaluation.call_compute(actor=request.auth, call=call)
    return [_computed(a) for a in applications]


@router.post(
    "/calls/{call_id}/select",
    response={200: list[ComputedOut], **REFUSALS},
    summary="순위·선정 (주관 부처 담당자·위원회 담당자; 예산과 선정 수 안에서)",
)
def calls_select(request, call_id: int):
    call = _call(request, call_id)
    services.call_select(actor=request.auth, call=call)
    applications = call.applications.select_related("province").order_by(RANK_ORDER, "pk")
    return [_computed(a) for a in applications]
