"""Scores, judgements, submission and the round's computation (ADR 0008, step 5). Only the
assignment's own evaluator scores — nobody for another, superusers included — while the round
is in 추진실적 평가 and the assignment is open; `round_compute` turns the submitted, non-void
scores into unit scores through the pure functions of `computation.py`.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from dream.accounts.models import User
from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict

from . import computation
from .choices import AssignmentState, JudgementLevel, RoundPhase, UnitKind
from .integrity import ConflictOfInterest, _text, conflict_message, tie_to, unit_leaves
from .models import (
    Assignment,
    Criterion,
    EvaluationRound,
    IndicatorJudgement,
    RoundRule,
    Score,
    Unit,
    UnitScore,
)
from .permissions import SCORING_STATES, can_manage_round, can_score
from .rules import DEFAULTS, RuleKey

COMPUTING_PHASES = (RoundPhase.EVALUATING, RoundPhase.CHECKING)
STORED = Decimal("0.0001")


@dataclass(frozen=True)
class ScoreInput:
    leaf: Unit
    criterion: Criterion
    value: object
    reason: str


def rule_value(round: EvaluationRound, key: str):
    row = RoundRule.objects.filter(round=round, key=key).first()
    return DEFAULTS[key].value if row is None else row.value


def _assignment_for_scoring(actor: User, assignment: Assignment) -> Assignment:
    """The assignment locked, after the checks every scoring step shares."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round", "evaluator", "unit")
        .get(pk=assignment.pk)
    )
    if not actor.is_authenticated or assignment.evaluator.user_id != actor.pk:
        raise NotAllowed(
            "배정된 평가위원 본인만 점수를 입력합니다. 누구도 대신 입력할 수 없습니다."
        )
    if assignment.round.phase != RoundPhase.EVALUATING:
        raise StateConflict(
            f"{assignment.round.year}년 평가 회차는 {assignment.round.get_phase_display()} "
            "단계라 점수를 입력할 수 없습니다."
        )
    if not can_score(actor, assignment):
        raise StateConflict(
            f"이 배정은 {assignment.get_state_display()} 상태라 점수를 입력할 수 없습니다."
        )
    why = tie_to(assignment.round, assignment.evaluator, assignment.unit)
    if why is not None:
        raise ConflictOfInterest(conflict_message(assignment.evaluator, why))
    return assignment


def _value_checked(raw, criterion: Criterion) -> Decimal:
    if isinstance(raw, bool):
        raise InvalidInput("점수는 숫자로 적어 주세요.")
    try:
        value = Decimal(str(raw).strip()) if isinstance(raw, str | int | Decimal) else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise InvalidInput(f"'{raw}'은(는) 점수로 읽을 수 없습니다. 숫자로 적어 주세요.")
    if not 0 <= value <= criterion.max_score:
        raise InvalidInput(
            f"{criterion.name} 점수는 0점부터 {computation.shown(criterion.max_score)}점까지입니다."
        )
    if value != value.quantize(STORED):
        raise InvalidInput("점수는 소수 넷째 자리까지 적을 수 있습니다.")
    return value


def _reason_checked(round: EvaluationRound, raw) -> str:
    minimum = int(rule_value(round, RuleKey.REASON_MIN_LENGTH))
    reason = _text(raw, "점수 사유", required=True)
    if len(reason) < minimum:
        raise InvalidInput(f"점수 사유는 {minimum}자 이상 적어 주세요 (지금 {len(reason)}자).")
    return reason


def _score_one(assignment: Assignment, item: ScoreInput) -> Score:
    leaf_ids = {leaf.pk for leaf in unit_leaves(assignment.unit)}
    if item.leaf.pk not in leaf_ids:
        raise InvalidInput(f"'{item.leaf}'은(는) 이 배정의 채점 단위가 아닙니다.")
    if item.criterion.criterion_set_id != assignment.round.criterion_set_id:
        raise InvalidInput(f"'{item.criterion}'은(는) 이 회차의 평가 기준이 아닙니다.")
    value = _value_checked(item.value, item.criterion)
    reason = _reason_checked(assignment.round, item.reason)
    score = Score.objects.filter(
        assignment=assignment, leaf=item.leaf, criterion=item.criterion
    ).first() or Score(assignment=assignment, leaf=item.leaf, criterion=item.criterion)
    score.value = value
    score.reason = reason
    score._history_user = assignment.evaluator.user
    score.save()
    return score


@transaction.atomic
def score_record(
    *, actor: User, assignment: Assignment, leaf: Unit, criterion: Criterion, value, reason: str
) -> Score:
    """Record (or rewrite) the evaluator's score of a leaf on a criterion, with its reason."""
    assignment = _assignment_for_scoring(actor, assignment)
    return _score_one(assignment, ScoreInput(leaf, criterion, value, reason))


