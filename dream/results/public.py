"""Reads for the public results page (`/results/<year>/`): achievement of the year's
indicators by reporting body and by strategy, counted only from confirmed results.

Everything is loaded in a fixed number of queries (plans, submissions, indicators, tasks,
lead ministries, strategies, actuals, bodies), then grouped in memory: the page must not
grow a query per body or per indicator.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote

from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.indicators.models import Indicator
from dream.plans.choices import PlanLevel, StrategyKind
from dream.plans.models import Plan, Strategy, Task, TaskMinistry
from dream.plans.selectors import ministry_part, published_years
from dream.plans.selectors.overview import DARK_FROM, PALETTE, TILE_POSITIONS

from .achievement import DEFAULT_ACHIEVEMENT_RULES, Achievement, AchievementRules, achievement
from .choices import ResultState
from .models import IndicatorActual, ResultSubmission

NO_CONFIRMED = "확정된 실적 없음"
SHARE_RULE = "달성 ÷ (달성 + 부분 달성 + 미달성) × 100"
BODY_KINDS = (OrganizationKind.PROVINCE, OrganizationKind.SUPER_REGION, OrganizationKind.MINISTRY)
UNLINKED_STRATEGY = "전략에 연결되지 않은 지표"


@dataclass
class Counts:
    """Indicators of a group and what their confirmed results came to."""

    indicators: int = 0
    with_actual: int = 0
    achieved: int = 0
    partial: int = 0
    below: int = 0
    judgement: int = 0

    def add(self, result: Achievement, rules: AchievementRules) -> None:
        self.indicators += 1
        if result.status == "no_actual":
            return
        self.with_actual += 1
        if result.needs_judgement:
            self.judgement += 1
        elif result.level == rules.below_label:
            self.below += 1
        elif result.level == top_level(rules):
            self.achieved += 1
        else:
            self.partial += 1

    @property
    def share(self) -> Decimal | None:
        """Achieved among the indicators with a computed level, in %, one place (DREAM's
        computation); None when no level was computed."""
        computed = self.achieved + self.partial + self.below
        if not computed:
            return None
        return (Decimal(self.achieved) * 100 / computed).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass
class BodyRow:
    organization: Organization
    kind_label: str
    plan_indicators: int
    confirmed: bool
    href: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class StrategyRow:
    group: str
    name: str
    counts: Counts = field(default_factory=Counts)


@dataclass(frozen=True)
class YearResults:
    year: int
    bodies: list[BodyRow]
    strategies: list[StrategyRow]
    confirmed_count: int


def top_level(rules: AchievementRules) -> str:
    return max(rules.levels, key=lambda level: level[1])[0] if rules.levels else ""


def published_year_or_404(year: int) -> int:
    """`year` when a plan of it is published, else a Korean 404 naming those that are."""
    years = published_years()
    if year not in years:
        shown = ", ".join(f"{y}년" for y in years) or "없음"
        raise Http404(f"{year}년 시행계획은 공개되지 않았습니다. 공개된 연도: {shown}.")
    return year


def body_href(year: int, organization: Organization) -> str:
    """The body's own results page (`results:body`; its path while that page is not there)."""
    try:
        return reverse("results:body", args=[year, organization.short_name])
    except NoReverseMatch:
        return f"/results/{year}/{quote(organization.short_name, safe='')}/"


def _responsible(plan: Plan, task_id, parents: dict, leads: dict):
    """The reporting body's id (see `permissions.responsible_body`), from maps in memory."""
    if plan.level != PlanLevel.SECTORAL:
        return plan.owner_id
    while task_id is not None:
        if task_id in leads:
            return leads[task_id]
        task_id = parents.get(task_id)
    return plan.owner_id


def _pillar(task_id, parents: dict, task_strategy: dict):
    while task_id is not None:
        if task_strategy.get(task_id) is not None:
            return task_strategy[task_id]
        task_id = parents.get(task_id)
    return None


