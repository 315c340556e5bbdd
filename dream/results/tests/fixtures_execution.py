"""Fixtures for the execution, self-assessment and workflow tests (import them by name):

- `busan_plan`: 부산's published 2024 province plan: pillar strategy Ⅰ with a core task and a
  detailed task, 국비 93.5억원 and 지방비 135.27억원 for the strategy, 국비 200억원 as the
  plan's total.
- `sectoral_plan`: the cycle's published 2024 sectoral plan (`sectoral_2024`); its practical
  task, led by 행안부, prints 국비 12.5억원.
- `enter`: a function entering 부산's 국비 execution of strategy Ⅰ as `actor`.
"""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from dream.cycle.tests.conftest import orgs, personas, sectoral_2024, staff  # noqa: F401
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import Budget, Plan, Strategy, Task
from dream.results.execution import fiscal_execution_record


@pytest.fixture
def busan_plan(orgs):  # noqa: F811
    plan = Plan.objects.create(year=2024, level=PlanLevel.PROVINCE, owner=orgs["부산"])
    strategy = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=1, code="Ⅰ", name="지방분권"
    )
    core = Task.objects.create(
        plan=plan, strategy=strategy, kind=TaskKind.CORE, position=1, code="Ⅰ-1",
        name="자치분권 강화",
    )  # fmt: skip
    Task.objects.create(
        plan=plan, parent=core, strategy=strategy, kind=TaskKind.DETAILED, position=1,
        code="①", name="자치역량 강화",
    )  # fmt: skip
    for cell_strategy, source, amount in [
        (strategy, BudgetSource.NATIONAL, "93.5"),
        (strategy, BudgetSource.LOCAL, "135.27"),
        (None, BudgetSource.NATIONAL, "200"),
    ]:
        Budget.objects.create(
            plan=plan, strategy=cell_strategy, year=2024, source=source,
            amount_eok=Decimal(amount),
        )  # fmt: skip
    return plan


@pytest.fixture
def sectoral_plan(sectoral_2024):  # noqa: F811
    task = sectoral_2024.tasks.get(kind=TaskKind.PRACTICAL)
    task.national_budget_eok = Decimal("12.5")
    task.save()
    return sectoral_2024


@pytest.fixture
def enter(busan_plan):
    def enter(actor, spent="93.5", reason=""):
        return fiscal_execution_record(
            actor=actor, plan=busan_plan, year=2024, source=BudgetSource.NATIONAL,
            spent_text=spent, document="2024회계연도 세출결산서", observed_on=date(2025, 2, 28),
            strategy=busan_plan.strategies.get(), reason=reason,
        )  # fmt: skip

    return enter


@pytest.fixture
def execution_token(db):
    """`execution_token(user)` → the header of a fresh API token of `user`."""

    def make(user) -> dict:
        out = StringIO()
        call_command("token_create", user.username, name="시험", stdout=out, stderr=StringIO())
        return {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}

    return make
