"""The annual report to the National Assembly (특별법 제73조; 2024 plan l.167–170): each
generated file is a job row, so a long generation shows its progress and its failure."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReportFormat(models.TextChoices):
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX(워드)"


class ReportStatus(models.TextChoices):
    WAITING = "waiting", "대기"
    RUNNING = "running", "생성 중"
    DONE = "done", "완료"
    FAILED = "failed", "실패"


class AnnualReport(models.Model):
    """One generation of the year's report in one format: who asked, how far it got, the file
    it made with its digest, and the digest of the data it was made from (same data, same
    figures)."""

    year = models.PositiveSmallIntegerField("보고 대상 연도")
    format = models.CharField("형식", max_length=10, choices=ReportFormat.choices)
    status = models.CharField(
        "상태", max_length=10, choices=ReportStatus.choices, default=ReportStatus.WAITING
    )
    progress = models.PositiveSmallIntegerField("진행(%)", default=0)
    step = models.CharField("단계", max_length=200, blank=True)
    file = models.CharField("파일(MEDIA_ROOT 기준)", max_length=300, blank=True)
    sha256 = models.CharField("파일 SHA-256", max_length=64, blank=True)
    data_hash = models.CharField("자료 SHA-256", max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="요청한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("요청한 때", auto_now_add=True)
    started_at = models.DateTimeField("시작한 때", null=True, blank=True)
    finished_at = models.DateTimeField("끝난 때", null=True, blank=True)
    error = models.TextField("오류", blank=True)

    class Meta:
        verbose_name = "국회 보고서 파일"
        verbose_name_plural = "국회 보고서 파일"
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="annual_report_progress_percent",
                violation_error_message="진행은 0%부터 100%까지입니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 국회 보고서({self.get_format_display()}) #{self.pk}"

    @property
    def extension(self) -> str:
        return self.format
