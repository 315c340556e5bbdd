"""The yearly cycle that makes a plan (2024 plan, Ⅰ-2 수립 경과; 특별법 제7조·제8조·제9조):
the Committee's guidelines, each body's submission by the statutory deadline, review,
and the plenary resolution that freezes every accepted plan as a version.

A body's draft is an ordinary `Plan` with `is_draft` set, so forms, checks and pages work
on it as on a published plan; public pages show only plans that are not drafts.
"""

from datetime import date

from django.db import models
from simple_history.models import HistoricalRecords

from dream.accounts.models import Organization, User
from dream.plans.models import Plan, Task

from .choices import (
    AmendmentState,
    CyclePhase,
    DuplicateStatus,
    ItemKind,
    SubmissionAction,
    SubmissionState,
)

# 법정시한: plans reach the Committee by 15 February of the plan year (2024 plan, line 99).
DEADLINE_MONTH, DEADLINE_DAY = 2, 15
AMENDMENT_OPEN_STATES = (AmendmentState.DRAFTING, AmendmentState.SUBMITTED)


def statutory_deadline(year: int) -> date:
    return date(year, DEADLINE_MONTH, DEADLINE_DAY)


class Cycle(models.Model):
    """One plan year's cycle: its guidelines, deadline, phase and resolution."""

    year = models.PositiveSmallIntegerField("연도", unique=True)
    deadline = models.DateField("제출 기한", help_text="법정시한: 해당 연도 2월 15일")
    phase = models.CharField(
        "단계", max_length=20, choices=CyclePhase.choices, default=CyclePhase.GUIDELINES
    )
    guidelines_title = models.CharField("수립지침", max_length=200, blank=True)
    guidelines_file = models.FileField(
        "수립지침 파일", upload_to="cycle/guidelines/", blank=True, max_length=200
    )
    guidelines_meeting = models.CharField("수립지침 의결 회의", max_length=100, blank=True)
    guidelines_date = models.DateField("수립지침 의결일", null=True, blank=True)
    guidelines_sent_on = models.DateField("수립지침 송부일", null=True, blank=True)
    recipients = models.ManyToManyField(
        Organization,
        verbose_name="수립지침을 받은 기관",
        blank=True,
        related_name="guideline_cycles",
    )
    recipients_printed = models.CharField(
        "수립지침을 받은 기관(원문)",
        max_length=200,
        blank=True,
        help_text="예: 14개 중앙행정기관, 17개 시‧도, 7개 초광역권 설정 지자체",
    )
    resolution_meeting = models.CharField("의결 회의", max_length=100, blank=True)
    resolution_date = models.DateField("의결일", null=True, blank=True)
    source_line = models.PositiveIntegerField(
        "원문 줄", null=True, blank=True, help_text="의결 회의와 날짜를 읽은 줄"
    )
    history = HistoricalRecords(verbose_name="수립 주기 변경 이력")

    class Meta:
        verbose_name = "수립 주기"
        verbose_name_plural = "수립 주기"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}년 시행계획 수립 주기"


class Submission(models.Model):
    """One body's plan in one cycle: its draft, its state and the dates the law asks for."""

    cycle = models.ForeignKey(
        Cycle, verbose_name="수립 주기", on_delete=models.CASCADE, related_name="submissions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="수립 주체",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    plan = models.OneToOneField(
        Plan,
        verbose_name="시행계획",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submission",
        help_text="비어 있으면 아직 초안이 없습니다(또는 부문별 시행계획에 함께 실림)",
    )
    state = models.CharField(
        "상태", max_length=20, choices=SubmissionState.choices, default=SubmissionState.DRAFTING
    )
    local_resolution_date = models.DateField("시·도 지방시대위원회 심의일", null=True, blank=True)
    submitted_at = models.DateTimeField("처음 제출한 때", null=True, blank=True)
    is_late = models.BooleanField("기한 후 제출", default=False)
    history = HistoricalRecords(verbose_name="제출 변경 이력")

    class Meta:
        verbose_name = "시행계획 제출"
        verbose_name_plural = "시행계획 제출"
        ordering = ["cycle", "organization__kind", "organization__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organization"],
                name="submission_unique_body_per_cycle",
                violation_error_message="이 기관의 제출이 이 주기에 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle.year}년 {self.organization} 시행계획 ({self.get_state_display()})"

    @property
    def working_plan(self):
        """The plan the body's editors work on: the draft before resolution, and after it
        the draft of an amendment being written (작성 중); otherwise the plan itself."""
        amendment = self.open_amendment
        if amendment is not None and amendment.state == AmendmentState.DRAFTING:
            return amendment.draft_plan
        return self.plan

    @property
    def open_amendment(self):
        """The amendment being written or submitted, if any (at most one at a time)."""
        if self.state != SubmissionState.RESOLVED:
            return None
        return self.amendments.filter(state__in=AMENDMENT_OPEN_STATES).first()


def submission_locked(submission: Submission) -> Submission:
    """The submission read again under a row lock: what another request changed meanwhile
    is seen before the state is checked."""
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("cycle", "organization")
        .get(pk=submission.pk)
    )


