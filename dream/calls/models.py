"""Track 1 — 지역 자율형 디지털 혁신 프로젝트 (l.1769–1790; 과기정통부, ’24–’26): a yearly call,
pre-consulting per applicant, applications from a province's proposals (`dream.pipeline`), expert
evaluation under the plan evaluation's integrity rules (the evaluator registry, the tie rule and
the formulas are `dream.evaluation`'s, reused), selection within the budget, the funded years.

Every rule the plan does not fix is a field of the call with a default, shown with the results
as 계획이 정하지 않음. Rows are written only through `services.py` / `evaluation.py`.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.evaluation.choices import AssignmentState, TieKind
from dream.evaluation.models import SCORE_DIGITS, SCORE_PLACES, Evaluator
from dream.pipeline.models import LargeProject, Proposal
from dream.plans.models import AMOUNT_DIGITS, AMOUNT_PLACES

from .choices import ApplicationState, CallState, CriterionBasis, FundedRating, SelectionRule

DEFAULT_MIN_UNITS = 2
DEFAULT_MIN_REASON_LENGTH = 10


def _amount(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES, **kwargs
    )


def _score(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=SCORE_DIGITS, decimal_places=SCORE_PLACES, **kwargs
    )


class Call(models.Model):
    """One yearly call of Track 1: its budget, how many to select and the rules it runs by."""

    year = models.PositiveSmallIntegerField("연도")
    title = models.CharField("공모명", max_length=200)
    owner = models.ForeignKey(
        Organization,
        verbose_name="주관 부처",
        on_delete=models.PROTECT,
        related_name="digital_calls",
        limit_choices_to={"kind": OrganizationKind.MINISTRY},
    )
    budget_eok = _amount("예산(억원)")
    budget_text = models.CharField("예산(입력 그대로)", max_length=50)
    select_count = models.PositiveSmallIntegerField("선정 과제 수(개)")
    state = models.CharField("상태", max_length=20, choices=CallState.choices, default="draft")
    deadline = models.DateField("신청 마감일")
    min_units = models.PositiveSmallIntegerField(
        "표준화 최소 신청 수(개)",
        default=DEFAULT_MIN_UNITS,
        help_text="평가반의 신청이 이보다 적으면 원점수를 그대로 씀 (계획이 정하지 않음)",
    )
    min_reason_length = models.PositiveSmallIntegerField(
        "점수 사유 최소 글자 수(자)", default=DEFAULT_MIN_REASON_LENGTH
    )
    selection_rule = models.CharField(
        "선정 규칙", max_length=10, choices=SelectionRule.choices, default=SelectionRule.SKIP
    )
    note = models.TextField("비고", blank=True)
    created_by = models.ForeignKey(
        User, verbose_name="만든 사람", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("만든 때")
    opened_at = models.DateTimeField("공모 시작한 때", null=True, blank=True)
    criteria_frozen_at = models.DateTimeField("평가 기준 고정한 때", null=True, blank=True)
    computed_at = models.DateTimeField("점수 계산한 때", null=True, blank=True)
    selected_at = models.DateTimeField("선정한 때", null=True, blank=True)
    history = HistoricalRecords(verbose_name="트랙1 공모 변경 이력")

    class Meta:
        verbose_name = "트랙1 공모"
        verbose_name_plural = "트랙1 공모"
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_eok__gt=0),
                name="call_budget_positive",
                violation_error_message="예산은 0억원보다 커야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(select_count__gt=0),
                name="call_select_count_positive",
                violation_error_message="선정 과제 수는 1개 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.title}"

    @property
    def is_public(self) -> bool:
        return self.state != CallState.DRAFT


class CallCriterion(models.Model):
    """A criterion of a call with its weight and maximum; the plan names only "지자체 추진의지
    등" (l.1700), so the rest are 계획이 정하지 않음. Frozen when evaluation starts."""

    call = models.ForeignKey(
        Call, verbose_name="공모", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField("순서")
    name = models.CharField("기준", max_length=200)
    weight = models.DecimalField("가중치", max_digits=7, decimal_places=3)
    max_score = models.DecimalField("만점(점)", max_digits=7, decimal_places=2)
    basis = models.CharField("근거", max_length=10, choices=CriterionBasis.choices)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="공모 평가 기준 변경 이력")

    class Meta:
        verbose_name = "공모 평가 기준"
        verbose_name_plural = "공모 평가 기준"
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "name"],
                name="call_criterion_unique_name",
                violation_error_message="이 공모에 같은 이름의 기준이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(max_score__gt=0),
                name="call_criterion_positive",
                violation_error_message="가중치와 만점은 0보다 커야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PreConsultation(models.Model):
    """Pre-consulting of an applicant province (l.1787): who advised what, when."""

    call = models.ForeignKey(
        Call, verbose_name="공모", on_delete=models.CASCADE, related_name="consultations"
    )
    province = models.ForeignKey(
        Organization,
        verbose_name="시·도",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganizationKind.PROVINCE},
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name="제안",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="track1_consultations",
    )
    advisor = models.CharField("컨설팅한 사람·기관", max_length=200)
    advised_on = models.DateField("컨설팅한 날")
    advice = models.TextField("컨설팅 내용")
    recorded_by = models.ForeignKey(
        User, verbose_name="기록한 사람", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("기록한 때")
    history = HistoricalRecords(verbose_name="사전 컨설팅 변경 이력")

    class Meta:
        verbose_name = "사전 컨설팅"
        verbose_name_plural = "사전 컨설팅"
        ordering = ["call", "advised_on", "pk"]

    def __str__(self) -> str:
        return f"{self.province} {self.advised_on} {self.advisor}"


class Application(models.Model):
    """A province's application to a call, from one of its submitted proposals; the computed
    scores (DREAM 계산) and the selection are written by the call's computation and selection."""

    call = models.ForeignKey(
        Call, verbose_name="공모", on_delete=models.PROTECT, related_name="applications"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name="제안", on_delete=models.PROTECT, related_name="track1_applications"
    )
    province = models.ForeignKey(
        Organization, verbose_name="시·도", on_delete=models.PROTECT, related_name="+"
    )
    requested_eok = _amount("신청 금액(억원)")
    requested_text = models.CharField("신청 금액(입력 그대로)", max_length=50)
    state = models.CharField(
        "상태", max_length=20, choices=ApplicationState.choices, default="submitted"
    )
    raw_score = _score("원점수(점)", null=True, blank=True)
    normalised_score = _score("표준화 점수(점)", null=True, blank=True)
    final_score = _score("최종 점수(점)", null=True, blank=True)
    score_note = models.CharField("점수 비고", max_length=200, blank=True)
    evaluator_count = models.PositiveSmallIntegerField("평가위원 수(명)", default=0)
    rank = models.PositiveSmallIntegerField("순위", null=True, blank=True)
    selected_eok = _amount("선정 금액(억원)", null=True, blank=True)
    selection_note = models.CharField("선정 비고", max_length=200, blank=True)
    excellent = models.BooleanField("우수 과제", default=False)
    excellent_reason = models.TextField("우수 지정 사유", blank=True)
    moved_to_track2 = models.BooleanField("트랙2로 이관", default=False)
    large_project = models.OneToOneField(
        LargeProject,
        verbose_name="트랙2 사업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="track1_application",
    )
    submitted_by = models.ForeignKey(
        User, verbose_name="신청한 사람", on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("신청한 때")
    history = HistoricalRecords(verbose_name="트랙1 신청 변경 이력")

    class Meta:
        verbose_name = "트랙1 신청"
        verbose_name_plural = "트랙1 신청"
        ordering = ["call", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "proposal"],
                name="application_unique_call_proposal",
                violation_error_message="이 제안은 이 공모에 이미 신청했습니다.",
            ),
            models.CheckConstraint(
                condition=Q(requested_eok__gt=Decimal(0)),
                name="application_requested_positive",
                violation_error_message="신청 금액은 0억원보다 커야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call}: {self.proposal}"


class CallPanel(models.Model):
    """A group of evaluators of a call; scores are normalised per panel."""

    call = models.ForeignKey(
        Call, verbose_name="공모", on_delete=models.CASCADE, related_name="panels"
    )
    name = models.CharField("이름", max_length=100)
    members = models.ManyToManyField(
        Evaluator, verbose_name="평가위원", blank=True, related_name="call_panels"
    )
    history = HistoricalRecords(verbose_name="공모 평가반 변경 이력")

    class Meta:
        verbose_name = "공모 평가반"
        verbose_name_plural = "공모 평가반"
        ordering = ["call", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "name"],
                name="call_panel_unique_name",
                violation_error_message="이 공모에 같은 이름의 평가반이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CallDeclaration(models.Model):
    """An evaluator's declaration of ties for a call; append-only, the latest counts."""

    call = models.ForeignKey(
        Call, verbose_name="공모", on_delete=models.CASCADE, related_name="declarations"
    )
    evaluator = models.ForeignKey(
        Evaluator,
        verbose_name="평가위원",
        on_delete=models.PROTECT,
        related_name="call_declarations",
    )
    declared_at = models.DateTimeField("신고한 때")
    none_to_declare = models.BooleanField("해당 없음", default=False)
    statement = models.TextField("진술", blank=True)
    history = HistoricalRecords(verbose_name="공모 이해관계 신고 변경 이력")

    class Meta:
        verbose_name = "공모 이해관계 신고"
        verbose_name_plural = "공모 이해관계 신고"
        ordering = ["call", "evaluator", "declared_at", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluator} {self.call} 신고"


class CallDeclaredTie(models.Model):
    declaration = models.ForeignKey(
        CallDeclaration, verbose_name="신고", on_delete=models.CASCADE, related_name="ties"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="기관", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("관계", max_length=20, choices=TieKind.choices)
    note = models.TextField("비고", blank=True)
    history = HistoricalRecords(verbose_name="공모 신고 관계 변경 이력")

    class Meta:
        verbose_name = "공모 신고 관계"
        verbose_name_plural = "공모 신고 관계"
        ordering = ["declaration", "pk"]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_kind_display()}"


class CallAssignment(models.Model):
    """One evaluator on one application of a call, in a panel."""

    call = models.ForeignKey(
        Call, verbose_name="공모", on_delete=models.CASCADE, related_name="assignments"
    )
    panel = models.ForeignKey(
        CallPanel, verbose_name="평가반", on_delete=models.PROTECT, related_name="assignments"
    )
    application = models.ForeignKey(
        Application, verbose_name="신청", on_delete=models.PROTECT, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        Evaluator,
        verbose_name="평가위원",
        on_delete=models.PROTECT,
        related_name="call_assignments",
    )
    state = models.CharField(
        "상태", max_length=20, choices=AssignmentState.choices, default=AssignmentState.ASSIGNED
    )
    cancel_reason = models.TextField("취소 사유", blank=True)
    assigned_by = models.ForeignKey(
        User, verbose_name="배정한 사람", on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField("배정한 때")
    history = HistoricalRecords(verbose_name="공모 평가 배정 변경 이력")

    class Meta:
        verbose_name = "공모 평가 배정"
        verbose_name_plural = "공모 평가 배정"
        ordering = ["call", "application", "evaluator"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "evaluator"],
                condition=~Q(state=AssignmentState.CANCELLED),
                name="call_assignment_unique_live",
                violation_error_message="이 평가위원은 이 신청에 이미 배정되어 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.application} ({self.get_state_display()})"


class CallScore(models.Model):
    """An evaluator's score of an application on one criterion, with its reason; `void` when
    the assignment was cancelled for a tie (kept, never counted). Never public."""

    assignment = models.ForeignKey(
        CallAssignment, verbose_name="배정", on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        CallCriterion, verbose_name="기준", on_delete=models.PROTECT, related_name="scores"
    )
    value = _score("점수(점)")
    reason = models.TextField("사유")
    recorded_at = models.DateTimeField("입력 시각", auto_now=True)
    void = models.BooleanField("무효", default=False)
    history = HistoricalRecords(verbose_name="공모 점수 변경 이력")

    class Meta:
        verbose_name = "공모 점수"
        verbose_name_plural = "공모 점수"
        ordering = ["assignment", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"],
                name="call_score_unique",
                violation_error_message="이 배정의 이 기준 점수가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="call_score_not_negative",
                violation_error_message="점수는 0점 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}점"


class FundedYear(models.Model):
    """One year of a selected project's support: granted and spent 억원, outputs, rating."""

    application = models.ForeignKey(
        Application, verbose_name="신청", on_delete=models.PROTECT, related_name="funded_years"
    )
    year = models.PositiveSmallIntegerField("연도")
    granted_eok = _amount("지원액(억원)")
    granted_text = models.CharField("지원액(입력 그대로)", max_length=50)
    spent_eok = _amount("집행액(억원)", null=True, blank=True)
    spent_text = models.CharField("집행액(입력 그대로)", max_length=50, blank=True)
    outputs = models.TextField("성과", blank=True)
    rating = models.CharField("평가", max_length=20, choices=FundedRating.choices, blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name="기록한 사람", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("기록한 때")
    history = HistoricalRecords(verbose_name="트랙1 연차 지원 변경 이력")

    class Meta:
        verbose_name = "트랙1 연차 지원"
        verbose_name_plural = "트랙1 연차 지원"
        ordering = ["application", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year"],
                name="funded_year_unique",
                violation_error_message="이 과제의 이 연도 지원 기록이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.year}년"
