"""Actuals (실적) of the digital plan's goals, year by year, with where each figure comes from."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dream.digital.models import DigitalGoal


class GoalValue(models.Model):
    """The actual value of a goal for one year, as a person entered it from a named source.

    One value per goal and year: entering another value for the same year replaces it
    (through `goal_value_record`), and the history keeps the replaced one.
    """

    goal = models.ForeignKey(
        DigitalGoal, verbose_name="목표", on_delete=models.CASCADE, related_name="actuals"
    )
    year = models.PositiveSmallIntegerField("연도")
    value = models.DecimalField("값", max_digits=20, decimal_places=4)
    value_text = models.CharField("값(입력 그대로)", max_length=100)
    source = models.CharField(
        "출처", max_length=500, help_text="수치를 확인한 자료(통계명, 보고서 등)"
    )
    observed_on = models.DateField("기준일", help_text="출처 자료의 기준일 또는 공표일")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="입력한 사람",
        on_delete=models.PROTECT,
        related_name="goal_values_recorded",
    )
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    history = HistoricalRecords(verbose_name="목표 실적 변경 이력")

    class Meta:
        verbose_name = "목표 실적"
        verbose_name_plural = "목표 실적"
        ordering = ["goal", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year"],
                name="goal_value_unique_goal_year",
                violation_error_message="이 목표의 같은 연도 실적이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} {self.year}년: {self.value_text}"
