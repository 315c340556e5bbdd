from django.db import models
from simple_history.models import HistoricalRecords

from dream.plans.models import Plan, Task

from .choices import IndicatorDirection, IndicatorGroup

# What an indicator says, apart from where it sits (plan, task, position): the fields a
# copy of a plan carries over.
INDICATOR_CONTENT_FIELDS = (
    "group",
    "scope",
    "subgroup",
    "name",
    "unit",
    "baseline_year",
    "baseline_text",
    "baseline_value",
    "target_year",
    "target_text",
    "target_value",
    "direction",
    "change_text",
    "target_note",
    "is_new",
)


class Indicator(models.Model):
    """A performance indicator of a plan with its baseline (actual) and target.

    Values are printed in many ways ("31,6", "전략수립", "-"): the printed text is the
    record of what the plan says; the parsed number beside it is for computing.
    """

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.CASCADE, related_name="indicators"
    )
    task = models.ForeignKey(
        Task,
        verbose_name="과제",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    position = models.PositiveSmallIntegerField("순서")
    group = models.CharField("구분", max_length=12, choices=IndicatorGroup.choices)
    scope = models.TextField("해당 전략·과제", blank=True)
    subgroup = models.CharField(
        "지표 묶음",
        max_length=100,
        blank=True,
        help_text="표에서 지표명 앞 칸에 인쇄된 묶음 이름(예: 부울경 '인재양성')",
    )
    name = models.TextField("지표명")
    unit = models.CharField("단위", max_length=30, blank=True)
    baseline_year = models.PositiveSmallIntegerField("기준 연도", null=True, blank=True)
    baseline_text = models.CharField("실적(원문)", max_length=100, blank=True)
    baseline_value = models.DecimalField(
        "실적", max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField("목표 연도", null=True, blank=True)
    target_text = models.TextField("목표(원문)", blank=True)
    target_value = models.DecimalField(
        "목표", max_digits=20, decimal_places=4, null=True, blank=True
    )
    direction = models.CharField(
        "방향",
        max_length=10,
        choices=IndicatorDirection.choices,
        blank=True,
        help_text="비어 있으면 정하지 않음(인쇄된 계획은 방향을 적지 않습니다)",
    )
    change_text = models.CharField("증감(원문)", max_length=100, blank=True)
    target_note = models.CharField(
        "목표 비고(원문)", max_length=100, blank=True, help_text="예: (‘24년 신규), * 신규"
    )
    is_new = models.BooleanField(
        "신규 지표", default=False, help_text="계획이 신규라고 인쇄한 지표: 전년도 실적이 없습니다"
    )
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="성과지표 변경 이력")

    class Meta:
        verbose_name = "성과지표"
        verbose_name_plural = "성과지표"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="indicator_unique_position",
                violation_error_message="이 시행계획에 같은 순서의 지표가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
