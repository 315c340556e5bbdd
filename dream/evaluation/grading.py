"""Round phases, grades, the body's self-grade, the Committee's 점검, close and correction
(ADR 0008, step 6). A round only moves forward, one phase at a time, on the locked round row;
a grade's final band differs from its computed band only through a recorded `GradeCheck`, and
a checker who saw an older final band is told another checker came first (`seen_band`).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User
from dream.core.korean import with_particle
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict

from . import computation
from .choices import AssignmentState, RoundPhase
from .integrity import _text
from .models import Assignment, EvaluationRound, Grade, GradeBand, GradeCheck, RoundEvent, Unit
from .permissions import LIVE_STATES, can_check_grades, can_manage_round, can_self_evaluate
from .rules import RuleKey
from .scoring import round_compute, rule_value
from .services import _round_locked

# The one move out of each phase; there is no way back.
NEXT_PHASE = {
    RoundPhase.PLANNING: RoundPhase.EVALUATING,
    RoundPhase.EVALUATING: RoundPhase.CHECKING,
    RoundPhase.CHECKING: RoundPhase.FEEDBACK,
}
NAMED_AT_MOST = 10


@dataclass
class Advanced:
    """What a phase move did: the event, and the units it had to list (assignments not
    submitted, graded units left without a score)."""

    round: EvaluationRound
    event: RoundEvent
    not_submitted: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)


def _named(things: list[str]) -> str:
    shown = ", ".join(things[:NAMED_AT_MOST])
    more = f" 외 {len(things) - NAMED_AT_MOST}개" if len(things) > NAMED_AT_MOST else ""
    return shown + more


def _ready_to_evaluate(round: EvaluationRound) -> None:
    """Refuse leaving 평가계획 수립 unless units, criteria, bands and enough evaluators exist."""
    units = Unit.objects.filter(round=round)
    if not units.exists():
        raise StateConflict("평가 단위가 없어 추진실적 평가를 시작할 수 없습니다.")
    if round.criterion_set_id is None or round.band_set_id is None:
        raise StateConflict("평가 기준 묶음과 등급 구간 묶음을 골라야 평가를 시작할 수 있습니다.")
    minimum = int(rule_value(round, RuleKey.MIN_EVALUATORS))
    short = []
    for unit in units.filter(graded=True).select_related("organization").order_by("position"):
        count = Assignment.objects.filter(unit=unit, state__in=LIVE_STATES).count()
        if count < minimum:
            short.append(f"{unit.organization} {unit} ({count}명)")
    if short:
        raise StateConflict(
            f"등급 단위마다 평가위원이 {minimum}명 이상 배정되어야 합니다. 모자란 단위: "
            f"{_named(short)}"
        )


def _not_submitted(round: EvaluationRound) -> list[str]:
    return [
        f"{a.unit.organization} {a.unit} — {a.evaluator}"
        for a in Assignment.objects.filter(round=round, state__in=LIVE_STATES)
        .exclude(state=AssignmentState.SUBMITTED)
        .select_related("unit__organization", "evaluator__user")
        .order_by("unit__position", "pk")
    ]


def _grades_create(round: EvaluationRound, actor: User) -> list[str]:
    """A grade per graded unit, its band computed from the unit's score (normalised if
    present, else rolled, else raw); returns the units left without a score."""
    bands = [(band, band.min_score) for band in GradeBand.objects.filter(band_set=round.band_set)]
    unscored = []
    for unit in (
        Unit.objects.filter(round=round, graded=True)
        .select_related("organization", "computed")
        .order_by("position")
    ):
        computed = getattr(unit, "computed", None)
        score = None
        if computed is not None:
            for value in (computed.normalised, computed.rolled, computed.raw):
                if value is not None:
                    score = value
                    break
        if score is None:
            unscored.append(f"{unit.organization} {unit}")
        grade = Grade.objects.filter(unit=unit).first() or Grade(unit=unit)
        grade.computed_score = score
        grade.computed_band = computation.band_for(score, bands)
        grade._history_user = actor
        grade.save()
    return unscored


@transaction.atomic
def round_advance(
    *, actor: User, round: EvaluationRound, to: str, seen_phase: str, reason: str = ""
) -> Advanced:
    """Move the round one phase forward. `seen_phase` is the phase the person saw: if another
    staff member moved the round since, the move is refused rather than taken twice."""
    if not can_manage_round(actor):
        raise NotAllowed("평가 단계 넘기기는 지방시대위원회 담당자만 할 수 있습니다.")
    if to not in RoundPhase.values:
        raise InvalidInput("알 수 없는 단계입니다.")
    reason = _text(reason, "사유")
    round = _round_locked(round)
    if seen_phase != round.phase:
        raise StateConflict(
            f"다른 담당자가 먼저 {round.year}년 평가 회차를 "
            f"'{round.get_phase_display()}' 단계로 옮겼습니다. 페이지를 새로 열어 확인해 주세요."
        )
    if NEXT_PHASE.get(round.phase) != to:
        raise StateConflict(
            f"'{round.get_phase_display()}' 단계에서는 '{RoundPhase(to).label}' 단계로 갈 수 "
            "없습니다. 평가 단계는 한 단계씩 앞으로만 가고 되돌릴 수 없습니다."
        )
    now = timezone.now()
    from_phase = round.phase
    result = Advanced(round=round, event=None)
    event_reason = reason
    if to == RoundPhase.EVALUATING:
        _ready_to_evaluate(round)
        round.frozen_at = now
    elif to == RoundPhase.CHECKING:
        result.not_submitted = _not_submitted(round)
        if result.not_submitted and not reason:
            raise InvalidInput(
                "제출되지 않은 평가가 있습니다. 그래도 넘기려면 사유를 적어 주세요. 미제출: "
                f"{_named(result.not_submitted)}"
            )
        if result.not_submitted:
            event_reason = f"{reason}\n미제출 배정: {'; '.join(result.not_submitted)}"
    else:
        unchecked = [
            f"{g.unit.organization} {g.unit}"
            for g in Grade.objects.filter(unit__round=round, final_band__isnull=True)
            .select_related("unit__organization")
            .order_by("unit__position")
        ]
        if unchecked:
            raise StateConflict(
                f"점검하지 않은 등급이 {len(unchecked)}개 있어 종료할 수 없습니다: "
                f"{_named(unchecked)}"
            )
        round.closed_at = now
    round.phase = to
    round._history_user = actor
    round.save()
    if to == RoundPhase.CHECKING:
        round_compute(actor=actor, round=round)
        result.unscored = _grades_create(round, actor)
        if result.unscored:
            event_reason = f"{event_reason}\n점수 없는 등급 단위: {'; '.join(result.unscored)}"
    result.event = RoundEvent.objects.create(
        round=round,
        from_phase=from_phase,
        to_phase=to,
        actor=actor,
        at=now,
        reason=event_reason.strip(),
    )
    return result


def _grade_locked(grade: Grade) -> tuple[EvaluationRound, Grade]:
    """The grade's round and the grade, both locked (round first, as `round_advance`)."""
    round_id = Grade.objects.filter(pk=grade.pk).values_list("unit__round_id", flat=True).get()
    round = _round_locked(EvaluationRound(pk=round_id))
    grade = (
        Grade.objects.select_for_update(of=("self",))
        .select_related("unit__organization", "computed_band", "final_band", "self_band")
        .get(pk=grade.pk)
    )
    return round, grade


