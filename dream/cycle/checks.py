"""Live checks of a draft with the rules the reader applies to printed plans (sums, counts,
indicator arithmetic), each finding pointing at the item it is about so that the editor
shows it beside that item (issue 9, Drafting)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dream.core.korean import particle
from dream.indicators.choices import IndicatorDirection
from dream.indicators.models import Indicator
from dream.ingest.numbers import (
    amount_text,
    change_difference,
    indicator_units,
    mismatch_severity,
    sum_difference,
    with_unit,
)
from dream.plans.choices import NATIONAL_SPLIT, BudgetSource, StrategyKind, TaskKind
from dream.plans.models import EOK_UNIT, Budget, Plan, Strategy, Task

from .choices import ItemKind

# 합계 = 국비 + 지방비 + 민자; the 국비 split parts are inside 국비, not beside it.
TOTAL_PARTS = (BudgetSource.NATIONAL, BudgetSource.LOCAL, BudgetSource.PRIVATE)


@dataclass(frozen=True)
class DraftFinding:
    code: str  # the reader's finding code where the rule is the reader's (FINDING_CODE_LABELS)
    severity: str  # "error" | "warning" | "info", as the reader's findings
    message: str  # Korean, every number with its unit
    item_kind: ItemKind
    item_id: int


def draft_findings(plan: Plan) -> list[DraftFinding]:
    """Every finding of the draft, in the order of its items: the plan's and each
    strategy's money, then the tasks, then the indicators.

    A finding about a budget cell points at that cell (item_kind budget, the Budget's id);
    a strategy without money points at the strategy."""
    return _findings(
        plan,
        list(plan.budgets.filter(year=plan.year)),
        list(plan.strategies.filter(kind=StrategyKind.PILLAR).order_by("position")),
        list(plan.tasks.order_by("pk")),
        list(plan.indicators.order_by("position", "pk")),
    )


def draft_finding_counts(plans: list[Plan]) -> dict[int, int]:
    """The number of findings of each draft, by plan id, reading the items of all of them in
    four queries (the compliance board lists 41 drafts; one pass per draft took 40 %)."""
    ids = [plan.pk for plan in plans]
    budgets, strategies, tasks, indicators = (defaultdict(list) for _ in range(4))
    for budget in Budget.objects.filter(plan_id__in=ids).order_by("pk"):
        budgets[budget.plan_id].append(budget)
    pillars = Strategy.objects.filter(plan_id__in=ids, kind=StrategyKind.PILLAR)
    for strategy in pillars.order_by("position", "pk"):
        strategies[strategy.plan_id].append(strategy)
    for task in Task.objects.filter(plan_id__in=ids).order_by("pk"):
        tasks[task.plan_id].append(task)
    for indicator in Indicator.objects.filter(plan_id__in=ids).order_by("position", "pk"):
        indicators[indicator.plan_id].append(indicator)
    return {
        plan.pk: len(
            _findings(
                plan,
                [b for b in budgets[plan.pk] if b.year == plan.year],
                strategies[plan.pk],
                tasks[plan.pk],
                indicators[plan.pk],
            )
        )
        for plan in plans
    }


def _findings(plan, budgets, strategies, tasks, indicators) -> list[DraftFinding]:
    return [
        *_budget_findings(plan, strategies, budgets),
        *_task_findings(tasks),
        *_sectoral_budget_findings(strategies, tasks, budgets),
        *(finding for indicator in indicators for finding in _indicator_findings(indicator)),
    ]


def _cells(budgets: list[Budget]) -> dict[int | None, dict[str, Budget]]:
    """strategy id (None: the whole plan) → source → its cell."""
    cells: dict[int | None, dict[str, Budget]] = defaultdict(dict)
    for budget in budgets:
        cells[budget.strategy_id][budget.source] = budget
    return cells


def _budget_findings(
    plan: Plan, strategies: list[Strategy], budgets: list[Budget]
) -> list[DraftFinding]:
    cells = _cells(budgets)
    findings = _row_findings("시행계획 전체", cells.get(None, {}))
    for strategy in strategies:
        own = cells.get(strategy.pk, {})
        if not own:
            findings.append(
                DraftFinding(
                    "budget.strategy_missing",
                    "warning",
                    f"전략 {_named(strategy)}의 재정투입 금액이 없습니다.",
                    ItemKind.STRATEGY,
                    strategy.pk,
                )
            )
        findings.extend(_row_findings(f"전략 {_named(strategy)}", own))
    findings.extend(_column_findings(strategies, cells))
    return findings


def _row_findings(where: str, row: dict[str, Budget]) -> list[DraftFinding]:
    """One row of the fiscal table (the plan or a strategy): 합계 against 국비 + 지방비 + 민자,
    and 국비 against its split parts where they are given."""
    findings = []
    total = row.get(BudgetSource.TOTAL)
    parts = [row[source] for source in TOTAL_PARTS if source in row]
    amounts = [cell.amount_eok for cell in parts]
    difference = total and parts and sum_difference(amounts, total.amount_eok)
    if difference:
        findings.append(
            DraftFinding(
                "budget.sum_mismatch",
                mismatch_severity(difference),
                f"{where}의 합계 {_eok(total.amount_eok)}{particle(EOK_UNIT, '이')} "
                f"{'+'.join(cell.get_source_display() for cell in parts)}의 합 "
                f"{_eok(sum(amounts))}과 {amount_text(difference, signed=True)}{EOK_UNIT} "
                f"다릅니다{_terms(amounts)}.",
                ItemKind.BUDGET,
                total.pk,
            )
        )
    national = row.get(BudgetSource.NATIONAL)
    split = [row[source] for source in NATIONAL_SPLIT if source in row]
    amounts = [cell.amount_eok for cell in split]
    difference = national and split and sum_difference(amounts, national.amount_eok)
    if difference:
        findings.append(
            DraftFinding(
                "budget.national_split_mismatch",
                mismatch_severity(difference),
                f"{where}의 국비 {_eok(national.amount_eok)}{particle(EOK_UNIT, '이')} "
                f"회계별 국비의 합 {_eok(sum(amounts))}과 "
                f"{amount_text(difference, signed=True)}{EOK_UNIT} 다릅니다"
                f"{_terms(amounts)}.",
                ItemKind.BUDGET,
                national.pk,
            )
        )
    return findings


def _column_findings(
    strategies: list[Strategy], cells: dict[int | None, dict[str, Budget]]
) -> list[DraftFinding]:
    """Each source of the whole plan against the sum of the strategies' cells of it."""
    findings = []
    for source, total in cells.get(None, {}).items():
        amounts = [cells[s.pk][source].amount_eok for s in strategies if source in cells[s.pk]]
        difference = amounts and sum_difference(amounts, total.amount_eok)
        if difference:
            findings.append(
                DraftFinding(
                    "budget.sum_mismatch",
                    mismatch_severity(difference),
                    f"시행계획 전체 {total.get_source_display()} {_eok(total.amount_eok)}"
                    f"{particle(EOK_UNIT, '이')} 전략별 {total.get_source_display()}의 합 "
                    f"{_eok(sum(amounts))}과 {amount_text(difference, signed=True)}{EOK_UNIT} "
                    f"다릅니다{_terms(amounts)}.",
                    ItemKind.BUDGET,
                    total.pk,
                )
            )
    return findings


def _task_findings(tasks: list[Task]) -> list[DraftFinding]:
    """A task's stated number of projects (사업 수) against its project lines, where it has
    lines: the sectoral table's count checked against what the draft lists."""
    lines: dict[int, int] = defaultdict(int)
    for task in tasks:
        if task.kind == TaskKind.PROJECT and task.parent_id is not None:
            lines[task.parent_id] += 1
    return [
        DraftFinding(
            "task.project_count_mismatch",
            "error",
            f"과제 {_named(task)}의 사업 수는 {task.project_count:,}개인데 "
            f"사업 줄은 {lines[task.pk]:,}개입니다.",
            ItemKind.TASK,
            task.pk,
        )
        for task in tasks
        if task.project_count is not None
        and lines.get(task.pk)
        and lines[task.pk] != task.project_count
    ]


def _sectoral_budget_findings(
    strategies: list[Strategy], tasks: list[Task], budgets: list[Budget]
) -> list[DraftFinding]:
    """A strategy's 국비 against the 국비 of its practical tasks, where the tasks state
    theirs: the sectoral table's 합계 row rule."""
    cells = _cells(budgets)
    findings = []
    for strategy in strategies:
        national = cells.get(strategy.pk, {}).get(BudgetSource.NATIONAL)
        amounts = [
            task.national_budget_eok
            for task in tasks
            if task.strategy_id == strategy.pk
            and task.kind == TaskKind.PRACTICAL
            and task.national_budget_eok is not None
        ]
        difference = national and amounts and sum_difference(amounts, national.amount_eok)
        if difference:
            findings.append(
                DraftFinding(
                    "sectoral.strategy.budget_mismatch",
                    mismatch_severity(difference),
                    f"전략 {_named(strategy)}의 국비는 {_eok(national.amount_eok)}인데 "
                    f"실천과제의 국비를 더하면 {_eok(sum(amounts))}입니다.",
                    ItemKind.BUDGET,
                    national.pk,
                )
            )
    return findings


def _indicator_findings(indicator: Indicator) -> list[DraftFinding]:
    findings = []
    name = f"성과지표 '{indicator.name}'"
    topic = f"{name}{particle(indicator.name, '은')}"
    value_unit, change_unit = indicator_units(indicator.unit)
    if not indicator.target_text and indicator.target_value is None:
        findings.append(
            DraftFinding(
                "indicator.target_missing",
                "warning",
                f"{name}에 목표값이 없습니다.",
                ItemKind.INDICATOR,
                indicator.pk,
            )
        )
    baseline, target = indicator.baseline_value, indicator.target_value
    difference = change_difference(baseline, target, indicator.change_text)
    if indicator.change_text and difference is not None:
        findings.append(
            DraftFinding(
                "indicator.change_mismatch",
                "warning",
                f"{name}의 증감이 '{indicator.change_text}'{particle(indicator.change_text, '으로')} "
                f"적혀 있지만 목표 {with_unit(target, value_unit)} − "
                f"기준값 {with_unit(baseline, value_unit)} = {with_unit(difference, change_unit)}입니다.",
                ItemKind.INDICATOR,
                indicator.pk,
            )
        )
    if _worse(indicator):
        findings.append(
            DraftFinding(
                "indicator.target_worse",
                "warning",
                f"{topic} 방향이 '{IndicatorDirection(indicator.direction).label}'인데 목표 "
                f"{with_unit(target, value_unit)}{particle(with_unit(target, value_unit), '이')} "
                f"기준값 {with_unit(baseline, value_unit)}보다 나쁩니다.",
                ItemKind.INDICATOR,
                indicator.pk,
            )
        )
    return findings


def _worse(indicator: Indicator) -> bool:
    """The target is on the wrong side of the baseline for the stated direction."""
    baseline, target = indicator.baseline_value, indicator.target_value
    if baseline is None or target is None or not indicator.direction:
        return False
    if indicator.direction == IndicatorDirection.HIGHER:
        return target < baseline
    return target > baseline


def _named(item: Strategy | Task) -> str:
    """Quoted with its code, as printed names are in findings ('Ⅰ-1 자치분권 강화')."""
    return f"'{item.code} {item.name}'" if item.code else f"'{item.name}'"


def _terms(amounts: list[Decimal]) -> str:
    """The terms of a sum of two or more amounts, as the reader shows them: (93.5 + 135.27억원)."""
    if len(amounts) < 2:
        return ""
    return f"({' + '.join(amount_text(a) for a in amounts)}{EOK_UNIT})"


def _eok(amount: Decimal) -> str:
    return with_unit(amount, EOK_UNIT)
