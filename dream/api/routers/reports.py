"""The annual report to the National Assembly through the API (ADR 0008, step 8): Committee staff
ask for a file with a token (202 and the job's id), anyone follows its progress and fetches it
once made — the report is public once the year's round has closed."""

from datetime import datetime

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from pydantic import Field

from dream.reports import services
from dream.reports.models import AnnualReport
from dream.reports.views import FILE_NAME

from ..auth import token_auth
from .cycles import REFUSALS

router = Router(tags=["국회 보고서"])


class AnnualReportIn(Schema):
    year: int = Field(ge=2000, le=2100, description="보고 대상 연도 (평가 회차가 종료된 해)")
    format: str = Field(max_length=10, description="형식: html, pdf, docx")


class AnnualReportOut(Schema):
    id: int
    year: int
    format: str
    status: str
    status_label: str
    progress: int
    step: str
    error: str
    sha256: str
    data_hash: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    file_url: str | None


def _out(request, job: AnnualReport) -> dict:
    made = services.report_file(job) is not None
    return {
        "id": job.pk,
        "year": job.year,
        "format": job.format,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "step": job.step,
        "error": job.error,
        "sha256": job.sha256,
        "data_hash": job.data_hash,
        "requested_at": job.requested_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "file_url": (
            request.build_absolute_uri(reverse("api-v1:annual_report_file", args=[job.pk]))
            if made
            else None
        ),
    }


@router.post(
    "/annual-reports",
    response={202: AnnualReportOut, **REFUSALS},
    auth=token_auth,
    summary="국회 보고서 파일 만들기 요청 (지방시대위원회 담당자)",
)
def annual_report_create(request, data: AnnualReportIn):
    job = services.annual_report_request(actor=request.auth, year=data.year, format=data.format)
    services.annual_report_start(job)
    return Status(202, _out(request, job))


@router.get(
    "/annual-reports/{id}",
    response={200: AnnualReportOut, 404: REFUSALS[404]},
    summary="국회 보고서 파일의 진행 상태",
)
def annual_report_detail(request, id: int):
    return _out(request, get_object_or_404(AnnualReport, pk=id))


@router.get(
    "/annual-reports/{id}/file",
    response={404: REFUSALS[404]},
    summary="국회 보고서 파일 내려받기",
)
def annual_report_file(request, id: int):
    job = get_object_or_404(AnnualReport, pk=id)
    path = services.report_file(job)
    if path is None:
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=FILE_NAME.format(year=job.year, pk=job.pk, ext=job.format),
    )
