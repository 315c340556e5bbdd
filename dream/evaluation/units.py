"""What a round judges: its unit tree, built from the year's published plans (ADR 0008 "Unit").

The 2024 plan fixes two shapes: for 지방분권 (sectoral strategy Ⅰ) the results of 실천과제·세부과제
judge their 핵심과제 (l.159–161); for 초광역권 project-level results judge each 전략 (l.163–165;
DREAM stores the printed 사업 as 중점 추진 계획 rows). For provinces and the other sectoral
strategies the plan is silent, and the round's rule decides (DREAM's default: 핵심과제 graded).
Every plan gets a root node and every strategy a node above its core tasks, so a body's
results roll up without counting anything twice.

In a year made in DREAM the ministries' resolved parts are judged, never the sectoral plan
DREAM compiles from them; for an imported year the one sectoral plan, each task belonging to
its lead ministry.
"""

from collections import defaultdict
from itertools import count

from django.db.models import QuerySet

from dream.accounts.models import Organization, User
from dream.cycle.sectoral import COMPILED_SECTORAL
from dream.plans.choices import PlanLevel, StrategyKind
from dream.plans.models import Plan, Strategy, Task, TaskMinistry
from dream.results.permissions import responsible_body

from .choices import UnitKind
from .models import EvaluationRound, Unit
from .rules import DEFAULTS, RuleKey

DECENTRALISATION_CODE = "Ⅰ"
# Shapes: which level is graded.
CORE_GRADED = "practical_to_core"
STRATEGY_GRADED = "item_to_strategy"


def evaluated_plans(year: int) -> QuerySet[Plan]:
    """The plans a round of `year` judges: every published province, super-region and sectoral
    plan of the year, except the sectoral plan DREAM compiles from the ministries' parts."""
    return (
        Plan.objects.filter(year=year, is_draft=False)
        .exclude(level=PlanLevel.NATIONAL)
        .exclude(COMPILED_SECTORAL)
        .select_related("owner")
        .order_by("level", "owner__kind", "owner__position", "pk")
    )


def shape_key(plan: Plan, strategy: Strategy | None) -> str:
    """The rule that shapes the units of `strategy` in `plan`."""
    if plan.level == PlanLevel.SUPER_REGION:
        return RuleKey.UNIT_SHAPE_SUPER_REGION
    if plan.level == PlanLevel.PROVINCE:
        return RuleKey.UNIT_SHAPE_PROVINCE
    if strategy is not None and strategy.code == DECENTRALISATION_CODE:
        return RuleKey.UNIT_SHAPE_DECENTRALISATION
    return RuleKey.UNIT_SHAPE_SECTORAL


class _Builder:
    def __init__(self, round: EvaluationRound, actor: User, shapes: dict[str, object]):
        self.round = round
        self.actor = actor
        self.shapes = shapes
        self.positions = count(1)
        self.made = 0

    def unit(self, *, parent, kind, plan, organization, graded=False, related=(), **anchor):
        unit = Unit(
            round=self.round,
            parent=parent,
            kind=kind,
            graded=graded,
            position=next(self.positions),
            plan=plan,
            organization=organization,
            **anchor,
        )
        unit._history_user = self.actor
        unit.save()
        related = {org.pk: org for org in related if org.pk != organization.pk}
        if related:
            unit.related_organizations.set(related.values())
        self.made += 1
        return unit

    def plan(self, plan: Plan) -> None:
        tasks = list(plan.tasks.select_related("strategy").order_by("source_line", "position"))
        if not tasks:
            return
        children = defaultdict(list)
        for task in tasks:
            children[task.parent_id].append(task)
        ministries = defaultdict(list)
        for link in TaskMinistry.objects.filter(task__plan=plan).select_related("ministry"):
            ministries[link.task_id].append((link.position, link.ministry))

        def body(task: Task) -> Organization:
            return responsible_body(plan, task) if plan.level == PlanLevel.SECTORAL else plan.owner

        def named(task: Task) -> list[Organization]:
            return [ministry for _position, ministry in sorted(ministries[task.pk])]

        root = self.unit(parent=None, kind=UnitKind.NODE, plan=plan, organization=plan.owner)
        by_strategy = defaultdict(list)
        for core in children[None]:
            by_strategy[core.strategy].append(core)
        strategies = sorted(
            by_strategy,
            key=lambda s: (
                (1, False, 0) if s is None else (0, s.kind != StrategyKind.PILLAR, s.position)
            ),
        )
        for strategy in strategies:
            rule = shape_key(plan, strategy)
            shape = self.shapes.get(rule, DEFAULTS[rule].value)
            parent = root
            if strategy is not None:
                parent = self.unit(
                    parent=root,
                    kind=UnitKind.NODE,
                    graded=shape == STRATEGY_GRADED,
                    plan=plan,
                    organization=plan.owner,
                    strategy=strategy,
                    shape_rule=rule,
                )
            for core in by_strategy[strategy]:
                parts = children[core.pk]
                owner = body(core)
                core_unit = self.unit(
                    parent=parent,
                    kind=UnitKind.NODE if parts else UnitKind.LEAF,
                    graded=shape == CORE_GRADED or strategy is None,
                    plan=plan,
                    organization=owner,
                    related=named(core) + [m for part in parts for m in named(part)],
                    task=core,
                    shape_rule=rule,
                )
                for part in parts:
                    self.unit(
                        parent=core_unit,
                        kind=UnitKind.LEAF,
                        plan=plan,
                        organization=body(part),
                        related=named(part),
                        task=part,
                        shape_rule=rule,
                    )


def units_build(*, round: EvaluationRound, actor: User, shapes: dict[str, object]) -> int:
    """Make the round's units (the round holds none); returns how many. Called by
    `services.units_generate`, which checks who asks and when."""
    builder = _Builder(round, actor, shapes)
    for plan in evaluated_plans(round.year):
        builder.plan(plan)
    return builder.made


def unit_tree(round: EvaluationRound) -> list[tuple[Unit, int]]:
    """The round's units in tree order, each with its depth (0 for a plan)."""
    units = list(
        Unit.objects.filter(round=round)
        .select_related("plan", "strategy", "task", "organization", "plan__owner")
        .order_by("position")
    )
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for unit in children[parent_id]:
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered
