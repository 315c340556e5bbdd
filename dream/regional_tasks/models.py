"""The register of regional policy tasks (지역정책과제): the plan prints only counts (660 in
all, 414 in the 2023–2027 종합계획, 255 = 17 시·도 × 15 announced in 2022), so every row
comes from a province's list through the import template or a form, never from DREAM.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .choices import BudgetStage, ClosureStep, TaskState


class RegionalPolicyTask(models.Model):
    province = models.ForeignKey(
        "accounts.Organization",
        verbose_name="시·도",
        on_delete=models.PROTECT,
        related_name="regional_policy_tasks",
    )
    code = models.CharField("과제 번호", max_length=30)  # the province's own numbering
    title = models.CharField("과제명", max_length=300)
    origin_pledge = models.CharField("대통령 지역공약", max_length=300, blank=True)
    announced_2022 = models.BooleanField("인수위 발표 과제(’22.4, 17개 시·도×15개)", default=False)
    in_comprehensive_plan = models.BooleanField("지방시대 종합계획(’23~’27) 반영", default=False)
    ministry = models.ForeignKey(
        "accounts.Organization",
        verbose_name="소관 부처",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regional_policy_tasks_owned",
    )
    state = models.CharField(
        "관리 구분", max_length=12, choices=TaskState.choices, default=TaskState.ACTIVE
    )
    # The state a closure request left, so that a withdrawn request goes back to it.
    state_before_closing = models.CharField(
        "종결요청 전 구분", max_length=12, choices=TaskState.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="등록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("등록 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="지역정책과제 변경 이력")

    class Meta:
        verbose_name = "지역정책과제"
        verbose_name_plural = "지역정책과제"
        ordering = ["province_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "code"],
                name="regional_task_unique_code",
                violation_error_message="이 시·도에 같은 과제 번호가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.code} {self.title}"


class Transition(models.Model):
    """A recorded move of a task: a change of state, or one step of a closure's printed path
    (`closure_step`, the state unchanged until the last). Append-only."""

    task = models.ForeignKey(
        RegionalPolicyTask,
        verbose_name="지역정책과제",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_state = models.CharField("이전 구분", max_length=12, choices=TaskState.choices)
    to_state = models.CharField("이후 구분", max_length=12, choices=TaskState.choices)
    closure_step = models.CharField(
        "종결 절차", max_length=20, choices=ClosureStep.choices, blank=True
    )
    inspection = models.ForeignKey(
        "priorities.Inspection",
        verbose_name="반기별 이행점검",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regional_task_transitions",
    )
    decided_on = models.DateField("결정일")
    document = models.CharField("근거 문서", max_length=300)
    note = models.TextField("비고", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="기록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("기록 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="과제 구분 변경 이력")

    class Meta:
        verbose_name = "과제 구분 변경"
        verbose_name_plural = "과제 구분 변경"
        ordering = ["task_id", "recorded_at", "id"]

    def __str__(self) -> str:
        step = f" ({self.get_closure_step_display()})" if self.closure_step else ""
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}{step}"


class BudgetRequest(models.Model):
    """A task's budget need for one year: what the province submitted (억원 as entered), the
    ministry's opinion, and when it was forwarded to 기획재정부."""

    task = models.ForeignKey(
        RegionalPolicyTask,
        verbose_name="지역정책과제",
        on_delete=models.CASCADE,
        related_name="budget_requests",
    )
    year = models.PositiveSmallIntegerField("예산 연도")
    amount_text = models.CharField("요구액(입력 그대로)", max_length=50)
    amount_eok = models.DecimalField(
        "요구액(억원)", max_digits=14, decimal_places=4, null=True, blank=True
    )
    request_note = models.TextField("시·도 요구 내용", blank=True)
    stage = models.CharField(
        "단계", max_length=20, choices=BudgetStage.choices, default=BudgetStage.REQUESTED
    )
    ministry_opinion = models.TextField("부처 협의 의견", blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="의견 작성자",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_on = models.DateField("기획재정부 송부일", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="제출한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("제출 시각", default=timezone.now)
    history = HistoricalRecords(verbose_name="예산 요구 변경 이력")

    class Meta:
        verbose_name = "예산 요구"
        verbose_name_plural = "예산 요구"
        ordering = ["task_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["task", "year"], name="budget_request_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.amount_text}"
