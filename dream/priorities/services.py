"""The tracker's write paths (pages and the API call these): owners of actions, step reports,
the year's tracker settings and the half-yearly inspections. Each checks permission, then
state, then input, in one transaction with the row decided on locked, and leaves a history
row attributed to the actor. Reports and inspections are only ever added, never edited."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from dream.accounts.models import Organization, User
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_checked, text_field

from . import tracker
from .choices import Half, ItemKind, StepStatus
from .models import (
    ActionOwner,
    Inspection,
    InspectionRemark,
    PriorityAction,
    PriorityItem,
    PriorityTask,
    StepReport,
    TrackerSettings,
)
from .permissions import (
    can_assign_owner,
    can_own,
    can_report_step,
    can_set_tracker,
    can_take_inspection,
)

EVIDENCE_MAX_LENGTH = 5000
URL_MAX_LENGTH = 500  # StepReport.evidence_url
BASIS_MAX_LENGTH = 200  # TrackerSettings.basis
SUMMARY_MAX_LENGTH = 5000
REMARK_MAX_LENGTH = 5000
EARLIEST = date(2000, 1, 1)  # no report of a plan DREAM reads is older
WEB_ADDRESS = URLValidator(schemes=["http", "https"])


@transaction.atomic
def action_owner_assign(
    *, actor: User, action: PriorityAction, organization: Organization | None
) -> ActionOwner:
    """Name (or change) the ministry or Committee unit that carries `action`; naming the
    same body again changes nothing."""
    if not can_assign_owner(actor):
        raise NotAllowed("지방시대위원회 담당자만 추진 과제의 담당 기관을 지정할 수 있습니다.")
    action = PriorityAction.objects.select_for_update(of=("self",)).get(pk=action.pk)
    if organization is None:
        raise InvalidInput("담당 기관을 골라 주세요.")
    if not can_own(organization):
        raise InvalidInput(
            f"담당 기관은 부처나 지방시대위원회만 될 수 있습니다({organization}은 "
            f"{organization.get_kind_display()}입니다)."
        )
    owner = ActionOwner.objects.filter(action=action).first()
    if owner is not None and owner.organization_id == organization.pk:
        return owner
    if owner is None:
        owner = ActionOwner(action=action)
        reason = "담당 기관 지정"
    else:
        reason = f"담당 기관 변경: {owner.organization} → {organization}"
    owner.organization = organization
    owner.assigned_by = actor
    owner.assigned_at = timezone.now()
    owner._history_user = actor
    owner._change_reason = reason[:100]
    owner.save()
    return owner


@transaction.atomic
def step_report_add(
    *,
    actor: User,
    item: PriorityItem,
    status: str,
    as_of,
    evidence: str,
    evidence_url: str = "",
) -> StepReport:
    """Add the owner's report of a step (ㅇ): its state on `as_of`, with evidence. The
    step is locked, so reports sent at once are all kept, one after the other."""
    item = PriorityItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    owner = (
        ActionOwner.objects.select_related("organization").filter(action_id=item.action_id).first()
        if item.action_id
        else None
    )
    if owner is not None and not can_report_step(actor, owner.organization):
        raise NotAllowed(
            f"담당 기관({owner.organization})의 작성 권한이 있는 사람만 이 추진 내용의 "
            "이행 상황을 보고할 수 있습니다."
        )
    if owner is None and not (actor.is_authenticated and actor.is_active):
        raise NotAllowed("담당 기관의 작성 권한이 있는 사람만 이행 상황을 보고할 수 있습니다.")
    if item.kind != ItemKind.STEP:
        raise StateConflict(
            f"이행 상황은 {ItemKind.STEP.label} 줄만 보고합니다(이 줄: "
            f"{ItemKind(item.kind).label})."
        )
    if owner is None:
        raise StateConflict(
            "담당 기관을 먼저 지정해야 합니다: 지방시대위원회 담당자가 이 추진 과제의 담당 "
            "기관을 지정하면 그 기관이 보고합니다."
        )
    report = StepReport(
        item=item,
        status=_status(status),
        as_of=_past_date(as_of, "기준일"),
        evidence=text_field(evidence, "근거", limit=EVIDENCE_MAX_LENGTH),
        evidence_url=_web_address(evidence_url),
        organization=owner.organization,
        reported_by=actor,
        reported_at=timezone.now(),
    )
    report._history_user = actor
    report._change_reason = f"이행 보고: {report.get_status_display()}"
    report.save()
    return report


@transaction.atomic
def tracker_settings_set(
    *, actor: User, year, ongoing_late_at_year_end: bool, basis: str
) -> TrackerSettings:
    """Set the year's rule the plan leaves silent (whether 연중 steps are late once the
    year is over), with its basis (a meeting, a notice)."""
    if not can_set_tracker(actor):
        raise NotAllowed("지방시대위원회 담당자만 이행 관리 설정을 정할 수 있습니다.")
    year = _year(year)
    if not isinstance(ongoing_late_at_year_end, bool):
        raise InvalidInput("연중 과제의 지연 여부는 예 또는 아니오로 정해 주세요.")
    basis = text_field(basis, "근거", limit=BASIS_MAX_LENGTH, one_line=True)
    row = TrackerSettings.objects.select_for_update(of=("self",)).filter(year=year).first()
    if row is None:
        try:
            with transaction.atomic():
                return _settings_saved(
                    TrackerSettings(year=year), actor, ongoing_late_at_year_end, basis, "설정"
                )
        except IntegrityError:  # another person saved the year's first row meanwhile
            row = TrackerSettings.objects.select_for_update(of=("self",)).get(year=year)
    if (row.ongoing_late_at_year_end, row.basis) == (ongoing_late_at_year_end, basis):
        return row
    return _settings_saved(row, actor, ongoing_late_at_year_end, basis, "변경")


def _settings_saved(row, actor, ongoing_late_at_year_end, basis, verb) -> TrackerSettings:
    row.ongoing_late_at_year_end = ongoing_late_at_year_end
    row.basis = basis
    row.set_by = actor
    row.set_at = timezone.now()
    row._history_user = actor
    row._change_reason = f"이행 관리 설정 {verb}"
    row.save()
    return row


@transaction.atomic
def inspection_take(
    *,
    actor: User,
    year,
    half,
    taken_on,
    summary: str = "",
    remarks: dict[int, str] | None = None,
) -> Inspection:
    """Take the half-yearly inspection (반기별 이행점검, l.639–641): every task's state on
    `taken_on` frozen in the snapshot, with the remarks per task. Once per half; never
    edited afterwards."""
    if not can_take_inspection(actor):
        raise NotAllowed("지방시대위원회 담당자만 반기별 이행점검을 기록할 수 있습니다.")
    year, half = _year(year), _half(half)
    taken = Inspection.objects.filter(year=year, half=half).first()
    if taken is not None:
        raise _already_taken(year, half, taken.taken_on)
    taken_on = _past_date(taken_on, "점검일")
    starts = date(year, 1 if half == Half.FIRST else 7, 1)
    if taken_on < starts:
        raise InvalidInput(
            f"{year}년 {Half(half).label} 이행점검의 점검일은 {starts.isoformat()} 이후여야 합니다."
        )
    summary = text_field(summary, "총평", limit=SUMMARY_MAX_LENGTH, required=False)
    remarks = _remarks(remarks, year)
    inspection = Inspection(
        year=year,
        half=half,
        taken_on=taken_on,
        summary=summary,
        snapshot=tracker.inspection_snapshot(year, taken_on),
        taken_by=actor,
        taken_at=timezone.now(),
    )
    inspection._history_user = actor
    inspection._change_reason = "반기별 이행점검"
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError:  # the same half taken by another person at the same moment
        raise _already_taken(year, half, None) from None
    for task_id, text in remarks.items():
        remark = InspectionRemark(inspection=inspection, task_id=task_id, text=text)
        remark._history_user = actor
        remark._change_reason = "점검 의견"
        remark.save()
    return inspection


def _already_taken(year: int, half: int, taken_on: date | None) -> StateConflict:
    when = f"(점검일 {taken_on.isoformat()})" if taken_on else ""
    return StateConflict(
        f"{year}년 {Half(half).label} 이행점검은 이미 기록되었습니다{when}. 이행점검은 한 번 "
        "기록하면 고치지 않습니다."
    )


def _status(raw) -> str:
    if raw not in StepStatus.values:
        choices = "·".join(StepStatus.labels)
        raise InvalidInput(f"상태는 {choices} 가운데 하나로 골라 주세요.")
    return raw


def _date(raw, what: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(text_checked(str(raw or "").strip(), what))
    except ValueError:
        raise InvalidInput(f"{what}을 날짜(예: 2024-06-30)로 적어 주세요.") from None


def _past_date(raw, what: str) -> date:
    day = _date(raw, what)
    if day > timezone.localdate():
        raise InvalidInput(f"{what}은 오늘 이후일 수 없습니다.")
    if day < EARLIEST:
        raise InvalidInput(f"{what}은 {EARLIEST.year}년 이후여야 합니다.")
    return day


def _web_address(raw) -> str:
    address = text_field(raw, "근거 주소", limit=URL_MAX_LENGTH, required=False)
    if not address:
        return ""
    try:
        WEB_ADDRESS(address)
    except ValidationError:
        raise InvalidInput(
            "근거 주소는 http:// 또는 https://로 시작하는 인터넷 주소로 적어 주세요."
        ) from None
    return address


def _year(raw) -> int:
    text = str(raw).strip()
    if isinstance(raw, bool) or not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise InvalidInput("연도를 숫자(예: 2024)로 적어 주세요.")
    year = int(text)
    if not 2000 <= year <= 2100 or not PriorityTask.objects.filter(year=year).exists():
        raise InvalidInput(f"{year}년 시행계획에서 읽은 중점 이행과제가 없습니다.")
    return year


def _half(raw) -> int:
    if isinstance(raw, bool) or str(raw).strip() not in ("1", "2"):
        raise InvalidInput("반기는 1(상반기) 또는 2(하반기)로 골라 주세요.")
    return int(str(raw).strip())


def _remarks(raw: dict | None, year: int) -> dict[int, str]:
    """Task id → remark, for tasks of `year` only; empty remarks are left out."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InvalidInput("점검 의견은 과제별로 적어 주세요.")
    tasks = set(PriorityTask.objects.filter(year=year).values_list("pk", flat=True))
    remarks = {}
    for key, text in raw.items():
        task_id = key if isinstance(key, int) and not isinstance(key, bool) else None
        if task_id is None and isinstance(key, str) and key.isascii() and key.isdigit():
            task_id = int(key)
        if task_id is None:
            raise InvalidInput("점검 의견의 과제를 번호로 골라 주세요.")
        if task_id not in tasks:
            raise InvalidInput(f"점검 의견은 {year}년 중점 이행과제에만 적을 수 있습니다.")
        written = text_field(text, "점검 의견", limit=REMARK_MAX_LENGTH, required=False)
        if written:
            remarks[task_id] = written
    return remarks
