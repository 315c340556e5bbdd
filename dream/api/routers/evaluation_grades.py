"""Round phases and grades through the API (ADR 0008, step 6): staff advance a round, the body
records its self-grade, staff check grades during 점검 and correct them after close. Grades are
public once the round is closed; before, staff and the body's members read their own with a
token. The services decide; their refusals become 403/409 (a stale `seen_phase` or
`seen_band` is 409)/422."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import AuthenticationError, HttpError
from pydantic import Field

from dream.evaluation import grading
from dream.evaluation.models import Grade, GradeBand
from dream.evaluation.selectors import round_dict, round_of_year
from dream.evaluation.selectors_grades import grade_rows

from ..auth import token_auth
from ..schemas import MAX_ID
from .cycles import REFUSALS
from .evaluations import RoundOut

router = Router(tags=["추진실적 평가: 단계·등급"], auth=token_auth)
ACTIONS = ("self-grade", "check", "correct")


class AdvanceIn(Schema):
    to: str = Field(max_length=20, description="넘길 단계: evaluating, checking, feedback")
    seen_phase: str = Field(max_length=20, description="요청한 사람이 본 지금 단계")
    reason: str = Field("", max_length=2000, description="사유 (미제출 평가가 있으면 필수)")


class AdvanceOut(RoundOut):
    not_submitted: list[str]
    unscored: list[str]


class GradeIn(Schema):
    band: str = Field(max_length=50, description="등급 이름 (예: 우수)")
    reason: str = Field("", max_length=2000, description="사유")
    seen_band: str | None = Field(
        None, max_length=50, description="check: 점검한 사람이 본 최종 등급 (점검 전이면 null)"
    )


class GradeCheckOut(Schema):
    from_band: str | None
    to_band: str
    reason: str
    is_correction: bool
    actor: str
    at: datetime


class GradeOut(Schema):
    id: int
    unit_id: int
    unit: str
    organization: str
    raw: str | None
    normalised: str | None
    rolled: str | None
    computed_score: str | None
    computed_band: str | None
    self_band: str | None
    self_reason: str
    final_band: str | None
    changed: bool
    checks: list[GradeCheckOut]


class GradesOut(Schema):
    year: int
    phase: str
    closed_at: datetime | None
    grades: list[GradeOut]


def _caller(request):
    """The token's owner when a valid token is sent, else an anonymous visitor."""
    try:
        return token_auth(request) or AnonymousUser()
    except AuthenticationError:
        return AnonymousUser()


def _band(round, label: str | None) -> GradeBand | None:
    if label is None:
        return None
    band = GradeBand.objects.filter(band_set_id=round.band_set_id, label=label).first()
    if band is None:
        raise HttpError(422, f"이 회차의 등급 구간에 '{label}' 등급이 없습니다.")
    return band


@router.post(
    "/evaluations/{year}/advance",
    response={200: AdvanceOut, **REFUSALS},
    summary="평가 단계 넘기기 (지방시대위원회 담당자, 되돌릴 수 없음)",
)
def round_advance(request, year: int, data: AdvanceIn):
    moved = grading.round_advance(
        actor=request.auth, round=round_of_year(year), to=data.to,
        seen_phase=data.seen_phase, reason=data.reason,
    )  # fmt: skip
    return {
        **round_dict(moved.round),
        "not_submitted": moved.not_submitted,
        "unscored": moved.unscored,
    }


@router.get(
    "/evaluations/{year}/grades",
    auth=None,
    response={200: GradesOut, **REFUSALS},
    summary="등급 (종료 후 공개; 그 전에는 담당자와 기관 구성원이 자기 것만)",
)
def grades_list(request, year: int):
    round = round_of_year(year)
    return {
        "year": round.year,
        "phase": round.phase,
        "closed_at": round.closed_at,
        "grades": grade_rows(round, _caller(request)),
    }


@router.post(
    "/grades/{id}/{action}",
    response={200: GradeOut, **REFUSALS},
    summary="자체평가(self-grade), 점검(check), 종료 후 정정(correct)",
)
def grade_action(request, id: int, action: str, data: GradeIn):
    if action not in ACTIONS:
        raise HttpError(404, "처리는 self-grade, check, correct 가운데 하나입니다.")
    if not 1 <= id <= MAX_ID:
        raise Http404("등급이 없습니다.")
    grade = Grade.objects.select_related("unit__round", "unit__organization").filter(pk=id).first()
    if grade is None:
        raise Http404("등급이 없습니다.")
    round = grade.unit.round
    band = _band(round, data.band)
    if action == "self-grade":
        grading.self_grade_record(actor=request.auth, grade=grade, band=band, reason=data.reason)
    elif action == "check":
        grading.grade_check(
            actor=request.auth, grade=grade, band=band, reason=data.reason,
            seen_band=_band(round, data.seen_band),
        )  # fmt: skip
    else:
        grading.grade_correct(actor=request.auth, grade=grade, band=band, reason=data.reason)
    return next(row for row in grade_rows(round, request.auth) if row["id"] == grade.pk)
