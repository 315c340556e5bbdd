"""The digital project pipeline (ADR 0009): a province's proposal (demand) is the thread every
later step hangs on — its Track 1 application in `dream.calls`, or its Track 2 large project
here — so a project moved from Track 1 to Track 2 keeps its whole history on one proposal.
Rows are written only through `services.py` (who may, which state, history user).
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.digital.models import DigitalArea
from dream.plans.models import AMOUNT_DIGITS, AMOUNT_PLACES, Task

from .choices import LargeProjectStage, ProposalOrigin, ProposalState, Track


class Proposal(models.Model):
    """A digital project a province proposes (l.833–863), ranked by the province."""

    province = models.ForeignKey(
        Organization,
        verbose_name="시·도",
        on_delete=models.PROTECT,
        related_name="digital_proposals",
        limit_choices_to={"kind": OrganizationKind.PROVINCE},
    )
    year = models.PositiveSmallIntegerField("제안 연도")
    title = models.CharField("사업명", max_length=200)
    summary = models.TextField("사업 내용", blank=True)
    origin = models.CharField("수요 출처", max_length=20, choices=ProposalOrigin.choices)
    origin_note = models.CharField("출처 설명", max_length=300, blank=True)
    area = models.ForeignKey(
        DigitalArea,
        verbose_name="디지털 계획 분야",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    tasks = models.ManyToManyField(
        Task, verbose_name="연계 시행계획 과제", blank=True, related_name="digital_proposals"
    )
    size_eok = models.DecimalField(
        "총사업비(억원)",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
    )
    size_text = models.CharField("총사업비(입력 그대로)", max_length=50, blank=True)
    start_year = models.PositiveSmallIntegerField("시작 연도", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("종료 연도", null=True, blank=True)
    priority = models.PositiveSmallIntegerField("우선순위", null=True, blank=True)
    support_share_note = models.TextField("분야별 지원 비중", blank=True)
    linkage_note = models.TextField("사업 간 연계", blank=True)
    track = models.PositiveSmallIntegerField("트랙", choices=Track.choices, null=True, blank=True)
    state = models.CharField(
        "상태", max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFTING
    )
    created_by = models.ForeignKey(
        User, verbose_name="작성한 사람", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("작성한 때")
    submitted_at = models.DateTimeField("제출한 때", null=True, blank=True)
    history = HistoricalRecords(verbose_name="디지털 사업 제안 변경 이력")

    class Meta:
        verbose_name = "디지털 사업 제안"
        verbose_name_plural = "디지털 사업 제안"
        ordering = ["year", "province__position", "priority", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="proposal_years_in_order",
                violation_error_message="종료 연도가 시작 연도보다 앞설 수 없습니다.",
            ),
            models.CheckConstraint(
                condition=Q(size_eok__isnull=True) | Q(size_eok__gte=0),
                name="proposal_size_not_negative",
                violation_error_message="총사업비는 0 이상이어야 합니다.",
            ),
            models.UniqueConstraint(
                fields=["province", "year", "priority"],
                condition=Q(priority__isnull=False),
                name="proposal_priority_unique_per_province_year",
                violation_error_message="한 시·도의 같은 연도 제안에 같은 우선순위가 둘일 수 없습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.title}"


class LargeProject(models.Model):
    """A Track 2 project (l.1792–1809) on the yearly rolling board: its stage, owner ministry
    and dates. `stage` is the current step; how it got there is in `steps`."""

    proposal = models.OneToOneField(
        Proposal,
        verbose_name="제안",
        on_delete=models.PROTECT,
        related_name="large_project",
    )
    owner = models.ForeignKey(
        Organization,
        verbose_name="담당 부처",
        on_delete=models.PROTECT,
        related_name="large_digital_projects",
        limit_choices_to={"kind": OrganizationKind.MINISTRY},
    )
    stage = models.CharField(
        "단계",
        max_length=20,
        choices=LargeProjectStage.choices,
        default=LargeProjectStage.CONSULTING,
    )
    feasibility_sized = models.BooleanField("예타 규모", default=False)
    from_track1 = models.BooleanField("트랙1 우수 과제에서 옴", default=False)
    started_on = models.DateField("시작일")
    created_by = models.ForeignKey(
        User, verbose_name="등록한 사람", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(verbose_name="트랙2 사업 변경 이력")

    class Meta:
        verbose_name = "트랙2 사업"
        verbose_name_plural = "트랙2 사업"
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return str(self.proposal)


class LargeProjectStep(models.Model):
    """One step of a Track 2 project: its decision, date and documents. Append-only, so it is
    itself the project's history."""

    project = models.ForeignKey(
        LargeProject, verbose_name="트랙2 사업", on_delete=models.CASCADE, related_name="steps"
    )
    from_stage = models.CharField(
        "이전 단계", max_length=20, choices=LargeProjectStage.choices, blank=True
    )
    to_stage = models.CharField("단계", max_length=20, choices=LargeProjectStage.choices)
    decided_on = models.DateField("결정일")
    decision = models.TextField("결정 내용")
    decided_by_body = models.CharField("결정 기관", max_length=100, blank=True)
    documents = models.TextField("문서", blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name="기록한 사람", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("기록한 때")

    class Meta:
        verbose_name = "트랙2 단계 기록"
        verbose_name_plural = "트랙2 단계 기록"
        ordering = ["project", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_to_stage_display()} ({self.decided_on})"
