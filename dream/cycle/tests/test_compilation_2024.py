"""Duplicate candidates and national totals on the published 2024 plans (cycle 2024, the
resolved outcome of the document): real pairs, found by the rule, not by a list."""

from decimal import Decimal

import pytest

from dream.cycle.compilation import (
    REGIONAL_KINDS,
    SECTORAL_KINDS,
    duplicates_find,
    name_key,
    national_totals,
    similarity_threshold,
)
from dream.cycle.models import Cycle, DuplicateCandidate
from dream.plans.choices import BudgetSource, PlanLevel, TaskKind
from dream.plans.models import Budget, Task

pytestmark = pytest.mark.usefixtures("plan_2024")


def test_2024_candidates_pair_regional_and_ministry_tasks_of_the_same_name(db, staff):
    """Every regional task printed with the very name of a ministry's task (spacing aside)
    is found, candidates only pair regional with ministry tasks (never the core tasks every
    plan repeats), and the 2024 plan's own example is among them: 전남's 해양수산 task and
    해수부's."""
    cycle = Cycle.objects.get(year=2024)
    regional = Task.objects.filter(
        plan__year=2024, plan__level__in=[PlanLevel.PROVINCE, PlanLevel.SUPER_REGION],
        kind__in=REGIONAL_KINDS,
    )  # fmt: skip
    sectoral = Task.objects.filter(
        plan__year=2024, plan__level=PlanLevel.SECTORAL, kind__in=SECTORAL_KINDS
    )
    by_key = {}
    for task in sectoral:
        by_key.setdefault(name_key(task.name), []).append(task.pk)
    same_name = {(r.pk, s) for r in regional for s in by_key.get(name_key(r.name), [])}
    assert same_name  # the data has such pairs

    result = duplicates_find(actor=staff, cycle=cycle)

    candidates = list(DuplicateCandidate.objects.filter(cycle=cycle).select_related(
        "regional_task__plan", "sectoral_task__plan"
    ))  # fmt: skip
    pairs = {(c.regional_task_id, c.sectoral_task_id) for c in candidates}
    assert result.added == len(candidates) and same_name <= pairs
    assert all(c.similarity >= similarity_threshold() for c in candidates)
    assert {c.regional_task.plan.level for c in candidates} <= {"province", "super_region"}
    assert {c.sectoral_task.plan.level for c in candidates} == {"sectoral"}
    assert not any(
        TaskKind.CORE in (c.regional_task.kind, c.sectoral_task.kind) for c in candidates
    )
    marine = [
        c for c in candidates
        if c.regional_task.plan.owner.short_name == "전남"
        and "해양수산" in c.regional_task.name
        and c.sectoral_task.ministry_links.filter(ministry__short_name="해수부").exists()
    ]  # fmt: skip
    assert marine
    assert duplicates_find(actor=staff, cycle=cycle).added == 0


def test_2024_totals_by_source_add_up_the_plans_printed_totals(db):
    cycle = Cycle.objects.get(year=2024)
    totals = national_totals(cycle)
    rows = {row.key: row for row in totals.by_source}
    expected = Decimal(0)
    for budget in Budget.objects.filter(
        plan__year=2024, plan__level__in=[PlanLevel.PROVINCE, PlanLevel.SUPER_REGION, PlanLevel.SECTORAL],
        plan__is_draft=False, year=2024, source=BudgetSource.TOTAL,
    ).select_related("plan"):  # fmt: skip
        if (
            budget.strategy_id is None
            or not budget.plan.budgets.filter(
                year=2024, source=BudgetSource.TOTAL, strategy__isnull=True
            ).exists()
        ):
            expected += budget.amount_eok
    assert rows[BudgetSource.TOTAL].amount_eok == expected > 0
    assert [row.key for row in totals.by_strategy]  # the sectoral plan's pillars
