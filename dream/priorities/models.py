"""Ⅱ of the implementation plan: the Committee's priority tasks as the document prints them.

Rows are written only by the plan import (ingest.services.plan_document_store), keyed by
their printed position, with history; what people record about them (owners, status,
inspections) lives beside them, never in these columns.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import ItemKind, Precision, TaskGroup


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