def _band_checked(round: EvaluationRound, band) -> GradeBand:
    if not isinstance(band, GradeBand) or band.band_set_id != round.band_set_id:
        raise InvalidInput("이 평가 회차의 등급 구간에 있는 등급을 골라 주세요.")
    return band


def _phase_checked(round: EvaluationRound, phase: str, what: str) -> None:
    if round.phase != phase:
        raise StateConflict(
            f"{with_particle(what, '은')} {RoundPhase(phase).label} 단계에서만 합니다 "
            f"(지금: {round.get_phase_display()})."
        )


@transaction.atomic
def self_grade_record(*, actor: User, grade: Grade, band: GradeBand, reason: str) -> Grade:
    """The body's own grade of its unit (자체평가) with its reason, during 점검. It never
    changes the computed or final band."""
    if not can_self_evaluate(actor, grade.unit):
        raise NotAllowed("자체평가는 평가받는 기관의 작성자나 지방시대위원회 담당자만 합니다.")
    round, grade = _grade_locked(grade)
    _phase_checked(round, RoundPhase.CHECKING, "자체평가")
    band = _band_checked(round, band)
    grade.self_band = band
    grade.self_reason = _text(reason, "자체평가 사유", required=True)
    grade.self_by = actor
    grade.self_at = timezone.now()
    grade._history_user = actor
    grade.save()
    return grade


