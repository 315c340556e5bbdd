"""Making the annual report: a request leaves a job row (대기) and starts the command that
generates the file in a detached process, since DREAM has no task queue; the command writes its
progress into the row, and a failure into `error` — never an error page.
"""

import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User
from dream.accounts.permissions import is_committee_staff
from dream.cycle.errors import InvalidInput, NotAllowed

from .models import AnnualReport, ReportFormat, ReportStatus
from .selectors import closed_round, data_hash, report_data

REPORTS_DIR = "reports"
NOT_STAFF = "국회 보고서 파일은 지방시대위원회 담당자만 만듭니다."


def can_generate_report(user: User) -> bool:
    return is_committee_staff(user)


def report_bytes(
    year: int, format: str, progress: Callable[[int, str], None] = lambda _p, _s: None
) -> tuple[bytes, str]:
    """The report of `year` in `format` and the hash of the data it was made from."""
    progress(10, "자료 모으는 중")
    data = report_data(year)
    digest = data_hash(data)
    progress(40, f"{ReportFormat(format).label} 만드는 중")
    if format == ReportFormat.PDF:
        from .render_pdf import render_pdf

        content = render_pdf(data)
    elif format == ReportFormat.DOCX:
        from .render_docx import render_docx

        content = render_docx(data)
    else:
        from .render_html import render_html

        content = render_html(data).encode()
    progress(90, "파일 저장 중")
    return content, digest


def _format_checked(format: str) -> str:
    if format not in ReportFormat.values:
        allowed = ", ".join(ReportFormat.values)
        raise InvalidInput(f"보고서 형식은 {allowed} 가운데 하나여야 합니다.")
    return format


@transaction.atomic
def annual_report_request(*, actor: User, year: int, format: str) -> AnnualReport:
    """A waiting job for the report of `year` in `format`: staff only, and only for a year
    whose evaluation round has closed (NoClosedRound, a StateConflict, otherwise)."""
    if not can_generate_report(actor):
        raise NotAllowed(NOT_STAFF)
    _format_checked(format)
    closed_round(year)
    return AnnualReport.objects.create(year=year, format=format, requested_by=actor, step="대기 중")


def report_path(job: AnnualReport) -> Path:
    return (
        Path(settings.MEDIA_ROOT) / REPORTS_DIR / f"{job.year}-annual-report-{job.pk}.{job.format}"
    )


def annual_report_start(job: AnnualReport) -> None:
    """Run `dream annual-report` for the job in its own session, so it outlives the request."""
    subprocess.Popen(  # noqa: S603 — fixed arguments, no shell
        [
            sys.executable,
            "-m",
            "dream.cli",
            "annual-report",
            str(job.year),
            "--format",
            job.format,
            "--output",
            str(report_path(job)),
            "--job",
            str(job.pk),
        ],  # fmt: skip
        cwd=settings.BASE_DIR,
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _update(job: AnnualReport, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    AnnualReport.objects.filter(pk=job.pk).update(**fields)


def annual_report_generate(job: AnnualReport, output: Path | None = None) -> AnnualReport:
    """Generate the job's file, writing progress and step as it goes; a failure is recorded
    on the job (status 실패, `error`) instead of raised."""
    output = Path(output) if output else report_path(job)
    _update(job, status=ReportStatus.RUNNING, started_at=timezone.now(), progress=5, step="시작")
    started = time.monotonic()
    try:
        content, digest = report_bytes(
            job.year, job.format, lambda p, s: _update(job, progress=p, step=s)
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(content)
    except Exception as error:  # noqa: BLE001 — recorded on the job, shown on the page
        message = getattr(error, "message", "") or f"{type(error).__name__}: {error}"
        _update(
            job, status=ReportStatus.FAILED, finished_at=timezone.now(), step="실패",
            error=message[:2000],
        )  # fmt: skip
        return job
    media = Path(settings.MEDIA_ROOT)
    stored = str(output.relative_to(media)) if output.is_relative_to(media) else str(output)
    _update(
        job, status=ReportStatus.DONE, progress=100, finished_at=timezone.now(),
        step=f"완료 ({time.monotonic() - started:.1f}초)", file=stored,
        sha256=hashlib.sha256(content).hexdigest(), data_hash=digest, error="",
    )  # fmt: skip
    return job


def report_file(job: AnnualReport) -> Path | None:
    """The job's file on disk, when it was made and is still there."""
    if job.status != ReportStatus.DONE or not job.file:
        return None
    path = Path(job.file)
    if not path.is_absolute():
        path = Path(settings.MEDIA_ROOT) / path
    return path if path.is_file() else None
