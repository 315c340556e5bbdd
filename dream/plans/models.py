"""The implementation plan as data: plans, their strategies, task trees and budgets.

Every model keeps the source line it was read from and a full history of changes
(django-simple-history; see docs/decisions/0001-history.md).
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.accounts.models import Organization

from .choices import BudgetSource, PlanLevel, StrategyKind, TaskKind

EOK_UNIT = "억원"
# 억원 amounts as printed: totals reach 6 whole digits, budgets print up to 2 decimals
# (135.27억원); 12 whole digits leave room, and a third decimal is refused on import.
AMOUNT_DIGITS = 14
AMOUNT_PLACES = 2
PLAN_TITLES = {
    PlanLevel.NATIONAL: "지방시대 시행계획",
    PlanLevel.SECTORAL: "부문별 시행계획",
    PlanLevel.PROVINCE: "시·도 지방시대 시행계획",
    PlanLevel.SUPER_REGION: "초광역권발전 시행계획",
}


class Plan(models.Model):
    """One year's plan of one owner: the national plan, the ministries' sectoral plan,
    a province's or a super-region's plan."""

    year = models.PositiveSmallIntegerField("연도")
    level = models.CharField("수준", max_length=20, choices=PlanLevel.choices)
    owner = models.ForeignKey(
        Organization, verbose_name="수립 주체", on_delete=models.PROTECT, related_name="plans"
    )
    goal = models.TextField("목표", blank=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    is_draft = models.BooleanField(
        "작성 중",
        default=False,
        help_text="수립 주기에서 작성 중인 초안: 의결되기 전에는 공개 화면에 나오지 않습니다",
    )
    history = HistoricalRecords(verbose_name="시행계획 변경 이력")

    class Meta:
        verbose_name = "시행계획"
        verbose_name_plural = "시행계획"
        ordering = ["year", "level", "owner__position"]
        # Pages read one year: this index lets a join start from that year's plans rather
        # than scan every year's tasks, links or budgets (issue 13).
        indexes = [models.Index(fields=["year", "level"], name="plan_year_level")]
        constraints = [
            # One published plan and at most one draft per year, level and owner: a draft
            # beside a published plan of its year is an amendment in the making.
            models.UniqueConstraint(
                fields=["year", "level", "owner"],
                condition=Q(is_draft=False),
                name="plan_unique_published",
                violation_error_message="같은 연도·수준·주체의 시행계획이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["year", "level", "owner"],
                condition=Q(is_draft=True),
                name="plan_unique_draft",
                violation_error_message="같은 연도·수준·주체의 시행계획 초안이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.owner} {self.get_level_display()} 시행계획"

    @property
    def title(self) -> str:
        """The name the law and the document give this kind of plan, with its year."""
        return f"{self.year}년 {PLAN_TITLES[self.level]}"


class Strategy(models.Model):
    """A strategy of a plan. Pillars group its tasks and budgets (the five table rows);
    focus strategies are the plan's own ◈ lines for the year."""

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.CASCADE, related_name="strategies"
    )
    kind = models.CharField("종류", max_length=10, choices=StrategyKind.choices)
    position = models.PositiveSmallIntegerField("순서")
    code = models.CharField("번호", max_length=10, blank=True)
    name = models.TextField("전략명")
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="전략 변경 이력")

    class Meta:
        verbose_name = "전략"
        verbose_name_plural = "전략"
        ordering = ["plan", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "position"],
                name="strategy_unique_position",
                violation_error_message="이 시행계획에 같은 순서의 전략이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code or self.position}. {self.name}"


