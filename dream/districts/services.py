"""The only write path for digital innovation districts.

Stages follow a transition table (like django-oscar's order status pipeline): one step
forward at a time, or one step back; never a skip. Every move, including the first
placement at stage 1 on registration, is a `StageChange` with its date and decision, and
the district's `stage` is changed in the same transaction.

Why a step back is allowed: the plan sets stage 2 by scale ("자생 가능한 규모", e.g. 1,000
firms) and stage 3 by private-led governance; a district that loses either may be put
back by the special committee. The decision text is required for every move anyway, so a
step back carries its reason like any other move.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from dream.accounts.models import Organization, User
from dream.core.korean import particle
from dream.search.services import search_index_rebuild_digital

from .choices import MeasureKind, Stage
from .models import DistrictMeasure, InnovationDistrict, StageChange
from .permissions import (
    can_change_district_stage,
    can_edit_district,
    can_record_district_measure,
    can_register_district,
)

SPECIAL_COMMITTEE = "지방디지털화 특별위원회"
COUNT_UNIT = "개"

# current stage (None: not yet registered) → the stages it may move to
STAGE_TRANSITIONS: dict[int | None, tuple[int, ...]] = {
    None: (Stage.FOUNDATION,),
    Stage.FOUNDATION: (Stage.ACCELERATION,),
    Stage.ACCELERATION: (Stage.PRIVATE_GLOBAL, Stage.FOUNDATION),
    Stage.PRIVATE_GLOBAL: (Stage.ACCELERATION,),
}


def stages_reachable_from(stage: int | None) -> list[Stage]:
    """The stages the table allows next, for forms and for the check below."""
    return [Stage(s) for s in STAGE_TRANSITIONS.get(stage, ())]


@transaction.atomic
def district_register(
    *,
    actor: User,
    province: Organization,
    name: str,
    location: str,
    operator: str,
    anchor_facilities: str,
    decided_on: date,
    decision: str,
    decided_by_body: str = "",
    operator_organization: Organization | None = None,
    designated_on: date | None = None,
    note: str = "",
) -> InnovationDistrict:
    """Register a district at stage 1, with the decision that put it there as the first
    entry of its stage history (e.g. the government's review of the province's plan).

    Two people registering the same name at once may both pass the check (PostgreSQL);
    the insert runs in a savepoint, and the loser gets the form's duplicate-name message.
    """
    if not can_register_district(actor, province):
        raise PermissionDenied("이 시·도의 디지털 혁신지구를 등록할 권한이 없습니다.")
    district = InnovationDistrict(
        province=province,
        name=name.strip(),
        location=location.strip(),
        operator=operator.strip(),
        operator_organization=operator_organization,
        anchor_facilities=anchor_facilities.strip(),
        stage=Stage.FOUNDATION,
        designated_on=designated_on,
        note=note.strip(),
    )
    errors = _errors_of(district.full_clean) | _errors_of(
        lambda: _check_decision(district=None, decided_on=decided_on, decision=decision)
    )
    if errors:
        raise ValidationError(errors)
    district._history_user = actor
    district._change_reason = "district.registered"
    try:
        with transaction.atomic():
            district.save()
    except IntegrityError:
        district.validate_constraints()  # the winner's row is visible now: the form's message
        raise
    _stage_change_record(
        actor=actor,
        district=district,
        from_stage=None,
        to_stage=Stage.FOUNDATION,
        decided_on=decided_on,
        decision=decision,
        decided_by_body=decided_by_body,
    )
    search_index_rebuild_digital()
    return district


REASON_MAX_LENGTH = 100  # simple-history's change reason column
# The details a person may correct; the stage moves only by a recorded decision.
EDITABLE_FIELDS = (
    "province",
    "name",
    "location",
    "operator",
    "operator_organization",
    "anchor_facilities",
    "designated_on",
    "note",
)


@transaction.atomic
def district_update(
    *,
    actor: User,
    district: InnovationDistrict,
    province: Organization,
    name: str,
    location: str,
    operator: str,
    anchor_facilities: str,
    reason: str,
    operator_organization: Organization | None = None,
    designated_on: date | None = None,
    note: str = "",
    seen: int | None = None,
) -> InnovationDistrict:
    """Correct a district's details (a misspelt name, the wrong province or operator) with a
    reason; the history keeps what it was, who changed it, when and why, and the search
    index is rebuilt so the new name is found.

    Moving it to another province needs the right to register districts in both. The row
    is read again under a lock, so two corrections sent at once are taken one after the
    other; `seen` (the latest history record the form was filled from, `district_version`)
    refuses the second instead of letting it overwrite a correction its author never saw.
    """
    if not can_edit_district(actor, district) or not can_register_district(actor, province):
        raise PermissionDenied("이 디지털 혁신지구의 정보를 고칠 권한이 없습니다.")
    district = InnovationDistrict.objects.select_for_update().get(pk=district.pk)
    if seen is not None and district_version(district) != seen:
        raise ValidationError(
            "다른 담당자가 먼저 이 지구를 고쳤습니다. 지구 페이지를 다시 보고, 필요하면 다시 고치세요."
        )
    before = [getattr(district, field) for field in EDITABLE_FIELDS]
    district.province = province
    district.name = name.strip()
    district.location = location.strip()
    district.operator = operator.strip()
    district.operator_organization = operator_organization
    district.anchor_facilities = anchor_facilities.strip()
    district.designated_on = designated_on
    district.note = note.strip()
    errors = _errors_of(district.full_clean) | _errors_of(lambda: _check_reason(reason))
    if errors:
        raise ValidationError(errors)
    if [getattr(district, field) for field in EDITABLE_FIELDS] == before:
        raise ValidationError("바뀐 것이 없습니다. 고칠 항목을 바꾼 뒤 저장하세요.")
    district._history_user = actor
    district._change_reason = reason.strip()
    try:
        with transaction.atomic():
            district.save()
    except IntegrityError:
        district.validate_constraints()  # a name registered meanwhile: the form's message
        raise
    search_index_rebuild_digital()
    return district


def district_version(district: InnovationDistrict) -> int | None:
    """The id of the district's latest history record: what a correction form was filled from."""
    latest = district.history.order_by("-history_date", "-history_id").first()
    return latest.history_id if latest else None


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "고치는 까닭을 적어 주세요(변경 이력에 남습니다)."})
    if len(reason.strip()) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"까닭은 {REASON_MAX_LENGTH}자까지 적을 수 있습니다."})


