"""The zone designations' write paths (forms and the API call these): a province's
application with its area as entered, a correction while it is at 신청, the Committee's
decisions (신청 → 심의·의결 → 지정 or 미지정, l.257–259) and a withdrawal. Each service
checks permission, then state, then input, in one transaction with the designation locked,
and writes a DesignationDecision for every move, with history naming the actor.

The area cap (caps.py) is not checked here: the plan makes it the provinces' rule, so a
designation beyond it is recorded and the pages and API show the excess."""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization, User
from dream.core.korean import particle, with_particle
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict, text_field
from dream.ingest.numbers import parse_number
from dream.plans.selectors import published_years
from dream.priorities.choices import TaskGroup
from dream.priorities.models import PriorityTask

from .choices import DesignationStage
from .models import DesignationDecision, ZoneDesignation
from .permissions import can_apply_for, can_change_designation, can_decide_designation

NAME_MAX_LENGTH = 200
AREA_TEXT_MAX_LENGTH = 50
DECISION_MAX_LENGTH = 5000
PYEONG_PER_MAN = 10_000
AREA_PLACES = 4  # ZoneDesignation.area_pyeong: 만평 to four places, i.e. one 평
AREA_DIGITS = 12
MAN_PYEONG = "만평"
PYEONG = "평"

# The Committee's moves (designation_decide); 철회 is designation_withdraw's.
NEXT_STAGES = {
    DesignationStage.APPLIED: (DesignationStage.DELIBERATED,),
    DesignationStage.DELIBERATED: (DesignationStage.DESIGNATED, DesignationStage.REFUSED),
}
DECIDED_STAGES = (
    DesignationStage.DELIBERATED,
    DesignationStage.DESIGNATED,
    DesignationStage.REFUSED,
)
PENDING_STAGES = (DesignationStage.APPLIED, DesignationStage.DELIBERATED)
FINAL_STAGES = (
    DesignationStage.DESIGNATED,
    DesignationStage.REFUSED,
    DesignationStage.WITHDRAWN,
)


def area_parsed(raw) -> tuple[Decimal | None, str]:
    """An area as entered and its reading in 만평: "120만평", "120 만평", "3.5만평",
    "1,200,000평" (→ 120); empty is None (the area is not known yet). A number without its
    unit, a comma decimal ("31,6만평"), a negative or zero area, or a finer area than one 평
    is refused with a Korean message, never guessed."""
    written = text_field(raw, "면적", limit=AREA_TEXT_MAX_LENGTH, required=False, one_line=True)
    if not written:
        return None, ""
    compact = written.replace(" ", "")
    if compact.endswith(MAN_PYEONG):
        number, per_man = compact.removesuffix(MAN_PYEONG), 1
    elif compact.endswith(PYEONG):
        number, per_man = compact.removesuffix(PYEONG), PYEONG_PER_MAN
    else:
        raise InvalidInput(
            f"면적 '{written}'에 단위가 없습니다. 만평이나 평을 붙여 적어 주세요(예: 120만평, "
            "1,200,000평)."
        )
    parsed = parse_number(number) if number else None
    if parsed is None or parsed.value is None or number.endswith("%"):
        raise InvalidInput(
            f"면적 '{written}'{particle(written, '을')} 숫자로 읽을 수 없습니다(예: 120만평)."
        )
    if parsed.problem:
        raise InvalidInput(f"{parsed.problem}. 소수점은 마침표로 적어 주세요.")
    if parsed.value <= 0:
        raise InvalidInput("면적은 0보다 커야 합니다.")
    area = parsed.value / per_man
    if -area.normalize().as_tuple().exponent > AREA_PLACES:
        raise InvalidInput("면적은 1평 단위까지 적을 수 있습니다(만평이면 소수점 아래 4자리).")
    if area >= Decimal(10) ** (AREA_DIGITS - AREA_PLACES):
        raise InvalidInput("면적이 너무 큽니다.")
    return area, written