@transaction.atomic
def scores_record(*, actor: User, assignment: Assignment, items: list[ScoreInput]) -> list[Score]:
    """Several scores at once, all or none."""
    assignment = _assignment_for_scoring(actor, assignment)
    if not items:
        raise InvalidInput("입력할 점수가 없습니다.")
    return [_score_one(assignment, item) for item in items]


@transaction.atomic
def indicator_judge(
    *, actor: User, assignment: Assignment, indicator, level: str, reason: str
) -> IndicatorJudgement:
    """The evaluator's judgement of an indicator DREAM cannot compute (a text target, or one
    without a direction): 달성 / 부분 달성 / 미달성 with a reason."""
    assignment = _assignment_for_scoring(actor, assignment)
    if indicator.plan_id != assignment.unit.plan_id:
        raise InvalidInput(f"'{indicator}'은(는) 이 단위 계획의 성과지표가 아닙니다.")
    if level not in JudgementLevel.values:
        raise InvalidInput("판단은 달성, 부분 달성, 미달성 가운데 하나입니다.")
    reason = _reason_checked(assignment.round, reason)
    judgement = IndicatorJudgement.objects.filter(
        assignment=assignment, indicator=indicator
    ).first() or IndicatorJudgement(assignment=assignment, indicator=indicator)
    judgement.level = level
    judgement.reason = reason
    judgement._history_user = actor
    judgement.save()
    return judgement


def missing_scores(assignment: Assignment) -> list[tuple[Unit, Criterion]]:
    """The leaf × criterion pairs the assignment has not scored yet."""
    criteria = list(Criterion.objects.filter(criterion_set_id=assignment.round.criterion_set_id))
    scored = set(
        Score.objects.filter(assignment=assignment, void=False)
        .order_by()  # the model's ordering joins five tables; a set needs none
        .values_list("leaf_id", "criterion_id")
    )
    return [
        (leaf, criterion)
        for leaf in unit_leaves(assignment.unit)
        for criterion in criteria
        if (leaf.pk, criterion.pk) not in scored
    ]


@transaction.atomic
def assignment_submit(*, actor: User, assignment: Assignment) -> Assignment:
    """Submit the assignment's scores: every leaf × criterion scored. A second submit of the
    same assignment (a double click, two tabs) is refused."""
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round", "evaluator", "unit")
        .get(pk=assignment.pk)
    )
    if locked.state not in SCORING_STATES:
        if locked.evaluator.user_id != actor.pk:
            raise NotAllowed("배정된 평가위원 본인만 제출합니다.")
        raise StateConflict(f"이 배정은 이미 {locked.get_state_display()} 상태입니다.")
    locked = _assignment_for_scoring(actor, locked)
    missing = missing_scores(locked)
    if missing:
        shown = ", ".join(f"{leaf} — {criterion}" for leaf, criterion in missing[:5])
        more = f" 외 {len(missing) - 5}건" if len(missing) > 5 else ""
        raise InvalidInput(f"점수를 모두 입력해야 제출할 수 있습니다. 빠진 점수: {shown}{more}")
    locked.state = AssignmentState.SUBMITTED
    locked.submitted_at = timezone.now()
    locked._history_user = actor
    locked.save()
    return locked


# ---- computation -----------------------------------------------------------------------


