"""Amendments of a resolved plan through the API: start one with its reason, list them,
and take their steps (submit, return, withdraw, resolve). The draft copy is edited with the
draft paths (`/plans/{id}`, `/tasks/{id}` …), whose plan id the amendment gives."""

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from dream.cycle.amendments import (
    AMENDMENT_STEPS,
    amendment_named,
    amendment_start,
    can_view_amendment_draft,
)
from dream.cycle.errors import NotAllowed
from dream.cycle.models import Amendment, Submission
from dream.cycle.permissions import can_view_submission
from dream.cycle.selectors import submission_named

from ..auth import token_auth
from ..schemas import ErrorOut, PlanTreeOut, ValidationErrorOut
from ..selectors import plan_tree

router = Router(tags=["변경 계획"], auth=token_auth)

REFUSALS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}


class AmendmentIn(Schema):
    reason: str = Field(min_length=1, max_length=2000, description="변경 사유(필수)")


class AmendmentActionIn(Schema):
    comment: str = Field(
        "", max_length=5000, description="return: 보완 요청 의견(필수); 그 밖: 선택"
    )
    meeting: str = Field("", max_length=100, description="resolve: 의결 회의(필수)")
    date: dt.date | None = Field(None, description="resolve: 의결일(필수)")


class AmendmentOut(Schema):
    number: int
    reason: str
    state: str
    state_label: str
    draft_plan_id: int | None
    created_by: str
    created_at: dt.datetime
    resolution_meeting: str
    resolution_date: dt.date | None
    version_number: int | None
    version_hash: str | None


class AmendmentDetailOut(AmendmentOut):
    plan: PlanTreeOut | None


def _submission(request, year: int, org: str) -> Submission:
    try:
        submission = submission_named(year, org)
    except Http404 as error:
        raise HttpError(404, str(error)) from None
    if not can_view_submission(request.auth, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획을 볼 권한이 없습니다.")
    return submission


def _amendment(request, year: int, org: str, number: int) -> Amendment:
    submission = _submission(request, year, org)
    try:
        amendment = amendment_named(submission, number)
    except Amendment.DoesNotExist:
        raise HttpError(404, f"변경 계획 {number}번은 없습니다.") from None
    return amendment


def amendment_dict(amendment: Amendment) -> dict:
    version = amendment.version
    return {
        "number": amendment.number,
        "reason": amendment.reason,
        "state": amendment.state,
        "state_label": amendment.get_state_display(),
        "draft_plan_id": amendment.draft_plan_id,
        "created_by": amendment.created_by.get_username(),
        "created_at": amendment.created_at,
        "resolution_meeting": amendment.resolution_meeting,
        "resolution_date": amendment.resolution_date,
        "version_number": version.number if version else None,
        "version_hash": version.content_hash if version else None,
    }


@router.get(
    "/cycles/{year}/submissions/{org}/amendments",
    response={200: list[AmendmentOut], **REFUSALS},
    summary="변경 계획 목록: 번호, 사유, 상태, 의결된 판",
    url_name="amendment_list",
)
def amendment_list(request, year: int, org: str):
    submission = _submission(request, year, org)
    amendments = submission.amendments.select_related("created_by", "version")
    return [amendment_dict(a) for a in amendments.order_by("number")]


@router.get(
    "/cycles/{year}/submissions/{org}/amendments/{number}",
    response={200: AmendmentDetailOut, **REFUSALS},
    summary="변경 계획 하나와 그 초안의 나무(id 포함; 기관과 위원회만)",
    url_name="amendment_detail",
)
def amendment_detail(request, year: int, org: str, number: int):
    amendment = _amendment(request, year, org, number)
    draft = amendment.draft_plan
    if draft is not None and not can_view_amendment_draft(request.auth, amendment.submission):
        raise NotAllowed("작성 중인 변경 초안은 그 기관과 지방시대위원회만 봅니다.")
    return {**amendment_dict(amendment), "plan": plan_tree(draft) if draft else None}


@router.post(
    "/cycles/{year}/submissions/{org}/amendments",
    response={201: AmendmentOut, **REFUSALS},
    summary="변경 계획 시작: 의결된 시행계획의 사본(초안)을 만든다",
    url_name="amendment_create",
)
def amendment_create(request, year: int, org: str, data: AmendmentIn):
    submission = _submission(request, year, org)
    amendment = amendment_start(actor=request.auth, submission=submission, reason=data.reason)
    return Status(201, amendment_dict(amendment_named(submission, amendment.number)))


@router.post(
    "/cycles/{year}/submissions/{org}/amendments/{number}/{action}",
    response={200: AmendmentOut, **REFUSALS},
    summary="변경 계획 처리: submit, return, withdraw, resolve",
    url_name="amendment_action",
)
def amendment_action(
    request, year: int, org: str, number: int, action: str, data: AmendmentActionIn | None = None
):
    if action not in AMENDMENT_STEPS:
        raise HttpError(
            404,
            f"'{action}'이라는 처리는 없습니다. submit, return, withdraw, resolve 중 하나를 쓰세요.",
        )
    amendment = _amendment(request, year, org, number)
    data = data or AmendmentActionIn()
    AMENDMENT_STEPS[action](
        request.auth,
        amendment,
        {"comment": data.comment, "meeting": data.meeting, "resolved_on": data.date},
    )
    return amendment_dict(amendment_named(amendment.submission, number))