@transaction.atomic
def district_stage_change(
    *,
    actor: User,
    district: InnovationDistrict,
    to_stage: int,
    decided_on: date,
    decision: str,
    decided_by_body: str = SPECIAL_COMMITTEE,
) -> StageChange:
    """Move a district one stage as the special committee decided, recording the decision.

    The district is read again under a row lock; the caller's instance is left as it was
    (`change.district` is the updated one). Two people recording the same move at once are
    taken one after the other, and the second is told the district is already there.
    """
    if not can_change_district_stage(actor, district):
        raise PermissionDenied("디지털 혁신지구의 단계는 지방시대위원회 담당자만 바꿀 수 있습니다.")
    # Lock the row so two decisions recorded at once cannot both start from the same stage.
    district = InnovationDistrict.objects.select_for_update().get(pk=district.pk)
    _check_transition(district, to_stage)
    _check_decision(district=district, decided_on=decided_on, decision=decision)
    change = _stage_change_record(
        actor=actor,
        district=district,
        from_stage=district.stage,
        to_stage=to_stage,
        decided_on=decided_on,
        decision=decision,
        decided_by_body=decided_by_body,
    )
    district.stage = to_stage
    district._history_user = actor
    district._change_reason = "district.stage_changed"
    district.save(update_fields=["stage"])
    return change


def _errors_of(check) -> dict[str, list]:
    """The field errors `check` raises, so a form can show all of them at once."""
    try:
        check()
    except ValidationError as error:
        return error.update_error_dict({})
    return {}


