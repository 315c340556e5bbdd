"""The one write path of an evaluation round's planning (ADR 0008, step 3): web forms, the API
and tests call these. Each runs in a transaction, asks `permissions.py`, locks the round row it
decides on and checks the round is still in 평가계획 수립 before it changes anything; once the
round froze its settings every change is refused (`Frozen`, 409).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from dream.accounts.models import User
from dream.core.korean import with_particle
from dream.cycle.errors import (
    Frozen,
    InvalidInput,
    NotAllowed,
    StateConflict,
    text_field,
)
from dream.indicators.choices import IndicatorDirection
from dream.indicators.models import Indicator

from .choices import RoundPhase, ScheduleBasis
from .models import (
    Criterion,
    CriterionSet,
    EvaluationRound,
    GradeBand,
    GradeBandSet,
    IndicatorRule,
    RoundEvent,
    RoundRule,
    Unit,
)
from .permissions import can_manage_round
from .rules import DEFAULTS, RuleBasis, RuleKey, rule_value_checked
from .units import evaluated_plans, units_build

# The printed schedule of the 2024 round (l.172–180), by month: first to last day.
PRINTED_SCHEDULE_YEAR = 2024
PRINTED_SCHEDULE_LINE = 174
NOTE_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 200

EXAMPLE_CRITERION_SET = (
    "예시: 제주권 초광역권 시행계획의 자체평가 기준 (2024년 시행계획 12056–12058줄)"
)
EXAMPLE_CRITERIA = (
    "예산배분과 예산집행의 적절성",
    "일정계획 대비 추진실적 달성도",
    "과제수행 체계 및 절차의 합리성",
)
EXAMPLE_CRITERIA_LINE = 12056
EXAMPLE_BAND_SET = "예시: 우수 80점 이상 · 보통 60점 이상 · 미흡 60점 미만"
EXAMPLE_BANDS = (("우수", Decimal(80)), ("보통", Decimal(60)), ("미흡", Decimal(0)))


def _staff_checked(actor: User, what: str) -> None:
    if not can_manage_round(actor):
        raise NotAllowed(f"{with_particle(what, '은')} 지방시대위원회 담당자만 할 수 있습니다.")


def _round_locked(round: EvaluationRound) -> EvaluationRound:
    return EvaluationRound.objects.select_for_update(of=("self",)).get(pk=round.pk)


def _planning_checked(round: EvaluationRound) -> None:
    if round.frozen_at is not None or round.phase != RoundPhase.PLANNING:
        raise Frozen(
            f"{round.year}년 평가 회차는 평가계획 수립 단계가 끝나 규칙·단위·기준을 바꿀 수 "
            "없습니다."
        )


def _text(raw, what: str, *, required: bool = False, limit: int = NOTE_MAX_LENGTH) -> str:
    return text_field(raw, what, limit=limit, required=required)


def _set_used_by_frozen_round(**filters) -> bool:
    return EvaluationRound.objects.filter(frozen_at__isnull=False, **filters).exists()


def schedule_for(year: int) -> tuple[dict[str, date], str]:
    """The planned dates of the round judging `year`'s plans, and their basis: the months the
    2024 plan prints for its own evaluation, shifted by whole years for later rounds."""
    shift = year - PRINTED_SCHEDULE_YEAR
    dates = {
        "planning_from": date(2024 + shift, 11, 1),
        "planning_to": date(2024 + shift, 12, 31),
        "evaluating_from": date(2025 + shift, 1, 1),
        "evaluating_to": date(2025 + shift, 4, 30),
        "checking_from": date(2025 + shift, 5, 1),
        "checking_to": date(2025 + shift, 5, 31),
        "feedback_from": date(2025 + shift, 6, 1),
    }
    basis = ScheduleBasis.PRINTED if shift == 0 else ScheduleBasis.NOT_FIXED
    return dates, basis


@transaction.atomic
def example_sets_ensure() -> tuple[CriterionSet, GradeBandSet]:
    """The example criterion and band sets every new round starts with, made once: the three
    self-evaluation criteria the 제주권 plan prints (l.12056–12058) with equal weights, and
    the bands 우수/보통/미흡 at 80 and 60 points. Neither is the Committee's choice."""
    criterion_set, created = CriterionSet.objects.get_or_create(
        name=EXAMPLE_CRITERION_SET,
        defaults={
            "is_example": True,
            "source_line": EXAMPLE_CRITERIA_LINE,
            "note": (
                "제주권 초광역권 시행계획이 자체평가에 쓰겠다고 적은 세 기준을 옮긴 예시입니다. "
                "가중치는 계획이 정하지 않아 같게 두었습니다. 위원회가 정한 기준이 아닙니다."
            ),
        },
    )
    if created:
        for position, name in enumerate(EXAMPLE_CRITERIA, start=1):
            Criterion.objects.create(
                criterion_set=criterion_set,
                position=position,
                name=name,
                weight=Decimal(1),
                max_score=Decimal(100),
                source_line=EXAMPLE_CRITERIA_LINE,
            )
    band_set, created = GradeBandSet.objects.get_or_create(
        name=EXAMPLE_BAND_SET,
        defaults={
            "is_example": True,
            "note": (
                "등급 이름 우수·미흡은 세종 시행계획(3740줄)과 이슈의 말이고, 구간은 계획이 정하지 "
                "않았습니다. 위원회가 정한 등급 구간이 아닙니다."
            ),
        },
    )
    if created:
        for position, (label, minimum) in enumerate(EXAMPLE_BANDS, start=1):
            GradeBand.objects.create(
                band_set=band_set, position=position, label=label, min_score=minimum
            )
    return criterion_set, band_set


