"""Reads for the national overview and the province map."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from dream.accounts.models import Organization
from dream.accounts.registry import PROVINCES, SUPER_REGIONS
from dream.indicators.models import Indicator
from dream.ingest.models import Finding
from dream.ingest.numbers import amount_text, json_number, plain
from dream.plans.choices import BudgetSource, PlanLevel
from dream.plans.models import Budget, Plan, PrintedShare, Strategy, Task
from dream.plans.selectors import ministry_part, summed_eok
from dream.plans.selectors.sectoral import BUDGET_CHECK_LABELS, budget_check

STRATEGY_CODES = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"]
SOURCES = [BudgetSource.TOTAL, BudgetSource.NATIONAL, BudgetSource.LOCAL, BudgetSource.PRIVATE]


# The findings that explain why DREAM's computation differs from a printed share.
SOURCE_SHARE_FINDING = "budget.share_mismatch"
STRATEGY_SHARE_FINDING = "appendix.share_differs"
# The findings that say how the 총계 row's 국비 relates to the sum of the practical tasks.
SECTORAL_TOTAL_FINDINGS = ["sectoral.total.budget_rounded", "sectoral.total.budget_mismatch"]


@dataclass(frozen=True)
class PrintedPercent:
    """A share as the plan prints it, beside DREAM's own computation of it."""

    printed: str  # "35.6%"; "" when the plan prints none
    computed: Decimal | None  # DREAM 계산, to one decimal
    finding_code: str = ""  # the finding that explains a difference, when there is one
    record: PrintedShare | None = None  # where the plan prints it

    @property
    def differs(self) -> bool:
        """The computation, rounded as the plan rounds, is not what the plan prints."""
        if not self.printed or self.computed is None:
            return False
        printed = Decimal(self.printed.rstrip("%"))
        places = Decimal(1).scaleb(printed.as_tuple().exponent)
        return self.computed.quantize(places, rounding=ROUND_HALF_UP) != printed


@dataclass(frozen=True)
class SourceRow:
    source: str
    label: str
    current: Decimal | None  # 억원; from a 조원 figure it is a conversion of a rounded number
    previous: Decimal | None
    printed: str  # "42.2조원" as printed
    printed_previous: str
    share: PrintedPercent
    # The printed rows the amounts were read from.
    budget: Budget | None = None
    budget_previous: Budget | None = None

    @property
    def converted(self) -> bool:
        """The 억원 amount comes from a rounded 조원 figure (42.2조원 → 약 422,000억원)."""
        return self.printed.endswith("조원") or self.printed_previous.endswith("조원")

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
    ministries_eok: Decimal
    ministries_share: PrintedPercent
    provinces_eok: Decimal
    provinces_share: PrintedPercent


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))


def _printed_shares(year: int) -> dict[tuple[str, str], PrintedShare]:
    return {
        (share.group, share.key): share
        for share in PrintedShare.objects.filter(
            plan__year=year, plan__is_draft=False, plan__level=PlanLevel.NATIONAL
        ).select_related("plan")
    }


def _percent(
    printed: PrintedShare | None, computed: Decimal | None, code: str, codes: set[str]
) -> PrintedPercent:
    return PrintedPercent(
        printed=printed.printed if printed else "",
        computed=computed,
        finding_code=code if code in codes else "",
        record=printed,
    )


def _finding_codes(year: int) -> set[str]:
    return set(
        Finding.objects.filter(
            year=year, code__in=[SOURCE_SHARE_FINDING, STRATEGY_SHARE_FINDING]
        ).values_list("code", flat=True)
    )


def fiscal_by_source(year: int) -> list[SourceRow]:
    """The national totals by source for the year and the year before (Ⅰ of the plan)."""
    amounts = {
        (b.year, b.source): b
        for b in Budget.objects.filter(
            plan__year=year,
            plan__is_draft=False,
            plan__level=PlanLevel.NATIONAL,
            strategy=None,
            year__in=[year, year - 1],
        ).select_related("plan")
    }
    total = amounts.get((year, BudgetSource.TOTAL))
    printed, codes = _printed_shares(year), _finding_codes(year)
    rows = []
    for source in SOURCES:
        current, previous = amounts.get((year, source)), amounts.get((year - 1, source))
        computed = (
            _share(current.amount_eok, total.amount_eok)
            if current and total and source != BudgetSource.TOTAL
            else None
        )
        rows.append(
            SourceRow(
                source=source,
                label=BudgetSource(source).label,
                current=plain(current.amount_eok) if current else None,
                previous=plain(previous.amount_eok) if previous else None,
                printed=current.printed if current else "",
                printed_previous=previous.printed if previous else "",
                share=_percent(
                    printed.get(("source", source)), computed, SOURCE_SHARE_FINDING, codes
                ),
                budget=current,
                budget_previous=previous,
            )
        )
    return rows


