"""The annual cycle through the API: open a cycle, roll a body's draft forward, move its
submission, resolve. Every call needs a token; the services decide who may do what
(dream.cycle.permissions) and their refusals become 403/409/422 in api.py."""

from django.http import Http404
from ninja import Router, Status
from ninja.errors import HttpError

from dream.cycle import drafting, services
from dream.cycle.choices import SubmissionAction
from dream.cycle.errors import NotAllowed
from dream.cycle.models import Cycle, Submission
from dream.cycle.permissions import can_view_submission
from dream.cycle.selectors import cycle_of_year, submission_named

from ..auth import token_auth
from ..schemas import (
    ActionIn,
    CycleIn,
    CycleOut,
    ErrorOut,
    PlanVersionOut,
    ResolveIn,
    SubmissionOut,
    ValidationErrorOut,
)
from ..selectors import cycle_dict, submission_dict

router = Router(tags=["수립 주기"], auth=token_auth)

REFUSALS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
# The steps a submission takes by POST …/{action}; roll-forward has its own path.
ACTIONS = {
    SubmissionAction.LOCAL_RESOLUTION: lambda actor, submission, data: (
        services.submission_record_local_resolution(
            actor=actor, submission=submission, resolved_on=data.date
        )
    ),
    SubmissionAction.SUBMIT: lambda actor, submission, data: services.submission_submit(
        actor=actor, submission=submission, comment=data.comment
    ),
    SubmissionAction.REVIEW: lambda actor, submission, data: services.submission_review(
        actor=actor, submission=submission
    ),
    SubmissionAction.RETURN: lambda actor, submission, data: services.submission_return(
        actor=actor, submission=submission, comment=data.comment
    ),
    SubmissionAction.ACCEPT: lambda actor, submission, data: services.submission_accept(
        actor=actor, submission=submission, comment=data.comment
    ),
}


def _cycle(year: int) -> Cycle:
    try:
        return cycle_of_year(year)
    except Http404 as error:
        raise HttpError(404, str(error)) from None


def _submission(year: int, org: str) -> Submission:
    try:
        return submission_named(year, org)
    except Http404 as error:
        raise HttpError(404, str(error)) from None


def _visible(request, submission: Submission) -> dict:
    if not can_view_submission(request.auth, submission):
        raise NotAllowed(f"{submission.organization}의 작성 중인 시행계획을 볼 권한이 없습니다.")
    return submission_dict(submission)


@router.post(
    "/cycles",
    response={201: CycleOut, **REFUSALS},
    summary="수립 주기 열기 (지방시대위원회 담당자)",
)
def cycle_create(request, data: CycleIn):
    cycle = services.cycle_open(actor=request.auth, year=data.year, deadline=data.deadline)
    return Status(201, cycle_dict(cycle, request.auth))


@router.get(
    "/cycles/{year}",
    response={200: CycleOut, **REFUSALS},
    summary="수립 주기: 기관마다 제출 상태",
)
def cycle_detail(request, year: int):
    return cycle_dict(_cycle(year), request.auth)


@router.post(
    "/cycles/{year}/submissions/{org}/roll-forward",
    response={201: SubmissionOut, **REFUSALS},
    summary="전년도 의결된 시행계획에서 초안 만들기",
)
def submission_roll_forward(request, year: int, org: str):
    submission = _submission(year, org)
    drafting.submission_roll_forward(actor=request.auth, submission=submission)
    return Status(201, _visible(request, _submission(year, org)))


@router.get(
    "/cycles/{year}/submissions/{org}",
    response={200: SubmissionOut, **REFUSALS},
    summary="기관의 제출: 상태, 시행계획 나무(id 포함), 검토 사항, 처리 기록",
)
def submission_detail(request, year: int, org: str):
    return _visible(request, _submission(year, org))


@router.post(
    "/cycles/{year}/submissions/{org}/{action}",
    response={200: SubmissionOut, **REFUSALS},
    summary="제출 처리: local-resolution, submit, review, return, accept",
)
def submission_action(request, year: int, org: str, action: str, data: ActionIn | None = None):
    if action not in ACTIONS:
        raise HttpError(
            404,
            f"'{action}'이라는 처리는 없습니다. "
            "local-resolution, submit, review, return, accept 중 하나를 쓰세요.",
        )
    submission = _submission(year, org)
    ACTIONS[action](request.auth, submission, data or ActionIn())
    return _visible(request, _submission(year, org))


@router.post(
    "/cycles/{year}/resolve",
    response={200: list[PlanVersionOut], **REFUSALS},
    summary="의결: 접수된 시행계획을 모두 확정(판 1)",
)
def cycle_resolve(request, year: int, data: ResolveIn):
    versions = services.cycle_resolve(
        actor=request.auth, cycle=_cycle(year), meeting=data.meeting, resolved_on=data.date
    )
    return [
        {
            "plan_id": v.plan_id,
            "owner": v.plan.owner.short_name,
            "number": v.number,
            "content_hash": v.content_hash,
            "meeting": v.meeting,
            "resolved_on": v.resolved_on,
        }
        for v in versions
    ]
