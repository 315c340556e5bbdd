"""Reads for the province and super-region pages and for the province comparison.

Everything a page shows is prepared here (trees, sums, shares, mismatch flags), so the
views only pick a selector and the templates only lay the rows out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Prefetch

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.indicators.choices import IndicatorGroup
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.ingest.numbers import amount_text, json_number, plain
from dream.plans.choices import BudgetSource, PlanLevel, StrategyKind
from dream.plans.models import Budget, Plan, Strategy, Task

# The indicators every province reports (공통지표), by the name the plans mostly print.
COMMON_INDICATORS = [
    ("grdp", "1인당 GRDP"),
    ("jobs", "일자리수"),
    ("fiscal_autonomy", "재정자주도"),
]
NO_SCOPE = "전략 구분 없음"
# Super-region item descriptions are bullet lists whose bullet (a Wingdings glyph in the
# source) survives in the text dump as "Ÿ".
DESCRIPTION_BULLET = "Ÿ"


@dataclass(frozen=True)
class TaskNode:
    """A core task with the tasks under it (detailed tasks or super-region plan items)."""

    task: Task
    children: list[TaskNode] = field(default_factory=list)

    @property
    def points(self) -> list[str]:
        """The description as its printed bullet points."""
        return description_points(self.task.description)


@dataclass(frozen=True)
class PillarNode:
    strategy: Strategy
    core_tasks: list[TaskNode]

    @property
    def child_count(self) -> int:
        return sum(len(node.children) for node in self.core_tasks)


@dataclass(frozen=True)
class FiscalRow:
    """One line of the fiscal table: a strategy, the sum of the strategies or the total."""

    code: str
    name: str
    amount_eok: Decimal | int | None  # 억원 as printed
    share: Decimal | None  # % of the plan's printed total
    is_total: bool = False
    budget: Budget | None = None  # the printed row the amount was read from


@dataclass(frozen=True)
class Fiscal:
    """A plan's fiscal input by strategy, checked against the total it prints."""

    strategies: list[FiscalRow]
    strategy_sum: int
    total_eok: int | None
    total_budget: Budget | None = None

    @property
    def difference(self) -> int | None:
        """Sum of the strategies minus the printed total, when the plan prints a total."""
        if self.total_eok is None:
            return None
        return self.strategy_sum - self.total_eok

    @property
    def mismatch(self) -> bool:
        return bool(self.difference)

    @property
    def difference_text(self) -> str:
        return (
            f"{amount_text(self.difference, signed=True)}억원"
            if self.difference is not None
            else ""
        )

    @property
    def missing(self) -> list[FiscalRow]:
        """Strategies the fiscal table gives no amount for."""
        return [row for row in self.strategies if row.amount_eok is None]

    @property
    def rows(self) -> list[FiscalRow]:
        """The table as shown and downloaded: strategies, their sum, the printed total."""
        return [
            *self.strategies,
            FiscalRow(
                "",
                "전략별 금액의 합",
                self.strategy_sum,
                _share(self.strategy_sum, self.total_eok),
                is_total=True,
            ),
            FiscalRow(
                "",
                "총액(원문)",
                self.total_eok,
                _share(self.total_eok, self.total_eok),
                is_total=True,
                budget=self.total_budget,
            ),
        ]

    @property
    def chart(self) -> dict:
        """The bars of the chart: the strategies that have an amount."""
        shown = [row for row in self.strategies if row.amount_eok is not None]
        return {
            "categories": [f"{row.code} {row.name}" for row in shown],
            "values": [json_number(row.amount_eok) for row in shown],
            "unit": "억원",
        }


@dataclass(frozen=True)
class IndicatorSection:
    """Indicators shown under one heading (공통지표 / 자율지표, or a super-region's scope)."""

    title: str
    indicators: list[Indicator]


@dataclass(frozen=True)
class RegionPage:
    """Everything the page of one province's or super-region's plan shows."""

    plan: Plan
    focus: list[Strategy]
    pillars: list[PillarNode]
    fiscal: Fiscal
    indicators: list[Indicator]
    indicator_sections: list[IndicatorSection]
    findings: list[Finding]
    related: list[Organization]  # a province's super-regions, a super-region's members
    compare_links: list[CompareLink]

    @property
    def organization(self) -> Organization:
        return self.plan.owner

    @property
    def core_task_count(self) -> int:
        return sum(len(pillar.core_tasks) for pillar in self.pillars)

    @property
    def child_task_count(self) -> int:
        return sum(pillar.child_count for pillar in self.pillars)


