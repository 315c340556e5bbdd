"""Feedback actions and 지특회계 results through the API (ADR 0008, step 7). Everything needs a
token: staff raise and cancel actions and import 지특회계 files; a body links, declines or
finishes its own actions. The services decide; their refusals become 403/409/422."""

from datetime import datetime
from decimal import Decimal

from ninja import File, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from pydantic import Field

from dream.accounts.selectors import organization_named
from dream.core.korean import particle
from dream.cycle.choices import ItemKind
from dream.evaluation import feedback, special_account
from dream.evaluation.choices import FeedbackDueStep, FeedbackKind, FeedbackState
from dream.evaluation.models import EvaluationRound, FeedbackAction, Grade
from dream.evaluation.selectors import round_of_year
from dream.plans.models import Plan
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS
from .files import NO_FILE, upload_capped

router = Router(tags=["추진실적 평가: 환류·지특회계"], auth=token_auth)
STEPS = ("link", "decline", "done", "cancel")
SPECIAL_FILE = File(None, description="지특회계 평가 결과 파일(.csv, .xlsx)")
TOO_LARGE = f"파일이 너무 큽니다. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 올릴 수 있습니다."


class FeedbackActionIn(Schema):
    grade_id: int = Field(ge=1, le=MAX_ID, description="등급 번호")
    kind: FeedbackKind = Field(description="budget_review, next_plan, incentive, consulting, other")
    due_step: FeedbackDueStep = Field(description="budget_review, plan_drafting, feedback_phase")
    description: str = Field(max_length=2000, description="조치 내용")
    due_year: int | None = Field(None, ge=2000, le=2200, description="반영 연도(기본: 평가 연도+1)")
    item_kind: ItemKind | None = Field(None, description="관련 항목 종류(기본: 등급 단위의 과제)")
    item_id: int | None = Field(None, ge=1, le=MAX_ID, description="관련 항목 번호")


class FeedbackStepIn(Schema):
    plan_id: int | None = Field(None, ge=1, le=MAX_ID, description="link: 반영할 시행계획 번호")
    item_kind: ItemKind | None = Field(None, description="link: 반영할 항목 종류")
    item_id: int | None = Field(None, ge=1, le=MAX_ID, description="link: 반영할 항목 번호")
    reason: str = Field("", max_length=2000, description="decline·cancel: 사유, done: 한 일")


class FeedbackActionOut(Schema):
    id: int
    year: int = Field(description="평가 연도")
    organization: str
    kind: str
    description: str
    due_year: int
    due_step: str
    item_kind: str
    item_id: int | None
    item: str = Field(description="관련 항목(평가한 계획)")
    state: str
    state_label: str
    state_reason: str
    linked_plan_id: int | None
    linked_item_kind: str
    linked_item_id: int | None
    linked_item: str
    raised_at: datetime


class SpecialAccountRowOut(Schema):
    id: int
    row: int
    account: str
    account_text: str
    project_name: str
    organization: str
    grade_text: str
    score: Decimal | None = Field(description="점수(점)")
    matched_task_id: int | None
    match_status: str


class SpecialAccountImportOut(Schema):
    imported: int = Field(description="가져온 행(건)")
    file_sha256: str
    rows: list[SpecialAccountRowOut]


def _action_dict(action: FeedbackAction) -> dict:
    return {
        "id": action.pk,
        "year": action.round.year,
        "organization": action.organization.short_name,
        "kind": action.kind,
        "description": action.description,
        "due_year": action.due_year,
        "due_step": action.due_step,
        "item_kind": action.item_kind,
        "item_id": action.item_id,
        "item": feedback.item_label(action.unit.plan, action.item_kind, action.item_id),
        "state": action.state,
        "state_label": action.get_state_display(),
        "state_reason": action.state_reason,
        "linked_plan_id": action.linked_plan_id,
        "linked_item_kind": action.linked_item_kind,
        "linked_item_id": action.linked_item_id,
        "linked_item": feedback.item_label(
            action.linked_plan, action.linked_item_kind, action.linked_item_id
        ),
        "raised_at": action.raised_at,
    }


@router.get(
    "/feedback-actions",
    response={200: list[FeedbackActionOut], **REFUSALS},
    summary="환류 조치 목록 (볼 수 있는 것만: 종료된 회차는 모두, 그 전에는 담당자·해당 기관)",
)
def feedback_action_list(
    request, year: int | None = None, org: str | None = None, state: FeedbackState | None = None
):
    rounds = EvaluationRound.objects.all()
    if year is not None:
        rounds = rounds.filter(year=year)
    actions = []
    organization = None
    if org is not None:
        organization = organization_named(org[:100])
        if organization is None:
            raise HttpError(404, f"기관 '{org[:100]}'{particle(org[:100], '을')} 찾지 못했습니다.")
    for round in rounds.order_by("year"):
        rows = feedback.actions_visible(request.auth, round).select_related("round", "unit__plan")
        if organization is not None:
            rows = rows.filter(organization=organization)
        if state is not None:
            rows = rows.filter(state=state)
        actions.extend(_action_dict(a) for a in rows)
    return actions


