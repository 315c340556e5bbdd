"""Digital innovation districts (디지털 혁신지구): where they are, what they report, which stage
they are in and why.

The digital plan (지방 디지털 경쟁력 강화방안) aims at five or more districts of 1,000+ digital
firms by 2030, grown in three stages. Rows are written only through `services.py`, which
checks who may write, keeps the stage and its history in step and sets the history user.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization

from .choices import MeasureKind, ReviewOutcome, Stage

COUNTED_KINDS = (MeasureKind.DIGITAL_FIRMS, MeasureKind.GLOBAL_LABS)
FIRST_YEAR, LAST_YEAR = 2000, 2100


class InnovationDistrict(models.Model):
    """A place a province develops as a hub of digital firms, run by an operating agency
    (usually the province's digital promotion agency) around anchor facilities.

    `stage` is the current stage; how it got there is in `stage_changes`, which the
    services write together with it.
    """

    province = models.ForeignKey(
        Organization,
        verbose_name="시·도",
        on_delete=models.PROTECT,
        related_name="innovation_districts",
        limit_choices_to={"kind": OrganizationKind.PROVINCE},
    )
    name = models.CharField("이름", max_length=100)
    location = models.CharField("위치", max_length=200)
    operator = models.CharField("운영기관", max_length=100)
    operator_organization = models.ForeignKey(
        Organization,
        verbose_name="운영기관(등록 기관)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_districts",
        limit_choices_to={"kind": OrganizationKind.AGENCY},
        help_text="운영기관이 기관 목록에 있으면 고르세요.",
    )
    anchor_facilities = models.TextField("앵커시설", blank=True)
    stage = models.PositiveSmallIntegerField(
        "단계", choices=Stage.choices, default=Stage.FOUNDATION
    )
    designated_on = models.DateField(
        "지정일",
        null=True,
        blank=True,
        help_text="법령에 따른 지정일. 지정 근거(정보통신산업진흥법 개정) 전이면 비워 둡니다.",
    )
    note = models.TextField("비고", blank=True)
    source_document = models.CharField(
        "출처 문서",
        max_length=40,
        blank=True,
        help_text="원문에서 읽은 지구: 함께 실린 원문 파일 이름(예: 2024-implementation-plan).",
    )
    source_line = models.PositiveIntegerField("출처 줄", null=True, blank=True)
    history = HistoricalRecords(verbose_name="디지털 혁신지구 변경 이력")

    class Meta:
        verbose_name = "디지털 혁신지구"
        verbose_name_plural = "디지털 혁신지구"
        ordering = ["province__position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="innovation_district_unique_name_per_province",
                violation_error_message="이 시·도에 같은 이름의 디지털 혁신지구가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(source_document="", source_line__isnull=True)
                | (~Q(source_document="") & Q(source_line__gte=1)),
                name="innovation_district_source_complete",
                violation_error_message="출처는 문서와 줄 번호를 함께 적습니다.",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="innovation_district_stage_valid",
                violation_error_message="단계는 1, 2, 3 가운데 하나여야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("districts:district_detail", args=[self.pk])

    def clean(self) -> None:
        """Foreign keys must point at the right kind of organization (a check constraint
        cannot look across the relation)."""
        errors = {}
        if self.province_id and self.province.kind != OrganizationKind.PROVINCE:
            errors["province"] = "시·도를 골라 주세요."
        organization = self.operator_organization
        if organization and organization.kind != OrganizationKind.AGENCY:
            errors["operator_organization"] = "운영기관은 지역 디지털 진흥기관이어야 합니다."
        if errors:
            raise ValidationError(errors)


class DistrictMeasure(models.Model):
    """One figure a district reports for a year: its number of digital firms, of
    global-level labs, or another named measure. One per district, kind, name and year;
    corrections change the row and leave the old value in its history."""

    district = models.ForeignKey(
        InnovationDistrict,
        verbose_name="디지털 혁신지구",
        on_delete=models.PROTECT,
        related_name="measures",
    )
    kind = models.CharField("항목", max_length=20, choices=MeasureKind.choices)
    name = models.CharField("항목 이름", max_length=100, blank=True, help_text="기타 항목일 때만")
    unit = models.CharField("단위", max_length=20, blank=True)
    year = models.PositiveSmallIntegerField("연도")
    value = models.DecimalField("값", max_digits=16, decimal_places=2)
    source = models.CharField("출처", max_length=200)
    observed_on = models.DateField("기준일", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="기록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("기록 일시", default=timezone.now)
    history = HistoricalRecords(verbose_name="측정값 변경 이력")

    class Meta:
        verbose_name = "디지털 혁신지구 측정값"
        verbose_name_plural = "디지털 혁신지구 측정값"
        ordering = ["district", "kind", "name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "kind", "name", "year"],
                name="district_measure_unique_per_year",
                violation_error_message="이 지구의 같은 항목·연도 값이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(kind=MeasureKind.OTHER, name__gt="")
                | (~Q(kind=MeasureKind.OTHER) & Q(name="")),
                name="district_measure_name_only_for_other",
                violation_error_message="항목 이름은 기타 항목에만, 그리고 반드시 적습니다.",
            ),
            models.CheckConstraint(
                condition=Q(kind=MeasureKind.OTHER) | Q(value__gte=0),
                name="district_measure_count_not_negative",
                violation_error_message="기업 수와 연구실 수는 0 이상이어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="district_measure_year_range",
                violation_error_message=f"연도는 {FIRST_YEAR}~{LAST_YEAR} 사이여야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.label} {self.year}: {self.value}"

    @property
    def label(self) -> str:
        """What is measured, as a reader says it: the kind, or the name of an `other`."""
        return self.name if self.kind == MeasureKind.OTHER else self.get_kind_display()

    def clean(self) -> None:
        """Counts of firms and labs are whole numbers (a decimal field holds every kind)."""
        if self.kind in COUNTED_KINDS and self.value is not None and self.value % 1:
            raise ValidationError({"value": "기업 수와 연구실 수는 정수로 적습니다."})


class StageChange(models.Model):
    """A decision that put a district into a stage: the first one (from no stage to 1)
    records why it was registered, later ones the special committee's decision to move it.

    Rows are never changed or deleted; together they are the district's stage history.
    """

    district = models.ForeignKey(
        InnovationDistrict,
        verbose_name="디지털 혁신지구",
        on_delete=models.PROTECT,
        related_name="stage_changes",
    )
    from_stage = models.PositiveSmallIntegerField(
        "이전 단계", choices=Stage.choices, null=True, blank=True
    )
    to_stage = models.PositiveSmallIntegerField("바뀐 단계", choices=Stage.choices)
    decided_on = models.DateField("결정일")
    decision = models.TextField("결정 내용", help_text="예: 지방디지털화 특별위원회 심의 결과")
    decided_by_body = models.CharField("결정 기관", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="기록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("기록 일시", default=timezone.now)

    class Meta:
        verbose_name = "단계 변경"
        verbose_name_plural = "단계 변경"
        ordering = ["district", "decided_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_stage__isnull=True, to_stage=Stage.FOUNDATION)
                | Q(from_stage__isnull=False, to_stage=F("from_stage") + 1)
                | Q(from_stage__isnull=False, to_stage=F("from_stage") - 1),
                name="stage_change_one_step",
                violation_error_message="단계는 한 번에 한 단계씩만 바꿀 수 있고, 처음에는 1단계에서 시작합니다.",
            ),
            models.CheckConstraint(
                condition=Q(to_stage__in=Stage.values),
                name="stage_change_to_stage_valid",
                violation_error_message="단계는 1, 2, 3 가운데 하나여야 합니다.",
            ),
            models.CheckConstraint(
                condition=~Q(decision=""),
                name="stage_change_decision_required",
                violation_error_message="결정 내용을 적어 주세요.",
            ),
        ]

    def __str__(self) -> str:
        before = self.get_from_stage_display() if self.from_stage else "등록"
        return f"{self.district}: {before} → {self.get_to_stage_display()} ({self.decided_on})"

    @property
    def is_step_back(self) -> bool:
        return self.from_stage is not None and self.to_stage < self.from_stage


PLAN_MIN_YEARS = 10  # 발전계획*(10년 이상 단위), digital plan l.1045


class DevelopmentPlan(models.Model):
    """A district's long-term development plan (발전계획, 10 years or more), written and
    submitted by the province; the government reviews its suitability before it supports
    the district (digital plan l.1043–1045).

    A draft has no `submitted_on`; drafts are seen only by those who may edit the district.
    A plan sent back (보완) is followed by a new plan, so each plan keeps its own reviews.
    """

    district = models.ForeignKey(
        InnovationDistrict,
        verbose_name="디지털 혁신지구",
        on_delete=models.PROTECT,
        related_name="development_plans",
    )
    title = models.CharField("계획 이름", max_length=200)
    start_year = models.PositiveSmallIntegerField("시작 연도")
    end_year = models.PositiveSmallIntegerField("끝 연도")
    document_reference = models.CharField(
        "문서", max_length=300, blank=True, help_text="계획 문서의 이름, 문서 번호 또는 주소"
    )
    submitted_on = models.DateField("제출일", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="제출한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="작성한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("작성 일시", default=timezone.now)
    history = HistoricalRecords(verbose_name="발전계획 변경 이력")

    class Meta:
        verbose_name = "디지털 혁신지구 발전계획"
        verbose_name_plural = "디지털 혁신지구 발전계획"
        ordering = ["district", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year") + (PLAN_MIN_YEARS - 1)),
                name="development_plan_ten_years_or_more",
                violation_error_message="발전계획은 10년 이상 단위로 수립합니다(원문 l.1045).",
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR, end_year__lte=LAST_YEAR),
                name="development_plan_year_range",
                violation_error_message=f"연도는 {FIRST_YEAR}~{LAST_YEAR} 사이여야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(submitted_on__isnull=True, submitted_by__isnull=True)
                | Q(submitted_on__isnull=False, submitted_by__isnull=False),
                name="development_plan_submission_complete",
                violation_error_message="제출일과 제출한 사람은 함께 기록합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.title} ({self.start_year}~{self.end_year})"

    @property
    def years(self) -> int:
        """How many years the plan covers, both ends counted (2025~2034: 10)."""
        return self.end_year - self.start_year + 1

    @property
    def is_submitted(self) -> bool:
        return self.submitted_on is not None


class PlanReview(models.Model):
    """The government's suitability review (적합성 검토) of a submitted plan. Rows are never
    changed: a later review of the same plan replaces the earlier outcome, which stays as
    history, so the newest (`reviewed_on`, then recorded) is the outcome in force."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name="발전계획",
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    reviewed_on = models.DateField("검토일")
    outcome = models.CharField("결과", max_length=20, choices=ReviewOutcome.choices)
    reviewer_body = models.CharField("검토 기관", max_length=100)
    decision = models.TextField("검토 의견")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="기록한 사람",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("기록 일시", default=timezone.now)

    class Meta:
        verbose_name = "발전계획 적합성 검토"
        verbose_name_plural = "발전계획 적합성 검토"
        ordering = ["plan", "reviewed_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=ReviewOutcome.values),
                name="plan_review_outcome_valid",
                violation_error_message="검토 결과는 적합, 보완, 부적합 가운데 하나입니다.",
            ),
            models.CheckConstraint(
                condition=~Q(decision="") & ~Q(reviewer_body=""),
                name="plan_review_decision_required",
                violation_error_message="검토 기관과 검토 의견을 적어 주세요.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_outcome_display()} ({self.reviewed_on})"
