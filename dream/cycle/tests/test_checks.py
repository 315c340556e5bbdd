"""Live checks of a draft: each rule with a draft that breaks it and one that keeps it.

The fixture's draft (conftest.draft_plan) is consistent: strategy Ⅰ with 국비 93.5억원 and
지방비 135.27억원, an indicator 1,650.5천명 → 1,660천명. Each test changes one thing.
"""

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from dream.cycle.checks import draft_findings
from dream.cycle.choices import ItemKind
from dream.indicators.choices import IndicatorDirection
from dream.ingest.choices import FINDING_CODE_LABELS
from dream.ingest.tests.test_finding_units import COUNTERS, numbers_without_unit
from dream.plans.choices import BudgetSource, StrategyKind, TaskKind
from dream.plans.models import Budget, Strategy, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(busan_submission):
    return busan_submission.plan


def _strategy(plan):
    return plan.strategies.get(position=1)


def _cell(plan, source, amount, strategy=None):
    return Budget.objects.create(
        plan=plan, strategy=strategy, year=plan.year, source=source, amount_eok=Decimal(amount)
    )


def _codes(plan):
    return [finding.code for finding in draft_findings(plan)]


def test_the_fixture_draft_has_no_findings(plan):
    assert draft_findings(plan) == []


def test_a_strategy_total_must_be_national_plus_local_plus_private(plan):
    total = _cell(plan, BudgetSource.TOTAL, "230", _strategy(plan))

    [finding] = draft_findings(plan)

    assert (finding.code, finding.severity) == ("budget.sum_mismatch", "error")
    assert (finding.item_kind, finding.item_id) == (ItemKind.BUDGET, total.pk)
    assert "230억원" in finding.message and "228.77억원" in finding.message
    assert "-1.23억원" in finding.message

    total.amount_eok = Decimal("228.77")
    total.save()
    assert draft_findings(plan) == []


def test_a_total_off_by_one_eok_is_a_warning_as_for_printed_plans(plan):
    _cell(plan, BudgetSource.TOTAL, "229.77", _strategy(plan))

    [finding] = draft_findings(plan)

    assert (finding.code, finding.severity) == ("budget.sum_mismatch", "warning")


def test_the_plans_cell_of_a_source_must_be_the_strategies_sum(plan):
    second = Strategy.objects.create(plan=plan, kind=StrategyKind.PILLAR, position=2, name="균형")
    _cell(plan, BudgetSource.NATIONAL, "6.5", second)
    whole = _cell(plan, BudgetSource.NATIONAL, "120")

    [finding] = draft_findings(plan)

    assert finding.code == "budget.sum_mismatch"
    assert (finding.item_kind, finding.item_id) == (ItemKind.BUDGET, whole.pk)
    assert "전략별 국비의 합 100억원" in finding.message

    whole.amount_eok = Decimal(100)
    whole.save()
    assert draft_findings(plan) == []


def test_the_national_split_must_add_up_to_national(plan):
    strategy = _strategy(plan)
    _cell(plan, BudgetSource.NATIONAL_GENERAL, "50", strategy)
    balanced = _cell(plan, BudgetSource.NATIONAL_BALANCED, "40", strategy)
    national = Budget.objects.get(plan=plan, strategy=strategy, source=BudgetSource.NATIONAL)

    [finding] = draft_findings(plan)

    assert finding.code == "budget.national_split_mismatch"
    assert (finding.item_kind, finding.item_id) == (ItemKind.BUDGET, national.pk)
    assert "회계별 국비의 합 90억원" in finding.message and "-3.5억원" in finding.message

    balanced.amount_eok = Decimal("43.5")
    balanced.save()
    assert draft_findings(plan) == []


def test_a_strategy_without_money_is_named(plan):
    second = Strategy.objects.create(
        plan=plan, kind=StrategyKind.PILLAR, position=2, code="Ⅱ", name="균형발전"
    )

    [finding] = draft_findings(plan)

    assert finding.code == "budget.strategy_missing"
    assert (finding.item_kind, finding.item_id) == (ItemKind.STRATEGY, second.pk)
    assert "'Ⅱ 균형발전'" in finding.message

    _cell(plan, BudgetSource.LOCAL, "0", second)
    assert draft_findings(plan) == []


