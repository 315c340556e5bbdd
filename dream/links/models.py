"""Links between the two plans: a digital-plan task and an implementation-plan task that
carries it out.

A link is proposed by the word matcher (`services.link_proposals_refresh`) or made by hand;
Committee staff confirm or reject it. Only confirmed links count as planned work.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.digital.models import DigitalTask
from dream.plans.models import Task

from .choices import LinkStatus


class TaskLink(models.Model):
    """A digital task ↔ implementation-plan task pair, its match score and its decision."""

    digital_task = models.ForeignKey(
        DigitalTask, verbose_name="디지털 과제", on_delete=models.CASCADE, related_name="links"
    )
    task = models.ForeignKey(
        Task, verbose_name="시행계획 과제", on_delete=models.CASCADE, related_name="digital_links"
    )
    status = models.CharField(
        "상태", max_length=10, choices=LinkStatus.choices, default=LinkStatus.PROPOSED
    )
    score = models.DecimalField(
        "유사도", max_digits=4, decimal_places=3, help_text="0–1, 공유 낱말의 가중 비율"
    )
    shared_words = models.TextField("공유 낱말", blank=True, help_text="쉼표로 구분")
    proposed_at = models.DateTimeField("제안 시각", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="결정자",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("결정 시각", null=True, blank=True)
    manual = models.BooleanField("직접 추가", default=False, help_text="제안 없이 사람이 만든 연계")
    note = models.TextField("메모", blank=True)
    # A decision's note (up to 500 characters) is its history record's change reason, so
    # the reason is a text column, not simple-history's default of 100 characters.
    history = HistoricalRecords(
        verbose_name="과제 연계 변경 이력",
        history_change_reason_field=models.TextField(null=True),
    )

    class Meta:
        verbose_name = "과제 연계"
        verbose_name_plural = "과제 연계"
        ordering = ["digital_task", "-score", "task"]
        constraints = [
            models.UniqueConstraint(
                fields=["digital_task", "task"],
                name="task_link_unique_pair",
                violation_error_message="이 디지털 과제와 시행계획 과제는 이미 연계되어 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1),
                name="task_link_score_between_0_and_1",
                violation_error_message="유사도는 0과 1 사이여야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(status=LinkStatus.PROPOSED)
                | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="task_link_decision_has_who_and_when",
                violation_error_message="확정·기각된 연계에는 결정자와 결정 시각이 있어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.digital_task} ↔ {self.task} ({self.get_status_display()})"

    @property
    def shared_word_list(self) -> list[str]:
        return [word for word in self.shared_words.split(", ") if word]