def round_open(*, actor: User, year) -> EvaluationRound:
    """Open the round judging `year`'s plans: a year with a published plan and no round. The
    round starts in 평가계획 수립 with DREAM's default rules (chosen by nobody yet) and the
    example criterion and band sets."""
    _staff_checked(actor, "평가 회차 열기")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput("평가 대상 연도는 2000부터 2100까지의 정수로 적어 주세요.")
    if not evaluated_plans(year).exists():
        raise InvalidInput(
            f"{year}년에는 공개된(의결된) 시행계획이 없어 평가 회차를 열 수 없습니다."
        )
    criterion_set, band_set = example_sets_ensure()
    dates, basis = schedule_for(year)
    now = timezone.now()
    exists = StateConflict(f"{year}년 평가 회차가 이미 있습니다.")
    if EvaluationRound.objects.filter(year=year).exists():
        raise exists
    try:
        with transaction.atomic():
            round = EvaluationRound(
                year=year,
                phase=RoundPhase.PLANNING,
                schedule_basis=basis,
                schedule_source_line=(
                    PRINTED_SCHEDULE_LINE if basis == ScheduleBasis.PRINTED else None
                ),
                criterion_set=criterion_set,
                band_set=band_set,
                opened_by=actor,
                opened_at=now,
                **dates,
            )
            round._history_user = actor
            round.save()
            RoundEvent.objects.create(
                round=round, from_phase="", to_phase=RoundPhase.PLANNING, actor=actor, at=now
            )
            for key, default in DEFAULTS.items():
                rule = RoundRule(
                    round=round,
                    key=key,
                    value=default.value,
                    basis=default.basis,
                    source_line=default.source_line,
                )
                rule._history_user = actor
                rule.save()
    except IntegrityError:
        raise exists from None
    return round


@transaction.atomic
def round_rule_set(
    *, actor: User, round: EvaluationRound, key: str, value, note: str = ""
) -> RoundRule:
    """Set one rule of a round in 평가계획 수립, recording who chose it and when. A rule the
    plan prints keeps its line only while its printed value is kept."""
    _staff_checked(actor, "평가 규칙 설정")
    round = _round_locked(round)
    _planning_checked(round)
    if not isinstance(key, str) or key not in RuleKey.values:
        raise InvalidInput("알 수 없는 규칙입니다.")
    value, _shown = rule_value_checked(key, value)
    note = _text(note, "비고")
    default = DEFAULTS[key]
    printed = default.basis == RuleBasis.PRINTED and value == default.value
    rule = RoundRule.objects.select_for_update().filter(round=round, key=key).first()
    rule = rule or RoundRule(round=round, key=key)
    rule.value = value
    rule.basis = RuleBasis.PRINTED if printed else RuleBasis.NOT_FIXED
    rule.source_line = default.source_line if printed else None
    rule.chosen_by = actor
    rule.chosen_at = timezone.now()
    rule.note = note
    rule._history_user = actor
    rule.save()
    return rule


