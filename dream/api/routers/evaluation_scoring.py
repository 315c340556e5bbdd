"""Evaluators' declarations, assignments and scores through the API (ADR 0008, steps 4–5).
Everything needs a token: an evaluator declares and scores for self only (nobody for another,
superusers included), Committee staff assign, cancel, reopen and read the computed scores.
The services decide; their refusals become 403/409 (a conflict of interest is 409)/422."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from dream.accounts.models import Organization
from dream.cycle.errors import NotAllowed
from dream.evaluation import integrity, scoring
from dream.evaluation.models import Assignment, Criterion, Evaluator, Panel, Unit
from dream.evaluation.permissions import active_evaluator, can_manage_round, can_view_scores
from dream.evaluation.selectors import round_of_year
from dream.evaluation.selectors_scoring import assignment_dicts, score_rows, unit_score_rows

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS

router = Router(tags=["추진실적 평가: 평가위원·점수"], auth=token_auth)
ACTIONS = ("submit", "cancel", "reopen")


class TieIn(Schema):
    organization: str = Field(max_length=50, description="기관 약칭 (예: 부산)")
    kind: str = Field(max_length=20, description="employment, advisory, research, family, other")
    period: str = Field("", max_length=100, description="기간")
    note: str = Field("", max_length=2000, description="비고")


class DeclarationIn(Schema):
    none_to_declare: bool = Field(False, description="해당 없음을 확인함")
    statement: str = Field("", max_length=2000, description="진술")
    ties: list[TieIn] = Field(default_factory=list, max_length=50)


class DeclarationOut(Schema):
    id: int
    declared_at: datetime
    none_to_declare: bool
    ties: list[str]
    cancelled_assignments: list[int]


class AssignmentIn(Schema):
    unit_id: int = Field(ge=1, le=MAX_ID)
    evaluator_id: int = Field(ge=1, le=MAX_ID)
    panel_id: int | None = Field(None, ge=1, le=MAX_ID)


class AssignmentOut(Schema):
    id: int
    unit_id: int
    unit: str
    organization: str
    evaluator_id: int
    evaluator: str
    panel_id: int | None
    panel: str
    state: str
    state_label: str
    cancel_reason: str
    submitted_at: datetime | None


class ScoreIn(Schema):
    leaf_id: int = Field(ge=1, le=MAX_ID)
    criterion_id: int = Field(ge=1, le=MAX_ID)
    value: str = Field(max_length=20, description="점수 (점, 십진 문자열)")
    reason: str = Field(max_length=2000)


class ActionIn(Schema):
    reason: str = Field("", max_length=2000)


class ScoreOut(Schema):
    assignment_id: int
    evaluator: str
    leaf_id: int
    leaf: str
    criterion_id: int
    criterion: str
    value: str
    reason: str
    void: bool


class UnitScoreOut(Schema):
    unit_id: int
    unit: str
    organization: str
    kind: str
    raw: str | None
    normalised: str | None
    normalisation_note: str
    rolled: str | None
    evaluator_count: int
    missing: list[int]
    rules_hash: str
    computed_at: datetime


class ScoresOut(Schema):
    year: int
    unit_scores: list[UnitScoreOut]
    scores: list[ScoreOut]


def _assignment(pk: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("round", "evaluator__user", "unit").filter(pk=pk).first()
    )
    if assignment is None:
        raise Http404("배정이 없습니다.")
    return assignment


@router.post(
    "/evaluations/{year}/declarations",
    response={201: DeclarationOut, **REFUSALS},
    summary="이해관계 신고 (평가위원 본인)",
)
def declaration_create(request, year: int, data: DeclarationIn):
    round = round_of_year(year)
    ties = []
    for tie in data.ties:
        organization = Organization.objects.filter(short_name=tie.organization).first()
        if organization is None:
            raise HttpError(422, f"기관 '{tie.organization}'이(가) 없습니다.")
        ties.append(integrity.TieInput(organization, tie.kind, tie.period, tie.note))
    live_before = set(
        Assignment.objects.filter(
            round=round, evaluator__user=request.auth, state__in=integrity.LIVE_STATES
        ).values_list("pk", flat=True)
    )
    declaration = integrity.conflict_declare(
        actor=request.auth,
        round=round,
        ties=ties,
        none_to_declare=data.none_to_declare,
        statement=data.statement,
    )
    live_after = set(
        Assignment.objects.filter(pk__in=live_before, state__in=integrity.LIVE_STATES).values_list(
            "pk", flat=True
        )
    )
    return Status(
        201,
        {
            "id": declaration.pk,
            "declared_at": declaration.declared_at,
            "none_to_declare": declaration.none_to_declare,
            "ties": [f"{t.organization} ({t.get_kind_display()})" for t in declaration.ties.all()],
            "cancelled_assignments": sorted(live_before - live_after),
        },
    )


@router.get(
    "/evaluations/{year}/assignments",
    response={200: list[AssignmentOut], **REFUSALS},
    summary="배정 목록 (담당자: 모두, 평가위원: 자기 것)",
)
def assignment_list(request, year: int):
    round = round_of_year(year)
    if can_manage_round(request.auth):
        return assignment_dicts(round)
    if active_evaluator(request.auth) is None:
        raise NotAllowed("배정 목록은 지방시대위원회 담당자와 평가위원만 봅니다.")
    return assignment_dicts(round, user=request.auth)


@router.post(
    "/evaluations/{year}/assignments",
    response={201: AssignmentOut, **REFUSALS},
    summary="평가위원 배정 (지방시대위원회 담당자)",
)
def assignment_create(request, year: int, data: AssignmentIn):
    round = round_of_year(year)
    if not can_manage_round(request.auth):
        raise NotAllowed("평가위원 배정은 지방시대위원회 담당자만 할 수 있습니다.")
    unit = Unit.objects.filter(round=round, pk=data.unit_id).first()
    evaluator = Evaluator.objects.filter(pk=data.evaluator_id).first()
    panel = None
    if data.panel_id is not None:
        panel = Panel.objects.filter(round=round, pk=data.panel_id).first()
        if panel is None:
            raise Http404("이 회차에 그 평가반이 없습니다.")
    if unit is None or evaluator is None:
        raise Http404("이 회차에 그 단위가 없거나 그 평가위원이 없습니다.")
    assignment = integrity.assignment_create(
        actor=request.auth, panel=panel, unit=unit, evaluator=evaluator
    )
    return Status(201, next(a for a in assignment_dicts(round) if a["id"] == assignment.pk))


@router.put(
    "/assignments/{id}/scores",
    response={200: list[ScoreOut], **REFUSALS},
    summary="점수 입력 (배정된 평가위원 본인, 모두 아니면 하나도)",
)
def scores_put(request, id: int, data: list[ScoreIn]):
    assignment = _assignment(id)
    if assignment.evaluator.user_id != request.auth.pk:
        raise NotAllowed(
            "배정된 평가위원 본인만 점수를 입력합니다. 누구도 대신 입력할 수 없습니다."
        )
    units = {u.pk: u for u in Unit.objects.filter(round=assignment.round)}
    criteria = {
        c.pk: c for c in Criterion.objects.filter(criterion_set=assignment.round.criterion_set_id)
    }
    items = []
    for row in data:
        if row.leaf_id not in units or row.criterion_id not in criteria:
            raise HttpError(422, "이 회차에 없는 단위나 평가 기준입니다.")
        items.append(
            scoring.ScoreInput(
                units[row.leaf_id], criteria[row.criterion_id], row.value, row.reason
            )
        )
    scoring.scores_record(actor=request.auth, assignment=assignment, items=items)
    return score_rows(assignment.round, assignment=assignment)


@router.post(
    "/assignments/{id}/{action}",
    response={200: AssignmentOut, **REFUSALS},
    summary="배정 제출(평가위원 본인)·취소·재작성 허용(담당자)",
)
def assignment_action(request, id: int, action: str, data: ActionIn | None = None):
    if action not in ACTIONS:
        raise Http404("없는 처리입니다 (submit, cancel, reopen).")
    assignment = _assignment(id)
    reason = data.reason if data is not None else ""
    if action == "submit":
        scoring.assignment_submit(actor=request.auth, assignment=assignment)
    elif action == "cancel":
        integrity.assignment_cancel(actor=request.auth, assignment=assignment, reason=reason)
    else:
        integrity.assignment_reopen(actor=request.auth, assignment=assignment, reason=reason)
    return next(a for a in assignment_dicts(assignment.round) if a["id"] == assignment.pk)


@router.get(
    "/evaluations/{year}/scores",
    response={200: ScoresOut, **REFUSALS},
    summary="점수: 원점수와 표준화 점수 (담당자: 모두, 평가위원: 자기 점수)",
)
def scores_get(request, year: int):
    round = round_of_year(year)
    if can_view_scores(request.auth, round):
        return {"year": year, "unit_scores": unit_score_rows(round), "scores": score_rows(round)}
    if active_evaluator(request.auth) is None:
        raise NotAllowed("평가위원별 점수는 지방시대위원회 담당자와 평가위원 본인만 봅니다.")
    return {"year": year, "unit_scores": [], "scores": score_rows(round, user=request.auth)}