def year_results(year: int, rules: AchievementRules = DEFAULT_ACHIEVEMENT_RULES) -> YearResults:
    """Achievement of the year's plan indicators by body and by strategy, from confirmed
    results only; bodies without them are listed, never counted as 0 %."""
    plans = {
        plan.pk: plan
        for plan in Plan.objects.filter(year=year, is_draft=False)
        .exclude(ministry_part())
        .select_related("owner")
    }
    confirmed = set(
        ResultSubmission.objects.filter(plan_id__in=plans, state=ResultState.CONFIRMED).values_list(
            "plan_id", "organization_id"
        )
    )
    indicators = list(
        Indicator.objects.filter(plan_id__in=plans).values(
            "pk",
            "plan_id",
            "task_id",
            "baseline_value",
            "target_value",
            "target_text",
            "direction",
            "is_new",
        )
    )
    parents, task_strategy = {}, {}
    for pk, parent_id, strategy_id in Task.objects.filter(plan_id__in=plans).values_list(
        "pk", "parent_id", "strategy_id"
    ):
        parents[pk], task_strategy[pk] = parent_id, strategy_id
    leads: dict = {}
    for task_id, ministry_id in (
        TaskMinistry.objects.filter(task__plan__level=PlanLevel.SECTORAL, task__plan_id__in=plans)
        .order_by("task_id", "-position")
        .values_list("task_id", "ministry_id")
    ):
        leads[task_id] = ministry_id  # the lowest position is written last
    strategies = {
        strategy.pk: strategy
        for strategy in Strategy.objects.filter(plan_id__in=plans, kind=StrategyKind.PILLAR)
    }
    actuals = {
        actual["indicator_id"]: actual
        for actual in IndicatorActual.objects.filter(
            indicator__plan_id__in=plans, year=year
        ).values("indicator_id", "value", "value_text")
    }
    plan_indicators: dict = defaultdict(int)
    by_body: dict = defaultdict(Counts)
    by_strategy: dict = {}
    for row in indicators:
        plan = plans[row["plan_id"]]
        body_id = _responsible(plan, row["task_id"], parents, leads)
        plan_indicators[body_id] += 1
        if (plan.pk, body_id) not in confirmed:
            continue
        actual = actuals.get(row["pk"], {})
        result = achievement(
            target_value=row["target_value"],
            target_text=row["target_text"],
            baseline_value=row["baseline_value"],
            actual_value=actual.get("value"),
            actual_text=actual.get("value_text", ""),
            direction=row["direction"],
            rules=rules,
            is_new=row["is_new"],
        )
        by_body[body_id].add(result, rules)
        key, group, name = _strategy_key(
            plan, strategies.get(_pillar(row["task_id"], parents, task_strategy))
        )
        by_strategy.setdefault(key, StrategyRow(group, name)).counts.add(result, rules)
    bodies = _body_rows(year, plans, confirmed, plan_indicators, by_body)
    return YearResults(
        year=year,
        bodies=bodies,
        strategies=[by_strategy[key] for key in sorted(by_strategy)],
        confirmed_count=len(confirmed),
    )


def _strategy_key(plan: Plan, strategy: Strategy | None) -> tuple:
    """(sort key, group, name). Provinces' and ministries' pillars carry the national
    strategy's code, so they share a row; each super-region's strategies are its own."""
    if strategy is None:
        return (9, 0, 0, 0, ""), UNLINKED_STRATEGY, ""
    if plan.level == PlanLevel.SUPER_REGION:
        owner = plan.owner
        key = (2, owner.position, owner.pk, strategy.position, "")
        return key, f"초광역권 · {owner.short_name}", strategy.name
    code = strategy.code or str(strategy.position)
    return (1, 0, 0, 0, code), "5대 전략", f"{strategy.code} {strategy.name}".strip()


KIND_ORDER = {kind: index for index, kind in enumerate(BODY_KINDS)}


def _body_rows(year, plans, confirmed, plan_indicators, by_body) -> list[BodyRow]:
    """Every province and super-region, and each ministry that reports on the year's plan."""
    confirmed_bodies = {body for _, body in confirmed}
    reporting = {plan.owner_id for plan in plans.values()} | confirmed_bodies | set(plan_indicators)
    organizations = Organization.objects.filter(
        Q(kind__in=(OrganizationKind.PROVINCE, OrganizationKind.SUPER_REGION))
        | Q(kind=OrganizationKind.MINISTRY, pk__in=reporting)
    )
    return [
        BodyRow(
            organization=organization,
            kind_label=organization.get_kind_display(),
            plan_indicators=plan_indicators.get(organization.pk, 0),
            confirmed=organization.pk in confirmed_bodies,
            href=body_href(year, organization),
            counts=by_body.get(organization.pk, Counts()),
        )
        for organization in sorted(
            organizations,
            key=lambda org: (KIND_ORDER[org.kind], org.position, org.short_name),
        )
    ]


EMPTY_TILE = "#eeeeee"
# Shares achieved coloured in five even bands, as the map page's palette (not a grade).
SHARE_BANDS = tuple(Decimal(upper) for upper in (20, 40, 60, 80, 100))


@dataclass(frozen=True)
class ResultTile:
    short_name: str
    row: int
    column: int
    label: str
    color: str
    dark: bool
    href: str


def province_tiles(bodies: list[BodyRow]) -> tuple[list[ResultTile], list[tuple[str, str]]]:
    """The provinces on the map page's tile grid, coloured by the share achieved, and the
    legend; a province without confirmed results or computed levels stays grey."""
    tiles = []
    for row in bodies:
        position = TILE_POSITIONS.get(row.organization.short_name)
        if row.organization.kind != OrganizationKind.PROVINCE or position is None:
            continue
        share = row.counts.share if row.confirmed else None
        band = (
            None
            if share is None
            else next(
                (i for i, upper in enumerate(SHARE_BANDS) if share <= upper), len(SHARE_BANDS) - 1
            )
        )
        if not row.confirmed:
            label = NO_CONFIRMED
        elif share is None:
            label = "계산된 지표 없음"
        else:
            label = f"{share}%"
        tiles.append(
            ResultTile(
                short_name=row.organization.short_name,
                row=position[0],
                column=position[1],
                label=label,
                color=EMPTY_TILE if band is None else PALETTE[band],
                dark=band is not None and band >= DARK_FROM,
                href=row.href,
            )
        )
    lower = Decimal(0)
    legend = []
    for color, upper in zip(PALETTE, SHARE_BANDS, strict=True):
        legend.append((color, f"{lower}% ~ {upper}%"))
        lower = upper
    legend.append((EMPTY_TILE, f"{NO_CONFIRMED} 또는 계산된 지표 없음"))
    return tiles, legend