@dataclass(frozen=True)
class CompareLink:
    """A prefilled comparison: a label and the provinces it selects."""

    label: str
    short_names: list[str]

    @property
    def query(self) -> str:
        """The comparison's query string; empty compares all provinces."""
        return urlencode([("p", name) for name in self.short_names])


@dataclass(frozen=True)
class IndicatorCell:
    unit: str
    baseline_text: str
    target_text: str
    change_text: str
    indicator: Indicator  # the printed row, for the link to its line


@dataclass(frozen=True)
class CompareRow:
    """One province in the comparison: fiscal input and the common indicators as printed."""

    short_name: str
    full_name: str
    fiscal_eok: Decimal | int | None
    indicators: dict[str, IndicatorCell]
    fiscal_budget: Budget | None = None  # the printed total, for the link to its line


def description_points(description: str) -> list[str]:
    """A plan item's description split at its printed bullets."""
    return [p.strip() for p in description.split(DESCRIPTION_BULLET) if p.strip()]


def normalized_indicator_name(name: str) -> str:
    """The name without spaces, parentheses or case: "일자리 수" and "1인당 GRDP(23)"
    name the same indicator as "일자리수" and "1인당 GRDP"."""
    return re.sub(r"\(.*?\)|\s", "", name).casefold()


def _share(part: int | None, whole: int | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _plan(level: str, short_name: str, year: int, *owner_prefetch: str) -> Plan | None:
    """The plan with everything its page shows, in a fixed number of queries."""
    budgets = Budget.objects.filter(year=year, source=BudgetSource.TOTAL)
    return (
        Plan.objects.filter(year=year, level=level, owner__short_name=short_name, is_draft=False)
        .select_related("owner")
        .prefetch_related(
            "strategies",
            Prefetch("tasks", queryset=Task.objects.order_by("source_line", "position")),
            Prefetch("budgets", queryset=budgets),
            "indicators",
            Prefetch("findings", queryset=Finding.objects.order_by("source_line", "code")),
            *(f"owner__{name}" for name in owner_prefetch),
        )
        .first()
    )


def _pillars(plan: Plan) -> list[PillarNode]:
    """The strategy → core task → child task tree, in document order."""
    children: dict[int, list[TaskNode]] = {}
    core: dict[int, list[TaskNode]] = {}
    for task in plan.tasks.all():
        if task.parent_id is not None:
            children.setdefault(task.parent_id, []).append(TaskNode(task))
    for task in plan.tasks.all():
        if task.parent_id is None:
            node = TaskNode(task, children.get(task.pk, []))
            core.setdefault(task.strategy_id, []).append(node)
    return [
        PillarNode(strategy, core.get(strategy.pk, []))
        for strategy in plan.strategies.all()
        if strategy.kind == StrategyKind.PILLAR
    ]


def _fiscal(plan: Plan) -> Fiscal:
    """Strategy amounts against the plan's total; a strategy without a row stays empty."""
    budgets = {budget.strategy_id: budget for budget in plan.budgets.all()}
    amounts = {key: plain(budget.amount_eok) for key, budget in budgets.items()}
    total = amounts.get(None)
    pillars = [s for s in plan.strategies.all() if s.kind == StrategyKind.PILLAR]
    return Fiscal(
        strategies=[
            FiscalRow(
                code=strategy.code or str(strategy.position),
                name=strategy.name,
                amount_eok=amounts.get(strategy.pk),
                share=_share(amounts.get(strategy.pk), total),
                budget=budgets.get(strategy.pk),
            )
            for strategy in pillars
        ],
        strategy_sum=sum(amounts.get(s.pk) or 0 for s in pillars),
        total_eok=total,
        total_budget=budgets.get(None),
    )


def _sections(
    indicators: Iterable[Indicator], title: Callable[[Indicator], str]
) -> list[IndicatorSection]:
    """Indicators grouped under their titles, groups in order of first appearance."""
    groups: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        groups.setdefault(title(indicator), []).append(indicator)
    return [IndicatorSection(name, rows) for name, rows in groups.items()]


def _region_page(
    plan: Plan,
    *,
    sections: list[IndicatorSection],
    related: list[Organization],
    compare_links: list[CompareLink],
) -> RegionPage:
    return RegionPage(
        plan=plan,
        focus=[s for s in plan.strategies.all() if s.kind == StrategyKind.FOCUS],
        pillars=_pillars(plan),
        fiscal=_fiscal(plan),
        indicators=list(plan.indicators.all()),
        indicator_sections=sections,
        findings=list(plan.findings.all()),
        related=related,
        compare_links=compare_links,
    )


def _province_compare_links(province: Organization) -> list[CompareLink]:
    """Comparisons a province's reader likely wants: its super-regions' members, then all."""
    links = [
        CompareLink(
            f"{super_region.short_name} 시·도와 비교",
            [member.short_name for member in super_region.members.all()],
        )
        for super_region in province.super_regions.all()
        if len(super_region.members.all()) > 1
    ]
    return [*links, CompareLink("17개 시·도 모두와 비교", [])]


def province_page(short_name: str, year: int) -> RegionPage | None:
    """A province's plan for the year, or None when there is none."""
    plan = _plan(PlanLevel.PROVINCE, short_name, year, "super_regions__members")
    if plan is None:
        return None
    group_order = {IndicatorGroup.COMMON: 0, IndicatorGroup.AUTONOMOUS: 1}
    indicators = sorted(plan.indicators.all(), key=lambda i: group_order.get(i.group, 2))
    return _region_page(
        plan,
        sections=_sections(indicators, lambda i: i.get_group_display()),
        related=list(plan.owner.super_regions.all()),
        compare_links=_province_compare_links(plan.owner),
    )


def super_region_page(short_name: str, year: int) -> RegionPage | None:
    """A super-region's plan for the year, or None when there is none."""
    plan = _plan(PlanLevel.SUPER_REGION, short_name, year, "members")
    if plan is None:
        return None
    members = list(plan.owner.members.all())
    compare = CompareLink(
        f"{plan.owner.short_name} 시·도 비교", [member.short_name for member in members]
    )
    return _region_page(
        plan,
        sections=_sections(plan.indicators.all(), lambda i: i.scope or NO_SCOPE),
        related=members,
        compare_links=[compare] if len(members) > 1 else [],
    )


def provinces() -> list[Organization]:
    """The 17 provinces in the order the plan lists them."""
    return list(Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position"))


def name_key(name: str) -> str:
    """A name as names are compared: NFKC, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def short_names_by_name(kind: str) -> dict[str, str]:
    """Every name a province or super-region goes by (short or full official name, spaces
    ignored) → its short name, the one its page address uses."""
    rows = list(Organization.objects.filter(kind=kind).values_list("short_name", "full_name"))
    names = {name_key(full): short for short, full in rows if full}
    names.update({name_key(short): short for short, _full in rows})  # short names win
    return names


def canonical_short_name(kind: str, name: str) -> str | None:
    """The short name of the province or super-region called `name` (서울특별시 → 서울),
    or None when none is called so."""
    return short_names_by_name(kind).get(name_key(name))


def _common_cells(indicators: Iterable[Indicator]) -> dict[str, IndicatorCell]:
    """The common indicators found among a plan's, keyed as in COMMON_INDICATORS."""
    keys = {normalized_indicator_name(name): key for key, name in COMMON_INDICATORS}
    cells = {}
    for indicator in indicators:
        key = keys.get(normalized_indicator_name(indicator.name))
        if key and key not in cells:
            cells[key] = IndicatorCell(
                indicator.unit,
                indicator.baseline_text,
                indicator.target_text,
                indicator.change_text,
                indicator,
            )
    return cells


def compare_rows(selected: list[Organization], year: int) -> list[CompareRow]:
    """The selected provinces side by side, in the given order; a province without a plan
    for the year keeps its row, empty."""
    plans = {
        plan.owner_id: plan
        for plan in Plan.objects.filter(
            year=year, level=PlanLevel.PROVINCE, owner__in=selected, is_draft=False
        ).prefetch_related(
            Prefetch(
                "budgets",
                queryset=Budget.objects.filter(year=year, source=BudgetSource.TOTAL, strategy=None),
            ),
            Prefetch("indicators", queryset=Indicator.objects.filter(group=IndicatorGroup.COMMON)),
        )
    }
    rows = []
    for province in selected:
        plan = plans.get(province.pk)
        budgets = list(plan.budgets.all()) if plan else []
        rows.append(
            CompareRow(
                short_name=province.short_name,
                full_name=province.full_name,
                fiscal_eok=plain(budgets[0].amount_eok) if budgets else None,
                indicators=_common_cells(plan.indicators.all()) if plan else {},
                fiscal_budget=budgets[0] if budgets else None,
            )
        )
    return rows


def compare_chart(rows: list[CompareRow]) -> dict:
    """The fiscal-input bars of the comparison: the same numbers as its table."""
    shown = [row for row in rows if row.fiscal_eok is not None]
    return {
        "categories": [row.short_name for row in shown],
        "values": [json_number(row.fiscal_eok) for row in shown],
        "unit": "억원",
    }
