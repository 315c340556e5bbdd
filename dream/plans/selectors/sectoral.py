"""Reads for the ministries' sectoral plan page (Ⅳ. 부문별 시행계획).

The page shows one row per practical task, the task tree, and totals computed from
the data beside the 합계 rows the document prints, so a reader can see where they agree.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.indicators.choices import IndicatorGroup
from dream.indicators.models import Indicator
from dream.ingest.numbers import EOK_PER_JO, json_number
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind, TaskKind
from dream.plans.models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    Budget,
    Plan,
    Strategy,
    Task,
    TaskMinistry,
)
from dream.plans.selectors import summed_eok

BUDGET_CHECK_LABELS = {
    "match": "일치",
    "rounded": "일치(반올림 표기)",
    "differs": "다름",
    "missing": "원문 없음",
}


def sectoral_plan(year: int | None) -> Plan | None:
    """The ministries' plan of a year as the Committee compiles it (owned by the Committee);
    None when there is none. A ministry's own resolved part of a later cycle is not the
    whole plan, so it is never shown in its place."""
    if year is None:
        return None
    return Plan.objects.filter(
        year=year,
        level=PlanLevel.SECTORAL,
        is_draft=False,
        owner__kind=OrganizationKind.COMMITTEE,
    ).first()


def _ordered_ministry_links() -> Prefetch:
    """Responsible ministries as the document prints them, lead ministry first."""
    links = TaskMinistry.objects.select_related("ministry").order_by("position")
    return Prefetch("ministry_links", queryset=links, to_attr="ordered_ministry_links")


def practical_tasks(plan: Plan | None) -> QuerySet[Task]:
    """One row per practical task in document order, with the values the table sorts by:
    the budget with "-" as 0, the lead ministry and the number of key targets."""
    if plan is None:
        return Task.objects.none()
    lead_ministry = (
        TaskMinistry.objects.filter(task=OuterRef("pk"))
        .order_by("position")
        .values("ministry__short_name")[:1]
    )
    key_targets = Indicator.objects.filter(group=IndicatorGroup.KEY).order_by("position")
    target_count = (
        key_targets.filter(task=OuterRef("pk"))
        .order_by()
        .values("task")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Task.objects.filter(plan=plan, kind=TaskKind.PRACTICAL)
        .select_related("strategy", "parent")
        .annotate(
            budget_value=Coalesce(
                "national_budget_eok",
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES),
            ),
            lead_ministry=Subquery(lead_ministry),
            target_count=Coalesce(Subquery(target_count, output_field=IntegerField()), Value(0)),
        )
        .prefetch_related(
            _ordered_ministry_links(),
            Prefetch("indicators", queryset=key_targets, to_attr="key_targets"),
        )
        # a compiled plan has no source lines: then by strategy and core task
        .order_by("source_line", "strategy__position", "parent__position", "position")
    )


def pillar_strategies(plan: Plan | None) -> QuerySet[Strategy]:
    """The five strategies (Ⅰ–Ⅴ) that group the plan's tasks and budgets."""
    return Strategy.objects.filter(plan=plan, kind=StrategyKind.PILLAR).order_by("position")


def sectoral_ministries(plan: Plan | None) -> QuerySet[Organization]:
    """Organizations responsible for at least one practical task: the ministry filter's choices."""
    return (
        Organization.objects.filter(
            task_links__task__plan=plan, task_links__task__kind=TaskKind.PRACTICAL
        )
        .distinct()
        .order_by("short_name")
    )


def task_tree(plan: Plan | None) -> list[Strategy]:
    """Strategies → core tasks (with ministries) → practical tasks, for the outline."""
    if plan is None:
        return []
    # Filtered by plan, not only by the strategies the prefetch asks for: the plan's index
    # keeps the read to one year however many are stored (issue 13).
    practical = Task.objects.filter(plan=plan, kind=TaskKind.PRACTICAL).order_by("position")
    core = (
        Task.objects.filter(plan=plan, kind=TaskKind.CORE, parent=None)
        .order_by("position")
        .prefetch_related(
            _ordered_ministry_links(),
            Prefetch("children", queryset=practical, to_attr="practical_tasks"),
        )
    )
    return list(
        pillar_strategies(plan).prefetch_related(
            Prefetch("tasks", queryset=core, to_attr="core_tasks")
        )
    )