class Task(models.Model):
    """A node of a plan's task tree: core task → practical task → project (ministries),
    core task → detailed task (provinces) or core task → plan item (super-regions)."""

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.CASCADE, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 과제",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField("종류", max_length=10, choices=TaskKind.choices)
    position = models.PositiveSmallIntegerField("순서")
    code = models.CharField("번호", max_length=20, blank=True)
    name = models.TextField("과제명")
    strategy = models.ForeignKey(
        Strategy,
        verbose_name="전략",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    ministries = models.ManyToManyField(
        Organization,
        verbose_name="담당 부처",
        blank=True,
        related_name="tasks",
        through="TaskMinistry",
    )
    project_count = models.PositiveIntegerField("사업 수", null=True, blank=True)
    national_budget_eok = models.DecimalField(
        "국비(억원)",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        help_text="2024년 국비, 억원 단위로 인쇄된 그대로(93.5)",
    )
    national_budget_text = models.CharField("국비(원문)", max_length=50, blank=True)
    description = models.TextField("내용", blank=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="과제 변경 이력")

    class Meta:
        verbose_name = "과제"
        verbose_name_plural = "과제"
        ordering = ["plan", "source_line", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "kind", "position"],
                condition=Q(parent__isnull=False),
                name="task_unique_position_under_parent",
                violation_error_message="같은 상위 과제 아래 같은 순서의 과제가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["plan", "strategy", "kind", "position"],
                condition=Q(parent__isnull=True),
                name="task_unique_position_under_strategy",
                violation_error_message="같은 전략 아래 같은 순서의 과제가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(national_budget_eok__isnull=True) | Q(national_budget_eok__gte=0),
                name="task_national_budget_not_negative",
                violation_error_message="국비는 0 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class TaskMinistry(models.Model):
    """A ministry responsible for a task, in the order the document prints them
    (the lead ministry first), with the name printed for it (과기부 for 과기정통부)."""

    task = models.ForeignKey(
        Task, verbose_name="과제", on_delete=models.CASCADE, related_name="ministry_links"
    )
    ministry = models.ForeignKey(
        Organization, verbose_name="부처", on_delete=models.PROTECT, related_name="task_links"
    )
    position = models.PositiveSmallIntegerField("순서")
    printed_name = models.CharField("원문 표기", max_length=100, blank=True)
    history = HistoricalRecords(verbose_name="담당 부처 변경 이력")

    class Meta:
        verbose_name = "담당 부처"
        verbose_name_plural = "담당 부처"
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "ministry"],
                name="task_ministry_unique",
                violation_error_message="이 과제에 이 부처가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.ministry)


class Budget(models.Model):
    """Planned money of a plan (or one of its pillar strategies) for a year and a source,
    in 억원 exactly as printed: documents print decimals (93.5억원, 135.27억원)."""

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.CASCADE, related_name="budgets"
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name="전략",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="budgets",
        help_text="비어 있으면 시행계획 전체 합계",
    )
    year = models.PositiveSmallIntegerField("연도")
    source = models.CharField("재원", max_length=20, choices=BudgetSource.choices)
    amount_eok = models.DecimalField(
        "금액(억원)", max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    printed = models.CharField("원문 표기", max_length=50, blank=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="재정투입 변경 이력")

    unit = EOK_UNIT

    class Meta:
        verbose_name = "재정투입"
        verbose_name_plural = "재정투입"
        ordering = ["plan", "year", "strategy__position", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "strategy", "year", "source"],
                name="budget_unique_cell",
                violation_error_message="같은 전략·연도·재원의 금액이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "source"],
                condition=Q(strategy__isnull=True),
                name="budget_unique_total",
                violation_error_message="같은 연도·재원의 합계 금액이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year} {self.get_source_display()} {self.amount_eok.normalize():,f}{EOK_UNIT}"


class PrintedShare(models.Model):
    """A share the plan prints (구성비 of a source, a strategy's share of the ministries' or
    the provinces' money), kept as printed: DREAM's own computation from rounded figures
    can differ, and the page shows both."""

    class Group(models.TextChoices):
        SOURCE = "source", "재원 구성비"
        SECTORAL = "sectoral", "부처 전략별 비중"
        PROVINCE = "province", "시·도 전략별 비중"

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.CASCADE, related_name="printed_shares"
    )
    year = models.PositiveSmallIntegerField("연도")
    group = models.CharField("구분", max_length=10, choices=Group.choices)
    key = models.CharField("항목", max_length=10, help_text="재원(national…) 또는 전략 번호(Ⅰ…)")
    percent = models.DecimalField("비율(%)", max_digits=6, decimal_places=2)
    printed = models.CharField("원문 표기", max_length=20)
    source_line = models.PositiveIntegerField("원문 줄")
    history = HistoricalRecords(verbose_name="인쇄된 비율 변경 이력")

    class Meta:
        verbose_name = "인쇄된 비율"
        verbose_name_plural = "인쇄된 비율"
        ordering = ["plan", "group", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "group", "key"],
                name="printed_share_unique",
                violation_error_message="같은 구분·항목의 비율이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.get_group_display()} {self.key} {self.printed}"