def test_a_tasks_project_count_must_match_its_project_lines(plan):
    strategy = _strategy(plan)
    practical = Task.objects.create(
        plan=plan, strategy=strategy, kind=TaskKind.PRACTICAL, position=1, code="(1)",
        name="디지털 기반", project_count=3,
    )  # fmt: skip
    for position in (1, 2):
        Task.objects.create(
            plan=plan, parent=practical, strategy=strategy, kind=TaskKind.PROJECT,
            position=position, name=f"사업 {position}",
        )  # fmt: skip

    [finding] = draft_findings(plan)

    assert finding.code == "task.project_count_mismatch"
    assert (finding.item_kind, finding.item_id) == (ItemKind.TASK, practical.pk)
    assert "3개" in finding.message and "2개" in finding.message

    practical.project_count = 2
    practical.save()
    assert draft_findings(plan) == []


def test_a_strategys_national_money_must_be_its_practical_tasks_sum(plan):
    strategy = _strategy(plan)
    for position, amount in ((1, "90"), (2, "3")):
        Task.objects.create(
            plan=plan, strategy=strategy, kind=TaskKind.PRACTICAL, position=position,
            name=f"실천과제 {position}", national_budget_eok=Decimal(amount),
        )  # fmt: skip

    [finding] = draft_findings(plan)

    assert finding.code == "sectoral.strategy.budget_mismatch"
    assert "93억원" in finding.message and "93.5억원" in finding.message

    Task.objects.filter(plan=plan, position=2, kind=TaskKind.PRACTICAL).update(
        national_budget_eok=Decimal("3.5")
    )
    assert draft_findings(plan) == []


def test_a_printed_change_must_be_target_minus_baseline(plan):
    indicator = plan.indicators.get()
    indicator.change_text = "10"
    indicator.save()

    [finding] = draft_findings(plan)

    assert (finding.code, finding.item_id) == ("indicator.change_mismatch", indicator.pk)
    assert "9.5천명" in finding.message

    indicator.change_text = "9.5"
    indicator.save()
    assert draft_findings(plan) == []


def test_an_indicator_needs_a_target(plan):
    indicator = plan.indicators.get()
    indicator.target_value = None
    indicator.save()

    assert _codes(plan) == ["indicator.target_missing"]

    indicator.target_text = "기본계획 고시"
    indicator.save()
    assert draft_findings(plan) == []


@pytest.mark.parametrize(
    ("direction", "target", "worse"),
    [
        (IndicatorDirection.HIGHER, "1600", True),
        (IndicatorDirection.HIGHER, "1660", False),
        (IndicatorDirection.LOWER, "1660", True),
        (IndicatorDirection.LOWER, "1600", False),
        ("", "1600", False),
    ],
)
def test_a_target_worse_than_the_baseline_for_its_direction(plan, direction, target, worse):
    indicator = plan.indicators.get()
    indicator.direction = direction
    indicator.target_value = Decimal(target)
    indicator.save()

    assert _codes(plan) == (["indicator.target_worse"] if worse else [])


def test_every_message_has_units_and_every_code_a_label(plan):
    strategy = _strategy(plan)
    _cell(plan, BudgetSource.TOTAL, "300", strategy)
    _cell(plan, BudgetSource.NATIONAL_OTHER, "1", strategy)
    _cell(plan, BudgetSource.LOCAL, "1")
    Strategy.objects.create(plan=plan, kind=StrategyKind.PILLAR, position=2, name="균형")
    indicator = plan.indicators.get()
    indicator.change_text, indicator.direction = "1", IndicatorDirection.LOWER
    indicator.save()

    findings = draft_findings(plan)

    assert len(findings) == 6
    known = [*COUNTERS, "천명"]
    assert [f.message for f in findings if numbers_without_unit(f.message, known)] == []
    assert all(re.search(r"[가-힣]", f.message) for f in findings)


def test_every_code_the_checks_can_emit_has_a_korean_label():
    source = Path(__file__).resolve().parents[1] / "checks.py"
    codes = {
        node.value
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"[a-z]+(?:\.[a-z_]+)+", node.value)
    }

    assert len(codes) >= 8
    assert sorted(codes - FINDING_CODE_LABELS.keys()) == []
