"""Reads for the national overview and the province map."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from dream.accounts.models import Organization
from dream.accounts.registry import PROVINCES, SUPER_REGIONS
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.plans.choices import BudgetSource, PlanLevel
from dream.plans.models import Budget, Plan, Strategy, Task

STRATEGY_CODES = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"]
SOURCES = [BudgetSource.TOTAL, BudgetSource.NATIONAL, BudgetSource.LOCAL, BudgetSource.PRIVATE]


@dataclass(frozen=True)
class SourceRow:
    source: str
    label: str
    current: int | None
    previous: int | None
    printed: str
    share: Decimal | None  # of the current total, %

    @property
    def change(self) -> Decimal | None:
        if not self.current or not self.previous:
            return None
        return (Decimal(self.current - self.previous) * 100 / self.previous).quantize(
            Decimal("0.1")
        )


@dataclass(frozen=True)
class StrategyShare:
    code: str
    name: str
    ministries_eok: int
    ministries_share: Decimal | None
    provinces_eok: int
    provinces_share: Decimal | None


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))


def fiscal_by_source(year: int) -> list[SourceRow]:
    """The national totals by source for the year and the year before (Ⅰ of the plan)."""
    amounts = {
        (b.year, b.source): b
        for b in Budget.objects.filter(
            plan__year=year,
            plan__level=PlanLevel.NATIONAL,
            strategy=None,
            year__in=[year, year - 1],
        )
    }
    total = amounts.get((year, BudgetSource.TOTAL))
    rows = []
    for source in SOURCES:
        current, previous = amounts.get((year, source)), amounts.get((year - 1, source))
        rows.append(
            SourceRow(
                source=source,
                label=BudgetSource(source).label,
                current=current.amount_eok if current else None,
                previous=previous.amount_eok if previous else None,
                printed=current.printed if current else "",
                share=_share(current.amount_eok, total.amount_eok) if current and total else None,
            )
        )
    return rows


def strategy_shares(year: int) -> list[StrategyShare]:
    """How the ministries' national money and the provinces' fiscal input split over the
    five national strategies (provinces' pillars carry the national strategy's code)."""
    names = dict(
        Strategy.objects.filter(
            plan__year=year, plan__level=PlanLevel.SECTORAL, kind="pillar"
        ).values_list("code", "name")
    )
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for level, code, amount in Budget.objects.filter(
        plan__year=year,
        year=year,
        plan__level__in=[PlanLevel.SECTORAL, PlanLevel.PROVINCE],
        strategy__isnull=False,
    ).values_list("plan__level", "strategy__code", "amount_eok"):
        sums[(level, code)] += amount
    ministries_total = sum(sums[(PlanLevel.SECTORAL, c)] for c in STRATEGY_CODES)
    provinces_total = sum(sums[(PlanLevel.PROVINCE, c)] for c in STRATEGY_CODES)
    return [
        StrategyShare(
            code=code,
            name=names.get(code, ""),
            ministries_eok=sums[(PlanLevel.SECTORAL, code)],
            ministries_share=_share(sums[(PlanLevel.SECTORAL, code)], ministries_total),
            provinces_eok=sums[(PlanLevel.PROVINCE, code)],
            provinces_share=_share(sums[(PlanLevel.PROVINCE, code)], provinces_total),
        )
        for code in STRATEGY_CODES
    ]


def overview_charts(year: int, sources: list[SourceRow], shares: list[StrategyShare]) -> dict:
    """The chart series of the overview: the same numbers as its tables."""
    by_source = sources[1:]  # the parts, without the total
    return {
        "sources": {
            "categories": [row.label for row in by_source],
            "series": [
                {"name": f"{year - 1}년", "data": [row.previous for row in by_source]},
                {"name": f"{year}년", "data": [row.current for row in by_source]},
            ],
            "unit": "억원",
        },
        "strategies": {
            "categories": [f"{s.code} {s.name.split()[-1] if s.name else ''}" for s in shares],
            "series": [
                {"name": "부처(국비)", "data": [float(s.ministries_share or 0) for s in shares]},
                {"name": "시·도", "data": [float(s.provinces_share or 0) for s in shares]},
            ],
            "unit": "%",
        },
    }


def plan_counts(year: int) -> dict[str, int]:
    """Counts for the overview cards."""
    plans = dict(Plan.objects.filter(year=year).values_list("level").annotate(n=Count("id")))
    tasks = Task.objects.filter(plan__year=year).aggregate(
        core=Count("id", filter=Q(kind="core")),
        practical=Count("id", filter=Q(kind="practical")),
        detailed=Count("id", filter=Q(kind__in=["detailed", "item"])),
        projects=Sum("project_count", filter=Q(plan__level=PlanLevel.SECTORAL)),
        national_eok=Sum("national_budget_eok", filter=Q(kind="practical")),
    )
    return {
        "provinces": plans.get(PlanLevel.PROVINCE, 0),
        "super_regions": plans.get(PlanLevel.SUPER_REGION, 0),
        "sectoral": plans.get(PlanLevel.SECTORAL, 0),
        "core_tasks": tasks["core"],
        "practical_tasks": tasks["practical"],
        "detailed_tasks": tasks["detailed"],
        "projects": tasks["projects"] or 0,
        "national_eok": tasks["national_eok"] or 0,
        "indicators": Indicator.objects.filter(plan__year=year).count(),
    }


def findings_summary(year: int, limit: int = 8) -> tuple[dict[str, int], list[Finding]]:
    """Counts by severity, and the most serious findings first."""
    counts = dict(Finding.objects.filter(year=year).values_list("severity").annotate(n=Count("id")))
    order = {"error": 0, "warning": 1, "info": 2}
    top = sorted(
        Finding.objects.filter(year=year, severity__in=["error", "warning"]).select_related(
            "plan__owner"
        ),
        key=lambda f: (order[f.severity], f.source_line),
    )[:limit]
    return counts, top


# The tile grid: (row, column) of each province, roughly where it lies.
TILE_POSITIONS = {
    "인천": (1, 1),
    "서울": (1, 2),
    "경기": (1, 3),
    "강원": (1, 4),
    "충남": (2, 1),
    "세종": (2, 2),
    "충북": (2, 3),
    "경북": (2, 4),
    "전북": (3, 1),
    "대전": (3, 2),
    "대구": (3, 3),
    "울산": (3, 4),
    "광주": (4, 1),
    "전남": (4, 2),
    "경남": (4, 3),
    "부산": (4, 4),
    "제주": (5, 1),
}


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str


METRICS = [
    Metric("budget", "재정투입 총액", "억원"),
    Metric("tasks", "세부과제 수", "개"),
    Metric("jobs_change", "일자리수 목표 증가율(2023 실적 대비 2024 목표)", "%"),
    Metric("grdp_change", "1인당 GRDP 목표 증가율(2023 실적 대비 2024 목표)", "%"),
    Metric("findings", "검토 사항 수", "건"),
]
METRIC_BY_KEY = {m.key: m for m in METRICS}
PALETTE = ["#deebf7", "#9ecae1", "#5b9bd5", "#2b6cb0", "#0b3d75"]  # light → dark
DARK_FROM = 3  # classes from here on get white text


@dataclass(frozen=True)
class Tile:
    short_name: str
    full_name: str
    row: int
    column: int
    value: Decimal | int | None
    color: str
    dark: bool
    highlighted: bool
    dimmed: bool


@dataclass(frozen=True)
class ProvinceMap:
    metric: Metric
    tiles: list[Tile]
    legend: list[tuple[str, str]]  # (color, range label)
    super_region: str | None
    members: list[str]


def _indicator_change(year: int, names: tuple[str, ...]) -> dict[str, Decimal]:
    """Target over actual, in %, of a common indicator for each province."""
    values = {}
    for owner, name, base, target in Indicator.objects.filter(
        plan__year=year,
        plan__level=PlanLevel.PROVINCE,
        group="common",
    ).values_list("plan__owner__short_name", "name", "baseline_value", "target_value"):
        if name.replace(" ", "").startswith(names) and base and target is not None:
            values[owner] = ((target - base) * 100 / base).quantize(Decimal("0.01"))
    return values


def _metric_values(year: int, metric: str) -> dict[str, Decimal | int]:
    provinces = Plan.objects.filter(year=year, level=PlanLevel.PROVINCE)
    if metric == "budget":
        return dict(
            Budget.objects.filter(
                plan__in=provinces, strategy=None, year=year, source=BudgetSource.TOTAL
            ).values_list("plan__owner__short_name", "amount_eok")
        )
    if metric == "tasks":
        return dict(
            provinces.annotate(n=Count("tasks", filter=Q(tasks__kind="detailed"))).values_list(
                "owner__short_name", "n"
            )
        )
    if metric == "jobs_change":
        return _indicator_change(year, ("일자리수",))
    if metric == "grdp_change":
        return _indicator_change(year, ("1인당GRDP",))
    return dict(provinces.annotate(n=Count("findings")).values_list("owner__short_name", "n"))


def _breaks(values: list) -> list:
    """Upper bounds of five classes with about as many provinces in each (quantiles)."""
    ordered = sorted(values)
    return [ordered[min(len(ordered) - 1, (len(ordered) * (i + 1)) // 5 - 1)] for i in range(5)]


def _format(value, unit: str) -> str:
    if isinstance(value, Decimal) and unit == "%":
        return f"{value:.1f}%"
    return f"{value:,}{unit}"


def province_map(year: int, metric: str, super_region: str | None = None) -> ProvinceMap:
    """The 17 provinces coloured by a metric, optionally with one super-region highlighted."""
    chosen = METRIC_BY_KEY.get(metric, METRICS[0])
    values = _metric_values(year, chosen.key)
    breaks = _breaks(list(values.values())) if values else []
    members = []
    if super_region:
        members = list(
            Organization.objects.filter(
                super_region_memberships__super_region__short_name=super_region
            ).values_list("short_name", flat=True)
        )
    tiles = []
    for short, full, _capital in PROVINCES:
        value = values.get(short)
        klass = next(
            (i for i, upper in enumerate(breaks) if value is not None and value <= upper), None
        )
        row, column = TILE_POSITIONS[short]
        tiles.append(
            Tile(
                short_name=short,
                full_name=full,
                row=row,
                column=column,
                value=value,
                color=PALETTE[klass] if klass is not None else "#eeeeee",
                dark=klass is not None and klass >= DARK_FROM,
                highlighted=short in members,
                dimmed=bool(members) and short not in members,
            )
        )
    lower = min(values.values()) if values else None
    legend = []
    for color, upper in zip(PALETTE, breaks, strict=False):
        legend.append((color, f"{_format(lower, chosen.unit)} ~ {_format(upper, chosen.unit)}"))
        lower = upper
    return ProvinceMap(
        metric=chosen,
        tiles=tiles,
        legend=legend,
        super_region=super_region if members else None,
        members=members,
    )


def super_region_names() -> list[str]:
    return [short for short, _full, _members in SUPER_REGIONS]