def _check_transition(district: InnovationDistrict, to_stage: int) -> None:
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": "단계는 1, 2, 3 가운데 하나여야 합니다."})
    if to_stage == district.stage:
        raise ValidationError(
            {
                "to_stage": f"이 지구는 이미 {district.get_stage_display()}입니다. "
                "다른 담당자가 먼저 바꿨을 수 있으니 단계 변경 이력을 확인하세요."
            }
        )
    if to_stage not in STAGE_TRANSITIONS[district.stage]:
        allowed = ", ".join(s.label for s in stages_reachable_from(district.stage))
        raise ValidationError(
            {
                "to_stage": f"{district.get_stage_display()}에서 {Stage(to_stage).label}"
                f"{particle(Stage(to_stage).label, '으로')} "
                f"바꿀 수 없습니다. 한 번에 한 단계씩만 옮길 수 있습니다(가능: {allowed})."
            }
        )


def _check_decision(
    *, district: InnovationDistrict | None, decided_on: date, decision: str
) -> None:
    """A move needs its reason and a date that keeps the history in order: not in the
    future, not before the district's last decision."""
    errors = {}
    if not decision.strip():
        errors["decision"] = "결정 내용을 적어 주세요(예: 지방디지털화 특별위원회 심의 결과)."
    if decided_on > timezone.localdate():
        errors["decided_on"] = "결정일은 오늘 이후일 수 없습니다."
    elif district is not None:
        last = district.stage_changes.aggregate(last=Max("decided_on"))["last"]
        if last and decided_on < last:
            errors["decided_on"] = f"결정일은 마지막 단계 결정일({last:%Y-%m-%d}) 이후여야 합니다."
    if errors:
        raise ValidationError(errors)


def _stage_change_record(
    *,
    actor: User,
    district: InnovationDistrict,
    from_stage: int | None,
    to_stage: int,
    decided_on: date,
    decision: str,
    decided_by_body: str,
) -> StageChange:
    change = StageChange(
        district=district,
        from_stage=from_stage,
        to_stage=to_stage,
        decided_on=decided_on,
        decision=decision.strip(),
        decided_by_body=decided_by_body.strip(),
        recorded_by=actor,
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def district_measure_record(
    *,
    actor: User,
    district: InnovationDistrict,
    kind: str,
    year: int,
    value: Decimal | int,
    source: str,
    observed_on: date | None = None,
    name: str = "",
    unit: str = "",
) -> tuple[DistrictMeasure, bool]:
    """Record a district's figure for a year; return it and whether it is new.

    A second figure for the same district, kind, name and year corrects the first (its
    history keeps the old value), so a late or revised report needs no delete. `name`
    and `unit` belong to `other` measures; firm and lab counts are in 개.

    The district's row is locked first, so two figures sent at once for the same year are
    taken one after the other: the second corrects the first instead of clashing with it.
    """
    if not can_record_district_measure(actor, district):
        raise PermissionDenied("이 디지털 혁신지구의 측정값을 기록할 권한이 없습니다.")
    district = InnovationDistrict.objects.select_for_update(no_key=True).get(pk=district.pk)
    is_other = kind == MeasureKind.OTHER
    measure = (
        DistrictMeasure.objects.select_for_update()
        .filter(district=district, kind=kind, name=name.strip() if is_other else "", year=year)
        .first()
    )
    created = measure is None
    if created:
        measure = DistrictMeasure(district=district, kind=kind, year=year)
    measure.name = name.strip() if is_other else ""
    measure.unit = unit.strip() if is_other else COUNT_UNIT
    measure.value = value
    measure.source = source.strip()
    measure.observed_on = observed_on
    measure.recorded_by = actor
    measure.recorded_at = timezone.now()
    measure.full_clean()
    measure._history_user = actor
    measure._change_reason = "measure.recorded" if created else "measure.corrected"
    measure.save()
    return measure, created