def _date(raw, what: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if raw is None or str(raw).strip() == "":
        raise InvalidInput(f"{with_particle(what, '을')} 적어 주세요.")
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidInput(
            f"{with_particle(what, '을')} 날짜(예: 2024-03-29)로 적어 주세요."
        ) from None


def _not_future(day: date, what: str) -> date:
    if day > timezone.localdate():
        raise InvalidInput(f"{with_particle(what, '은')} 오늘 이후일 수 없습니다.")
    return day


def _zone_task(task: PriorityTask) -> PriorityTask:
    if task.group != TaskGroup.ZONE:
        raise InvalidInput("특구 지정은 4대 특구 과제에만 등록할 수 있습니다.")
    if task.year not in published_years():
        raise InvalidInput(
            f"{task.year}년 시행계획은 공개되지 않아 특구 지정을 등록할 수 없습니다."
        )
    return task


def _name(raw) -> str:
    return text_field(raw, "특구 이름", limit=NAME_MAX_LENGTH, one_line=True)


def _name_free(task: PriorityTask, province: Organization, name: str, pk: int | None) -> None:
    taken = ZoneDesignation.objects.filter(task=task, province=province, name=name)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    existing = taken.first()
    if existing is not None:
        raise StateConflict(
            f"{province}의 '{name}' 신청이 이미 있습니다(단계: {existing.get_stage_display()}). "
            "다시 신청하면 이름을 구별해 적어 주세요(예: 재신청)."
        )


def _locked(designation: ZoneDesignation) -> ZoneDesignation:
    return ZoneDesignation.objects.select_for_update(of=("self",)).get(pk=designation.pk)


@transaction.atomic
def designation_apply(
    *,
    actor: User,
    task: PriorityTask,
    province: Organization,
    name,
    area_text="",
    applied_on,
) -> ZoneDesignation:
    """A province's application for an area under a zone task (수시 신청, l.257), at 신청."""
    if province.kind != OrganizationKind.PROVINCE:
        raise InvalidInput("특구 지정은 시·도가 신청합니다.")
    if not can_apply_for(actor, province):
        raise NotAllowed(
            f"{province}의 작성 권한이 있는 사람이나 위원회 담당자만 특구 지정 신청을 등록할 수 "
            "있습니다."
        )
    task = _zone_task(task)
    name = _name(name)
    area_pyeong, area_text = area_parsed(area_text)
    applied_on = _not_future(_date(applied_on, "신청일"), "신청일")
    # Applications of a province are registered one at a time, so a name is never taken twice.
    Organization.objects.select_for_update().get(pk=province.pk)
    _name_free(task, province, name, None)
    designation = ZoneDesignation(
        task=task,
        province=province,
        name=name,
        area_text=area_text,
        area_pyeong=area_pyeong,
        stage=DesignationStage.APPLIED,
        applied_on=applied_on,
        created_by=actor,
        created_at=timezone.now(),
    )
    designation._history_user = actor
    designation._change_reason = "특구 지정 신청"
    designation.save()
    return designation


@transaction.atomic
def designation_update(
    *, actor: User, designation: ZoneDesignation, name=None, area_text=None
) -> ZoneDesignation:
    """Correct the name or area of an application still at 신청 (None leaves a field as it
    is; an empty area means it is not known). Once deliberated, it stays as decided on."""
    if not can_change_designation(actor, designation):
        raise NotAllowed(
            f"{designation.province}의 작성 권한이 있는 사람이나 위원회 담당자만 신청을 고칠 수 "
            "있습니다."
        )
    designation = _locked(designation)
    if designation.stage != DesignationStage.APPLIED:
        raise StateConflict(
            f"신청 단계에서만 고칠 수 있습니다(지금: {designation.get_stage_display()})."
        )
    changed = []
    if name is not None:
        name = _name(name)
        if name != designation.name:
            Organization.objects.select_for_update().get(pk=designation.province_id)
            _name_free(designation.task, designation.province, name, designation.pk)
            designation.name = name
            changed.append("이름")
    if area_text is not None:
        area_pyeong, area_text = area_parsed(area_text)
        if area_text != designation.area_text:
            designation.area_text, designation.area_pyeong = area_text, area_pyeong
            changed.append("면적")
    if changed:
        designation._history_user = actor
        designation._change_reason = f"신청 수정: {', '.join(changed)}"
        designation.save()
    return designation


def _record(
    actor: User, designation: ZoneDesignation, stage: str, decided_on, decision
) -> DesignationDecision:
    """Write the move of a locked `designation` to `stage`: dates and text checked, then the
    decision row and the new stage, each with its history."""
    decided_on = _not_future(_date(decided_on, "결정일"), "결정일")
    decision = text_field(decision, "결정 내용", limit=DECISION_MAX_LENGTH)
    last = designation.decisions.order_by("-decided_on", "-pk").first()
    floor, what = (last.decided_on, "앞 결정일") if last else (designation.applied_on, "신청일")
    if decided_on < floor:
        raise InvalidInput(f"결정일은 {what}({floor.isoformat()}) 이후여야 합니다.")
    record = DesignationDecision(
        designation=designation,
        stage=stage,
        decided_on=decided_on,
        decision=decision,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    label = DesignationStage(stage).label
    record._history_user = actor
    record._change_reason = f"단계 기록: {label}"
    record.save()
    designation.stage = stage
    designation._history_user = actor
    designation._change_reason = f"단계: {label}"
    designation.save(update_fields=["stage"])
    return record


def _not_final(designation: ZoneDesignation) -> None:
    if designation.stage in FINAL_STAGES:
        raise StateConflict(
            f"이미 {designation.get_stage_display()} 단계에서 끝난 신청이라 바꿀 수 없습니다."
        )


@transaction.atomic
def designation_decide(
    *, actor: User, designation: ZoneDesignation, stage, decided_on, decision
) -> DesignationDecision:
    """Record the Committee's step: 신청 → 심의·의결 → 지정 or 미지정, one step at a time.
    Two staff deciding the same step at once: the second finds it taken (StateConflict)."""
    if not can_decide_designation(actor):
        raise NotAllowed("위원회의 심의·의결과 지정 여부는 위원회 담당자만 기록합니다.")
    if stage == DesignationStage.WITHDRAWN:
        raise InvalidInput("철회는 위원회의 결정이 아니라 '철회'로 기록합니다.")
    if stage not in DECIDED_STAGES:
        raise InvalidInput("단계를 고르세요(심의·의결, 지정, 미지정).")
    designation = _locked(designation)
    _not_final(designation)
    allowed = NEXT_STAGES[designation.stage]
    if stage not in allowed:
        names = "·".join(DesignationStage(s).label for s in allowed)
        raise StateConflict(
            f"{designation.get_stage_display()} 다음에는 {names}만 기록할 수 있습니다"
            "(위원회 심의·의결을 거쳐 지정, 원문 l.257–259)."
        )
    return _record(actor, designation, stage, decided_on, decision)


@transaction.atomic
def designation_withdraw(
    *, actor: User, designation: ZoneDesignation, decided_on, decision
) -> DesignationDecision:
    """The province (or staff on its behalf) withdraws an application not yet decided."""
    if not can_change_designation(actor, designation):
        raise NotAllowed(
            f"{designation.province}의 작성 권한이 있는 사람이나 위원회 담당자만 신청을 철회할 수 "
            "있습니다."
        )
    designation = _locked(designation)
    _not_final(designation)
    return _record(actor, designation, DesignationStage.WITHDRAWN, decided_on, decision)
