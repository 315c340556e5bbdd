"""What the evaluation pages and the API read: a round by its year, its board and its units,
as plain dicts so both say the same."""

from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404

from .choices import RoundPhase, ScheduleBasis
from .models import CriterionSet, EvaluationRound, GradeBandSet, Unit
from .rules import rules_for_year
from .units import unit_tree

EQUAL_WEIGHT = "같은 가중치(계획이 정하지 않음)"


def plain(number: Decimal) -> str:
    """A stored decimal without its trailing zeros, never in exponent form ("80", "0.5")."""
    return f"{number.normalize():f}"


def round_of_year(year: int) -> EvaluationRound:
    round = (
        EvaluationRound.objects.select_related("criterion_set", "band_set")
        .filter(year=year)
        .first()
    )
    if round is None:
        raise Http404(f"{year}년 평가 회차가 없습니다.")
    return round


def round_schedule(round: EvaluationRound) -> list[dict]:
    """The four phases with their planned dates (the last has no end), the current marked."""
    rows = [
        (RoundPhase.PLANNING, round.planning_from, round.planning_to),
        (RoundPhase.EVALUATING, round.evaluating_from, round.evaluating_to),
        (RoundPhase.CHECKING, round.checking_from, round.checking_to),
        (RoundPhase.FEEDBACK, round.feedback_from, None),
    ]
    return [
        {
            "phase": phase.value,
            "phase_label": phase.label,
            "starts": starts,
            "ends": ends,
            "current": round.phase == phase,
        }
        for phase, starts, ends in rows
    ]


def round_dict(round: EvaluationRound) -> dict:
    counts = Unit.objects.filter(round=round).aggregate(
        units=Count("pk"), graded=Count("pk", filter=Q(graded=True))
    )
    return {
        "year": round.year,
        "phase": round.phase,
        "phase_label": round.get_phase_display(),
        "schedule": round_schedule(round),
        "schedule_basis": round.schedule_basis,
        "schedule_basis_label": ScheduleBasis(round.schedule_basis).label,
        "schedule_source_line": round.schedule_source_line,
        "frozen_at": round.frozen_at,
        "closed_at": round.closed_at,
        "criterion_set_id": round.criterion_set_id,
        "band_set_id": round.band_set_id,
        "unit_count": counts["units"],
        "graded_unit_count": counts["graded"],
    }


def rounds_list() -> list[dict]:
    return [round_dict(round) for round in EvaluationRound.objects.order_by("-year")]


def rule_dicts(year: int) -> list[dict]:
    return [
        {
            "key": rule.key,
            "label": rule.label,
            "value": rule.value,
            "shown": rule.shown,
            "basis": rule.basis,
            "basis_label": rule.basis_label,
            "source_line": rule.source_line,
            "chosen_by": rule.chosen_by,
            "chosen_at": rule.chosen_at,
            "is_default": rule.is_default,
        }
        for rule in rules_for_year(year)
    ]


def unit_name(unit: Unit) -> str:
    if unit.task_id:
        return f"{unit.task.get_kind_display()} {unit.task}".strip()
    if unit.strategy_id:
        return f"전략 {unit.strategy}"
    return f"{unit.plan.owner} {unit.plan.title}"


def unit_dicts(round: EvaluationRound) -> list[dict]:
    tree = unit_tree(round)
    related = {}
    through = Unit.related_organizations.through.objects.filter(unit__round=round)
    for unit_id, name in through.values_list("unit_id", "organization__short_name"):
        related.setdefault(unit_id, []).append(name)
    return [
        {
            "id": unit.pk,
            "parent_id": unit.parent_id,
            "depth": depth,
            "kind": unit.kind,
            "kind_label": unit.get_kind_display(),
            "graded": unit.graded,
            "name": unit_name(unit),
            "plan_id": unit.plan_id,
            "strategy_id": unit.strategy_id,
            "task_id": unit.task_id,
            "organization": unit.organization.short_name,
            "related_organizations": sorted(related.get(unit.pk, [])),
            "shape_rule": unit.shape_rule,
            "weight": None if unit.weight is None else plain(unit.weight),
            "weight_reason": unit.weight_reason,
            "source_line": unit.task.source_line if unit.task_id else None,
        }
        for unit, depth in tree
    ]


def criterion_set_dicts() -> list[dict]:
    return [
        {
            "id": criterion_set.pk,
            "name": criterion_set.name,
            "is_example": criterion_set.is_example,
            "note": criterion_set.note,
            "source_line": criterion_set.source_line,
            "criteria": [
                {
                    "position": criterion.position,
                    "name": criterion.name,
                    "description": criterion.description,
                    "weight": plain(criterion.weight),
                    "max_score": plain(criterion.max_score),
                    "source_line": criterion.source_line,
                }
                for criterion in criterion_set.criteria.all()
            ],
        }
        for criterion_set in CriterionSet.objects.prefetch_related("criteria")
    ]


def band_set_dicts() -> list[dict]:
    return [
        {
            "id": band_set.pk,
            "name": band_set.name,
            "is_example": band_set.is_example,
            "note": band_set.note,
            "bands": [
                {
                    "position": band.position,
                    "label": band.label,
                    "min_score": plain(band.min_score),
                }
                for band in band_set.bands.all()
            ],
        }
        for band_set in GradeBandSet.objects.prefetch_related("bands")
    ]
