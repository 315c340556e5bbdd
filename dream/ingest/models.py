from django.conf import settings
from django.db import models

from dream.plans.models import Plan

from .choices import finding_code_label


class ImportRun(models.Model):
    """One successful reading of a plan document into the database: who, when, which file."""

    started_at = models.DateTimeField("가져온 시각", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="가져온 사람",
        on_delete=models.PROTECT,
        related_name="import_runs",
    )
    file_name = models.CharField("파일", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    year = models.PositiveSmallIntegerField("연도")
    created = models.PositiveIntegerField("추가", default=0)
    updated = models.PositiveIntegerField("변경", default=0)
    deleted = models.PositiveIntegerField("삭제", default=0)

    class Meta:
        verbose_name = "가져오기 기록"
        verbose_name_plural = "가져오기 기록"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class Finding(models.Model):
    """A place where a document contradicts itself or looks wrong, kept for review.

    Findings belong to the document as read, not to the plan data: a later import of
    the same year replaces the ones that no longer hold.
    """

    class Severity(models.TextChoices):
        ERROR = "error", "오류"
        WARNING = "warning", "경고"
        INFO = "info", "참고"

    year = models.PositiveSmallIntegerField("연도")
    plan = models.ForeignKey(
        Plan,
        verbose_name="시행계획",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    severity = models.CharField("심각도", max_length=10, choices=Severity.choices)
    code = models.CharField("코드", max_length=60)
    message = models.TextField("내용")
    source_line = models.PositiveIntegerField("원문 줄")
    import_run = models.ForeignKey(
        ImportRun,
        verbose_name="발견한 가져오기",
        on_delete=models.PROTECT,
        related_name="findings",
    )

    class Meta:
        verbose_name = "검토 사항"
        verbose_name_plural = "검토 사항"
        ordering = ["year", "source_line", "code"]
        # Every page reads one year's findings in this order (issue 13: without it, three
        # scans of every year's findings per page).
        indexes = [models.Index(fields=["year", "source_line", "code"], name="finding_year_line")]

    def __str__(self) -> str:
        return f"[{self.get_severity_display()}] {self.code} (줄 {self.source_line})"

    def get_code_display(self) -> str:
        """The code's Korean label, as `get_severity_display` gives the severity's."""
        return finding_code_label(self.code)
