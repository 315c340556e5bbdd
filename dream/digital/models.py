"""The digital plan (지방 디지털 경쟁력 강화방안, DREAM) as data.

Its schedule (Ⅶ 과제별 추진일정) is read from the document; its prose facts (goals,
sub-goals, budget figures) come from a reviewed data file that names the source line of
each fact (data/seeds/digital-plan-facts.toml). Every record keeps its source line and
the printed text beside parsed numbers, like the implementation plan.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from dream.accounts.models import Organization
from dream.plans.models import AMOUNT_DIGITS, AMOUNT_PLACES

from .choices import AreaKind, GoalKind


class DigitalPlan(models.Model):
    """The digital plan as adopted: its title, vision and year."""

    title = models.CharField("제목", max_length=200)
    year = models.PositiveSmallIntegerField("수립 연도")
    vision = models.TextField("비전", blank=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="디지털 계획 변경 이력")

    class Meta:
        verbose_name = "디지털 계획"
        verbose_name_plural = "디지털 계획"
        constraints = [
            models.UniqueConstraint(
                fields=["title"],
                name="digital_plan_unique_title",
                violation_error_message="같은 제목의 디지털 계획이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DigitalArea(models.Model):
    """A node of the plan's structure: pillar (추진과제) → area (1-1) → sub-area (1-1-1)."""

    plan = models.ForeignKey(
        DigitalPlan, verbose_name="디지털 계획", on_delete=models.CASCADE, related_name="areas"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="상위",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField("종류", max_length=10, choices=AreaKind.choices)
    code = models.CharField("번호", max_length=10)  # "1", "1-1", "1-1-1"
    name = models.TextField("이름")
    label = models.CharField("구분", max_length=30, blank=True)  # [거점·기술] …
    position = models.PositiveSmallIntegerField("순서")
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="분야 변경 이력")

    class Meta:
        verbose_name = "디지털 계획 분야"
        verbose_name_plural = "디지털 계획 분야"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="digital_area_unique_code",
                violation_error_message="같은 번호의 분야가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class DigitalTask(models.Model):
    """A task of the schedule (Ⅶ): what, under which sub-area, led by whom, from when."""

    plan = models.ForeignKey(
        DigitalPlan, verbose_name="디지털 계획", on_delete=models.CASCADE, related_name="tasks"
    )
    area = models.ForeignKey(
        DigitalArea, verbose_name="세부분야", on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveSmallIntegerField("순서")
    name = models.TextField("과제명")
    ministries = models.ManyToManyField(
        Organization,
        verbose_name="주관·협조 기관",
        blank=True,
        through="DigitalTaskMinistry",
        related_name="digital_tasks",
    )
    ministries_text = models.CharField("주관부처(원문)", max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField("시작 연도", null=True, blank=True)
    schedule_text = models.CharField("일정(원문)", max_length=30, blank=True)  # ’23~
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="디지털 과제 변경 이력")

    class Meta:
        verbose_name = "디지털 과제"
        verbose_name_plural = "디지털 과제"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="digital_task_unique_position",
                violation_error_message="같은 순서의 디지털 과제가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def linked_names(self) -> str:
        """The linked bodies by their short names, as the printed cell would list them."""
        return ", ".join(link.ministry.short_name for link in self.ministry_links.all())


class DigitalTaskMinistry(models.Model):
    """A body named for a schedule task, in printed order (the lead first), with the name
    printed for it (농림부 for 농식품부)."""

    task = models.ForeignKey(
        DigitalTask,
        verbose_name="디지털 과제",
        on_delete=models.CASCADE,
        related_name="ministry_links",
    )
    ministry = models.ForeignKey(
        Organization,
        verbose_name="기관",
        on_delete=models.PROTECT,
        related_name="digital_task_links",
    )
    position = models.PositiveSmallIntegerField("순서")
    printed_name = models.CharField("원문 표기", max_length=100, blank=True)
    history = HistoricalRecords(verbose_name="디지털 과제 기관 변경 이력")

    class Meta:
        verbose_name = "디지털 과제 기관"
        verbose_name_plural = "디지털 과제 기관"
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "ministry"],
                name="digital_task_ministry_unique",
                violation_error_message="이 과제에 이 기관이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.ministry)


class DigitalGoal(models.Model):
    """A quantified goal: one of the three headline goals, or a sub-goal of an area."""

    plan = models.ForeignKey(
        DigitalPlan, verbose_name="디지털 계획", on_delete=models.CASCADE, related_name="goals"
    )
    area = models.ForeignKey(
        DigitalArea,
        verbose_name="분야",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goals",
        help_text="분야별 목표가 속한 분야(대표 목표는 비움)",
    )
    kind = models.CharField("종류", max_length=10, choices=GoalKind.choices)
    key = models.SlugField("식별자", max_length=60, help_text="데이터 파일의 이름(바뀌지 않음)")
    position = models.PositiveSmallIntegerField("순서")
    name = models.TextField("목표")
    unit = models.CharField("단위", max_length=30)
    baseline_year = models.PositiveSmallIntegerField("기준 연도", null=True, blank=True)
    baseline_value = models.DecimalField(
        "기준값", max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_text = models.CharField("기준값(원문)", max_length=100, blank=True)
    target_year = models.PositiveSmallIntegerField("목표 연도")
    target_value = models.DecimalField("목표값", max_digits=20, decimal_places=4)
    target_text = models.CharField("목표값(원문)", max_length=100)
    higher_is_better = models.BooleanField("클수록 좋음", default=True)
    source_line = models.PositiveIntegerField("원문 줄")
    history = HistoricalRecords(verbose_name="디지털 목표 변경 이력")

    class Meta:
        verbose_name = "디지털 목표"
        verbose_name_plural = "디지털 목표"
        ordering = ["plan", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"],
                name="digital_goal_unique_key",
                violation_error_message="같은 식별자의 목표가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DigitalBudget(models.Model):
    """A budget figure the plan names, with what it funds (억원 as printed, printed text kept)."""

    plan = models.ForeignKey(
        DigitalPlan, verbose_name="디지털 계획", on_delete=models.CASCADE, related_name="budgets"
    )
    area = models.ForeignKey(
        DigitalArea,
        verbose_name="분야",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budgets",
    )
    key = models.SlugField("식별자", max_length=60)
    purpose = models.TextField("용도")
    amount_eok = models.DecimalField(
        "금액(억원)",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        help_text="인쇄된 그대로의 억원 금액(93.5억원은 93.5); 범위(1~3억원)는 원문만",
    )
    printed = models.CharField("원문 표기", max_length=100)
    year_text = models.CharField("기간(원문)", max_length=50, blank=True)
    source_line = models.PositiveIntegerField("원문 줄")
    history = HistoricalRecords(verbose_name="디지털 예산 변경 이력")

    class Meta:
        verbose_name = "디지털 예산"
        verbose_name_plural = "디지털 예산"
        ordering = ["plan", "source_line"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"],
                name="digital_budget_unique_key",
                violation_error_message="같은 식별자의 예산이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.printed}"