def strategy_shares(year: int) -> list[StrategyShare]:
    """How the ministries' national money and the provinces' fiscal input split over the
    five national strategies (provinces' pillars carry the national strategy's code)."""
    names = dict(
        Strategy.objects.filter(
            plan__year=year, plan__is_draft=False, plan__level=PlanLevel.SECTORAL, kind="pillar"
        )
        .exclude(ministry_part("plan__"))
        .values_list("code", "name")
    )
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)  # exact: never a float SUM
    for level, code, amount in (
        Budget.objects.filter(
            plan__year=year,
            plan__is_draft=False,
            year=year,
            plan__level__in=[PlanLevel.SECTORAL, PlanLevel.PROVINCE],
            strategy__isnull=False,
        )
        .exclude(ministry_part("plan__"))
        .values_list("plan__level", "strategy__code", "amount_eok")
    ):
        sums[(level, code)] += amount
    ministries_total = sum(sums[(PlanLevel.SECTORAL, c)] for c in STRATEGY_CODES)
    provinces_total = sum(sums[(PlanLevel.PROVINCE, c)] for c in STRATEGY_CODES)
    printed, codes = _printed_shares(year), _finding_codes(year)
    return [
        StrategyShare(
            code=code,
            name=names.get(code, ""),
            ministries_eok=plain(sums[(PlanLevel.SECTORAL, code)]),
            ministries_share=_percent(
                printed.get((PlanLevel.SECTORAL, code)),
                _share(sums[(PlanLevel.SECTORAL, code)], ministries_total),
                STRATEGY_SHARE_FINDING,
                codes,
            ),
            provinces_eok=plain(sums[(PlanLevel.PROVINCE, code)]),
            provinces_share=_percent(
                printed.get((PlanLevel.PROVINCE, code)),
                _share(sums[(PlanLevel.PROVINCE, code)], provinces_total),
                STRATEGY_SHARE_FINDING,
                codes,
            ),
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
                {"name": f"{year - 1}년", "data": [json_number(r.previous) for r in by_source]},
                {"name": f"{year}년", "data": [json_number(r.current) for r in by_source]},
            ],
            "unit": "억원(조원 인쇄값 환산)",
        },
        "strategies": {
            "categories": [f"{s.code} {s.name.split()[-1] if s.name else ''}" for s in shares],
            "series": [
                {
                    "name": "부처(국비, 원문)",
                    "data": [_chart_percent(s.ministries_share) for s in shares],
                },
                {
                    "name": "시·도(원문)",
                    "data": [_chart_percent(s.provinces_share) for s in shares],
                },
            ],
            "unit": "%",
        },
    }


def _chart_percent(share: PrintedPercent) -> float:
    """The chart draws what the plan prints; DREAM's computation where it prints nothing."""
    if share.printed:
        return float(share.printed.rstrip("%"))
    return float(share.computed or 0)


@dataclass(frozen=True)
class ComputedAmount:
    """An amount DREAM adds up from the plan's rows (DREAM 계산), beside the figure the plan
    prints for it, if it prints one ("24.6조원" in the 총계 row): the reader must see which
    of the two the document says."""

    computed: Decimal | int  # 억원
    printed: Budget | None
    finding_code: str = ""  # the finding that explains how the two relate

    @property
    def check_label(self) -> str:
        return BUDGET_CHECK_LABELS[budget_check(self.computed, self.printed)]


def ministries_national_budget(year: int, computed: Decimal | int) -> ComputedAmount:
    """The ministries' 국비 (the practical tasks' sum) beside the sectoral plan's 총계 row."""
    printed = (
        Budget.objects.filter(
            plan__year=year,
            plan__is_draft=False,
            plan__level=PlanLevel.SECTORAL,
            strategy=None,
            year=year,
            source=BudgetSource.NATIONAL,
        )
        .exclude(ministry_part("plan__"))
        .exclude(printed="")  # a compiled plan's total is DREAM's sum, not a printed row
        .first()
    )
    code = (
        Finding.objects.filter(year=year, code__in=SECTORAL_TOTAL_FINDINGS)
        .values_list("code", flat=True)
        .first()
    )
    return ComputedAmount(computed=computed, printed=printed, finding_code=code or "")


def plan_counts(year: int) -> dict[str, int]:
    """Counts for the overview cards; drafts of a cycle under way are not counted."""
    plans = dict(
        Plan.objects.filter(year=year, is_draft=False)
        .exclude(ministry_part())
        .values_list("level")
        .annotate(n=Count("id"))
    )
    whole = ~ministry_part("plan__")
    tasks = Task.objects.filter(whole, plan__year=year, plan__is_draft=False).aggregate(
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
        "national_eok": summed_eok(tasks["national_eok"]),
        "indicators": Indicator.objects.filter(
            whole, plan__year=year, plan__is_draft=False
        ).count(),
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
        plan__is_draft=False,
        plan__level=PlanLevel.PROVINCE,
        group="common",
    ).values_list("plan__owner__short_name", "name", "baseline_value", "target_value"):
        if name.replace(" ", "").startswith(names) and base and target is not None:
            values[owner] = ((target - base) * 100 / base).quantize(Decimal("0.01"))
    return values


def _metric_values(year: int, metric: str) -> dict[str, Decimal | int]:
    provinces = Plan.objects.filter(year=year, level=PlanLevel.PROVINCE, is_draft=False)
    if metric == "budget":
        return {
            owner: plain(amount)
            for owner, amount in Budget.objects.filter(
                plan__in=provinces, strategy=None, year=year, source=BudgetSource.TOTAL
            ).values_list("plan__owner__short_name", "amount_eok")
        }
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
    return f"{amount_text(value)}{unit}"


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


def national_plan(year: int) -> Plan | None:
    """The Committee's plan with its strategies: the goal and five strategies the overview
    lists, where search hits on them land."""
    return (
        Plan.objects.filter(year=year, level=PlanLevel.NATIONAL, is_draft=False)
        .prefetch_related("strategies")
        .first()
    )