def _record_check(
    actor: User, grade: Grade, band: GradeBand, reason: str, *, correction: bool
) -> GradeCheck:
    now = timezone.now()
    check = GradeCheck.objects.create(
        grade=grade,
        from_band=grade.final_band or grade.computed_band,
        to_band=band,
        reason=reason,
        is_correction=correction,
        actor=actor,
        at=now,
    )
    grade.final_band = band
    if not correction:
        grade.checked_by = actor
        grade.checked_at = now
    grade._history_user = actor
    grade.save()
    return check


@transaction.atomic
def grade_check(
    *, actor: User, grade: Grade, band: GradeBand, reason: str, seen_band: GradeBand | None
) -> GradeCheck:
    """The Committee's 점검 of a grade: keep the computed band or move it within the round's
    `check_scope`, with a reason for any change. `seen_band` is the final band the checker saw
    (None when unchecked); another checker's later decision is never silently overwritten."""
    if not can_check_grades(actor):
        raise NotAllowed("등급 점검은 지방시대위원회 담당자만 할 수 있습니다.")
    round, grade = _grade_locked(grade)
    _phase_checked(round, RoundPhase.CHECKING, "등급 점검")
    seen_id = None if seen_band is None else seen_band.pk
    if seen_id != grade.final_band_id:
        now_final = grade.final_band.label if grade.final_band else "점검 전"
        raise StateConflict(
            f"다른 담당자가 먼저 이 등급을 점검했습니다(지금 최종 등급: {now_final}). "
            "페이지를 새로 열어 확인한 뒤 다시 점검해 주세요."
        )
    band = _band_checked(round, band)
    reason = _text(reason, "점검 사유")
    before = grade.final_band or grade.computed_band
    computed = grade.computed_band
    if (band != computed or band != before) and not reason:
        raise InvalidInput("계산된 등급과 다르게 하거나 등급을 바꿀 때는 사유를 적어 주세요.")
    if computed is not None:
        scope = int(rule_value(round, RuleKey.CHECK_SCOPE))
        if abs(band.position - computed.position) > scope:
            raise InvalidInput(
                f"점검에서는 계산된 등급({computed.label})에서 {scope}등급 위나 아래까지만 "
                f"바꿀 수 있습니다({band.label}은 범위 밖)."
            )
    return _record_check(actor, grade, band, reason, correction=False)


@transaction.atomic
def grade_correct(*, actor: User, grade: Grade, band: GradeBand, reason: str) -> GradeCheck:
    """A correction of a final grade after the round closed: recorded with its reason and
    shown on the grade, never a silent edit."""
    if not can_manage_round(actor):
        raise NotAllowed("종료 후 등급 정정은 지방시대위원회 담당자만 할 수 있습니다.")
    round, grade = _grade_locked(grade)
    if round.closed_at is None:
        raise StateConflict(
            "등급 정정은 평가 회차가 종료된 뒤에만 합니다. 그 전에는 점검으로 바꿉니다."
        )
    band = _band_checked(round, band)
    reason = _text(reason, "정정 사유", required=True)
    if band == grade.final_band:
        raise InvalidInput(f"최종 등급이 이미 {band.label}입니다.")
    return _record_check(actor, grade, band, reason, correction=True)
