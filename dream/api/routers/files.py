"""The cycle's files through the API: a draft's Excel template down and up, and the
Committee's guidelines with their document. Uploads are multipart (field `file`), bounded
while Django reads the body (dream.core.uploads.UploadCap, as on the pages), and handed to
the same services as the pages: dream/cycle/workbook.py and dream/cycle/guidelines.py."""

import datetime as dt
from functools import wraps

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from ninja import File, Form, Router, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from dream.core.uploads import UploadCap
from dream.cycle import guidelines
from dream.cycle.errors import NotAllowed, StateConflict
from dream.cycle.models import Cycle
from dream.cycle.permissions import can_edit_submission, can_manage_cycle, can_view_submission
from dream.cycle.workbook import (
    XLSX_CONTENT_TYPE,
    WorkbookRefused,
    workbook_apply,
    workbook_build,
)
from dream.tracking.files import MAX_UPLOAD_BYTES, MEGABYTE

from ..auth import token_auth
from ..schemas import GuidelinesOut, WorkbookRefusedOut, WorkbookResultOut
from .cycles import REFUSALS, _cycle, _submission

router = Router(tags=["파일"], auth=token_auth)

NO_DRAFT = "아직 초안이 없습니다. 먼저 전년 계획에서 초안을 만드세요."
NO_FILE = "파일을 multipart/form-data의 file 칸으로 보내 주세요."
WORKBOOK_TOO_LARGE = f"파일이 너무 큽니다. {MAX_UPLOAD_BYTES // MEGABYTE} MB까지 올릴 수 있습니다."
BINARY = {"schema": {"type": "string", "format": "binary"}}
# the multipart parameters ninja reads (one object each, as ninja keeps per-parameter state)
WORKBOOK_FILE = File(None, description="고친 Excel 서식(.xlsx)")
GUIDELINES_TITLE = Form(..., max_length=200, description="수립지침 이름")
GUIDELINES_MEETING = Form("", max_length=100, description="수립지침을 의결한 회의")
GUIDELINES_RESOLVED_ON = Form(None, description="의결일")
GUIDELINES_SENT_ON = Form(None, description="송부일")
GUIDELINES_FILE = File(None, description="수립지침 문서(PDF, HWP, HWPX, DOCX)")


def upload_capped(max_bytes: int):
    """Put an UploadCap in front of Django's upload handlers before ninja reads the body;
    the operation finds it as `request.upload_cap` (whether it dropped the file)."""

    def decorator(run):
        @wraps(run)
        def capped(request, *args, **kwargs):
            request.upload_cap = UploadCap(request, max_bytes)
            request.upload_handlers.insert(0, request.upload_cap)
            return run(request, *args, **kwargs)

        return capped

    return decorator


def _uploaded(request, file: UploadedFile | None, too_large: str) -> UploadedFile:
    if request.upload_cap.refused:
        raise HttpError(422, too_large)
    if file is None:
        raise HttpError(422, NO_FILE)
    return file


@router.get(
    "/cycles/{year}/submissions/{org}/workbook",
    response=REFUSALS,
    summary="초안을 Excel 서식(.xlsx)으로 내려받기",
    openapi_extra={
        "responses": {"200": {"description": "Excel 파일", "content": {XLSX_CONTENT_TYPE: BINARY}}}
    },
)
def workbook_download(request, year: int, org: str):
    submission = _submission(year, org)
    if not can_view_submission(request.auth, submission):
        raise NotAllowed(f"{submission.organization}의 초안은 그 기관과 지방시대위원회만 봅니다.")
    if submission.working_plan is None:
        raise StateConflict(NO_DRAFT)
    response = HttpResponse(workbook_build(submission.working_plan), content_type=XLSX_CONTENT_TYPE)
    name = f"{year}-{submission.organization.short_name}-시행계획-초안.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@router.post(
    "/cycles/{year}/submissions/{org}/workbook",
    response={200: WorkbookResultOut, **REFUSALS, 422: WorkbookRefusedOut},
    summary="고친 Excel 서식 올리기: 모든 행을 반영하거나, 하나도 반영하지 않고 고칠 것을 모두 알림",
)
@decorate_view(upload_capped(MAX_UPLOAD_BYTES))
def workbook_upload(request, year: int, org: str, file: UploadedFile | None = WORKBOOK_FILE):
    submission = _submission(year, org)
    if not can_edit_submission(request.auth, submission):
        raise NotAllowed(f"{submission.organization}의 시행계획을 고칠 권한이 없습니다.")
    file = _uploaded(request, file, WORKBOOK_TOO_LARGE)
    try:
        changed = workbook_apply(
            actor=request.auth,
            submission=submission,
            content=file.read(MAX_UPLOAD_BYTES + 1),
        )
    except WorkbookRefused as refused:
        return Status(
            422,
            {
                "detail": f"Excel 파일을 반영하지 않았습니다: 고칠 것 {len(refused.errors):,}건.",
                "row_errors": refused.errors,
            },
        )
    return {"changed": changed}


def _guidelines(cycle: Cycle) -> dict:
    file_url = None
    if cycle.guidelines_file.name:
        file_url = reverse("cycle:cycle_guidelines_file", args=[cycle.year])
    return {
        "year": cycle.year,
        "title": cycle.guidelines_title,
        "meeting": cycle.guidelines_meeting,
        "resolved_on": cycle.guidelines_date,
        "sent_on": cycle.guidelines_sent_on,
        "file_url": file_url,
    }


@router.get(
    "/cycles/{year}/guidelines",
    response={200: GuidelinesOut, **REFUSALS},
    summary="수립 주기의 수립지침: 이름, 의결 회의와 날짜, 송부일, 파일 주소",
)
def guidelines_detail(request, year: int):
    return _guidelines(_cycle(year))


@router.post(
    "/cycles/{year}/guidelines",
    response={200: GuidelinesOut, **REFUSALS},
    summary="수립지침 기록 (지방시대위원회 담당자)",
)
@decorate_view(upload_capped(guidelines.MAX_BYTES))
def guidelines_record(
    request,
    year: int,
    title: str = GUIDELINES_TITLE,
    meeting: str = GUIDELINES_MEETING,
    resolved_on: dt.date | None = GUIDELINES_RESOLVED_ON,
    sent_on: dt.date | None = GUIDELINES_SENT_ON,
    file: UploadedFile | None = GUIDELINES_FILE,
):
    cycle = _cycle(year)
    if not can_manage_cycle(request.auth):
        raise NotAllowed("수립지침은 지방시대위원회 담당자만 기록할 수 있습니다.")
    if request.upload_cap.refused:
        raise HttpError(422, guidelines.too_large())
    cycle = guidelines.cycle_guidelines_record(
        actor=request.auth,
        cycle=cycle,
        title=title,
        meeting=meeting,
        resolved_on=resolved_on,
        sent_on=sent_on,
        file=file,
    )
    return _guidelines(cycle)
