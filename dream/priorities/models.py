"""Ⅱ of the implementation plan: the Committee's priority tasks as the document prints them.

The printed rows (PriorityTask, PriorityAction, PriorityItem) are written only by the plan
import (ingest.services.plan_document_store), keyed by their printed position, with
history; what people record about them (owners, step reports, inspections, the tracker's
settings) lives in the models below them and points at them with PROTECT, so a re-import
that would drop a reported step is refused rather than losing the report.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .choices import Half, ItemKind, Precision, StepStatus, TaskGroup


class Dated(models.Model):
    """The dates a line prints, as printed, and the span DREAM reads from them.

    One line may print several dates ("2차 지정(’24.下) 및 … 법안 마련(’24.下)"): `date_text`
    keeps them all (joined with " · "), the span runs from the earliest start to the latest
    end (empty where a date is open), and `precision` is that of the date that ends it.
    """

    date_text = models.CharField("날짜(원문)", max_length=200, blank=True)
    period_start = models.DateField("기간 시작", null=True, blank=True)
    period_end = models.DateField("기간 끝", null=True, blank=True)
    precision = models.CharField(
        "날짜 단위", max_length=10, choices=Precision.choices, default=Precision.UNDATED
    )

    class Meta:
        abstract = True


class PriorityTask(models.Model):
    year = models.PositiveSmallIntegerField("연도")
    position = models.PositiveSmallIntegerField("Ⅱ의 순서")  # 1–14, as Ⅱ prints them
    group = models.CharField("구분", max_length=10, choices=TaskGroup.choices)
    number = models.PositiveSmallIntegerField("번호")  # within the group, as the appendix
    name = models.CharField("과제명", max_length=200)
    source_line = models.PositiveIntegerField("원문 줄")
    status_title = models.CharField("추진 현황 제목", max_length=200, blank=True)
    appendix_title = models.CharField("부록 요약 제목", max_length=200, blank=True)
    appendix_text = models.TextField("부록 요약", blank=True)
    appendix_line = models.PositiveIntegerField("부록 원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="중점 이행과제 변경 이력")

    class Meta:
        verbose_name = "중점 이행과제"
        verbose_name_plural = "중점 이행과제"
        ordering = ["year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "group", "number"], name="priority_task_unique_number"
            ),
            models.UniqueConstraint(
                fields=["year", "position"], name="priority_task_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.number}. {self.name}"


class PriorityAction(Dated):
    """A "□ (topic) …" heading of a priority task."""

    task = models.ForeignKey(
        PriorityTask, verbose_name="중점 이행과제", on_delete=models.CASCADE, related_name="actions"
    )
    position = models.PositiveSmallIntegerField("순서")
    topic = models.CharField("주제", max_length=100, blank=True)
    text = models.TextField("내용")
    source_line = models.PositiveIntegerField("원문 줄")
    history = HistoricalRecords(verbose_name="추진 과제 변경 이력")

    class Meta:
        verbose_name = "추진 과제"
        verbose_name_plural = "추진 과제"
        ordering = ["task_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "position"], name="priority_action_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"□ ({self.topic}) {self.text}" if self.topic else f"□ {self.text}"


class PriorityItem(Dated):
    """A marked line of a priority task: an aim, a status item, a step, a sub-step or a note.

    Aims and status items belong to the task only; steps, sub-steps and notes to an action.
    """

    task = models.ForeignKey(
        PriorityTask, verbose_name="중점 이행과제", on_delete=models.CASCADE, related_name="items"
    )
    action = models.ForeignKey(
        PriorityAction,
        verbose_name="추진 과제",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="items",
    )
    position = models.PositiveSmallIntegerField("순서")  # within the task, as printed
    kind = models.CharField("구분", max_length=10, choices=ItemKind.choices)
    text = models.TextField("내용")
    source_line = models.PositiveIntegerField("원문 줄")
    history = HistoricalRecords(verbose_name="추진 내용 변경 이력")

    class Meta:
        verbose_name = "추진 내용"
        verbose_name_plural = "추진 내용"
        ordering = ["task_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "position"], name="priority_item_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[ItemKind.AIM, ItemKind.STATUS], action__isnull=True)
                | Q(kind__in=[ItemKind.STEP, ItemKind.SUB, ItemKind.NOTE], action__isnull=False),
                name="priority_item_action_by_kind",
                violation_error_message="목표·추진 현황은 과제에, 추진 내용·참고는 추진 과제에 속합니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class ActionOwner(models.Model):
    """Who carries an action (□): a ministry or a unit of the Committee, assigned by
    Committee staff; Ⅱ names owners only in passing, so this is recorded, not read."""

    action = models.OneToOneField(
        PriorityAction, verbose_name="추진 과제", on_delete=models.PROTECT, related_name="owner"
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name="담당 기관",
        on_delete=models.PROTECT,
        related_name="priority_actions_owned",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="지정한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField("지정 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="담당 기관 변경 이력")

    class Meta:
        verbose_name = "추진 과제 담당 기관"
        verbose_name_plural = "추진 과제 담당 기관"

    def __str__(self) -> str:
        return f"{self.action} — {self.organization}"


class StepReport(models.Model):
    """An owner's report of a step's status on a date, with its evidence. Append-only: the
    latest report (by `reported_at`, then id) is the step's reported state."""

    item = models.ForeignKey(
        PriorityItem, verbose_name="추진 내용", on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField("상태", max_length=12, choices=StepStatus.choices)
    as_of = models.DateField("기준일")
    evidence = models.TextField("근거")
    evidence_url = models.URLField("근거 주소", max_length=500, blank=True)
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name="보고 기관",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="보고한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField("보고 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="이행 보고 변경 이력")

    class Meta:
        verbose_name = "이행 보고"
        verbose_name_plural = "이행 보고"
        ordering = ["reported_at", "id"]
        indexes = [models.Index(fields=["item", "reported_at"], name="step_report_latest")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.as_of})"