@transaction.atomic
def indicator_rule_set(
    *,
    actor: User,
    round: EvaluationRound,
    indicator: Indicator,
    direction: str,
    note: str = "",
) -> IndicatorRule:
    """Say for this round which way an indicator is better, where its plan says nothing."""
    _staff_checked(actor, "지표별 평가 규칙 설정")
    round = _round_locked(round)
    _planning_checked(round)
    if indicator.plan.year != round.year:
        raise InvalidInput(f"{round.year}년 시행계획의 지표가 아닙니다.")
    if indicator.direction:
        raise InvalidInput("계획이 이미 이 지표의 방향을 정했습니다.")
    if direction not in IndicatorDirection.values:
        raise InvalidInput("방향은 높을수록 좋음 또는 낮을수록 좋음이어야 합니다.")
    rule = IndicatorRule.objects.filter(round=round, indicator=indicator).first()
    rule = rule or IndicatorRule(round=round, indicator=indicator)
    rule.direction = direction
    rule.note = _text(note, "비고")
    rule.chosen_by = actor
    rule.chosen_at = timezone.now()
    rule._history_user = actor
    rule.save()
    return rule


@transaction.atomic
def unit_weight_set(*, actor: User, unit: Unit, weight, reason: str) -> Unit:
    """Give a unit its weight among its siblings (None: back to an equal share), with the
    reason: the plan fixes no weight, so each one is the Committee's and says why."""
    _staff_checked(actor, "가중치 설정")
    round = _round_locked(unit.round)
    _planning_checked(round)
    reason = _text(reason, "가중치 사유", required=True)
    if weight is not None:
        try:
            weight = Decimal(str(weight).strip())
        except (InvalidOperation, ValueError):
            raise InvalidInput("가중치는 숫자로 적어 주세요.") from None
        if not weight.is_finite() or not Decimal(0) < weight <= Decimal(1000):
            raise InvalidInput("가중치는 0보다 크고 1000 이하인 숫자여야 합니다.")
        if weight.as_tuple().exponent < -4:
            raise InvalidInput("가중치는 소수 넷째 자리까지 적을 수 있습니다.")
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    unit.weight = weight
    unit.weight_reason = reason
    unit._history_user = actor
    unit.save(update_fields=["weight", "weight_reason"])
    return unit


@transaction.atomic
def round_sets_choose(
    *,
    actor: User,
    round: EvaluationRound,
    criterion_set: CriterionSet,
    band_set: GradeBandSet,
) -> EvaluationRound:
    """Choose the criterion set and the grade band set the round will use."""
    _staff_checked(actor, "평가 기준·등급 구간 선택")
    round = _round_locked(round)
    _planning_checked(round)
    if not criterion_set.criteria.exists():
        raise InvalidInput("기준이 하나도 없는 평가 기준 묶음은 고를 수 없습니다.")
    _bands_checked([(band.label, band.min_score) for band in band_set.bands.all()])
    round.criterion_set = criterion_set
    round.band_set = band_set
    round._history_user = actor
    round.save(update_fields=["criterion_set", "band_set"])
    return round


def _decimal(raw, what: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"{with_particle(what, '은')} 숫자로 적어 주세요.") from None
    if not number.is_finite() or not low <= number <= high:
        raise InvalidInput(f"{with_particle(what, '은')} {low}부터 {high}까지의 숫자여야 합니다.")
    if number.as_tuple().exponent < -4:
        raise InvalidInput(f"{with_particle(what, '은')} 소수 넷째 자리까지 적을 수 있습니다.")
    return number


def _bands_checked(bands) -> list[tuple[str, Decimal]]:
    """The bands from the highest down; InvalidInput unless they cover 0–100 once each."""
    if len(bands) < 2:
        raise InvalidInput("등급은 두 개 이상이어야 합니다.")
    checked = []
    for label, minimum in bands:
        label = _text(label, "등급 이름", required=True, limit=50)
        checked.append((label, _decimal(minimum, f"{label}의 하한", Decimal(0), Decimal(100))))
    if len({label for label, _ in checked}) != len(checked):
        raise InvalidInput("등급 이름이 겹칩니다.")
    checked.sort(key=lambda band: band[1], reverse=True)
    for (upper, high), (lower, low) in zip(checked, checked[1:], strict=False):
        if high == low:
            raise InvalidInput(f"{upper}과 {lower}의 구간이 겹칩니다(하한 {high}점).")
    lowest_label, lowest = checked[-1]
    if lowest != 0:
        raise InvalidInput(
            f"0점 이상 {lowest}점 미만이 어느 등급에도 들지 않습니다: 가장 낮은 등급"
            f"({lowest_label})의 하한은 0점이어야 합니다."
        )
    return checked