def _printed_step(printed: str) -> int:
    """억원 that the last printed digit stands for: '24.6조원' → 1,000, '2,304억원' → 1."""
    unit = EOK_PER_JO if printed.endswith("조원") else 1
    decimals = len(re.sub(r"\D", "", printed.partition(".")[2]))
    return max(unit // 10**decimals, 1)


def budget_check(amount_eok: Decimal | int, printed: Budget | None) -> str:
    """How a sum from the data compares with the printed 합계: the same, the same at the
    printed precision ("24.6조원"), different, or nothing printed to compare with."""
    if printed is None:
        return "missing"
    if printed.amount_eok == amount_eok:
        return "match"
    if abs(printed.amount_eok - amount_eok) * 2 <= _printed_step(printed.printed):
        return "rounded"
    return "differs"


@dataclass(frozen=True)
class StrategyTotals:
    """What the data adds up to for one strategy (or the whole plan), and the 합계 row
    the document prints for it."""

    position: int | None
    code: str
    name: str
    core_tasks: int
    practical_tasks: int
    projects: int
    national_budget_eok: Decimal | int  # 억원, the exact sum of amounts as printed
    printed: Budget | None

    @property
    def check(self) -> str:
        return budget_check(self.national_budget_eok, self.printed)

    @property
    def check_label(self) -> str:
        return BUDGET_CHECK_LABELS[self.check]

    @property
    def differs(self) -> bool:
        return self.check in ("differs", "missing")


@dataclass(frozen=True)
class SectoralSummary:
    """Per-strategy totals and the plan's total, for the cards, the summary table and chart."""

    strategies: list[StrategyTotals]
    total: StrategyTotals

    @property
    def chart_data(self) -> dict:
        """National budget per strategy in the shape dream/charts.js draws."""
        return {
            "categories": [f"전략 {s.code}" for s in self.strategies],
            "series": [
                {
                    "name": "국비",
                    "data": [json_number(s.national_budget_eok) for s in self.strategies],
                }
            ],
            "unit": "억원",
        }


def _sums_by_strategy(plan: Plan) -> dict[int | None, dict]:
    """Core and practical task counts, projects and national budget per strategy, in one query."""
    practical = Q(kind=TaskKind.PRACTICAL)
    rows = (
        Task.objects.filter(plan=plan)
        .order_by()
        .values("strategy")
        .annotate(
            core=Count("pk", filter=Q(kind=TaskKind.CORE)),
            practical=Count("pk", filter=practical),
            projects=Sum("project_count", filter=practical),
            budget=Sum("national_budget_eok", filter=practical),
        )
    )
    return {row["strategy"]: row for row in rows}


def _totals(strategy: Strategy | None, sums: list[dict], printed: Budget | None) -> StrategyTotals:
    """Add up rows of `_sums_by_strategy`; no strategy means the plan's total (총계)."""
    return StrategyTotals(
        position=strategy.position if strategy else None,
        code=strategy.code if strategy else "",
        name=strategy.name if strategy else "총계",
        core_tasks=sum(row["core"] for row in sums),
        practical_tasks=sum(row["practical"] for row in sums),
        projects=sum(row["projects"] or 0 for row in sums),
        national_budget_eok=sum(summed_eok(row["budget"]) for row in sums),
        printed=printed,
    )


def sectoral_summary(plan: Plan | None) -> SectoralSummary | None:
    """Totals per strategy and for the plan, each beside the printed 국비 합계 row."""
    if plan is None:
        return None
    sums = _sums_by_strategy(plan)
    printed = {
        budget.strategy_id: budget
        for budget in plan.budgets.filter(year=plan.year, source=BudgetSource.NATIONAL)
    }
    strategies = [
        _totals(s, [sums[s.pk]] if s.pk in sums else [], printed.get(s.pk))
        for s in pillar_strategies(plan)
    ]
    total = _totals(None, list(sums.values()), printed.get(None))
    return SectoralSummary(strategies=strategies, total=total)