@router.post(
    "/feedback-actions",
    response={201: FeedbackActionOut, **REFUSALS},
    summary="환류 조치 제기 (지방시대위원회 담당자, 점검·환류 단계)",
)
def feedback_action_create(request, data: FeedbackActionIn):
    grade = (
        Grade.objects.select_related("unit__organization", "unit__plan")
        .filter(pk=data.grade_id)
        .first()
    )
    if grade is None:
        raise HttpError(404, "그 번호의 등급이 없습니다.")
    action = feedback.feedback_action_raise(
        actor=request.auth, grade=grade, kind=data.kind, organization=grade.unit.organization,
        due_step=data.due_step, description=data.description, due_year=data.due_year,
        item_kind=data.item_kind or "", item_id=data.item_id,
    )  # fmt: skip
    return Status(201, _action_dict(action))


@router.post(
    "/feedback-actions/{action_id}/{step}",
    response={200: FeedbackActionOut, **REFUSALS},
    summary="환류 조치 처리: link(기관), decline(기관, 사유), done(기관), cancel(담당자, 사유)",
)
def feedback_action_step(request, action_id: int, step: str, data: FeedbackStepIn):
    if step not in STEPS:
        raise HttpError(404, f"없는 처리입니다({', '.join(STEPS)} 중 하나).")
    if action_id > MAX_ID:
        raise HttpError(404, "그 번호의 환류 조치가 없습니다.")
    action = FeedbackAction.objects.filter(pk=action_id).first()
    if action is None:
        raise HttpError(404, "그 번호의 환류 조치가 없습니다.")
    actor = request.auth
    if step == "link":
        if data.plan_id is None or data.item_kind is None or data.item_id is None:
            raise HttpError(422, "연결할 plan_id, item_kind, item_id를 보내 주세요.")
        plan = Plan.objects.filter(pk=data.plan_id).first()
        if plan is None:
            raise HttpError(404, "그 번호의 시행계획이 없습니다.")
        action = feedback.feedback_action_link(
            actor=actor, action=action, plan=plan, item_kind=data.item_kind, item_id=data.item_id
        )
    elif step == "decline":
        action = feedback.feedback_action_decline(actor=actor, action=action, reason=data.reason)
    elif step == "done":
        action = feedback.feedback_action_done(actor=actor, action=action, note=data.reason)
    else:
        action = feedback.feedback_action_cancel(actor=actor, action=action, reason=data.reason)
    action = FeedbackAction.objects.select_related("round", "organization", "unit__plan").get(
        pk=action.pk
    )
    return _action_dict(action)


@router.post(
    "/evaluations/{year}/special-account",
    response={201: SpecialAccountImportOut, **REFUSALS},
    summary="지특회계 평가 결과 가져오기 (지방시대위원회 담당자): 모든 행 또는 하나도 가져오지 않음",
)
@decorate_view(upload_capped(MAX_UPLOAD_BYTES))
def special_account_upload(request, year: int, file: UploadedFile | None = SPECIAL_FILE):
    try:
        round_of_year(year)
    except Exception as error:  # noqa: BLE001 - Http404 of the selector
        raise HttpError(404, str(error)) from None
    if request.upload_cap.refused:
        raise HttpError(422, TOO_LARGE)
    if file is None:
        raise HttpError(422, NO_FILE)
    try:
        rows = special_account.special_account_import(
            actor=request.auth, year=year, file=file, filename=file.name or ""
        )
    except special_account.SpecialAccountRefused as refused:
        return Status(
            422, {"detail": refused.message, "errors": [{"msg": e} for e in refused.errors]}
        )
    return Status(
        201,
        {
            "imported": len(rows),
            "file_sha256": rows[0].file_sha256 if rows else "",
            "rows": [
                {
                    "id": r.pk,
                    "row": r.row,
                    "account": r.account,
                    "account_text": r.account_text,
                    "project_name": r.project_name,
                    "organization": r.organization_name,
                    "grade_text": r.grade_text,
                    "score": r.score,
                    "matched_task_id": r.matched_task_id,
                    "match_status": r.match_status,
                }  # fmt: skip
                for r in rows
            ],
        },
    )
