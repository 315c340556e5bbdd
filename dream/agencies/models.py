"""Regional digital agencies (지역 디지털 진흥기관) and their integrated performance reports.

An agency is an `Organization` of kind agency (so it has members like any body) under its
province; `DigitalAgency` holds what the digital plan asks of it (l.1677–1690): whether it
is incorporated and when its planning unit (기획단) was set up. Each year it reports on
every cross-ministry digital programme it runs in its province (l.1731–1739). Rows are
written only through `services.py`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.plans.models import AMOUNT_DIGITS, AMOUNT_PLACES

from .choices import Incorporation, ReportState

FIRST_YEAR, LAST_YEAR = 2000, 2100
VALUE_DIGITS, VALUE_PLACES = 20, 4


class DigitalAgency(models.Model):
    """A province's regional digital agency: the body (its organization) and its profile."""

    organization = models.OneToOneField(
        Organization,
        verbose_name="기관",
        on_delete=models.PROTECT,
        related_name="digital_agency",
        limit_choices_to={"kind": OrganizationKind.AGENCY},
    )
    province = models.ForeignKey(
        Organization,
        verbose_name="시·도",
        on_delete=models.PROTECT,
        related_name="digital_agencies",
        limit_choices_to={"kind": OrganizationKind.PROVINCE},
    )
    incorporation = models.CharField(
        "독립 법인화",
        max_length=20,
        choices=Incorporation.choices,
        default=Incorporation.UNCONFIRMED,
    )
    planning_unit_established_on = models.DateField("기획단 신설일", null=True, blank=True)
    source_text = models.CharField("원문", max_length=300, blank=True)
    source_line = models.PositiveIntegerField("원문 줄", null=True, blank=True)
    note = models.TextField("비고", blank=True)
    is_active = models.BooleanField("운영 중", default=True)
    history = HistoricalRecords(verbose_name="지역 디지털 진흥기관 변경 이력")

    class Meta:
        verbose_name = "지역 디지털 진흥기관"
        verbose_name_plural = "지역 디지털 진흥기관"
        ordering = ["province__position", "organization__short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(incorporation__in=Incorporation.values),
                name="digital_agency_incorporation_valid",
                violation_error_message="독립 법인화 상태가 올바르지 않습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.organization.short_name

    def get_absolute_url(self) -> str:
        return reverse("agencies:agency_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.organization.short_name


class PerformanceReport(models.Model):
    """An agency's yearly report on one cross-ministry digital programme it runs in its
    province: money planned and spent (억원, with the text as entered), outputs, and its
    outcomes against their targets (`outcomes`). A draft is seen by the agency's members
    and Committee staff; a submitted report is public."""

    agency = models.ForeignKey(
        DigitalAgency, verbose_name="진흥기관", on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField("연도")
    ministry = models.ForeignKey(
        Organization,
        verbose_name="부처",
        on_delete=models.PROTECT,
        related_name="agency_performance_reports",
        limit_choices_to={"kind": OrganizationKind.MINISTRY},
    )
    programme = models.CharField("사업명", max_length=200)
    budget_eok = models.DecimalField(
        "예산(억원)", max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    budget_text = models.CharField("예산(입력한 글)", max_length=50)
    spent_eok = models.DecimalField(
        "집행액(억원)",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
    )
    spent_text = models.CharField("집행액(입력한 글)", max_length=50, blank=True)
    outputs = models.TextField("산출물", blank=True)
    state = models.CharField(
        "상태", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    version = models.PositiveIntegerField("판", default=1)
    submitted_at = models.DateTimeField("제출 일시", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="제출한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(verbose_name="통합 성과 보고 변경 이력")

    class Meta:
        verbose_name = "통합 성과 보고"
        verbose_name_plural = "통합 성과 보고"
        ordering = ["year", "agency", "ministry__position", "programme"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "ministry", "programme"],
                name="performance_report_unique_programme",
                violation_error_message="이 기관의 같은 연도·부처·사업 보고가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="performance_report_year_range",
                violation_error_message=f"연도는 {FIRST_YEAR}~{LAST_YEAR} 사이여야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(budget_eok__gte=0) & (Q(spent_eok__isnull=True) | Q(spent_eok__gte=0)),
                name="performance_report_amounts_not_negative",
                violation_error_message="금액은 0억원 이상이어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values),
                name="performance_report_state_valid",
                violation_error_message="상태가 올바르지 않습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.ministry} {self.programme}"

    @property
    def is_submitted(self) -> bool:
        return self.state == ReportState.SUBMITTED

    @property
    def spent_percent(self) -> Decimal | None:
        """Spent ÷ budget × 100 (DREAM 계산); None without both or with a zero budget."""
        if self.spent_eok is None or not self.budget_eok:
            return None
        return (self.spent_eok / self.budget_eok * 100).quantize(Decimal("0.1"))


class PerformanceOutcome(models.Model):
    """One outcome of a reported programme against its target, as entered (text) and as a
    number where the text is one."""

    report = models.ForeignKey(
        PerformanceReport, verbose_name="보고", on_delete=models.CASCADE, related_name="outcomes"
    )
    position = models.PositiveSmallIntegerField("순서")
    name = models.CharField("성과지표", max_length=200)
    unit = models.CharField("단위", max_length=20, blank=True)
    target_text = models.CharField("목표(입력한 글)", max_length=100, blank=True)
    target_value = models.DecimalField(
        "목표", max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    actual_text = models.CharField("실적(입력한 글)", max_length=100, blank=True)
    actual_value = models.DecimalField(
        "실적", max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    history = HistoricalRecords(verbose_name="성과지표 변경 이력")

    class Meta:
        verbose_name = "성과지표 실적"
        verbose_name_plural = "성과지표 실적"
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"],
                name="performance_outcome_unique_position",
                violation_error_message="같은 순서의 성과지표가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.name}"

    @property
    def achievement_percent(self) -> Decimal | None:
        """Actual ÷ target × 100 (DREAM 계산); None unless both are numbers and the target
        is not zero."""
        if self.actual_value is None or not self.target_value:
            return None
        return (self.actual_value / self.target_value * 100).quantize(Decimal("0.1"))
