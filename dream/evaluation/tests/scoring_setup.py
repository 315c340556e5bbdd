"""A small round for the integrity and scoring tests: 부산's 2024 plan with one graded core
task (two detailed-task leaves), 서울's with one graded leaf, the example criteria, and
evaluators made from fresh users."""

from dataclasses import dataclass

from django.utils import timezone

from dream.accounts.models import Membership, User
from dream.evaluation.choices import RoundPhase, UnitKind
from dream.evaluation.integrity import conflict_declare, evaluator_register
from dream.evaluation.models import EvaluationRound, Evaluator, Unit
from dream.evaluation.services import example_sets_ensure, schedule_for
from dream.plans.choices import PlanLevel, TaskKind
from dream.plans.models import Plan, Task

GOOD_REASON = "추진실적 자료와 성과지표 달성도를 확인하여 판단함"


@dataclass
class Small:
    round: EvaluationRound
    busan_core: Unit
    busan_leaves: list
    seoul_core: Unit
    criteria: list


def small_round(orgs, staff, *, phase=RoundPhase.EVALUATING) -> Small:
    criterion_set, band_set = example_sets_ensure()
    dates, basis = schedule_for(2024)
    round = EvaluationRound.objects.create(
        year=2024, phase=phase, schedule_basis=basis, criterion_set=criterion_set,
        band_set=band_set, opened_by=staff, opened_at=timezone.now(), **dates,
    )  # fmt: skip

    def plan_units(owner, parts):
        plan = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=owner)
        core_task = Task.objects.create(plan=plan, kind=TaskKind.CORE, position=1, name="핵심")
        root = Unit.objects.create(
            round=round, kind=UnitKind.NODE, plan=plan, organization=owner, position=0
        )
        core = Unit.objects.create(
            round=round, parent=root, graded=True, plan=plan, organization=owner, task=core_task,
            kind=UnitKind.NODE if parts else UnitKind.LEAF, position=1,
        )  # fmt: skip
        leaves = []
        for position in range(1, parts + 1):
            task = Task.objects.create(
                plan=plan, parent=core_task, kind=TaskKind.DETAILED, position=position,
                name="세부과제 " + "가나다"[position - 1],
            )  # fmt: skip
            leaves.append(
                Unit.objects.create(
                    round=round,
                    parent=core,
                    kind=UnitKind.LEAF,
                    plan=plan,
                    organization=owner,
                    task=task,
                    position=1 + position,
                )  # fmt: skip
            )
        return core, leaves

    busan_core, busan_leaves = plan_units(orgs["부산"], 2)
    seoul_core, _ = plan_units(orgs["서울"], 0)
    return Small(
        round, busan_core, busan_leaves, seoul_core, list(criterion_set.criteria.order_by("pk"))
    )


def expert(staff, name: str, *, member_of=None) -> Evaluator:
    user = User.objects.create_user(username=name, email=f"{name}@example.kr")
    if member_of is not None:
        Membership.objects.create(user=user, organization=member_of)
    return evaluator_register(actor=staff, user=user, field="지역개발")


def declared(staff, round, name: str, **kwargs) -> Evaluator:
    evaluator = expert(staff, name, **kwargs)
    conflict_declare(actor=evaluator.user, round=round, ties=[], none_to_declare=True)
    return evaluator