class SubmissionEvent(models.Model):
    """One step of a submission, never changed afterwards: who moved it, when, why."""

    submission = models.ForeignKey(
        Submission, verbose_name="제출", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("처리", max_length=20, choices=SubmissionAction.choices)
    from_state = models.CharField(
        "이전 상태", max_length=20, choices=SubmissionState.choices, blank=True
    )
    to_state = models.CharField("새 상태", max_length=20, choices=SubmissionState.choices)
    actor = models.ForeignKey(
        User, verbose_name="처리한 사람", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("처리한 때")
    comment = models.TextField("의견", blank=True)

    class Meta:
        verbose_name = "제출 처리 기록"
        verbose_name_plural = "제출 처리 기록"
        ordering = ["submission", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission} {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class PlanVersion(models.Model):
    """A plan as resolved (or amended after resolution): immutable, with a content hash.
    An amendment is a new version with its reason, never an edit of the old one."""

    plan = models.ForeignKey(
        Plan, verbose_name="시행계획", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("판 번호")
    content = models.JSONField("내용", help_text="목표, 전략, 과제, 재정투입, 성과지표")
    content_hash = models.CharField("내용 해시(SHA-256)", max_length=64)
    meeting = models.CharField("의결 회의", max_length=100, blank=True)
    resolved_on = models.DateField("의결일", null=True, blank=True)
    reason = models.TextField("사유", blank=True, help_text="변경 판일 때 그 사유")
    created_by = models.ForeignKey(
        User, verbose_name="기록한 사람", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("기록한 때", auto_now_add=True)

    class Meta:
        verbose_name = "시행계획 판"
        verbose_name_plural = "시행계획 판"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_version_unique_number",
                violation_error_message="이 시행계획에 같은 번호의 판이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} 제{self.number}판"


class ItemComment(models.Model):
    """A remark on one item of a submitted draft by Committee staff, or the body's answer to
    one (`reply_to`). Never edited: a correction is another comment."""

    submission = models.ForeignKey(
        Submission, verbose_name="제출", on_delete=models.CASCADE, related_name="comments"
    )
    item_kind = models.CharField("항목 종류", max_length=20, choices=ItemKind.choices)
    item_id = models.PositiveBigIntegerField("항목 번호")
    item_label = models.TextField(
        "항목(쓸 때의 이름)", help_text="항목이 나중에 바뀌거나 지워져도 남는 이름"
    )
    reply_to = models.ForeignKey(
        "self",
        verbose_name="답하는 의견",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        User, verbose_name="쓴 사람", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("쓴 때")
    text = models.TextField("내용")

    class Meta:
        verbose_name = "항목 의견"
        verbose_name_plural = "항목 의견"
        ordering = ["submission", "at", "pk"]
        indexes = [models.Index(fields=["submission", "item_kind", "item_id"])]

    def __str__(self) -> str:
        return (
            f"{self.submission} {self.get_item_kind_display()} {self.item_label}: {self.text[:30]}"
        )


class DuplicateCandidate(models.Model):
    """A province's task and a ministry's task that may be the same project counted twice
    (동일사업 중복계상): found by name similarity and amount, judged by Committee staff."""

    cycle = models.ForeignKey(
        Cycle, verbose_name="수립 주기", on_delete=models.CASCADE, related_name="duplicates"
    )
    regional_task = models.ForeignKey(
        Task, verbose_name="시·도(초광역권) 과제", on_delete=models.CASCADE, related_name="+"
    )
    sectoral_task = models.ForeignKey(
        Task, verbose_name="부처 과제", on_delete=models.CASCADE, related_name="+"
    )
    similarity = models.DecimalField("이름 유사도", max_digits=4, decimal_places=3)
    reason = models.TextField("찾은 근거", help_text="유사도와 금액 비교를 사람이 읽을 수 있게")
    status = models.CharField(
        "판단", max_length=20, choices=DuplicateStatus.choices, default=DuplicateStatus.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name="판단한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("판단한 때", null=True, blank=True)
    note = models.TextField("판단 사유", blank=True)
    history = HistoricalRecords(verbose_name="중복계상 판단 이력")

    class Meta:
        verbose_name = "중복계상 후보"
        verbose_name_plural = "중복계상 후보"
        ordering = ["cycle", "-similarity", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "regional_task", "sectoral_task"],
                name="duplicate_unique_pair",
                violation_error_message="이 두 과제의 중복계상 후보가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regional_task} ↔ {self.sectoral_task} ({self.get_status_display()})"


class Amendment(models.Model):
    """A change of a resolved plan (특별법 시행계획의 변경): written on a draft copy of the
    published plan, which stays public as it is until the Committee resolves the change;
    then the copy's content is applied to the plan and recorded as its next version with
    this reason. Never an edit of a version."""

    submission = models.ForeignKey(
        Submission, verbose_name="제출", on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField("변경 번호", help_text="제출마다 1, 2, …")
    reason = models.TextField("변경 사유")
    state = models.CharField(
        "상태", max_length=20, choices=AmendmentState.choices, default=AmendmentState.DRAFTING
    )
    draft_plan = models.OneToOneField(
        Plan,
        verbose_name="변경 초안",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amendment",
        help_text="의결하거나 철회하면 지워집니다",
    )
    resolution_meeting = models.CharField("의결 회의", max_length=100, blank=True)
    resolution_date = models.DateField("의결일", null=True, blank=True)
    version = models.ForeignKey(
        PlanVersion,
        verbose_name="의결된 판",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        User, verbose_name="시작한 사람", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("시작한 때", auto_now_add=True)
    history = HistoricalRecords(verbose_name="변경 계획 이력")

    class Meta:
        verbose_name = "변경 계획"
        verbose_name_plural = "변경 계획"
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"],
                name="amendment_unique_number",
                violation_error_message="이 제출에 같은 번호의 변경 계획이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=models.Q(state__in=AMENDMENT_OPEN_STATES),
                name="amendment_one_open",
                violation_error_message="이 시행계획에 진행 중인 변경 계획이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission.cycle.year}년 {self.submission.organization} 변경 {self.number}"
