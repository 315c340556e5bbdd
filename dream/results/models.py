"""What a body reports on its plan year (2024 plan l.143–153: the Committee evaluates the
추진실적 of every plan): indicator actuals, execution of the fiscal input and a short account per
core task. Results exist without an evaluation round, so the public results page can show them.

Planned figures are never copied here: they are read from the plan's `Budget` cells and
indicators, so a result always stands beside what the plan printed.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.accounts.models import Organization, User
from dream.indicators.models import Indicator
from dream.plans.choices import BudgetSource
from dream.plans.models import Plan, Strategy, Task

from .choices import ResultAction, ResultState


class ResultSubmission(models.Model):
    """One body's results on one published plan. For the Committee's sectoral plan each lead
    ministry submits the part it leads, so a plan may have several."""

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.PROTECT, related_name="result_submissions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="실적 제출 기관",
        on_delete=models.PROTECT,
        related_name="result_submissions",
    )
    state = models.CharField(
        "상태", max_length=20, choices=ResultState.choices, default=ResultState.DRAFTING
    )
    submitted_at = models.DateTimeField("처음 제출한 때", null=True, blank=True)
    is_late = models.BooleanField(
        "평가 시작 후 제출",
        default=False,
        help_text="평가 회차의 추진실적 평가 단계가 시작된 뒤 제출",
    )
    confirmed_at = models.DateTimeField("확정한 때", null=True, blank=True)
    history = HistoricalRecords(verbose_name="실적 제출 변경 이력")

    class Meta:
        verbose_name = "추진실적 제출"
        verbose_name_plural = "추진실적 제출"
        ordering = ["plan", "organization__kind", "organization__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organization"],
                name="result_submission_unique_body_per_plan",
                violation_error_message="이 기관의 이 시행계획 실적 제출이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.year}년 {self.organization} 추진실적 ({self.get_state_display()})"


class ResultEvent(models.Model):
    """One step of a result submission, never changed afterwards: who, when, why."""

    submission = models.ForeignKey(
        ResultSubmission, verbose_name="실적 제출", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("처리", max_length=20, choices=ResultAction.choices)
    from_state = models.CharField("이전 상태", max_length=20, choices=ResultState.choices)
    to_state = models.CharField("새 상태", max_length=20, choices=ResultState.choices)
    actor = models.ForeignKey(
        User, verbose_name="처리한 사람", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("처리한 때")
    comment = models.TextField("의견", blank=True)

    class Meta:
        verbose_name = "실적 제출 처리 기록"
        verbose_name_plural = "실적 제출 처리 기록"
        ordering = ["submission", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission} {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class IndicatorActual(models.Model):
    """The actual value of a plan's indicator for a year, as the body entered it from a named
    source. The text is kept as written; the number is null when the text holds none (e.g.
    "기본계획 고시 완료"), which an evaluator then judges."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="성과지표", on_delete=models.PROTECT, related_name="actuals"
    )
    year = models.PositiveSmallIntegerField("연도")
    value_text = models.CharField("실적(입력 그대로)", max_length=100)
    value = models.DecimalField("실적 수치", max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(
        "출처", max_length=500, help_text="수치를 확인한 자료(통계명, 보고서 등)"
    )
    observed_on = models.DateField("기준일", help_text="출처 자료의 기준일 또는 공표일")
    note = models.CharField("비고", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name="입력한 사람", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    history = HistoricalRecords(verbose_name="지표 실적 변경 이력")

    class Meta:
        verbose_name = "성과지표 실적"
        verbose_name_plural = "성과지표 실적"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_actual_unique_indicator_year",
                violation_error_message="이 지표의 같은 연도 실적이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}년 실적: {self.value_text}"


class FiscalExecution(models.Model):
    """Money spent against the plan's fiscal input, by source, for the plan as a whole, a
    pillar strategy, or a task (sectoral plans print 국비 per practical task). The planned
    amount is read from the plan, never stored here; the rate is always computed."""

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.PROTECT, related_name="executions"
    )
    year = models.PositiveSmallIntegerField("연도")
    source = models.CharField("재원", max_length=20, choices=BudgetSource.choices)
    strategy = models.ForeignKey(
        Strategy,
        verbose_name="전략",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="executions",
    )
    task = models.ForeignKey(
        Task,
        verbose_name="과제",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="executions",
    )
    spent_eok = models.DecimalField("집행액(억원)", max_digits=14, decimal_places=2)
    spent_text = models.CharField("집행액(입력 그대로)", max_length=50)
    document = models.CharField("출처", max_length=500, help_text="집행액을 확인한 자료")
    observed_on = models.DateField("기준일")
    recorded_by = models.ForeignKey(
        User, verbose_name="입력한 사람", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    history = HistoricalRecords(verbose_name="재정 집행 변경 이력")

    class Meta:
        verbose_name = "재정 집행"
        verbose_name_plural = "재정 집행"
        ordering = ["plan", "year", "strategy", "task", "source"]
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy__isnull=True) | Q(task__isnull=True),
                name="fiscal_execution_one_anchor",
                violation_error_message="집행액은 전략과 과제 중 하나에만 붙습니다.",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "source"],
                condition=Q(strategy__isnull=True, task__isnull=True),
                name="fiscal_execution_unique_plan_total",
                violation_error_message="이 계획의 같은 연도·재원 집행액이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "source", "strategy"],
                condition=Q(strategy__isnull=False),
                name="fiscal_execution_unique_strategy",
                violation_error_message="이 전략의 같은 연도·재원 집행액이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "source", "task"],
                condition=Q(task__isnull=False),
                name="fiscal_execution_unique_task",
                violation_error_message="이 과제의 같은 연도·재원 집행액이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}년 {self.get_source_display()} 집행 {self.spent_text}억원"


class SelfAssessment(models.Model):
    """The body's short account of what was done on a core task (or, for a super-region, a
    pillar strategy) in the year. An account, not a grade."""

    MAX_LENGTH = 3000

    year = models.PositiveSmallIntegerField("연도")
    task = models.ForeignKey(
        Task,
        verbose_name="핵심과제",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name="전략",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    text = models.TextField("추진실적 설명", max_length=MAX_LENGTH)
    recorded_by = models.ForeignKey(
        User, verbose_name="입력한 사람", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    history = HistoricalRecords(verbose_name="추진실적 설명 변경 이력")

    class Meta:
        verbose_name = "추진실적 설명"
        verbose_name_plural = "추진실적 설명"
        ordering = ["year", "task", "strategy"]
        constraints = [
            models.CheckConstraint(
                condition=Q(task__isnull=False, strategy__isnull=True)
                | Q(task__isnull=True, strategy__isnull=False),
                name="self_assessment_one_anchor",
                violation_error_message="설명은 핵심과제나 전략 중 하나에 붙습니다.",
            ),
            models.UniqueConstraint(
                fields=["task", "year"],
                condition=Q(task__isnull=False),
                name="self_assessment_unique_task_year",
                violation_error_message="이 과제의 같은 연도 설명이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["strategy", "year"],
                condition=Q(strategy__isnull=False),
                name="self_assessment_unique_strategy_year",
                violation_error_message="이 전략의 같은 연도 설명이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task or self.strategy} {self.year}년 추진실적 설명"
