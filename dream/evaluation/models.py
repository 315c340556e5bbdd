"""The Committee's yearly evaluation of the plans' 추진실적 (2024 plan l.143–213; ADR 0008):
rounds and their rules, the units judged, criteria and grade bands, evaluators with their
declared ties, assignments and scores, computed unit scores, grades with their 점검, feedback
actions and imported 지특회계 results.

The plan prints no criterion, weight, scale or band, so every such setting is a row of the
round with its basis and who chose it, never a constant passed off as the plan's.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.accounts.models import Organization, User
from dream.cycle.choices import ItemKind
from dream.indicators.choices import IndicatorDirection
from dream.indicators.models import Indicator
from dream.plans.models import Plan, Strategy, Task

from .choices import (
    AssignmentState,
    FeedbackDueStep,
    FeedbackEventAction,
    FeedbackKind,
    FeedbackState,
    JudgementLevel,
    MatchStatus,
    RoundPhase,
    ScheduleBasis,
    SpecialAccount,
    TieKind,
    UnitKind,
)
from .rules import RuleBasis, RuleKey

SCORE_DIGITS = 9
SCORE_PLACES = 4


def _score_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=SCORE_DIGITS, decimal_places=SCORE_PLACES, **kwargs
    )


class CriterionSet(models.Model):
    """A named set of scoring criteria. A set used by a frozen round never changes: an edit is
    a copy."""

    name = models.CharField("이름", max_length=200, unique=True)
    is_example = models.BooleanField(
        "예시", default=False, help_text="계획의 문장을 옮긴 예시: 위원회가 정한 기준이 아님"
    )
    note = models.TextField("비고", blank=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name="만든 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("만든 때", auto_now_add=True)
    history = HistoricalRecords(verbose_name="평가 기준 묶음 변경 이력")

    class Meta:
        verbose_name = "평가 기준 묶음"
        verbose_name_plural = "평가 기준 묶음"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One criterion of a set, with its weight and the highest score an evaluator may give."""

    criterion_set = models.ForeignKey(
        CriterionSet,
        verbose_name="평가 기준 묶음",
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    position = models.PositiveSmallIntegerField("순서")
    name = models.CharField("기준", max_length=200)
    description = models.TextField("설명", blank=True)
    weight = _score_field("가중치", default=1)
    max_score = _score_field("만점(점)", default=100)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="평가 기준 변경 이력")

    class Meta:
        verbose_name = "평가 기준"
        verbose_name_plural = "평가 기준"
        ordering = ["criterion_set", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion_set", "position"],
                name="criterion_unique_position",
                violation_error_message="이 묶음에 같은 순서의 기준이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["criterion_set", "name"],
                name="criterion_unique_name",
                violation_error_message="이 묶음에 같은 이름의 기준이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message="가중치는 0보다 커야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(max_score__gt=0),
                name="criterion_max_score_positive",
                violation_error_message="만점은 0보다 커야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GradeBandSet(models.Model):
    """Grade names with the lowest score of each; together they cover 0–100 without a gap."""

    name = models.CharField("이름", max_length=200, unique=True)
    is_example = models.BooleanField(
        "예시", default=False, help_text="위원회가 정한 등급 구간이 아님"
    )
    note = models.TextField("비고", blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name="만든 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("만든 때", auto_now_add=True)
    history = HistoricalRecords(verbose_name="등급 구간 묶음 변경 이력")

    class Meta:
        verbose_name = "등급 구간 묶음"
        verbose_name_plural = "등급 구간 묶음"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GradeBand(models.Model):
    """One grade: a score at or above `min_score` and below the next band's minimum."""

    band_set = models.ForeignKey(
        GradeBandSet, verbose_name="등급 구간 묶음", on_delete=models.CASCADE, related_name="bands"
    )
    position = models.PositiveSmallIntegerField("순서", help_text="1이 가장 높은 등급")
    label = models.CharField("등급", max_length=50)
    min_score = _score_field("하한(점, 이상)")
    history = HistoricalRecords(verbose_name="등급 구간 변경 이력")

    class Meta:
        verbose_name = "등급 구간"
        verbose_name_plural = "등급 구간"
        ordering = ["band_set", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["band_set", "position"],
                name="grade_band_unique_position",
                violation_error_message="이 묶음에 같은 순서의 등급이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["band_set", "label"],
                name="grade_band_unique_label",
                violation_error_message="이 묶음에 같은 이름의 등급이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(min_score__gte=0, min_score__lte=100),
                name="grade_band_min_score_in_scale",
                violation_error_message="등급 하한은 0점 이상 100점 이하여야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class EvaluationRound(models.Model):
    """The evaluation of one plan year: its phase, planned dates, and the settings it fixes
    when it leaves 평가계획 수립."""

    year = models.PositiveSmallIntegerField("평가 대상 연도")
    phase = models.CharField(
        "단계", max_length=20, choices=RoundPhase.choices, default=RoundPhase.PLANNING
    )
    planning_from = models.DateField("평가계획 수립 시작")
    planning_to = models.DateField("평가계획 수립 끝")
    evaluating_from = models.DateField("추진실적 평가 시작")
    evaluating_to = models.DateField("추진실적 평가 끝")
    checking_from = models.DateField("평가결과 점검 시작")
    checking_to = models.DateField("평가결과 점검 끝")
    feedback_from = models.DateField("평가결과 환류 시작")
    schedule_basis = models.CharField("일정 근거", max_length=20, choices=ScheduleBasis.choices)
    schedule_source_line = models.PositiveIntegerField("일정 원문 줄", null=True, blank=True)
    criterion_set = models.ForeignKey(
        CriterionSet,
        verbose_name="평가 기준 묶음",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    band_set = models.ForeignKey(
        GradeBandSet,
        verbose_name="등급 구간 묶음",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    opened_by = models.ForeignKey(
        User, verbose_name="연 사람", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("연 때")
    frozen_at = models.DateTimeField(
        "규칙 확정 시각", null=True, blank=True, help_text="규칙·단위·기준·등급 구간을 고정한 때"
    )
    closed_at = models.DateTimeField(
        "종료 시각", null=True, blank=True, help_text="환류 단계에 들어가 등급이 확정·공개된 때"
    )
    history = HistoricalRecords(verbose_name="평가 회차 변경 이력")

    class Meta:
        verbose_name = "평가 회차"
        verbose_name_plural = "평가 회차"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="evaluation_round_unique_year",
                violation_error_message="이 연도의 평가 회차가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 시행계획 추진실적 평가"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class RoundEvent(models.Model):
    """One phase move of a round, never changed afterwards."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name="평가 회차", on_delete=models.CASCADE, related_name="events"
    )
    from_phase = models.CharField(
        "이전 단계", max_length=20, choices=RoundPhase.choices, blank=True
    )
    to_phase = models.CharField("새 단계", max_length=20, choices=RoundPhase.choices)
    actor = models.ForeignKey(
        User, verbose_name="처리한 사람", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("처리한 때")
    reason = models.TextField("사유", blank=True)

    class Meta:
        verbose_name = "평가 회차 단계 기록"
        verbose_name_plural = "평가 회차 단계 기록"
        ordering = ["round", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.round} → {self.get_to_phase_display()}"


class RoundRule(models.Model):
    """A rule of the round (dream.evaluation.rules): its value, its basis and who chose it.
    `chosen_by` empty: DREAM's default, not yet chosen by the Committee."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name="평가 회차", on_delete=models.CASCADE, related_name="rules"
    )
    key = models.CharField("규칙", max_length=40, choices=RuleKey.choices)
    value = models.JSONField("값", null=True, blank=True)
    basis = models.CharField("근거", max_length=20, choices=RuleBasis.choices)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    chosen_by = models.ForeignKey(
        User,
        verbose_name="정한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chosen_at = models.DateTimeField("정한 때", null=True, blank=True)
    note = models.TextField("비고", blank=True)
    history = HistoricalRecords(verbose_name="평가 규칙 변경 이력")

    class Meta:
        verbose_name = "평가 규칙"
        verbose_name_plural = "평가 규칙"
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "key"],
                name="round_rule_unique_key",
                violation_error_message="이 회차에 같은 규칙이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(basis=RuleBasis.NOT_FIXED) | Q(source_line__isnull=False),
                name="round_rule_printed_has_line",
                violation_error_message="계획에 인쇄된 규칙은 원문 줄을 가져야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.get_key_display()}"


class IndicatorRule(models.Model):
    """What the Committee decided for one indicator for this round, where the plan is silent:
    which way is better, or another formula. Shown as "평가를 위해 위원회가 정함"."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name="평가 회차",
        on_delete=models.CASCADE,
        related_name="indicator_rules",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="성과지표", on_delete=models.PROTECT, related_name="+"
    )
    direction = models.CharField(
        "방향", max_length=10, choices=IndicatorDirection.choices, blank=True
    )
    formula = models.CharField("달성도 계산식", max_length=20, blank=True)
    note = models.TextField("비고", blank=True)
    chosen_by = models.ForeignKey(
        User, verbose_name="정한 사람", on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField("정한 때")
    history = HistoricalRecords(verbose_name="지표별 평가 규칙 변경 이력")

    class Meta:
        verbose_name = "지표별 평가 규칙"
        verbose_name_plural = "지표별 평가 규칙"
        ordering = ["round", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "indicator"],
                name="indicator_rule_unique_indicator",
                violation_error_message="이 회차에 이 지표의 규칙이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.indicator}"


class Unit(models.Model):
    """A unit of the round's tree: a leaf evaluators score, or a node its children's scores
    roll up into; `graded` units receive a grade. Anchored on a plan, and a strategy or task."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name="평가 회차", on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 단위",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField("종류", max_length=10, choices=UnitKind.choices)
    graded = models.BooleanField("등급 단위", default=False)
    position = models.PositiveIntegerField("순서", default=0)
    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.PROTECT, related_name="evaluation_units"
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name="전략",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_units",
    )
    task = models.ForeignKey(
        Task,
        verbose_name="과제",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_units",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="평가받는 기관",
        on_delete=models.PROTECT,
        related_name="evaluation_units",
    )
    related_organizations = models.ManyToManyField(
        Organization,
        verbose_name="관련 기관",
        blank=True,
        related_name="related_evaluation_units",
        help_text="협조 부처 등: 이해충돌을 가릴 때 함께 봅니다",
    )
    shape_rule = models.CharField(
        "단위를 만든 규칙", max_length=40, choices=RuleKey.choices, blank=True
    )
    weight = _score_field(
        "가중치", null=True, blank=True, help_text="비어 있으면 형제 단위와 같은 가중치"
    )
    weight_reason = models.TextField("가중치 사유", blank=True)
    history = HistoricalRecords(verbose_name="평가 단위 변경 이력")

    class Meta:
        verbose_name = "평가 단위"
        verbose_name_plural = "평가 단위"
        ordering = ["round", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy__isnull=True) | Q(task__isnull=True),
                name="unit_one_anchor",
                violation_error_message="평가 단위는 전략과 과제 중 하나에만 붙습니다.",
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gt=0),
                name="unit_weight_positive",
                violation_error_message="가중치는 0보다 커야 합니다.",
            ),
            models.UniqueConstraint(
                fields=["round", "task"],
                condition=Q(task__isnull=False),
                name="unit_unique_task",
                violation_error_message="이 회차에 이 과제의 평가 단위가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["round", "strategy"],
                condition=Q(strategy__isnull=False),
                name="unit_unique_strategy",
                violation_error_message="이 회차에 이 전략의 평가 단위가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["round", "plan"],
                condition=Q(strategy__isnull=True, task__isnull=True),
                name="unit_unique_plan",
                violation_error_message="이 회차에 이 시행계획의 평가 단위가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.task or self.strategy or self.plan)


class Evaluator(models.Model):
    """A person the Committee registered to score; needs no membership of any body."""

    user = models.OneToOneField(
        User, verbose_name="사용자", on_delete=models.PROTECT, related_name="evaluator"
    )
    field = models.CharField("전문 분야", max_length=200, blank=True)
    affiliation = models.CharField("소속", max_length=200, blank=True)
    active = models.BooleanField("활동 중", default=True)
    registered_by = models.ForeignKey(
        User, verbose_name="등록한 사람", on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField("등록한 때")
    history = HistoricalRecords(verbose_name="평가위원 변경 이력")

    class Meta:
        verbose_name = "평가위원"
        verbose_name_plural = "평가위원"
        ordering = ["user__username"]

    def __str__(self) -> str:
        return str(self.user)


class Panel(models.Model):
    """A group of evaluators of a round; scores are normalised per panel."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name="평가 회차", on_delete=models.CASCADE, related_name="panels"
    )
    name = models.CharField("이름", max_length=100)
    members = models.ManyToManyField(
        Evaluator, verbose_name="평가위원", blank=True, related_name="panels"
    )
    history = HistoricalRecords(verbose_name="평가반 변경 이력")

    class Meta:
        verbose_name = "평가반"
        verbose_name_plural = "평가반"
        ordering = ["round", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="panel_unique_name",
                violation_error_message="이 회차에 같은 이름의 평가반이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ConflictDeclaration(models.Model):
    """An evaluator's declaration of ties for a round. Never edited: a later one replaces it
    for the round, the earlier ones stay."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name="평가 회차",
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    evaluator = models.ForeignKey(
        Evaluator, verbose_name="평가위원", on_delete=models.PROTECT, related_name="declarations"
    )
    declared_at = models.DateTimeField("신고한 때")
    none_to_declare = models.BooleanField("해당 없음", default=False)
    statement = models.TextField("진술", blank=True)
    history = HistoricalRecords(verbose_name="이해관계 신고 변경 이력")

    class Meta:
        verbose_name = "이해관계 신고"
        verbose_name_plural = "이해관계 신고"
        ordering = ["round", "evaluator", "declared_at", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluator} {self.round} 신고 ({self.declared_at:%Y-%m-%d})"


class DeclaredTie(models.Model):
    """One tie a declaration names: the body, and how the evaluator is tied to it."""

    declaration = models.ForeignKey(
        ConflictDeclaration, verbose_name="신고", on_delete=models.CASCADE, related_name="ties"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="기관", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("관계", max_length=20, choices=TieKind.choices)
    period = models.CharField("기간", max_length=100, blank=True)
    note = models.TextField("비고", blank=True)
    history = HistoricalRecords(verbose_name="신고한 관계 변경 이력")

    class Meta:
        verbose_name = "신고한 관계"
        verbose_name_plural = "신고한 관계"
        ordering = ["declaration", "pk"]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_kind_display()}"


class Assignment(models.Model):
    """One evaluator on one graded unit of a round, in a panel."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name="평가 회차",
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    panel = models.ForeignKey(
        Panel,
        verbose_name="평가반",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="평가 단위", on_delete=models.PROTECT, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        Evaluator, verbose_name="평가위원", on_delete=models.PROTECT, related_name="assignments"
    )
    state = models.CharField(
        "상태", max_length=20, choices=AssignmentState.choices, default=AssignmentState.ASSIGNED
    )
    cancel_reason = models.TextField("취소 사유", blank=True)
    assigned_by = models.ForeignKey(
        User, verbose_name="배정한 사람", on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField("배정한 때")
    submitted_at = models.DateTimeField("제출한 때", null=True, blank=True)
    history = HistoricalRecords(verbose_name="평가 배정 변경 이력")

    class Meta:
        verbose_name = "평가 배정"
        verbose_name_plural = "평가 배정"
        ordering = ["round", "unit", "evaluator"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "evaluator"],
                condition=~Q(state=AssignmentState.CANCELLED),
                name="assignment_unique_live_unit_evaluator",
                violation_error_message="이 평가위원은 이 단위에 이미 배정되어 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.unit} ({self.get_state_display()})"


class Score(models.Model):
    """An evaluator's score of one leaf on one criterion, with its reason. `void` when the
    assignment was cancelled for a conflict: kept, never counted."""

    assignment = models.ForeignKey(
        Assignment, verbose_name="평가 배정", on_delete=models.PROTECT, related_name="scores"
    )
    leaf = models.ForeignKey(
        Unit, verbose_name="채점 단위", on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name="평가 기준", on_delete=models.PROTECT, related_name="scores"
    )
    value = _score_field("점수(점)")
    reason = models.TextField("사유")
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    void = models.BooleanField("무효", default=False)
    history = HistoricalRecords(verbose_name="점수 변경 이력")

    class Meta:
        verbose_name = "점수"
        verbose_name_plural = "점수"
        ordering = ["assignment", "leaf", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "leaf", "criterion"],
                name="score_unique_assignment_leaf_criterion",
                violation_error_message="이 배정의 이 단위·기준 점수가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="score_value_not_negative",
                violation_error_message="점수는 0점 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leaf} {self.criterion}: {self.value}점"


class IndicatorJudgement(models.Model):
    """An evaluator's judgement of an indicator DREAM cannot compute: a text target, or one
    without a direction."""

    assignment = models.ForeignKey(
        Assignment, verbose_name="평가 배정", on_delete=models.PROTECT, related_name="judgements"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="성과지표", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("판단", max_length=20, choices=JudgementLevel.choices)
    reason = models.TextField("사유")
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    void = models.BooleanField("무효", default=False)
    history = HistoricalRecords(verbose_name="지표 판단 변경 이력")

    class Meta:
        verbose_name = "지표 판단"
        verbose_name_plural = "지표 판단"
        ordering = ["assignment", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "indicator"],
                name="indicator_judgement_unique_assignment_indicator",
                violation_error_message="이 배정의 이 지표 판단이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_level_display()}"


class UnitScore(models.Model):
    """A unit's computed score, written only by the round's computation, with the figures and
    rule values it used."""

    unit = models.OneToOneField(
        Unit, verbose_name="평가 단위", on_delete=models.CASCADE, related_name="computed"
    )
    raw = _score_field("원점수(점)", null=True, blank=True)
    normalised = _score_field("표준화 점수(점)", null=True, blank=True)
    normalisation_note = models.CharField("표준화 비고", max_length=200, blank=True)
    rolled = _score_field("모은 점수(점)", null=True, blank=True)
    evaluator_count = models.PositiveSmallIntegerField("평가위원 수(명)", default=0)
    inputs = models.JSONField("계산에 쓴 값", default=dict, blank=True)
    rules_hash = models.CharField("규칙 해시", max_length=64)
    computed_at = models.DateTimeField("계산한 때")

    class Meta:
        verbose_name = "단위 점수(계산)"
        verbose_name_plural = "단위 점수(계산)"
        ordering = ["unit"]

    def __str__(self) -> str:
        return f"{self.unit} 계산 점수"


class Grade(models.Model):
    """The grade of a graded unit: computed, the body's own (자체평가) and final after 점검.
    The final band differs from the computed one only through a recorded check."""

    unit = models.OneToOneField(
        Unit, verbose_name="평가 단위", on_delete=models.PROTECT, related_name="grade"
    )
    computed_band = models.ForeignKey(
        GradeBand,
        verbose_name="계산 등급",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    computed_score = _score_field("계산 점수(점)", null=True, blank=True)
    self_band = models.ForeignKey(
        GradeBand,
        verbose_name="자체평가 등급",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_reason = models.TextField("자체평가 사유", blank=True)
    self_by = models.ForeignKey(
        User,
        verbose_name="자체평가한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_at = models.DateTimeField("자체평가한 때", null=True, blank=True)
    final_band = models.ForeignKey(
        GradeBand,
        verbose_name="최종 등급",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_by = models.ForeignKey(
        User,
        verbose_name="점검한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField("점검한 때", null=True, blank=True)
    history = HistoricalRecords(verbose_name="등급 변경 이력")

    class Meta:
        verbose_name = "등급"
        verbose_name_plural = "등급"
        ordering = ["unit"]

    def __str__(self) -> str:
        return f"{self.unit} 등급"


class GradeCheck(models.Model):
    """One 점검 step on a grade (or a correction after close), never changed afterwards."""

    grade = models.ForeignKey(
        Grade, verbose_name="등급", on_delete=models.CASCADE, related_name="checks"
    )
    from_band = models.ForeignKey(
        GradeBand,
        verbose_name="이전 등급",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_band = models.ForeignKey(
        GradeBand, verbose_name="새 등급", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("사유", blank=True)
    is_correction = models.BooleanField("종료 후 정정", default=False)
    actor = models.ForeignKey(
        User, verbose_name="처리한 사람", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("처리한 때")

    class Meta:
        verbose_name = "등급 점검 기록"
        verbose_name_plural = "등급 점검 기록"
        ordering = ["grade", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_band=models.F("to_band")) | ~Q(reason=""),
                name="grade_check_change_has_reason",
                violation_error_message="등급을 바꿀 때는 사유를 적어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade}: {self.from_band} → {self.to_band}"


class FeedbackAction(models.Model):
    """What a grade asks of a body (환류): a budget review, a change in the next plan, an
    incentive or consulting, followed until it is carried into the item it concerns."""

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name="평가 회차",
        on_delete=models.PROTECT,
        related_name="feedback_actions",
    )
    grade = models.ForeignKey(
        Grade,
        verbose_name="등급",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_actions",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="평가 단위",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_actions",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="담당 기관",
        on_delete=models.PROTECT,
        related_name="feedback_actions",
    )
    kind = models.CharField("종류", max_length=20, choices=FeedbackKind.choices)
    description = models.TextField("내용")
    due_year = models.PositiveSmallIntegerField("반영 연도")
    due_step = models.CharField("반영 단계", max_length=20, choices=FeedbackDueStep.choices)
    item_kind = models.CharField(
        "관련 항목 종류", max_length=20, choices=ItemKind.choices, blank=True
    )
    item_id = models.PositiveBigIntegerField("관련 항목 번호", null=True, blank=True)
    state = models.CharField(
        "상태", max_length=20, choices=FeedbackState.choices, default=FeedbackState.OPEN
    )
    linked_plan = models.ForeignKey(
        Plan,
        verbose_name="반영할 시행계획",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_actions",
    )
    linked_item_kind = models.CharField(
        "반영할 항목 종류", max_length=20, choices=ItemKind.choices, blank=True
    )
    linked_item_id = models.PositiveBigIntegerField("반영할 항목 번호", null=True, blank=True)
    state_reason = models.TextField("상태 사유", blank=True)
    raised_by = models.ForeignKey(
        User, verbose_name="제기한 사람", on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField("제기한 때")
    history = HistoricalRecords(verbose_name="환류 조치 변경 이력")

    class Meta:
        verbose_name = "환류 조치"
        verbose_name_plural = "환류 조치"
        ordering = ["round", "organization", "raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__isnull=False) | Q(unit__isnull=False),
                name="feedback_action_has_grade_or_unit",
                violation_error_message="환류 조치는 등급이나 평가 단위에 붙습니다.",
            ),
            models.CheckConstraint(
                condition=Q(item_kind="", item_id__isnull=True)
                | (~Q(item_kind="") & Q(item_id__isnull=False)),
                name="feedback_action_item_complete",
                violation_error_message="관련 항목은 종류와 번호를 함께 적습니다.",
            ),
            models.CheckConstraint(
                condition=Q(linked_plan__isnull=True, linked_item_kind="", linked_item_id=None)
                | Q(linked_plan__isnull=False),
                name="feedback_action_link_has_plan",
                violation_error_message="반영할 항목은 반영할 시행계획과 함께 적습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_kind_display()} ({self.get_state_display()})"


class FeedbackEvent(models.Model):
    """One step of a feedback action, never changed afterwards."""

    action = models.ForeignKey(
        FeedbackAction, verbose_name="환류 조치", on_delete=models.CASCADE, related_name="events"
    )
    event = models.CharField("처리", max_length=20, choices=FeedbackEventAction.choices)
    from_state = models.CharField(
        "이전 상태", max_length=20, choices=FeedbackState.choices, blank=True
    )
    to_state = models.CharField("새 상태", max_length=20, choices=FeedbackState.choices)
    actor = models.ForeignKey(
        User,
        verbose_name="처리한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="비어 있으면 의결 때 DREAM이 처리",
    )
    at = models.DateTimeField("처리한 때")
    comment = models.TextField("의견", blank=True)

    class Meta:
        verbose_name = "환류 조치 처리 기록"
        verbose_name_plural = "환류 조치 처리 기록"
        ordering = ["action", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.get_event_display()}"


class SpecialAccountResult(models.Model):
    """A row of an imported 지특회계 evaluation (2024 plan l.155–157), kept as printed, with the
    task DREAM proposes it matches and whether staff confirmed it."""

    year = models.PositiveSmallIntegerField("연도")
    account = models.CharField("계정", max_length=20, choices=SpecialAccount.choices)
    account_text = models.CharField("계정(원문)", max_length=50, blank=True)
    project_name = models.CharField("사업명", max_length=300)
    organization_name = models.CharField("기관(원문)", max_length=100)
    organization = models.ForeignKey(
        Organization,
        verbose_name="기관",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grade_text = models.CharField("등급(원문)", max_length=50, blank=True)
    score = _score_field("점수(점)", null=True, blank=True)
    file_name = models.CharField("파일 이름", max_length=255)
    file_sha256 = models.CharField("파일 SHA-256", max_length=64)
    row = models.PositiveIntegerField("행")
    matched_task = models.ForeignKey(
        Task,
        verbose_name="대응 과제",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="special_account_results",
    )
    match_status = models.CharField(
        "대응 상태", max_length=20, choices=MatchStatus.choices, default=MatchStatus.NONE
    )
    imported_by = models.ForeignKey(
        User, verbose_name="가져온 사람", on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField("가져온 때")
    history = HistoricalRecords(verbose_name="지특회계 평가 결과 변경 이력")

    class Meta:
        verbose_name = "지특회계 평가 결과"
        verbose_name_plural = "지특회계 평가 결과"
        ordering = ["year", "file_name", "row"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "file_sha256", "row"],
                name="special_account_result_unique_row",
                violation_error_message="이 파일의 같은 행을 이미 가져왔습니다.",
            ),
            models.CheckConstraint(
                condition=Q(matched_task__isnull=False) | ~Q(match_status=MatchStatus.CONFIRMED),
                name="special_account_result_confirmed_has_task",
                violation_error_message="확인된 대응에는 과제가 있어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.project_name} ({self.grade_text})"