@transaction.atomic
def grade_band_set_save(
    *, actor: User, name: str, bands, note: str = "", band_set: GradeBandSet | None = None
) -> GradeBandSet:
    """Save a grade band set from (label, lowest score) pairs. The bands must cover 0–100
    without a gap or an overlap; a set a frozen round uses never changes."""
    _staff_checked(actor, "등급 구간 저장")
    name = _text(name, "이름", required=True, limit=NAME_MAX_LENGTH)
    checked = _bands_checked(list(bands))
    if band_set is not None:
        band_set = GradeBandSet.objects.select_for_update().get(pk=band_set.pk)
        if _set_used_by_frozen_round(band_set=band_set):
            raise Frozen(
                "규칙을 확정한 평가 회차가 쓰는 등급 구간은 바꿀 수 없습니다. 복사해서 고쳐 주세요."
            )
    elif GradeBandSet.objects.filter(name=name).exists():
        raise StateConflict("같은 이름의 등급 구간 묶음이 이미 있습니다.")
    band_set = band_set or GradeBandSet(created_by=actor)
    band_set.name = name
    band_set.note = _text(note, "비고")
    band_set.is_example = False
    band_set._history_user = actor
    band_set.save()
    band_set.bands.all().delete()
    for position, (label, minimum) in enumerate(checked, start=1):
        band = GradeBand(band_set=band_set, position=position, label=label, min_score=minimum)
        band._history_user = actor
        band.save()
    return band_set


@dataclass(frozen=True)
class CriterionInput:
    name: str
    weight: object = 1
    max_score: object = 100
    description: str = ""


@transaction.atomic
def criterion_set_save(
    *,
    actor: User,
    name: str,
    criteria: list[CriterionInput],
    note: str = "",
    criterion_set: CriterionSet | None = None,
) -> CriterionSet:
    """Save a criterion set; a set a frozen round uses never changes (edit = copy)."""
    _staff_checked(actor, "평가 기준 저장")
    name = _text(name, "이름", required=True, limit=NAME_MAX_LENGTH)
    if not criteria:
        raise InvalidInput("기준을 하나 이상 적어 주세요.")
    checked = []
    for criterion in criteria:
        label = _text(criterion.name, "기준 이름", required=True, limit=NAME_MAX_LENGTH)
        checked.append(
            (
                label,
                _decimal(criterion.weight, f"{label}의 가중치", Decimal("0.0001"), Decimal(1000)),
                _decimal(criterion.max_score, f"{label}의 만점", Decimal(1), Decimal(1000)),
                _text(criterion.description, "설명"),
            )
        )
    if len({label for label, *_ in checked}) != len(checked):
        raise InvalidInput("기준 이름이 겹칩니다.")
    if criterion_set is not None:
        criterion_set = CriterionSet.objects.select_for_update().get(pk=criterion_set.pk)
        if _set_used_by_frozen_round(criterion_set=criterion_set):
            raise Frozen(
                "규칙을 확정한 평가 회차가 쓰는 평가 기준은 바꿀 수 없습니다. 복사해서 고쳐 주세요."
            )
    elif CriterionSet.objects.filter(name=name).exists():
        raise StateConflict("같은 이름의 평가 기준 묶음이 이미 있습니다.")
    criterion_set = criterion_set or CriterionSet(created_by=actor)
    criterion_set.name = name
    criterion_set.note = _text(note, "비고")
    criterion_set.is_example = False
    criterion_set.source_line = None
    criterion_set._history_user = actor
    criterion_set.save()
    criterion_set.criteria.all().delete()
    for position, (label, weight, max_score, description) in enumerate(checked, start=1):
        row = Criterion(
            criterion_set=criterion_set,
            position=position,
            name=label,
            weight=weight,
            max_score=max_score,
            description=description,
        )
        row._history_user = actor
        row.save()
    return criterion_set


@transaction.atomic
def units_generate(*, actor: User, round: EvaluationRound) -> int:
    """Build the round's unit tree from the year's published plans by the round's unit-shape
    rules, replacing the units it had; returns how many units it made. Refused once the round
    froze, and while a unit already has an evaluator assigned."""
    _staff_checked(actor, "평가 단위 만들기")
    round = _round_locked(round)
    _planning_checked(round)
    if round.assignments.exists():
        raise StateConflict("평가위원이 배정된 단위가 있어 평가 단위를 다시 만들 수 없습니다.")
    try:
        Unit.objects.filter(round=round).delete()
    except ProtectedError:
        raise StateConflict(
            "점수나 등급이 있는 단위가 있어 평가 단위를 다시 만들 수 없습니다."
        ) from None
    shapes = dict(round.rules.values_list("key", "value"))
    return units_build(round=round, actor=actor, shapes=shapes)
