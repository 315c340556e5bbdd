"""Review and compilation through the API: item remarks by Committee staff and the body's
answers, and the duplicate candidates staff find and judge. The services decide who may do what;
their refusals become 403/409/422 in api.py."""

from dataclasses import asdict

from ninja import Router, Status
from ninja.errors import HttpError

from dream.cycle import comments, compilation
from dream.cycle.errors import NotAllowed
from dream.cycle.models import DuplicateCandidate
from dream.cycle.permissions import can_view_compilation

from ..auth import token_auth
from ..schemas import (
    MAX_ID,
    CommentIn,
    CommentOut,
    DuplicateDecideIn,
    DuplicateFindOut,
    DuplicateListOut,
    DuplicateOut,
)
from ..selectors import comments_list, duplicate_dict
from .cycles import REFUSALS, _cycle, _submission

router = Router(tags=["검토·종합"], auth=token_auth)


@router.post(
    "/cycles/{year}/submissions/{org}/comments",
    response={201: CommentOut, **REFUSALS},
    summary="항목 의견(지방시대위원회 담당자) 또는 의견에 대한 답(기관)",
)
def comment_create(request, year: int, org: str, data: CommentIn):
    submission = _submission(year, org)
    if data.reply_to is not None:
        remark = submission.comments.filter(pk=data.reply_to).first()
        if remark is None:
            raise HttpError(404, "답하려는 의견이 이 기관의 제출에 없습니다.")
        comment = comments.comment_answer(actor=request.auth, comment=remark, text=data.text)
    else:
        if data.item_kind is None or data.item_id is None:
            raise HttpError(422, "의견을 달 항목(item_kind, item_id)을 보내 주세요.")
        comment = comments.comment_add(
            actor=request.auth,
            submission=submission,
            item_kind=data.item_kind,
            item_id=data.item_id,
            text=data.text,
        )
    return Status(201, next(c for c in comments_list(submission) if c["id"] == comment.pk))


@router.get(
    "/cycles/{year}/duplicates",
    response={200: DuplicateListOut, **REFUSALS},
    summary="동일사업 중복계상 후보 (지방시대위원회)",
)
def duplicate_list(request, year: int):
    cycle = _cycle(year)
    if not can_view_compilation(request.auth):
        raise NotAllowed("중복계상 후보는 지방시대위원회 구성원만 봅니다.")
    return {
        "year": cycle.year,
        "threshold": compilation.similarity_threshold(),
        "candidates": [duplicate_dict(c) for c in compilation.duplicate_candidates(cycle)],
    }


# before …/duplicates/{id}: "find" must not be taken for a candidate's id
@router.post(
    "/cycles/{year}/duplicates/find",
    response={200: DuplicateFindOut, **REFUSALS},
    summary="중복계상 후보 찾기 (지방시대위원회 담당자)",
)
def duplicates_find(request, year: int):
    result = compilation.duplicates_find(actor=request.auth, cycle=_cycle(year))
    return {"year": year, **asdict(result)}


@router.post(
    "/cycles/{year}/duplicates/{id}",
    response={200: DuplicateOut, **REFUSALS},
    summary="중복계상 후보 판단 (지방시대위원회 담당자)",
)
def duplicate_decide(request, year: int, id: int, data: DuplicateDecideIn):
    cycle = _cycle(year)
    candidate = None
    if 1 <= id <= MAX_ID:
        candidate = DuplicateCandidate.objects.filter(cycle=cycle, pk=id).first()
    if candidate is None:
        raise HttpError(404, f"{year}년 수립 주기에 {id}번 중복계상 후보가 없습니다.")
    compilation.duplicate_decide(
        actor=request.auth, candidate=candidate, status=data.status, note=data.note
    )
    return duplicate_dict(
        DuplicateCandidate.objects.select_related(
            "regional_task__plan__owner", "sectoral_task__plan__owner", "decided_by"
        ).get(pk=id)
    )
