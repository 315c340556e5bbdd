"""Areas designated under a special zone (기회발전특구 and the other three of Ⅱ's 4대 특구):
each application with its area as entered, the decisions that moved it, and the province's
area cap the plan prints (l.231: 광역시 150만평, 도 200만평) as a check, never a refusal.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .choices import DesignationStage


class ZoneDesignation(models.Model):
    """One area a province applied to have designated under a zone task of Ⅱ."""

    task = models.ForeignKey(
        "priorities.PriorityTask",
        verbose_name="특구(중점 이행과제)",
        on_delete=models.PROTECT,
        related_name="designations",
    )
    province = models.ForeignKey(
        "accounts.Organization",
        verbose_name="시·도",
        on_delete=models.PROTECT,
        related_name="zone_designations",
    )
    name = models.CharField("특구 이름", max_length=200)
    area_text = models.CharField("면적(입력 그대로)", max_length=50, blank=True)
    area_pyeong = models.DecimalField(
        "면적(만평)", max_digits=12, decimal_places=4, null=True, blank=True
    )
    stage = models.CharField(
        "단계", max_length=12, choices=DesignationStage.choices, default=DesignationStage.APPLIED
    )
    applied_on = models.DateField("신청일")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="등록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("등록 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="특구 지정 변경 이력")

    class Meta:
        verbose_name = "특구 지정"
        verbose_name_plural = "특구 지정"
        ordering = ["task_id", "province_id", "applied_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "province", "name"],
                name="zone_designation_unique_name",
                violation_error_message="같은 특구에 같은 시·도의 같은 이름이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.name}"


class DesignationDecision(models.Model):
    """A step of a designation: the stage it moved to, when, and the decision as recorded."""

    designation = models.ForeignKey(
        ZoneDesignation,
        verbose_name="특구 지정",
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    stage = models.CharField("단계", max_length=12, choices=DesignationStage.choices)
    decided_on = models.DateField("결정일")
    decision = models.TextField("결정 내용")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="기록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("기록 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="지정 결정 변경 이력")

    class Meta:
        verbose_name = "지정 결정"
        verbose_name_plural = "지정 결정"
        ordering = ["designation_id", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.decided_on})"