class TrackerSettings(models.Model):
    """The rules of the tracker the plan does not fix, per year, set by Committee staff and
    shown beside every computed state. No row: the defaults below."""

    year = models.PositiveSmallIntegerField("연도", unique=True)
    ongoing_late_at_year_end = models.BooleanField("연중 과제도 연말이 지나면 지연", default=False)
    basis = models.CharField("근거", max_length=200, default="계획이 정하지 않음 — DREAM 기본값")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="정한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_at = models.DateTimeField("정한 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="이행 관리 설정 변경 이력")

    class Meta:
        verbose_name = "이행 관리 설정"
        verbose_name_plural = "이행 관리 설정"

    def __str__(self) -> str:
        return f"{self.year}년 이행 관리 설정"


class Inspection(models.Model):
    """A half-yearly inspection (반기별 이행점검, l.639–649): every task's state frozen in
    `snapshot` when it is taken (tracker.inspection_snapshot's shape, with the settings in
    use), with the Committee's remarks; never edited afterwards."""

    year = models.PositiveSmallIntegerField("연도")
    half = models.PositiveSmallIntegerField("반기", choices=Half.choices)
    taken_on = models.DateField("점검일")
    summary = models.TextField("총평", blank=True)
    snapshot = models.JSONField("점검 당시 상태")
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="점검한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    taken_at = models.DateTimeField("기록 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="이행점검 변경 이력")

    class Meta:
        verbose_name = "반기별 이행점검"
        verbose_name_plural = "반기별 이행점검"
        ordering = ["year", "half"]
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="inspection_unique_half"),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.get_half_display()} 이행점검"


class InspectionRemark(models.Model):
    """The inspection's remark on one task, frozen with it."""

    inspection = models.ForeignKey(
        Inspection, verbose_name="이행점검", on_delete=models.CASCADE, related_name="remarks"
    )
    task = models.ForeignKey(
        PriorityTask, verbose_name="중점 이행과제", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("점검 의견")
    history = HistoricalRecords(verbose_name="점검 의견 변경 이력")

    class Meta:
        verbose_name = "점검 의견"
        verbose_name_plural = "점검 의견"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "task"], name="inspection_remark_unique_task"
            ),
        ]

    def __str__(self) -> str:
        return self.text