def rules_hash(round: EvaluationRound) -> str:
    """A fingerprint of the rule values and criteria a computation used: same hash, same rules."""
    rules = {key: rule_value(round, key) for key in sorted(DEFAULTS)}
    criteria = [
        [c.pk, str(c.weight), str(c.max_score)]
        for c in Criterion.objects.filter(criterion_set_id=round.criterion_set_id).order_by("pk")
    ]
    payload = json.dumps({"rules": rules, "criteria": criteria}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _stored(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(STORED)


def _text_of(value: Decimal | None) -> str | None:
    return None if value is None else str(_stored(value))


@transaction.atomic
def round_compute(*, actor: User, round: EvaluationRound) -> int:
    """Rewrite the round's unit scores whole from the submitted, non-void scores: raw per leaf,
    normalised beside it (rule `normalisation`), nodes rolled up (children without a score
    listed, never 0). Returns how many unit scores it wrote."""
    if not can_manage_round(actor):
        raise NotAllowed("점수 계산은 지방시대위원회 담당자만 할 수 있습니다.")
    round = EvaluationRound.objects.select_for_update(of=("self",)).get(pk=round.pk)
    if round.phase not in COMPUTING_PHASES:
        raise StateConflict(
            f"점수 계산은 추진실적 평가나 평가결과 점검 단계에서만 합니다 "
            f"(지금: {round.get_phase_display()})."
        )
    criteria = [
        computation.CriterionSpec(c.pk, c.weight, c.max_score)
        for c in Criterion.objects.filter(criterion_set_id=round.criterion_set_id)
    ]
    scores: dict[tuple[int, int], dict[int, Decimal]] = {}
    for assignment_id, leaf_id, criterion_id, value in (
        Score.objects.filter(
            assignment__round=round, assignment__state=AssignmentState.SUBMITTED, void=False
        )
        .order_by()
        .values_list("assignment_id", "leaf_id", "criterion_id", "value")
    ):
        scores.setdefault((leaf_id, assignment_id), {})[criterion_id] = value
    assignments = {
        a.pk: a for a in Assignment.objects.filter(round=round, state=AssignmentState.SUBMITTED)
    }
    per_leaf: dict[int, list[tuple[int, Decimal]]] = {}
    for (leaf_id, assignment_id), given in scores.items():
        value = computation.evaluator_leaf_score(given, criteria)
        if value is not None:
            per_leaf.setdefault(leaf_id, []).append((assignment_id, value))

    units = list(Unit.objects.filter(round=round).order_by("position"))
    raw: dict[int, Decimal] = {}
    panels: dict[int, int | None] = {}
    split: list[int] = []
    for leaf_id, given in per_leaf.items():
        raw[leaf_id] = computation.mean(v for _a, v in given)
        leaf_panels = {assignments[a].panel_id for a, _v in given}
        panels[leaf_id] = leaf_panels.pop() if len(leaf_panels) == 1 else None
        if len(leaf_panels) > 1:
            split.append(leaf_id)
    method = rule_value(round, RuleKey.NORMALISATION)
    if method == "panel_z":
        normalised = computation.panel_z(
            {leaf: (panels[leaf], value) for leaf, value in raw.items()},
            min_units=int(rule_value(round, RuleKey.NORMALISATION_MIN_UNITS)),
        )
    else:
        normalised = {
            leaf: computation.Normalised(None, "표준화 안 함 (규칙: 표준화하지 않음)")
            for leaf in raw
        }
    if method == "panel_z":
        for leaf_id in split:
            normalised[leaf_id] = computation.Normalised(None, "표준화 안 함 (여러 평가반이 채점)")

    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    used: dict[int, Decimal | None] = {}
    rows: list[UnitScore] = []
    now = timezone.now()
    fingerprint = rules_hash(round)

    def visit(unit: Unit) -> Decimal | None:
        for child in children.get(unit.pk, []):
            visit(child)
        if unit.kind == UnitKind.LEAF:
            leaf_raw = raw.get(unit.pk)
            norm = normalised.get(unit.pk, computation.Normalised(None))
            used[unit.pk] = norm.value if norm.value is not None else leaf_raw
            rows.append(
                UnitScore(
                    unit=unit,
                    raw=_stored(leaf_raw),
                    normalised=_stored(norm.value),
                    normalisation_note=norm.note if leaf_raw is not None else "점수 없음",
                    evaluator_count=len(per_leaf.get(unit.pk, [])),
                    inputs={
                        "kind": "leaf",
                        "panel_id": panels.get(unit.pk),
                        "evaluators": [
                            {
                                "assignment_id": a,
                                "evaluator_id": assignments[a].evaluator_id,
                                "score": _text_of(v),
                            }
                            for a, v in per_leaf.get(unit.pk, [])
                        ],
                        "criteria": [
                            {"id": c.id, "weight": str(c.weight), "max_score": str(c.max_score)}
                            for c in criteria
                        ],
                        "normalisation": method,
                    },
                    rules_hash=fingerprint,
                    computed_at=now,
                )
            )
            return used[unit.pk]
        kids = children.get(unit.pk, [])
        result = computation.rolled_up(
            [computation.Child(k.pk, k.weight, used.get(k.pk)) for k in kids]
        )
        used[unit.pk] = result.value
        rows.append(
            UnitScore(
                unit=unit,
                rolled=_stored(result.value),
                evaluator_count=len(
                    {
                        assignments[a].evaluator_id
                        for leaf in unit_leaves(unit)
                        for a, _v in per_leaf.get(leaf.pk, [])
                    }
                ),
                inputs={
                    "kind": "node",
                    "children": [
                        {
                            "unit_id": k.pk,
                            "weight": None if k.weight is None else str(k.weight),
                            "score": _text_of(used.get(k.pk)),
                        }
                        for k in kids
                    ],
                    "missing": list(result.missing),
                    "rollup": rule_value(round, RuleKey.ROLLUP_METHOD),
                },
                rules_hash=fingerprint,
                computed_at=now,
            )
        )
        return result.value

    for top in children.get(None, []):
        visit(top)
    UnitScore.objects.filter(unit__round=round).delete()
    UnitScore.objects.bulk_create(rows)
    return len(rows)
