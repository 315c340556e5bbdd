"""The turnkey package's performance-based funding (digital plan l.1116–1124): the printed
programmes, base amounts per province and programme, the year's settings, staff-entered
measure values, and every allocation run with its inputs and lines. See docs/allocation.md."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.accounts.models import Organization, User
from dream.plans.models import AMOUNT_DIGITS, AMOUNT_PLACES


class Measure(models.TextChoices):
    """The measures a performance score can draw on (weights: AllocationSettings)."""

    EVALUATION_GRADE = "evaluation_grade", "평가 등급"
    TRACK1 = "track1", "트랙1 결과"
    DISTRICT = "district", "디지털 혁신지구 기업 수"


class TurnkeyProgramme(models.Model):
    """A programme packaged into the turnkey support; the printed ones carry their line."""

    name = models.CharField("사업명", max_length=100, unique=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    position = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "턴키 패키지 사업"
        verbose_name_plural = "턴키 패키지 사업"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class BaseAmount(models.Model):
    """A province's base amount of one programme for a year, before differentiation."""

    year = models.PositiveSmallIntegerField("연도")
    province = models.ForeignKey(
        Organization, verbose_name="시·도", on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        TurnkeyProgramme, verbose_name="사업", on_delete=models.PROTECT, related_name="bases"
    )
    amount_eok = models.DecimalField(
        "기준액(억원)", max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    amount_text = models.CharField("기준액(입력 그대로)", max_length=50)
    entered_by = models.ForeignKey(
        User, verbose_name="입력한 사람", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("입력 시각", auto_now=True)
    history = HistoricalRecords(verbose_name="기준액 변경 이력")

    class Meta:
        verbose_name = "기준액"
        verbose_name_plural = "기준액"
        ordering = ["year", "province__position", "programme"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "province", "programme"],
                name="base_amount_unique_year_province_programme",
                violation_error_message="이 연도·시·도·사업의 기준액이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(amount_eok__gte=0),
                name="base_amount_not_negative",
                violation_error_message="기준액은 0억원 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.province} {self.programme}: {self.amount_eok}억원"


DEFAULT_WEIGHTS = {measure.value: "1" for measure in Measure}


class AllocationSettings(models.Model):
    """The year's differentiation rule: the cap (printed: at most 20 %, l.1124), whether the
    total is kept (the plan is silent), and the measures' weights (the plan is silent)."""

    year = models.PositiveSmallIntegerField("연도", unique=True)
    cap = models.DecimalField(
        "차등화 상한(비율)", max_digits=5, decimal_places=4, default=Decimal("0.20")
    )
    cap_basis = models.CharField("상한 근거", max_length=200, default="원문 l.1124 최대 20%")
    budget_neutral = models.BooleanField("총액 유지", default=True)
    weights = models.JSONField("측정 항목별 가중치", default=dict)
    note = models.TextField("비고", blank=True)
    set_by = models.ForeignKey(
        User, verbose_name="정한 사람", null=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField("정한 때", auto_now=True)
    history = HistoricalRecords(verbose_name="배분 설정 변경 이력")

    class Meta:
        verbose_name = "배분 설정"
        verbose_name_plural = "배분 설정"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cap__gte=0, cap__lte=Decimal("0.20")),
                name="allocation_settings_cap_at_most_20_percent",
                violation_error_message="차등화 상한은 0 이상 20% 이하여야 합니다(원문 l.1124).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 배분 설정"


class ProvinceScoreOverride(models.Model):
    """A measure's value for a province entered by staff (e.g. when the system has none),
    with the reason; it replaces the computed raw value before scaling."""

    year = models.PositiveSmallIntegerField("연도")
    province = models.ForeignKey(
        Organization, verbose_name="시·도", on_delete=models.PROTECT, related_name="+"
    )
    measure = models.CharField("측정 항목", max_length=30, choices=Measure.choices)
    value = models.DecimalField("값", max_digits=20, decimal_places=4)
    reason = models.TextField("사유")
    entered_by = models.ForeignKey(
        User, verbose_name="입력한 사람", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("입력 시각", auto_now=True)
    history = HistoricalRecords(verbose_name="측정값 직접 입력 변경 이력")

    class Meta:
        verbose_name = "측정값 직접 입력"
        verbose_name_plural = "측정값 직접 입력"
        ordering = ["year", "province__position", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "province", "measure"],
                name="score_override_unique_year_province_measure",
                violation_error_message="이 연도·시·도·측정 항목의 값이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}년 {self.province} {self.get_measure_display()}: {self.value}"


class AllocationRun(models.Model):
    """One computation, append-only: its inputs (base, measure values, scores, settings),
    their hash and the result, so that it can be recomputed and compared."""

    year = models.PositiveSmallIntegerField("연도")
    label = models.CharField("이름", max_length=200, blank=True)
    inputs = models.JSONField("입력")
    inputs_hash = models.CharField("입력 해시(SHA-256)", max_length=64)
    result = models.JSONField("결과")
    created_by = models.ForeignKey(
        User, verbose_name="실행한 사람", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("실행 시각", auto_now_add=True)

    class Meta:
        verbose_name = "배분 실행"
        verbose_name_plural = "배분 실행"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.year}년 배분 실행 #{self.pk}"


class AllocationLine(models.Model):
    """A province's line of a run: base, score, change, amount and why."""

    run = models.ForeignKey(
        AllocationRun, verbose_name="배분 실행", on_delete=models.CASCADE, related_name="lines"
    )
    province = models.ForeignKey(
        Organization, verbose_name="시·도", on_delete=models.PROTECT, related_name="+"
    )
    base_eok = models.DecimalField(
        "기준액(억원)", max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    score = models.DecimalField("성과 점수(0–1)", max_digits=5, decimal_places=4)
    change_percent = models.DecimalField("변동률(%)", max_digits=6, decimal_places=2)
    amount_eok = models.DecimalField(
        "배분액(억원)", max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    explanation = models.TextField("설명")

    class Meta:
        verbose_name = "배분 결과 줄"
        verbose_name_plural = "배분 결과 줄"
        ordering = ["run", "province__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "province"],
                name="allocation_line_unique_run_province",
                violation_error_message="이 실행에 같은 시·도의 줄이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} {self.province}"
